package contact_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/contact"
)

// fmtDirectives is every directive the privacy tests print values with.
var fmtDirectives = []string{
	"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v", "%20v", "%-20s|", "%.3s", "%#q", "%+q", "% x",
}

func TestPhoneNeverPrintedInFull(t *testing.T) {
	p, err := contact.ParsePhone("+27123456789")
	require.NoError(t, err)
	const full, masked = "+27123456789", "+27*******89"

	for _, d := range fmtDirectives {
		for _, v := range []any{p, &p, []contact.Phone{p}, map[string]contact.Phone{"k": p}, struct{ P contact.Phone }{p}} {
			out := fmt.Sprintf(d, v)
			assert.NotContains(t, out, "123456789", "%s of %T: %s", d, v, out)
			assert.NotContains(t, out, "3132333435", "%s of %T: hex of the digits: %s", d, v, out)
		}
	}
	assert.Equal(t, masked, fmt.Sprintf("%v", p))
	assert.Equal(t, masked, fmt.Sprintf("%+v", p))
	assert.Equal(t, `"`+masked+`"`, fmt.Sprintf("%#v", p))
	assert.Equal(t, masked, fmt.Sprintf("%s", p))
	assert.Equal(t, `"`+masked+`"`, fmt.Sprintf("%q", p))
	assert.Equal(t, "        "+masked, fmt.Sprintf("%20v", p))
	assert.Equal(t, masked, fmt.Sprint(p))
	assert.Equal(t, masked+"\n", fmt.Sprintln(p))
	assert.Equal(t, masked, p.String())
	assert.Equal(t, full, p.E164(), "the accessor gives the full number")
}

func TestEmailNeverPrintedInFull(t *testing.T) {
	e, err := contact.ParseEmail("jane.doe@example.com")
	require.NoError(t, err)
	const masked = "j***@example.com"

	for _, d := range fmtDirectives {
		for _, v := range []any{e, &e, []contact.Email{e}, map[string]contact.Email{"k": e}, struct{ E contact.Email }{e}} {
			out := fmt.Sprintf(d, v)
			assert.NotContains(t, out, "ane.doe", "%s of %T: %s", d, v, out)
			assert.NotContains(t, out, "616e652e646f65", "%s of %T: hex of the local part: %s", d, v, out)
		}
	}
	assert.Equal(t, masked, fmt.Sprintf("%v", e))
	assert.Equal(t, masked, fmt.Sprintf("%+v", e))
	assert.Equal(t, `"`+masked+`"`, fmt.Sprintf("%#v", e))
	assert.Equal(t, masked, fmt.Sprintf("%s", e))
	assert.Equal(t, `"`+masked+`"`, fmt.Sprintf("%q", e))
	assert.Equal(t, masked, e.String())
	assert.Equal(t, "jane.doe@example.com", e.Address(), "the accessor gives the full address")
}

func TestMaskedInSlog(t *testing.T) {
	p, err := contact.ParsePhone("+27123456789")
	require.NoError(t, err)
	e, err := contact.ParseEmail("jane.doe@example.com")
	require.NoError(t, err)

	handlers := map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	}
	for name, newHandler := range handlers {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			log := slog.New(newHandler(&buf))
			log.Info("customer",
				"phone", p, "phone_ptr", &p,
				slog.Any("email", e), slog.Any("email_ptr", &e),
				slog.Group("contact", "phone", p, "email", e),
			)
			log.With("phone", p).Info("with")
			log.LogAttrs(t.Context(), slog.LevelInfo, "attrs", slog.Any("phone", p), slog.Any("email", e))
			out := buf.String()
			assert.NotContains(t, out, "123456789")
			assert.NotContains(t, out, "jane.doe")
			assert.Contains(t, out, "+27*******89")
			assert.Contains(t, out, "j***@example.com")
			if name == "json" {
				for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
					assert.True(t, json.Valid([]byte(line)), line)
				}
			}
		})
	}
	assert.Equal(t, slog.KindString, p.LogValue().Kind())
	assert.Equal(t, "+27*******89", p.LogValue().String())
	assert.Equal(t, "j***@example.com", e.LogValue().String())
}

func TestMaskedInErrorsAndZero(t *testing.T) {
	var p contact.Phone
	var e contact.Email
	assert.Equal(t, "", fmt.Sprintf("%v", p))
	assert.Equal(t, `""`, fmt.Sprintf("%q", p))
	assert.Equal(t, "", fmt.Sprintf("%v", e))
	assert.Equal(t, "", p.LogValue().String())
	assert.Equal(t, "", e.LogValue().String())

	ph, err := contact.ParsePhone("+27123456789")
	require.NoError(t, err)
	wrapped := fmt.Errorf("cannot call %v", ph)
	assert.Equal(t, "cannot call +27*******89", wrapped.Error())
}
