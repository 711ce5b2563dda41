package bench_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/secure/precis"
)

// This file is what a competent user of go-playground/validator would write
// for the rules of SPEC: one validator, built once, with struct tags for the
// rules validator has (required, max, e164, iso4217, required_with,
// startsnotwith, dive/keys) and a few custom tags, registered once, for the
// rules it has not (the external reference pattern, PRECIS names, control
// characters in metadata keys, UTF-8 validity). Patterns are compiled once.

// Patterns of SPEC, compiled once.
var (
	extRefPattern     = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	customerIDPattern = regexp.MustCompile(`^bcus_[A-Za-z0-9]+$`)
	e164Pattern       = regexp.MustCompile(`^\+[1-9]\d{1,14}$`)
)

// freeform is the PRECIS profile SPEC names for display names.
var freeform = precis.NewFreeform()

// validate is the one validator instance the alternatives share, as the
// validator documentation recommends (it caches struct metadata).
var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	custom := map[string]validator.Func{
		// extref: the external reference pattern of SPEC.
		"extref": func(fl validator.FieldLevel) bool {
			return extRefPattern.MatchString(fl.Field().String())
		},
		// customerid: the customer ID pattern of SPEC.
		"customerid": func(fl validator.FieldLevel) bool {
			return customerIDPattern.MatchString(fl.Field().String())
		},
		// freeform: a PRECIS FreeformClass string that is not only white space.
		"freeform": func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			if strings.TrimFunc(s, unicode.IsSpace) == "" {
				return false
			}
			_, err := freeform.String(s)
			return err == nil
		},
		// nocontrol: valid UTF-8 without C0, DEL or C1 control characters.
		"nocontrol": func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			if !utf8.ValidString(s) {
				return false
			}
			for _, r := range s {
				if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
					return false
				}
			}
			return true
		},
		// utf8: valid UTF-8 (Go values can hold any bytes).
		"utf8": func(fl validator.FieldLevel) bool {
			return utf8.ValidString(fl.Field().String())
		},
	}
	for tag, fn := range custom {
		if err := v.RegisterValidation(tag, fn); err != nil {
			panic(err)
		}
	}
	return v
}

// customerCreate is a customer create request as a validator user declares it.
// The JSON tags make it the target of json.Unmarshal too.
type customerCreate struct {
	ExternalReference string            `json:"external_reference" validate:"required,max=255,extref,startsnotwith=bcus_"`
	Name              string            `json:"name,omitempty" validate:"omitempty,max=255,freeform"`
	Email             string            `json:"email,omitempty" validate:"omitempty,max=255,email"`
	Phone             string            `json:"phone,omitempty" validate:"omitempty,e164"`
	Currency          string            `json:"currency,omitempty" validate:"required_with=Balance,omitempty,iso4217"`
	Balance           *int64            `json:"balance,omitempty" validate:"omitempty,min=-9007199254740991,max=9007199254740991"`
	Metadata          map[string]string `json:"metadata,omitempty" validate:"omitempty,max=20,dive,keys,min=1,max=40,nocontrol,endkeys,required,max=500,utf8"`
}

// accountCreate is an account create request as a validator user declares it.
type accountCreate struct {
	Customer          customerRef       `json:"customer" validate:"required"`
	ExternalReference string            `json:"external_reference" validate:"required,max=255,extref,startsnotwith=bacc_"`
	Name              string            `json:"name,omitempty" validate:"omitempty,max=255,freeform"`
	Currency          string            `json:"currency,omitempty" validate:"required_with=Balance,omitempty,iso4217"`
	Balance           *int64            `json:"balance,omitempty" validate:"omitempty,min=-9007199254740991,max=9007199254740991"`
	Metadata          map[string]string `json:"metadata,omitempty" validate:"omitempty,max=10,dive,keys,min=1,max=40,nocontrol,endkeys,required,max=500,utf8"`
}

// customerRef is the account request's customer member: an existing
// customer's ID, an existing customer's external reference, or a new
// customer. Its UnmarshalJSON picks the form; validator checks the one set.
type customerRef struct {
	ID  string          `validate:"omitempty,max=255,customerid"`
	Ref string          `validate:"omitempty,max=255,extref"`
	New *customerCreate // validated field by field when present
}

// UnmarshalJSON reads a string (an ID when it starts with bcus_, else an
// external reference) or an object (a new customer).
func (c *customerRef) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '{' {
		c.New = new(customerCreate)
		return json.Unmarshal(data, c.New)
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	if strings.HasPrefix(s, "bcus_") {
		c.ID = s
	} else {
		c.Ref = s
	}
	return nil
}

var errInvalidPhone = errors.New("phone: not a valid number in canonical E.164 form")

// checkPhone is phone validity as a libphonenumber user writes it:
// phonenumbers.Parse, IsValidNumber, and the canonical-form check of SPEC
// (formatting the number as E.164 gives the input back). An empty phone is
// absent.
func checkPhone(s string) error {
	if s == "" {
		return nil
	}
	num, err := phonenumbers.Parse(s, "")
	if err != nil {
		return err
	}
	if !phonenumbers.IsValidNumber(num) || phonenumbers.Format(num, phonenumbers.E164) != s {
		return errInvalidPhone
	}
	return nil
}

// validateCustomer is validator.Struct plus the phone check.
func validateCustomer(c *customerCreate) error {
	if err := validate.Struct(c); err != nil {
		return err
	}
	return checkPhone(c.Phone)
}

// parseCustomerAlt is json.Unmarshal + validator.Struct + the phone check.
// It is lenient where the library is strict (json.Unmarshal keeps the last
// of two duplicate members, ignores unknown members and replaces invalid
// UTF-8), which only makes it faster.
func parseCustomerAlt(data []byte) (*customerCreate, error) {
	var c customerCreate
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	if err := validateCustomer(&c); err != nil {
		return nil, err
	}
	return &c, nil
}

// parseAccountAlt is the same combination for an account create request: the
// nested new customer, when there is one, gets its phone checked too.
func parseAccountAlt(data []byte) (*accountCreate, error) {
	var a accountCreate
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, err
	}
	if err := validate.Struct(&a); err != nil {
		return nil, err
	}
	if a.Customer.New != nil {
		if err := checkPhone(a.Customer.New.Phone); err != nil {
			return nil, err
		}
	}
	return &a, nil
}

// parseMetadataAlt is json.Unmarshal into a map + validator's dive over its
// keys and values (json.Unmarshal has already made every string valid UTF-8).
func parseMetadataAlt(data []byte) (map[string]string, error) {
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if err := validate.Var(m, "max=20,dive,keys,min=1,max=40,nocontrol,endkeys,required,max=500"); err != nil {
		return nil, err
	}
	return m, nil
}

// customerIDAlt is the customer ID rule of SPEC with its pattern.
func customerIDAlt(s string) bool {
	return len(s) <= 255 && customerIDPattern.MatchString(s)
}
