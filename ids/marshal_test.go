package ids_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

// encodable is what every type but APIKey offers (an APIKey is never encoded).
type encodable interface {
	encoding.TextMarshaler
	encoding.TextAppender
	json.Marshaler
	String() string
	IsZero() bool
}

// decodable is what a pointer to every type offers.
type decodable interface {
	encoding.TextUnmarshaler
	json.Unmarshaler
}

// codecCase is one type: a valid value, its zero value, a fresh pointer to decode into,
// the member its failures name, its name in messages, and whether it has an SQL form.
type codecCase struct {
	name  string
	value encodable
	zero  encodable
	fresh func() decodable // a pointer to a new zero value
	field string
	sql   bool
}

func codecCases() []codecCase {
	return []codecCase{
		{"CustomerID", ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), ids.CustomerID{},
			func() decodable { return new(ids.CustomerID) }, "id", true},
		{"AccountID", ids.MustParseAccountID("bacc_7Qm2XvR9pLk4TzW8nYc3D"), ids.AccountID{},
			func() decodable { return new(ids.AccountID) }, "id", true},
		{"ExternalReference", ids.MustParseExternalReference("CRM-0042_a"), ids.ExternalReference{},
			func() decodable { return new(ids.ExternalReference) }, "external_reference", true},
		{"IdempotencyKey", ids.MustParseIdempotencyKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"), ids.IdempotencyKey{},
			func() decodable { return new(ids.IdempotencyKey) }, "idempotency_key", false},
	}
}

// deref returns the value p points to.
func deref(p decodable) encodable {
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

// holding returns a fresh pointer that holds the valid value of c.
func holding(t *testing.T, c codecCase) decodable {
	t.Helper()
	p := c.fresh()
	require.NoError(t, p.UnmarshalText([]byte(c.value.String())))
	return p
}

// TestRoundTrip: what each encoder writes, the matching decoder reads back equal.
func TestRoundTrip(t *testing.T) {
	for _, c := range codecCases() {
		forms := []struct {
			name   string
			sql    bool
			encode func() ([]byte, error)
			decode func(decodable, []byte) error
			want   string // what the encoder writes
		}{
			{"text", false, c.value.MarshalText, decodable.UnmarshalText, c.value.String()},
			{"AppendText", false, func() ([]byte, error) { return c.value.AppendText(nil) }, decodable.UnmarshalText, c.value.String()},
			{"JSON", false, c.value.MarshalJSON, decodable.UnmarshalJSON, `"` + c.value.String() + `"`},
			{"json.Marshal", false, func() ([]byte, error) { return json.Marshal(c.value) },
				func(p decodable, b []byte) error { return json.Unmarshal(b, p) }, `"` + c.value.String() + `"`},
			{"SQL string", true, func() ([]byte, error) {
				v, err := c.value.(driver.Valuer).Value()
				return []byte(v.(string)), err
			}, func(p decodable, b []byte) error { return p.(sql.Scanner).Scan(string(b)) }, c.value.String()},
			{"SQL []byte", true, func() ([]byte, error) {
				v, err := c.value.(driver.Valuer).Value()
				return []byte(v.(string)), err
			}, func(p decodable, b []byte) error { return p.(sql.Scanner).Scan(b) }, c.value.String()},
		}
		for _, f := range forms {
			if f.sql && !c.sql {
				continue
			}
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				out, err := f.encode()
				require.NoError(t, err)
				assert.Equal(t, f.want, string(out))
				p := c.fresh()
				require.NoError(t, f.decode(p, out))
				assert.Equal(t, c.value, deref(p))
			})
		}
		t.Run(c.name+"/AppendText appends", func(t *testing.T) {
			out, err := c.value.AppendText([]byte("x:"))
			require.NoError(t, err)
			assert.Equal(t, "x:"+c.value.String(), string(out))
		})
		t.Run(c.name+"/JSON escapes", func(t *testing.T) {
			// Escaped characters are read as JSON defines them.
			s := c.value.String()
			p := c.fresh()
			require.NoError(t, p.UnmarshalJSON([]byte(`"\u00`+hex2(s[0])+s[1:]+`"`)))
			assert.Equal(t, c.value, deref(p))
		})
	}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// TestZeroIsNotEncoded: every encoder refuses the zero value with required at its member,
// and writes nothing.
func TestZeroIsNotEncoded(t *testing.T) {
	for _, c := range codecCases() {
		encoders := []struct {
			name   string
			sql    bool
			encode func() (any, error)
			want   any
		}{
			{"MarshalText", false, func() (any, error) { return c.zero.MarshalText() }, []byte(nil)},
			{"AppendText", false, func() (any, error) { return c.zero.AppendText([]byte("kept")) }, []byte("kept")},
			{"MarshalJSON", false, func() (any, error) { return c.zero.MarshalJSON() }, []byte(nil)},
			{"json.Marshal", false, func() (any, error) { return json.Marshal(c.zero) }, []byte(nil)},
			{"Value", true, func() (any, error) { return c.zero.(driver.Valuer).Value() }, nil},
		}
		for _, e := range encoders {
			if e.sql && !c.sql {
				continue
			}
			t.Run(c.name+"/"+e.name, func(t *testing.T) {
				out, err := e.encode()
				fe := requireFailure(t, err, c.field, billing.CodeRequired)
				assert.Contains(t, fe.Message, "zero "+c.name)
				assert.Equal(t, e.want, out)
			})
		}
	}
}

