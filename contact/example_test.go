package contact_test

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
)

func ExampleParsePhone() {
	p, err := contact.ParsePhone("+27123456789")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.E164(), p.Region(), p.CountryCode(), p.Type())

	for _, s := range []string{"+4407911123456", "+15555555555", "+27 12 345 6789", ""} {
		_, err := contact.ParsePhone(s)
		var errs billing.Errors
		if errors.As(err, &errs) {
			fmt.Println(errs[0].Pointer, errs[0].Code)
		}
	}
	// Output:
	// +27123456789 ZA 27 fixed_line
	// /phone invalid_phone
	// /phone invalid_phone
	// /phone invalid_format
	// /phone required
}

func ExampleParseEmail() {
	e, err := contact.ParseEmail("Jane.Doe@example.com")
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Address(), e.Local(), e.Domain())

	for _, s := range []string{"jane@example", "jané@example.com", ""} {
		_, err := contact.ParseEmail(s)
		fmt.Println(errors.Is(err, billing.CodeInvalidFormat), errors.Is(err, billing.CodeRequired))
	}
	// Output:
	// Jane.Doe@example.com Jane.Doe example.com
	// true false
	// true false
	// false true
}

func ExampleParseName() {
	n, err := contact.ParseName("Zoë Ångström")
	if err != nil {
		panic(err)
	}
	fmt.Println(n)

	// Korean typed as conjoining jamo is a valid name, kept as sent (not composed).
	k, err := contact.ParseName("\u1112\u1161\u11ab")
	fmt.Printf("%+q %v\n", k.String(), err)

	for _, s := range []string{"Jane\u202eeoD", "\u3000", "\xed\xa0\x80"} {
		_, err := contact.ParseName(s)
		var errs billing.Errors
		if errors.As(err, &errs) {
			fmt.Println(errs[0].Pointer, errs[0].Code)
		}
	}
	// Output:
	// Zoë Ångström
	// "\u1112\u1161\u11ab" <nil>
	// /name invalid_characters
	// /name required
	// /name invalid_characters
}

// Printing or logging a Phone or an Email shows it masked; the accessors and
// the text form (the wire value) give it in full.
func ExamplePhone_String() {
	p, _ := contact.ParsePhone("+27123456789")
	e, _ := contact.ParseEmail("jane@example.com")

	fmt.Println(p, e)
	fmt.Printf("%v %+v %q\n", p, e, p)
	fmt.Println(p.E164(), e.Address())

	log := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	log.Info("customer created", "phone", p, "email", e)

	text, _ := p.MarshalText()
	fmt.Println(string(text))
	// Output:
	// +27*******89 j***@example.com
	// +27*******89 j***@example.com "+27*******89"
	// +27123456789 jane@example.com
	// {"level":"INFO","msg":"customer created","phone":"+27*******89","email":"j***@example.com"}
	// +27123456789
}

func ExampleEmail_String() {
	e, _ := contact.ParseEmail("jane.doe@example.com")
	fmt.Println(e.String())
	fmt.Println(e.Address())
	// Output:
	// j***@example.com
	// jane.doe@example.com
}

func ExamplePhone_Type() {
	for _, s := range []string{"+27821234567", "+18002345678", "+80012345678"} {
		p, _ := contact.ParsePhone(s)
		fmt.Println(p, p.Region(), p.Type())
	}
	// Output:
	// +27*******67 ZA mobile
	// +1********78 US toll_free
	// +800******78 001 toll_free
}

// A number read from storage is checked for its E.164 shape alone: a row
// written when the number was valid stays readable after the phone metadata
// changes, and IsValid says what today's metadata thinks of it.
func ExampleParseStoredPhone() {
	for _, s := range []string{"+27123456789", "+15555555555", "082 123 4567"} {
		p, err := contact.ParseStoredPhone(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p, p.IsValid(), p.Region(), p.CountryCode())
	}
	// Output:
	// +27*******89 true ZA 27
	// +1********55 false  1
	// phone: invalid_format: must be E.164: a + followed by 2 to 15 digits, the first not 0, nothing else, like +27123456789
}

// Phone, Email and Name are database/sql values: Value writes the full value,
// Scan reads it back. NULL reads into a sql.Null[T] or a *T, never a plain T.
func ExamplePhone_Scan() {
	p, _ := contact.ParsePhone("+27123456789")
	v, _ := p.Value()
	fmt.Println(v)

	var q contact.Phone
	if err := q.Scan(v); err != nil {
		panic(err)
	}
	fmt.Println(q == p)

	fmt.Println(q.Scan(nil))
	var n sql.Null[contact.Phone]
	fmt.Println(n.Scan(nil), n.Valid)
	fmt.Println(n.Scan([]byte("+27123456789")), n.Valid, n.V)

	var zero contact.Phone
	_, err := zero.Value()
	fmt.Println(errors.Is(err, billing.CodeRequired))
	// Output:
	// +27123456789
	// true
	// phone: required: is NULL: scan a nullable column into a sql.Null[contact.Phone] or a *contact.Phone
	// <nil> false
	// <nil> true +27*******89
	// true
}
