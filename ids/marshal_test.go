package ids_test

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

// textValue is what every type but APIKey offers (APIKey marshals to its masked form).
type textValue interface {
	encoding.TextMarshaler
	encoding.TextAppender
	json.Marshaler
	String() string
	IsZero() bool
}

// Each case: a valid value, a fresh pointer to unmarshal into, its field name.
type codecCase struct {
	name  string
	value textValue
	fresh func() any // returns a pointer to a zero value
	field string
}

func codecCases() []codecCase {
	return []codecCase{
		{"CustomerID", ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), func() any { return new(ids.CustomerID) }, "id"},
		{"AccountID", ids.MustParseAccountID("bacc_7Qm2XvR9pLk4TzW8nYc3D"), func() any { return new(ids.AccountID) }, "id"},
		{"ExternalReference", mustRef("CRM-0042_a"), func() any { return new(ids.ExternalReference) }, "external_reference"},
		{"IdempotencyKey", mustKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"), func() any { return new(ids.IdempotencyKey) }, "idempotency_key"},
	}
}

func mustRef(s string) ids.ExternalReference {
	r, err := ids.ParseExternalReference(s)
	if err != nil {
		panic(err)
	}
	return r
}

func mustKey(s string) ids.IdempotencyKey {
	k, err := ids.ParseIdempotencyKey(s)
	if err != nil {
		panic(err)
	}
	return k
}

func TestTextAndJSONRoundTrip(t *testing.T) {
	for _, tt := range codecCases() {
		t.Run(tt.name, func(t *testing.T) {
			text, err := tt.value.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.value.String(), string(text))

			appended, err := tt.value.AppendText([]byte("x:"))
			require.NoError(t, err)
			assert.Equal(t, "x:"+tt.value.String(), string(appended))

			p := tt.fresh()
			require.NoError(t, p.(encoding.TextUnmarshaler).UnmarshalText(text))
			assert.Equal(t, tt.value, deref(p))

			js, err := json.Marshal(tt.value)
			require.NoError(t, err)
			assert.Equal(t, `"`+tt.value.String()+`"`, string(js))
			p = tt.fresh()
			require.NoError(t, json.Unmarshal(js, p))
			assert.Equal(t, tt.value, deref(p))

			// Escaped characters are read as JSON defines them.
			p = tt.fresh()
			escaped := `"\u00` + hex2(tt.value.String()[0]) + tt.value.String()[1:] + `"`
			require.NoError(t, json.Unmarshal([]byte(escaped), p))
			assert.Equal(t, tt.value, deref(p))
		})
	}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func deref(p any) any {
	switch v := p.(type) {
	case *ids.CustomerID:
		return *v
	case *ids.AccountID:
		return *v
	case *ids.ExternalReference:
		return *v
	case *ids.IdempotencyKey:
		return *v
	}
	panic("unknown type")
}

func TestUnmarshalFailures(t *testing.T) {
	tests := []struct {
		name string
		json string
		code billing.Code
	}{
		{"null", `null`, billing.CodeRequired},
		{"empty string", `""`, billing.CodeRequired},
		{"number", `42`, billing.CodeInvalidType},
		{"bool", `true`, billing.CodeInvalidType},
		{"array", `["bcus_x"]`, billing.CodeInvalidType},
		{"object", `{"id":"bcus_x"}`, billing.CodeInvalidType},
		{"not JSON", `bcus_x`, billing.CodeInvalidJSON},
		{"unterminated", `"bcus_x`, billing.CodeInvalidJSON},
		{"bad escape", `"bcus_\x"`, billing.CodeInvalidJSON},
		{"escaped space", `"a\u0020b"`, billing.CodeInvalidFormat},
		{"escaped NUL", `"a\u0000b"`, billing.CodeInvalidFormat},
		{"lone surrogate escape", `"a\ud800b"`, billing.CodeInvalidFormat},
		{"invalid UTF-8", "\"a\xffb\"", billing.CodeInvalidFormat},
	}
	for _, c := range codecCases() {
		for _, tt := range tests {
			t.Run(c.name+"/"+tt.name, func(t *testing.T) {
				p := c.fresh()
				err := p.(json.Unmarshaler).UnmarshalJSON([]byte(tt.json))
				requireFieldError(t, err, c.field, tt.code)
				assert.True(t, deref(p).(textValue).IsZero(), "a failed unmarshal leaves the value as it was")

				if json.Valid([]byte(tt.json)) {
					// Through encoding/json the same error comes back.
					err = json.Unmarshal([]byte(tt.json), p)
					requireFieldError(t, err, c.field, tt.code)
				}
			})
		}
		t.Run(c.name+"/empty text", func(t *testing.T) {
			err := c.fresh().(encoding.TextUnmarshaler).UnmarshalText(nil)
			requireFieldError(t, err, c.field, billing.CodeRequired)
		})
		t.Run(c.name+"/too long text", func(t *testing.T) {
			err := c.fresh().(encoding.TextUnmarshaler).UnmarshalText([]byte(megabyte))
			requireFieldError(t, err, c.field, billing.CodeTooLong)
		})
	}
}

