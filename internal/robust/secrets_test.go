package robust

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/contact/phoneinput"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// secret is one value that must never be printed in full, with the pieces of it that must
// not appear anywhere (in plain text or hex) and its masked form.
type secret struct {
	value     string
	forbidden []string
	masked    string
}

// windows returns every substring of s of n bytes.
func windows(s string, n int) []string {
	var out []string
	for i := 0; i+n <= len(s); i++ {
		out = append(out, s[i:i+n])
	}
	return out
}

// API keys: no five characters in a row of what follows the prefix may appear (the masked
// form shows the last four at most).
func keySecret(key, prefix, masked string) secret {
	rest := strings.TrimPrefix(key, prefix)
	return secret{key, windows(rest, min(5, len(rest))), masked}
}

// Emails: the local part, and the local part less its first character, never appear.
func emailSecret(addr, masked string) secret {
	local, _, _ := strings.Cut(addr, "@")
	return secret{addr, []string{local, local[1:]}, masked}
}

// Phones: no five digits in a row of the number appear (the masked form shows the calling
// code and the last two).
func phoneSecret(e164, masked string) secret {
	return secret{e164, windows(e164[1:], 5), masked}
}

var (
	testKey   = keySecret("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_", "sk_test_…p7dc")
	liveKey   = keySecret("sk_Rv8Jq3NcW5eXh2TgY7pLb6Dm", "sk_", "sk_…b6Dm")
	publicKey = keySecret("pk_test_TYooMQauvdEDq54NiTphI7jx", "pk_test_", "pk_test_…I7jx")
	shortKey  = keySecret("sk_test_abc12", "sk_test_", "sk_test_…")
	email1    = emailSecret("zq.secret.local@example.com", "z***@example.com")
	email2    = emailSecret("thandi.nkosi+billing@mail.example.co.za", "t***@mail.example.co.za")
	phone1    = phoneSecret("+27829637418", "+27*******18")
	phone2    = phoneSecret("+447462918375", "+44********75")
	phone3    = phoneSecret("+14159637284", "+1********84")
)

var allSecrets = []secret{testKey, liveKey, publicKey, shortKey, email1, email2, phone1, phone2, phone3}

// assertNoSecret checks that out holds no forbidden piece of any secret, as text or as
// hex in either case.
func assertNoSecret(t *testing.T, out, context string) {
	t.Helper()
	for _, s := range allSecrets {
		for _, f := range s.forbidden {
			h := hex.EncodeToString([]byte(f))
			if strings.Contains(out, f) || strings.Contains(out, h) || strings.Contains(out, strings.ToUpper(h)) {
				t.Errorf("%s discloses %q of %s in:\n%s", context, f, s.value, out)
				return
			}
		}
	}
}

// assertMasked checks that out shows the masked form of each secret (in hex for %x, %X).
func assertMasked(t *testing.T, out, verb, context string, shown ...secret) {
	t.Helper()
	for _, s := range shown {
		want := s.masked
		switch verb {
		case "%x":
			want = hex.EncodeToString([]byte(want))
		case "%X":
			want = strings.ToUpper(hex.EncodeToString([]byte(want)))
		}
		assert.Contains(t, out, want, "%s: masked %s", context, s.value)
	}
}

// fixtures are the values that hold the secrets, from Go values and from JSON.
type fixtures struct {
	keys     []ids.APIKey
	phones   []contact.Phone
	emails   []contact.Email
	custReq  customer.CreateRequest
	cust     customer.Customer
	accReq   account.CreateRequest
	acc      account.Account
	parsedCR customer.CreateRequest

	custParams customer.CreateParams
	accParams  account.CreateParams
}

func newFixtures(t *testing.T) fixtures {
	t.Helper()
	var f fixtures
	for _, s := range []secret{testKey, liveKey, publicKey, shortKey} {
		k, err := ids.ParseAPIKey(s.value)
		require.NoError(t, err, s.value)
		require.Equal(t, s.masked, k.String())
		f.keys = append(f.keys, k)
	}
	for _, s := range []secret{phone1, phone2, phone3} {
		p, err := contact.ParsePhone(s.value)
		require.NoError(t, err, s.value)
		require.Equal(t, s.masked, p.String())
		f.phones = append(f.phones, p)
	}
	for _, s := range []secret{email1, email2} {
		e, err := contact.ParseEmail(s.value)
		require.NoError(t, err, s.value)
		require.Equal(t, s.masked, e.String())
		f.emails = append(f.emails, e)
	}
	var err error
	f.custParams = customer.CreateParams{ExternalReference: "c1", Email: &email1.value, Phone: &phone1.value}
	f.custReq, err = customer.NewCreateRequest(f.custParams)
	require.NoError(t, err)
	f.cust, err = customer.New(ids.MustParseCustomerID(customerID), f.custReq)
	require.NoError(t, err)
	f.accParams = account.CreateParams{ExternalReference: "a1",
		NewCustomer: &customer.CreateParams{ExternalReference: "c2", Email: &email2.value, Phone: &phone2.value}}
	f.accReq, err = account.NewCreateRequest(f.accParams)
	require.NoError(t, err)
	f.acc, err = account.New(ids.MustParseAccountID(accountID), ids.MustParseCustomerID(customerID), f.accReq)
	require.NoError(t, err)
	f.parsedCR, err = customer.DecodeCreateRequest([]byte(`{"external_reference":"c3","email":"` + email2.value + `","phone":"` + phone3.value + `"}`))
	require.NoError(t, err)
	return f
}

