package contact_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
)

func TestParseEmailValid(t *testing.T) {
	tests := []struct {
		in, local, domain, masked string
	}{
		{"jane@example.com", "jane", "example.com", "j***@example.com"},
		{"Jane.Doe@Example.COM", "Jane.Doe", "Example.COM", "J***@Example.COM"}, // never lower-cased
		{"j@example.com", "j", "example.com", "j***@example.com"},
		{"a.b.c@x.io", "a.b.c", "x.io", "a***@x.io"},
		{"!#$%&'*+/=?^_`{|}~-@example.com", "!#$%&'*+/=?^_`{|}~-", "example.com", "!***@example.com"},
		{"user+tag@mail.example.co.za", "user+tag", "mail.example.co.za", "u***@mail.example.co.za"},
		{"x@xn--bcher-kva.example", "x", "xn--bcher-kva.example", "x***@xn--bcher-kva.example"},
		{"x@a-b.c-d", "x", "a-b.c-d", "x***@a-b.c-d"},
		{"x@1.2.3.a4", "x", "1.2.3.a4", "x***@1.2.3.a4"},
		{"x@123.4-5", "x", "123.4-5", "x***@123.4-5"},
		{strings.Repeat("l", 64) + "@example.com", strings.Repeat("l", 64), "example.com", "l***@example.com"},
		{"x@" + strings.Repeat("a", 63) + ".com", "x", strings.Repeat("a", 63) + ".com", "x***@" + strings.Repeat("a", 63) + ".com"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := contact.ParseEmail(tt.in)
			require.NoError(t, err)
			assert.False(t, e.IsZero())
			assert.Equal(t, tt.in, e.Address())
			assert.Equal(t, tt.local, e.Local())
			assert.Equal(t, tt.domain, e.Domain())
			assert.Equal(t, tt.masked, e.String())
			assert.Equal(t, tt.masked, e.Masked())
		})
	}
}

// longDomain returns a domain of exactly n characters made of 63-character labels.
func longDomain(n int) string {
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		rest := n - b.Len()
		if rest > 63 {
			rest = 63
		}
		b.WriteString(strings.Repeat("d", rest))
	}
	return b.String()
}

func TestParseEmailLimits(t *testing.T) {
	// A domain of exactly 253 characters behind a 1-character local part is
	// 255 in all: accepted.
	d253 := longDomain(253)
	require.Len(t, d253, 253)
	_, err := contact.ParseEmail("a@" + d253)
	require.NoError(t, err)

	// A longer domain makes the address over 255 (the local part has at least
	// one character): too_long, which outranks invalid_format. The 253 limit
	// of the domain is implied by the 255 limit of the whole.
	_, err = contact.ParseEmail("a@" + longDomain(254))
	requireFieldError(t, err, "email", billing.CodeTooLong, "")
	_, err = contact.ParseEmail("ab@" + d253)
	requireFieldError(t, err, "email", billing.CodeTooLong, "")

	// A local part over 64 is the grammar's: invalid_format.
	_, err = contact.ParseEmail(strings.Repeat("a", 65) + "@example.com")
	requireFieldError(t, err, "email", billing.CodeInvalidFormat, "")

	// 256 characters of anything: too_long, even when the grammar fails too.
	_, err = contact.ParseEmail(strings.Repeat("@", 256))
	requireFieldError(t, err, "email", billing.CodeTooLong, "")

	// Lengths are code points: 255 non-ASCII characters are over 255 bytes
	// but not over 255 characters (invalid_format: ASCII only).
	_, err = contact.ParseEmail(strings.Repeat("é", 255))
	requireFieldError(t, err, "email", billing.CodeInvalidFormat, "")
	_, err = contact.ParseEmail(strings.Repeat("é", 256))
	requireFieldError(t, err, "email", billing.CodeTooLong, "")
	// An invalid UTF-8 byte counts as one.
	_, err = contact.ParseEmail(strings.Repeat("\xff", 255))
	requireFieldError(t, err, "email", billing.CodeInvalidFormat, "")
	_, err = contact.ParseEmail(strings.Repeat("\xff", 256))
	requireFieldError(t, err, "email", billing.CodeTooLong, "")
}