// TestNullLeavesTheValue: JSON null leaves a value as it was, as encoding/json does, and a
// pointer member stays nil.
func TestNullLeavesTheValue(t *testing.T) {
	for _, c := range codecCases() {
		for _, null := range []string{"null", " null\n"} {
			t.Run(c.name+"/"+null, func(t *testing.T) {
				p := c.fresh()
				require.NoError(t, p.UnmarshalJSON([]byte(null)))
				assert.True(t, deref(p).IsZero())

				p = holding(t, c)
				require.NoError(t, p.UnmarshalJSON([]byte(null)))
				assert.Equal(t, c.value, deref(p))
			})
		}
	}

	var o order
	require.NoError(t, json.Unmarshal([]byte(`{"customer":"bcus_a1","account":"bacc_b2"}`), &o))
	require.NoError(t, json.Unmarshal([]byte(`{"customer":null,"account":null,"reference":null,"idempotency_key":null}`), &o))
	assert.Equal(t, "bcus_a1", o.Customer.String(), "null leaves a plain member as it was")
	assert.Nil(t, o.Account, "null sets a pointer member to nil")
	assert.True(t, o.Reference.IsZero())
	assert.True(t, o.Idempotency.IsZero())
}

// TestEmptyIsRequired: "" and empty text are not values.
func TestEmptyIsRequired(t *testing.T) {
	for _, c := range codecCases() {
		decoders := map[string]func(decodable) error{
			`UnmarshalJSON ""`:  func(p decodable) error { return p.UnmarshalJSON([]byte(`""`)) },
			`json.Unmarshal ""`: func(p decodable) error { return json.Unmarshal([]byte(` "" `), p) },
			"UnmarshalText nil": func(p decodable) error { return p.UnmarshalText(nil) },
			"UnmarshalText []":  func(p decodable) error { return p.UnmarshalText([]byte{}) },
		}
		if c.sql {
			decoders[`Scan ""`] = func(p decodable) error { return p.(sql.Scanner).Scan("") }
			decoders["Scan []byte{}"] = func(p decodable) error { return p.(sql.Scanner).Scan([]byte{}) }
		}
		for name, decode := range decoders {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				p := holding(t, c)
				requireFailure(t, decode(p), c.field, billing.CodeRequired)
				assert.Equal(t, c.value, deref(p), "a failed decode leaves the value as it was")
			})
		}
	}
}

func TestUnmarshalFailures(t *testing.T) {
	tests := []struct {
		name string
		json string
		code billing.Code
	}{
		{"empty string", `""`, billing.CodeRequired},
		{"number", `42`, billing.CodeInvalidType},
		{"bool", `true`, billing.CodeInvalidType},
		{"array", `["bcus_x"]`, billing.CodeInvalidType},
		{"object", `{"id":"bcus_x"}`, billing.CodeInvalidType},
		{"not JSON", `bcus_x`, billing.CodeInvalidJSON},
		{"nothing", ``, billing.CodeInvalidJSON},
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
				err := p.UnmarshalJSON([]byte(tt.json))
				requireFailure(t, err, c.field, tt.code)
				assert.True(t, deref(p).IsZero(), "a failed unmarshal leaves the value as it was")

				if json.Valid([]byte(tt.json)) {
					// Through encoding/json the same error comes back.
					err = json.Unmarshal([]byte(tt.json), p)
					requireFailure(t, err, c.field, tt.code)
				}
			})
		}
		t.Run(c.name+"/too long text", func(t *testing.T) {
			err := c.fresh().UnmarshalText([]byte(megabyte))
			requireFailure(t, err, c.field, billing.CodeTooLong)
		})
	}
}

func TestFailedUnmarshalKeepsTheValue(t *testing.T) {
	id := ids.MustParseCustomerID("bcus_keep")
	require.Error(t, id.UnmarshalText([]byte("bacc_x")))
	require.Error(t, id.UnmarshalJSON([]byte(`"bcus_!"`)))
	assert.Equal(t, "bcus_keep", id.String())
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

	err = json.Unmarshal([]byte(`{"customer":""}`), &o)
	requireFailure(t, err, "id", billing.CodeRequired)
	err = json.Unmarshal([]byte(`{"customer":"bacc_b2"}`), &o)
	requireFailure(t, err, "id", billing.CodeInvalidFormat)

	// A zero member without omitzero is not written.
	_, err = json.Marshal(order{})
	requireFailure(t, err, "id", billing.CodeRequired)

	// IDs are map keys through their text form.
	m := map[ids.CustomerID]int{ids.MustParseCustomerID("bcus_k1"): 1}
	js, err := json.Marshal(m)
	require.NoError(t, err)
	assert.Equal(t, `{"bcus_k1":1}`, string(js))
	var back map[ids.CustomerID]int
	require.NoError(t, json.Unmarshal(js, &back))
	assert.Equal(t, m, back)
	err = json.Unmarshal([]byte(`{"nope":1}`), &back)
	requireFailure(t, err, "id", billing.CodeInvalidFormat)
}