// printed is one value given to fmt or slog, with the secrets whose masked form must show;
// own is true for the library's own types, false for the caller's structs, slices and maps
// that hold them.
type printed struct {
	name  string
	value any
	shown []secret
	own   bool
}

// Wrappers a program would put our values in. Their fields are exported: fmt calls the
// Format method of each, as it does for the elements of slices and maps.
type (
	keyHolder struct {
		Key ids.APIKey
	}
	everything struct {
		Key     ids.APIKey
		Phone   contact.Phone
		Email   contact.Email
		Request customer.CreateRequest
		Cust    customer.Customer
		Account account.CreateRequest
		Ref     account.CustomerRef
		Acc     account.Account
		Any     any
	}
	nested struct {
		Inner  everything
		Ptr    *contact.Phone // fmt prints a pointer below the top level as an address
		Keys   [2]ids.APIKey
		Phones map[contact.Phone]contact.Email
	}
	// hidden holds an API key in an unexported field: fmt cannot call its methods there
	// and prints its fields, which hold nothing but the masked form.
	hidden struct {
		key ids.APIKey
	}
)

func (f fixtures) printedValues() []printed {
	all := f.everything()
	return []printed{
		{"test key", f.keys[0], []secret{testKey}, true},
		{"live key", f.keys[1], []secret{liveKey}, true},
		{"public key", f.keys[2], []secret{publicKey}, true},
		{"short key", f.keys[3], []secret{shortKey}, true},
		{"*APIKey", &f.keys[0], []secret{testKey}, true},
		{"Phone", f.phones[0], []secret{phone1}, true},
		{"+44 Phone", f.phones[1], []secret{phone2}, true},
		{"+1 Phone", f.phones[2], []secret{phone3}, true},
		{"*Phone", &f.phones[0], []secret{phone1}, true},
		{"Email", f.emails[0], []secret{email1}, true},
		{"*Email", &f.emails[1], []secret{email2}, true},
		{"customer.CreateRequest", f.custReq, []secret{email1, phone1}, true},
		{"customer.CreateRequest from JSON", f.parsedCR, []secret{email2, phone3}, true},
		{"*customer.CreateRequest", &f.custReq, []secret{email1, phone1}, true},
		{"customer.Customer", f.cust, []secret{email1, phone1}, true},
		{"account.CreateRequest", f.accReq, []secret{email2, phone2}, true},
		{"account.CustomerRef", f.accReq.Customer(), []secret{email2, phone2}, true},
		{"account.Account", f.acc, nil, true},
		{"struct with a key", keyHolder{f.keys[0]}, []secret{testKey}, false},
		{"struct of everything", all, []secret{testKey, phone1, email1, email2, phone2}, false},
		{"*struct of everything", &all, []secret{testKey, phone1, email1, email2, phone2}, false},
		{"nested structs", nested{Inner: all, Ptr: &f.phones[0], Keys: [2]ids.APIKey{f.keys[1], f.keys[3]},
			Phones: map[contact.Phone]contact.Email{f.phones[2]: f.emails[1]}},
			[]secret{testKey, phone1, email1, liveKey, shortKey, phone3, email2}, false},
		{"slice of keys", f.keys, []secret{testKey, liveKey, publicKey, shortKey}, false},
		{"slice of phones", f.phones, []secret{phone1, phone2, phone3}, false},
		{"slice of pointers", []*contact.Email{&f.emails[0]}, nil, false},
		{"map of emails", map[string]contact.Email{"a": f.emails[0], "b": f.emails[1]}, []secret{email1, email2}, false},
		{"map of requests", map[string]customer.CreateRequest{"r": f.custReq}, []secret{email1, phone1}, false},
		{"[]any", []any{f.keys[0], f.phones[0], f.emails[1], f.cust, f.accReq}, []secret{testKey, phone1, email2, email1, phone2}, false},
		{"key in an unexported field", hidden{f.keys[0]}, []secret{testKey}, false},
		// The Go values of a request print their pointers, not what they point to.
		{"customer.CreateParams", f.custParams, nil, false},
		{"account.CreateParams", f.accParams, nil, false},
	}
}