func TestParseEmailInvalid(t *testing.T) {
	tests := []struct {
		in   string
		code billing.Code
	}{
		{"", billing.CodeRequired},
		{" ", billing.CodeInvalidFormat},
		{"jane", billing.CodeInvalidFormat},
		{"jane@", billing.CodeInvalidFormat},
		{"@example.com", billing.CodeInvalidFormat},
		{"jane@example", billing.CodeInvalidFormat},      // one label
		{"jane@example.", billing.CodeInvalidFormat},     // trailing dot
		{"jane@.example.com", billing.CodeInvalidFormat}, // leading dot
		{"jane@example..com", billing.CodeInvalidFormat},
		{"jane@-example.com", billing.CodeInvalidFormat},
		{"jane@example-.com", billing.CodeInvalidFormat},
		{"jane@example.-com", billing.CodeInvalidFormat},
		{"jane@example.com-", billing.CodeInvalidFormat},
		{"jane@example.123", billing.CodeInvalidFormat}, // last label all digits
		{"jane@1.2.3.4", billing.CodeInvalidFormat},
		{"jane@[127.0.0.1]", billing.CodeInvalidFormat},
		{"jane@exa_mple.com", billing.CodeInvalidFormat},
		{"jane@example.com.", billing.CodeInvalidFormat},
		{"jane@@example.com", billing.CodeInvalidFormat},
		{"jane@doe@example.com", billing.CodeInvalidFormat},
		{".jane@example.com", billing.CodeInvalidFormat},
		{"jane.@example.com", billing.CodeInvalidFormat},
		{"ja..ne@example.com", billing.CodeInvalidFormat},
		{"\"jane\"@example.com", billing.CodeInvalidFormat}, // quoted strings are not dot-atoms
		{"ja ne@example.com", billing.CodeInvalidFormat},
		{"jane@exa mple.com", billing.CodeInvalidFormat},
		{" jane@example.com", billing.CodeInvalidFormat}, // never trimmed
		{"jane@example.com ", billing.CodeInvalidFormat},
		{"jane@example.com\n", billing.CodeInvalidFormat},
		{"jane(comment)@example.com", billing.CodeInvalidFormat},
		{"jané@example.com", billing.CodeInvalidFormat}, // ASCII only
		{"jane@bücher.example", billing.CodeInvalidFormat},
		{"jane@example.com\x00", billing.CodeInvalidFormat},
		{"jane\xff@example.com", billing.CodeInvalidFormat},
		{"x@" + strings.Repeat("a", 64) + ".com", billing.CodeInvalidFormat}, // 64-character label
		{"Jane Doe <jane@example.com>", billing.CodeInvalidFormat},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := contact.ParseEmail(tt.in)
			requireFieldError(t, err, "email", tt.code, tt.in)
			assert.True(t, e.IsZero())
		})
	}
}

func TestEmailZero(t *testing.T) {
	var e contact.Email
	assert.True(t, e.IsZero())
	assert.Equal(t, "", e.Address())
	assert.Equal(t, "", e.Local())
	assert.Equal(t, "", e.Domain())
	assert.Equal(t, "", e.String())

	// The zero Email has no encoded form.
	text, err := e.MarshalText()
	requireFieldError(t, err, "email", billing.CodeRequired, "")
	assert.Nil(t, text)
	b, err := e.AppendText([]byte("to="))
	requireFieldError(t, err, "email", billing.CodeRequired, "")
	assert.Equal(t, "to=", string(b))
	_, err = json.Marshal(struct{ Email contact.Email }{})
	assert.ErrorIs(t, err, billing.CodeRequired)
	out, err := json.Marshal(struct {
		Email contact.Email `json:"email,omitzero"`
	}{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(out))
}

func TestEmailText(t *testing.T) {
	e, err := contact.ParseEmail("Jane.Doe@example.com")
	require.NoError(t, err)

	text, err := e.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "Jane.Doe@example.com", string(text), "the text form is the full address")
	b, err := e.AppendText([]byte("to="))
	require.NoError(t, err)
	assert.Equal(t, "to=Jane.Doe@example.com", string(b))

	var f contact.Email
	require.NoError(t, f.UnmarshalText(text))
	assert.Equal(t, e, f)

	g := e
	require.Error(t, g.UnmarshalText([]byte("not an address")))
	assert.Equal(t, e, g, "a failed UnmarshalText leaves the value alone")

	out, err := json.Marshal(map[string]contact.Email{"email": e})
	require.NoError(t, err)
	assert.JSONEq(t, `{"email":"Jane.Doe@example.com"}`, string(out))
	var back map[string]contact.Email
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, e, back["email"])
	err = json.Unmarshal([]byte(`{"email":"nope"}`), &back)
	assert.True(t, errors.Is(err, billing.CodeInvalidFormat))

	v := struct {
		Email contact.Email `json:"email"`
	}{e}
	require.NoError(t, json.Unmarshal([]byte(`{"email":null}`), &v))
	assert.Equal(t, e, v.Email, "null leaves the value alone")
	requireFieldError(t, json.Unmarshal([]byte(`{"email":""}`), &v), "email", billing.CodeRequired, "")
	assert.Equal(t, e, v.Email)
}