func TestFailedUnmarshalKeepsTheValue(t *testing.T) {
	id := ids.MustParseCustomerID("bcus_keep")
	require.Error(t, id.UnmarshalText([]byte("bacc_x")))
	require.Error(t, id.UnmarshalJSON([]byte(`"bcus_!"`)))
	assert.Equal(t, "bcus_keep", id.String())
}

func TestMarshalZeroFails(t *testing.T) {
	zeros := []struct {
		value textValue
		field string
	}{
		{ids.CustomerID{}, "id"},
		{ids.AccountID{}, "id"},
		{ids.ExternalReference{}, "external_reference"},
		{ids.IdempotencyKey{}, "idempotency_key"},
	}
	for _, z := range zeros {
		_, err := z.value.MarshalText()
		requireFieldError(t, err, z.field, billing.CodeRequired)
		b, err := z.value.AppendText([]byte("kept"))
		requireFieldError(t, err, z.field, billing.CodeRequired)
		assert.Equal(t, "kept", string(b))
		_, err = json.Marshal(z.value)
		requireFieldError(t, err, z.field, billing.CodeRequired)
	}
}

type order struct {
	Customer    ids.CustomerID        `json:"customer"`
	Account     *ids.AccountID        `json:"account"`
	Reference   ids.ExternalReference `json:"reference,omitzero"`
	Idempotency ids.IdempotencyKey    `json:"idempotency_key,omitzero"`
}

func TestJSONInStructs(t *testing.T) {
	var o order
	require.NoError(t, json.Unmarshal([]byte(`{"customer":"bcus_a1","account":null}`), &o))
	assert.Equal(t, "bcus_a1", o.Customer.String())
	assert.Nil(t, o.Account, "null reads as nil into a pointer")
	assert.True(t, o.Reference.IsZero())

	out, err := json.Marshal(o)
	require.NoError(t, err)
	assert.Equal(t, `{"customer":"bcus_a1","account":null}`, string(out), "omitzero leaves out zero values")

	require.NoError(t, json.Unmarshal([]byte(`{"customer":"bcus_a1","account":"bacc_b2","reference":"r-1"}`), &o))
	require.NotNil(t, o.Account)
	assert.Equal(t, "bacc_b2", o.Account.String())
	assert.Equal(t, "r-1", o.Reference.String())

	err = json.Unmarshal([]byte(`{"customer":null}`), &o)
	requireFieldError(t, err, "id", billing.CodeRequired)
	err = json.Unmarshal([]byte(`{"customer":"bacc_b2"}`), &o)
	requireFieldError(t, err, "id", billing.CodeInvalidFormat)

	// IDs are map keys through their text form.
	m := map[ids.CustomerID]int{ids.MustParseCustomerID("bcus_k1"): 1}
	js, err := json.Marshal(m)
	require.NoError(t, err)
	assert.Equal(t, `{"bcus_k1":1}`, string(js))
	var back map[ids.CustomerID]int
	require.NoError(t, json.Unmarshal(js, &back))
	assert.Equal(t, m, back)
	err = json.Unmarshal([]byte(`{"nope":1}`), &back)
	requireFieldError(t, err, "id", billing.CodeInvalidFormat)
}