func (f fixtures) everything() everything {
	return everything{Key: f.keys[0], Phone: f.phones[0], Email: f.emails[0], Request: f.custReq, Cust: f.cust,
		Account: f.accReq, Ref: f.accReq.Customer(), Acc: f.acc, Any: f.phones[1]}
}

// TestSecretsWithFmt prints every value that holds an API key, an email or a phone with
// every verb: no verb discloses one, and the masked form shows where the value is printed.
//
// Not covered, because it is fmt's behaviour and not the library's: a Phone or an Email in
// an unexported field of the caller's own struct. fmt cannot call methods through an
// unexported field and prints the value's own fields, the full number or address among
// them (%v of struct{p contact.Phone} shows {+27829637418 ZA …}). An APIKey is safe even
// there: it holds only its masked form and a function (TestSecretsWithFmt checks it).
func TestSecretsWithFmt(t *testing.T) {
	f := newFixtures(t)
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T", "%10.4v", "%-40s", "%+q", "% x"}
	for _, p := range f.printedValues() {
		for _, verb := range verbs {
			out := fmt.Sprintf(verb, p.value)
			context := p.name + " " + verb
			assertNoSecret(t, out, context)
			switch verb {
			case "%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%-40s":
				assertMasked(t, out, verb, context, p.shown...)
			}
		}
		assertNoSecret(t, fmt.Sprint(p.value), p.name+" Sprint")
		assertNoSecret(t, fmt.Sprintln(p.value), p.name+" Sprintln")
	}
}

// newLoggers returns a JSON and a text logger writing to buf, without the time (whose
// digits could look like a piece of a phone number).
func newLoggers(buf *bytes.Buffer) map[string]*slog.Logger {
	opts := &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}}
	return map[string]*slog.Logger{
		"json": slog.New(slog.NewJSONHandler(buf, opts)),
		"text": slog.New(slog.NewTextHandler(buf, opts)),
	}
}

// TestSecretsWithSlog logs every value that holds a secret with log/slog's JSON and text
// handlers: as an attribute value, in a group, in a logger's attributes and groups; no
// handler discloses a secret, and each shows the masked form.
func TestSecretsWithSlog(t *testing.T) {
	f := newFixtures(t)
	var buf bytes.Buffer
	for hname, log := range newLoggers(&buf) {
		for _, p := range f.printedValues() {
			if !p.own {
				continue
			}
			ways := map[string]func(){
				"attribute":      func() { log.Info("m", "v", p.value) },
				"slog.Any":       func() { log.Info("m", slog.Any("v", p.value)) },
				"group":          func() { log.Info("m", slog.Group("g", "v", p.value, slog.Group("h", "w", p.value))) },
				"With":           func() { log.With("v", p.value).Info("m") },
				"WithGroup":      func() { log.WithGroup("g").With("v", p.value).Info("m", "w", p.value) },
				"LogAttrs":       func() { log.LogAttrs(t.Context(), slog.LevelError, "m", slog.Any("v", p.value)) },
				"message itself": func() { log.Info(fmt.Sprint(p.value)) },
			}
			for way, logIt := range ways {
				buf.Reset()
				logIt()
				context := hname + " " + way + ": " + p.name
				assertNoSecret(t, buf.String(), context)
				assertMasked(t, buf.String(), "", context, p.shown...)
			}
		}
	}
}

