package billingtest

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tallykit/billing/contact"
)

// TestExampleNumbersAreValid: the table of example numbers comes from the metadata that
// contact's rules come from, so contact.ParsePhone accepts every number, with the region
// and (but where the digits cannot tell fixed line from mobile) the type of the table.
func TestExampleNumbersAreValid(t *testing.T) {
	assert.Equal(t, contact.PhoneMetadataSource, examplePhonesSource, "run go generate ./billingtest after go generate ./contact")
	assert.Len(t, examplePhones(), len(exampleNumbers), "every example number is valid")
	for _, e := range examplePhones() {
		assert.NotEmpty(t, e.phone.Region(), e.phone.E164())
		if got := e.phone.Type(); got != contact.PhoneTypeFixedLineOrMobile {
			assert.Equal(t, e.typ, got, "%s %s", e.region, e.phone.E164())
		}
	}
}
