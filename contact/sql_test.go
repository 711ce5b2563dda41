package contact_test

import (
	"database/sql"
	"database/sql/driver"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
)

// sqlValue is what Name, Email and Phone are to database/sql.
type sqlValue interface {
	driver.Valuer
	sql.Scanner
}

func TestSQLRoundTrip(t *testing.T) {
	name, err := contact.ParseName("\u1112\u1161\u11ab Zoë")
	require.NoError(t, err)
	email, err := contact.ParseEmail("Jane.Doe@example.com")
	require.NoError(t, err)
	phone := mustPhone(t, "+27123456789")

	tests := []struct {
		field string
		val   driver.Valuer
		want  string // the stored form: the whole value, never the masked one
		newer func() sqlValue
		get   func(sqlValue) any
	}{
		{"name", name, "\u1112\u1161\u11ab Zoë", func() sqlValue { return new(contact.Name) },
			func(v sqlValue) any { return *v.(*contact.Name) }},
		{"email", email, "Jane.Doe@example.com", func() sqlValue { return new(contact.Email) },
			func(v sqlValue) any { return *v.(*contact.Email) }},
		{"phone", phone, "+27123456789", func() sqlValue { return new(contact.Phone) },
			func(v sqlValue) any { return *v.(*contact.Phone) }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			v, err := tt.val.Value()
			require.NoError(t, err)
			assert.Equal(t, tt.want, v)
			assert.True(t, driver.IsValue(v))

			for _, src := range []any{v, []byte(v.(string))} {
				dst := tt.newer()
				require.NoError(t, dst.Scan(src))
				assert.Equal(t, tt.val, tt.get(dst))
			}

			// A plain value refuses NULL, and says where to scan it instead.
			dst := tt.newer()
			err = dst.Scan(nil)
			requireFieldError(t, err, tt.field, billing.CodeRequired, "")
			assert.Contains(t, err.Error(), "sql.Null[contact.")
			for _, src := range []any{int64(27), 1.5, true, time.Time{}} {
				requireFieldError(t, dst.Scan(src), tt.field, billing.CodeInvalidType, "")
			}
			requireFieldError(t, dst.Scan(""), tt.field, billing.CodeRequired, "")
			requireFieldError(t, dst.Scan([]byte{}), tt.field, billing.CodeRequired, "")
		})
	}
}

func TestSQLZeroValue(t *testing.T) {
	for field, v := range map[string]driver.Valuer{
		"name": contact.Name{}, "email": contact.Email{}, "phone": contact.Phone{},
	} {
		got, err := v.Value()
		requireFieldError(t, err, field, billing.CodeRequired, "")
		assert.Nil(t, got)
	}
}

func TestSQLScanLeavesValueOnFailure(t *testing.T) {
	p := mustPhone(t, "+27123456789")
	q := p
	require.Error(t, q.Scan("+27 12 345 6789"))
	require.Error(t, q.Scan(nil))
	require.Error(t, q.Scan(42))
	assert.Equal(t, p, q)

	e, err := contact.ParseEmail("jane@example.com")
	require.NoError(t, err)
	f := e
	require.Error(t, f.Scan("jane@example"))
	assert.Equal(t, e, f)

	n, err := contact.ParseName("Jane")
	require.NoError(t, err)
	m := n
	requireFieldError(t, m.Scan("Jane\u202e"), "name", billing.CodeInvalidCharacters, "")
	assert.Equal(t, n, m)
}

// TestSQLScanRules checks that Scan applies the request rules to names and
// emails, and only the shape to phones.
func TestSQLScanRules(t *testing.T) {
	var n contact.Name
	requireFieldError(t, n.Scan("\t"), "name", billing.CodeRequired, "")
	var e contact.Email
	requireFieldError(t, e.Scan("jane@example.123"), "email", billing.CodeInvalidFormat, "jane@example.123")

	var p contact.Phone
	require.NoError(t, p.Scan("+15555555555"), "a number no longer valid stays readable")
	assert.False(t, p.IsValid())
	assert.Equal(t, "+1********55", p.String())
	v, err := p.Value()
	require.NoError(t, err)
	assert.Equal(t, "+15555555555", v)
	requireFieldError(t, p.Scan("0821234567"), "phone", billing.CodeInvalidFormat, "0821234567")
	assert.Equal(t, "+15555555555", p.E164())

	require.NoError(t, p.Scan([]byte("+27123456789")))
	assert.True(t, p.IsValid())
	assert.Equal(t, mustPhone(t, "+27123456789"), p)
}

// TestSQLNull checks that the containers of an absent value need nothing of
// the package: sql.Null[T] and *T read NULL, and sql.Null[T]{} writes it.
func TestSQLNull(t *testing.T) {
	var n sql.Null[contact.Phone]
	require.NoError(t, n.Scan(nil))
	assert.False(t, n.Valid)
	v, err := n.Value()
	require.NoError(t, err)
	assert.Nil(t, v)

	require.NoError(t, n.Scan("+27123456789"))
	assert.True(t, n.Valid)
	assert.Equal(t, mustPhone(t, "+27123456789"), n.V)
	v, err = n.Value()
	require.NoError(t, err)
	assert.Equal(t, "+27123456789", v)

	var e sql.Null[contact.Email]
	require.NoError(t, e.Scan(nil))
	assert.False(t, e.Valid)
	var name sql.Null[contact.Name]
	require.NoError(t, name.Scan([]byte("Jane")))
	assert.Equal(t, "Jane", name.V.String())
}

// TestSQLDriverArgument checks what database/sql hands a driver for each form
// of a Phone argument: the full number, never the masked String, and NULL for
// an absent one.
func TestSQLDriverArgument(t *testing.T) {
	p := mustPhone(t, "+27123456789")
	var none *contact.Phone
	tests := []struct {
		arg  any
		want driver.Value
	}{
		{p, "+27123456789"},
		{&p, "+27123456789"},
		{none, nil},
		{sql.Null[contact.Phone]{V: p, Valid: true}, "+27123456789"},
		{sql.Null[contact.Phone]{}, nil},
	}
	for _, tt := range tests {
		got, err := driver.DefaultParameterConverter.ConvertValue(tt.arg)
		require.NoError(t, err, "%T", tt.arg)
		assert.Equal(t, tt.want, got, "%T", tt.arg)
	}
	_, err := driver.DefaultParameterConverter.ConvertValue(contact.Phone{})
	assert.ErrorIs(t, err, billing.CodeRequired)
}