// TestSecretsInStructsWithSlog logs the caller's own structs and slices holding our values.
// The text handler prints them with fmt, which calls each value's Format: masked. The JSON
// handler encodes them with encoding/json, which calls each value's MarshalJSON or
// MarshalText: an APIKey marshals masked, so it is safe anywhere.
//
// A Phone, an Email, a CreateRequest or a Customer inside a struct, slice or map given to
// the JSON handler is written in full: their JSON and text forms are the wire form, by
// design (a value must round-trip through JSON), and slog resolves LogValue only on the
// attribute's own value, not inside it. That case is not asserted here; log the values
// themselves (each its own attribute), never a struct or slice holding them. Nor is
// customer.CreateParams or account.CreateParams given to the JSON handler: they have no
// LogValue, so encoding/json writes their Email and Phone strings in full.
func TestSecretsInStructsWithSlog(t *testing.T) {
	f := newFixtures(t)
	var buf bytes.Buffer
	logs := newLoggers(&buf)

	for _, p := range f.printedValues() {
		buf.Reset()
		logs["text"].Info("m", "v", p.value)
		assertNoSecret(t, buf.String(), "text: "+p.name)
		assertMasked(t, buf.String(), "", "text: "+p.name, p.shown...)
	}
	for _, v := range []printed{
		{"struct with a key", keyHolder{f.keys[0]}, []secret{testKey}, false},
		{"slice of keys", f.keys, []secret{testKey, liveKey, publicKey, shortKey}, false},
		{"array of keys", [2]ids.APIKey{f.keys[1], f.keys[2]}, []secret{liveKey, publicKey}, false},
		{"map of keys", map[string]ids.APIKey{"k": f.keys[3]}, []secret{shortKey}, false},
		{"struct of a slice of keys", struct{ Keys []ids.APIKey }{f.keys}, []secret{testKey, liveKey, publicKey, shortKey}, false},
		{"key in an unexported field", hidden{f.keys[0]}, nil, false}, // encoding/json skips the field
	} {
		buf.Reset()
		logs["json"].Info("m", "v", v.value)
		// An API key is never encoded: the JSON handler writes its MarshalJSON error, which
		// holds no part of the key, in place of the value.
		assertNoSecret(t, buf.String(), "json: "+v.name)
		if len(v.shown) > 0 {
			assert.Contains(t, buf.String(), "an API key is never encoded", "json: "+v.name)
		}
	}
}

// badInputs are refused values that hold the secrets: every error from every parser given
// one is checked.
var (
	badKeys = []string{testKey.value + "!", "sk_live_" + strings.TrimPrefix(liveKey.value, "sk_"), "xx_" + strings.TrimPrefix(testKey.value, "sk_test_"),
		testKey.value + strings.Repeat("A", 300), " " + publicKey.value, shortKey.value + "-"}
	badEmails = []string{"zq.secret.local@@example.com", "zq.secret.local@example", "zq.secret.local", "zq.secret.local@exámple.com",
		"zq.secret.local@" + strings.Repeat("a", 300) + ".com", " thandi.nkosi+billing@mail.example.co.za", "thandi.nkosi+billing@-mail.example.co.za",
		"thandi.nkosi+billing.@mail.example.co.za"}
	badPhones = []string{"+15559637284", "+4407462918375", "27829637418", "+27 82 963 7418", "+278296374180000000", "+27829637418x",
		"+27-829-637-418", "0829637418", "+00829637418"}
)

