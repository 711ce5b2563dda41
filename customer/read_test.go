package customer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/strictjson"
)

// TestReadCreateRequest reads a customer create request nested in a larger document in
// place: the same request as ParseCreateRequest of the member's bytes, failures under the
// member's path in the enclosing document's order, and nothing from the zero Object.
func TestReadCreateRequest(t *testing.T) {
	const nested = `{"external_reference":"cust_1","phone":"+27821234567","metadata":{"tier":"gold"}}`
	want, err := customer.ParseCreateRequest([]byte(nested))
	require.NoError(t, err)

	tests := []struct {
		name, doc string
		ok        bool
		failures  []failure
	}{
		{"valid", `{"before":1,"c":` + nested + `,"after":2}`, true, []failure{}},
		{"failing", `{"before":"x","c":{"phone":"+2782","metadata":{"":"v"}},"after":"y"}`, false, []failure{
			{"before", "invalid_type"}, {"c.phone", "invalid_phone"}, {"c.metadata.", "invalid_key"},
			{"c.external_reference", "required"}, {"after", "invalid_type"},
		}},
		{"failures before it do not count", `{"before":"x","c":` + nested + `}`, true, []failure{{"before", "invalid_type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				got customer.CreateRequest
				ok  bool
			)
			err := strictjson.Decode([]byte(tt.doc), "", func(o strictjson.Object) {
				for o.Next() {
					if o.Name() != "c" {
						o.Int(0, 9)
						continue
					}
					sub, _ := o.Object()
					ok = customer.ReadCreateRequest(sub, &got)
				}
			})
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.failures, failures(err))
			if tt.ok {
				assert.True(t, want.Equal(got), "%v", got)
			} else {
				assert.Equal(t, customer.CreateRequest{}, got)
			}
		})
	}

	var r customer.CreateRequest
	assert.False(t, customer.ReadCreateRequest(strictjson.Object{}, &r))
	assert.Equal(t, customer.CreateRequest{}, r)
}
