package entity

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/money"
)

// TestBalanceBounds holds the builder and the reader to the same balance bounds,
// ±(2^53−1) minor units, at both ends.
func TestBalanceBounds(t *testing.T) {
	for _, tt := range []struct {
		minor int64
		fails bool
	}{
		{money.MaxMinorUnits, false},
		{money.MaxMinorUnits + 1, true},
		{-money.MaxMinorUnits, false},
		{-money.MaxMinorUnits - 1, true},
		{0, false},
	} {
		t.Run(strconv.FormatInt(tt.minor, 10), func(t *testing.T) {
			ref, cur, minor := "c1", "ZAR", tt.minor
			b := NewBuilder(CustomerCreate)
			b.String("external_reference", &ref)
			b.String("currency", &cur)
			b.Balance(&minor)
			v, err := b.Finish()
			var fromJSON Values
			jsonErr := Decode([]byte(`{"external_reference":"c1","currency":"ZAR","balance":`+
				strconv.FormatInt(tt.minor, 10)+`}`), CustomerCreate, &fromJSON)
			assert.Equal(t, report.Errs(jsonErr), report.Errs(err), "the builder and the reader agree")
			if !tt.fails {
				assert.NoError(t, err)
				assert.True(t, v.HasBalance)
				assert.Equal(t, tt.minor, v.Balance)
				return
			}
			if assert.Len(t, report.Errs(err), 1) {
				assert.Equal(t, "balance", report.Errs(err)[0].Field)
				assert.Equal(t, billing.CodeOutOfRange, report.Errs(err)[0].Code)
			}
		})
	}
}

// TestSkipUnknown reads an object with a member the library does not know: unknown_field
// by default, skipped with SkipUnknown, and a known member still checked either way.
func TestSkipUnknown(t *testing.T) {
	doc := []byte(`{"id":"bcus_1","external_reference":"c1","created_at":1,"currency":"zar"}`)
	var v Values
	err := Decode(doc, CustomerObject, &v)
	assert.Equal(t, []string{"created_at unknown_field", "currency invalid_currency"}, fieldCodes(err))
	err = Decode(doc, CustomerObject|SkipUnknown, &v)
	assert.Equal(t, []string{"currency invalid_currency"}, fieldCodes(err))
}

// TestUpdateRemovesByKind removes each member of each update document with null: the
// update removes that member's kind and no other.
func TestUpdateRemovesByKind(t *testing.T) {
	for _, d := range []Doc{CustomerUpdate, AccountUpdate} {
		for i := range members {
			m := &members[i]
			if m.in&d == 0 {
				continue
			}
			var u Update
			err := DecodeUpdate([]byte(`{"`+m.name+`":null}`), d, &u)
			assert.NoError(t, err, m.name)
			for k := kind(1); k <= kCustomer; k++ {
				assert.Equal(t, k == m.kind, u.removes(k), "doc %d: %s removes kind %d", d, m.name, k)
			}
		}
	}
}

// fieldCodes returns "field code" for each failure of err, in order.
func fieldCodes(err error) []string {
	var out []string
	for _, e := range report.Errs(err) {
		out = append(out, e.Field+" "+string(e.Code))
	}
	return out
}

// TestApplyInPlace applies an update whose check compares the stored currency with the
// new one, writing the result over the stored object itself: the check still sees the
// stored currency.
func TestApplyInPlace(t *testing.T) {
	var stored Values
	if err := Decode([]byte(`{"id":"bcus_1","external_reference":"c1","currency":"ZAR","balance":2000}`),
		CustomerObject, &stored); err != nil {
		t.Fatal(err)
	}
	var u Update
	if err := DecodeUpdate([]byte(`{"currency":"JPY"}`), CustomerUpdate, &u); err != nil {
		t.Fatal(err)
	}
	var out Values
	apart := Apply(CustomerUpdate, &stored, &u, &out)
	inPlace := Apply(CustomerUpdate, &stored, &u, &stored)
	assert.Equal(t, []string{"currency conflict"}, fieldCodes(apart))
	assert.Equal(t, fieldCodes(apart), fieldCodes(inPlace))
}