// parserErrors returns the error of every parser and document given each bad input, named.
func parserErrors(t *testing.T) map[string]error {
	t.Helper()
	errs := map[string]error{}
	add := func(name string, err error) {
		if assert.Error(t, err, name) {
			errs[name] = err
		}
	}
	quote := jsonString
	for _, k := range badKeys {
		_, err := ids.ParseAPIKey(k)
		add("ParseAPIKey "+k, err)
		var key ids.APIKey
		add("APIKey.UnmarshalJSON "+k, key.UnmarshalJSON([]byte(quote(k))))
		add("APIKey.UnmarshalText "+k, key.UnmarshalText([]byte(k)))
		_, err = customer.DecodeCreateRequest([]byte(`{"external_reference":` + quote(k+" ") + `}`))
		add("external_reference "+k, err)
		_, err = customer.DecodeCreateRequest([]byte(`{"external_reference":"c1","api_key":` + quote(k) + `}`))
		add("unknown member "+k, err)
		_, err = account.DecodeCreateRequest([]byte(`{"customer":` + quote(k) + `,"external_reference":"a1","metadata":{"k":` + quote(k+strings.Repeat("x", 500)) + `}}`))
		add("customer reference and metadata value "+k, err)
	}
	for _, e := range badEmails {
		_, err := contact.ParseEmail(e)
		add("ParseEmail "+e, err)
		var em contact.Email
		add("Email.UnmarshalText "+e, em.UnmarshalText([]byte(e)))
		_, err = customer.DecodeCreateRequest([]byte(`{"external_reference":"c1","email":` + quote(e) + `,"phone":` + quote(e) + `}`))
		add("customer create "+e, err)
		_, err = customer.Decode([]byte(`{"id":"` + customerID + `","external_reference":"c1","email":` + quote(e) + `}`))
		add("customer "+e, err)
		_, err = account.DecodeCreateRequest([]byte(`{"customer":{"external_reference":"c1","email":` + quote(e) + `},"external_reference":"a1"}`))
		add("account create, new customer "+e, err)
		_, err = account.DecodeCreateRequest([]byte(`{"customer":` + quote(e) + `,"external_reference":` + quote(e) + `}`))
		add("account create, customer reference "+e, err)
		_, err = customer.NewCreateRequest(customer.CreateParams{ExternalReference: "c1", Email: &e})
		add("customer.NewCreateRequest "+e, err)
		_, err = account.NewCreateRequest(account.CreateParams{ExternalReference: "a1", NewCustomer: &customer.CreateParams{ExternalReference: "c1", Email: &e}})
		add("account.NewCreateRequest "+e, err)
	}
	for _, p := range badPhones {
		_, err := contact.ParsePhone(p)
		add("ParsePhone "+p, err)
		var ph contact.Phone
		add("Phone.UnmarshalText "+p, ph.UnmarshalText([]byte(p)))
		_, err = phoneinput.Normalize(p+" ext. 12", "ZA")
		add("phoneinput.Normalize "+p, err)
		_, err = customer.DecodeCreateRequest([]byte(`{"external_reference":"c1","phone":` + quote(p) + `,"email":` + quote(p) + `}`))
		add("customer create "+p, err)
		// An object checks a phone's shape only: the refused email beside it makes the error.
		_, err = customer.Decode([]byte(`{"id":"` + customerID + `","external_reference":"c1","phone":` + quote(p) + `,"email":` + quote(p) + `}`))
		add("customer "+p, err)
		_, err = account.DecodeCreateRequest([]byte(`{"customer":{"external_reference":"c1","phone":` + quote(p) + `},"external_reference":"a1"}`))
		add("account create, new customer "+p, err)
		_, err = customer.NewCreateRequest(customer.CreateParams{ExternalReference: "c1", Phone: &p})
		add("customer.NewCreateRequest "+p, err)
		_, err = account.NewCreateRequest(account.CreateParams{ExternalReference: "a1", NewCustomer: &customer.CreateParams{ExternalReference: "c1", Phone: &p}})
		add("account.NewCreateRequest "+p, err)
	}
	return errs
}

// goPointer is an address as %#v prints a pointer: (*T)(0xc000123456).
var goPointer = regexp.MustCompile(`\)\(0x[0-9a-f]+\)`)

// TestSecretsInErrors checks that no error of any parser given a refused key, email or
// phone repeats it, however the error is printed or logged.
func TestSecretsInErrors(t *testing.T) {
	var buf bytes.Buffer
	logs := newLoggers(&buf)
	for name, err := range parserErrors(t) {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			// %#v prints pointers' addresses, whose hex digits may spell part of a secret.
			out := goPointer.ReplaceAllString(fmt.Sprintf(verb, err), ")(0xADDRESS)")
			assertNoSecret(t, out, name+" "+verb)
		}
		for hname, log := range logs {
			buf.Reset()
			log.Error("refused", "err", err)
			assertNoSecret(t, buf.String(), hname+" "+name)
		}
	}
}

// TestSecretsInCLIOutput runs billingcheck, plain and -json, over documents holding refused
// keys, emails and phones: its output repeats none of them.
func TestSecretsInCLIOutput(t *testing.T) {
	dir := t.TempDir()
	var files []string
	write := func(doc string) {
		name := filepath.Join(dir, fmt.Sprintf("doc%d.json", len(files)))
		require.NoError(t, os.WriteFile(name, []byte(doc), 0o600))
		files = append(files, name)
	}
	for _, e := range badEmails {
		write(`{"external_reference":"c1","email":` + jsonString(e) + `,"phone":` + jsonString(e) + `}`)
	}
	for _, p := range badPhones {
		write(`{"external_reference":"c1","phone":` + jsonString(p) + `,"email":` + jsonString(p) + `}`)
	}
	for _, k := range badKeys {
		write(`{"external_reference":` + jsonString(k) + `,"api_key":` + jsonString(k) + `}`)
	}
	for _, mode := range [][]string{{"customer-create"}, {"-json", "customer-create"}} {
		status, stdout, stderr := runCLI(t, nil, append(mode, files...)...)
		assert.Equal(t, 1, status)
		assert.Empty(t, stderr)
		assert.GreaterOrEqual(t, bytes.Count(stdout, []byte(filepath.Base(dir))), len(files), "one line or more per file")
		// The files' names are the input's, not a disclosure: the random digits of the
		// temporary directory's name may hold a run of a secret's.
		assertNoSecret(t, strings.ReplaceAll(string(stdout), dir, "DIR"), strings.Join(mode, " "))
	}
}
