// Command naivebulk checks JSON Lines files of customer create requests the way a Go
// team would without billingcheck: a bufio.Scanner over the lines, encoding/json into a
// struct, go-playground/validator's struct tags for the rules it has (with custom tags,
// registered once, for the external reference pattern, PRECIS names and metadata keys),
// and phonenumbers for the phone, one line after the other on one goroutine. It prints
// each invalid line as "FILE:LINE: error" and a summary on standard error, like
// billingcheck -lines, so that the two can be timed on the same file.
//
// Usage:
//
//	naivebulk FILE ...
//
// It is lenient where billingcheck is strict (encoding/json keeps the last of two
// duplicate members, ignores unknown members and replaces invalid UTF-8), which only
// makes it faster.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/secure/precis"
)

// customerCreate is a customer create request as a validator user declares it.
type customerCreate struct {
	ExternalReference string            `json:"external_reference" validate:"required,max=255,extref,startsnotwith=bcus_"`
	Name              string            `json:"name,omitempty" validate:"omitempty,max=255,freeform"`
	Email             string            `json:"email,omitempty" validate:"omitempty,max=255,email"`
	Phone             string            `json:"phone,omitempty" validate:"omitempty,e164"`
	Currency          string            `json:"currency,omitempty" validate:"required_with=Balance,omitempty,iso4217"`
	Balance           *int64            `json:"balance,omitempty" validate:"omitempty,min=-9007199254740991,max=9007199254740991"`
	Metadata          map[string]string `json:"metadata,omitempty" validate:"omitempty,max=20,dive,keys,min=1,max=40,nocontrol,endkeys,required,max=500"`
}

var (
	extRefPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	freeform      = precis.NewFreeform()
	validate      = newValidator()
)

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	custom := map[string]validator.Func{
		"extref": func(fl validator.FieldLevel) bool { return extRefPattern.MatchString(fl.Field().String()) },
		"freeform": func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			if strings.TrimFunc(s, unicode.IsSpace) == "" {
				return false
			}
			_, err := freeform.String(s)
			return err == nil
		},
		"nocontrol": func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			if !utf8.ValidString(s) {
				return false
			}
			for _, r := range s {
				if r < 0x20 || r >= 0x7f && r <= 0x9f {
					return false
				}
			}
			return true
		},
	}
	for tag, fn := range custom {
		if err := v.RegisterValidation(tag, fn); err != nil {
			panic(err)
		}
	}
	return v
}

var errInvalidPhone = errors.New("phone: not a valid number in canonical E.164 form")

// check is json.Unmarshal + validator.Struct + the phone check.
func check(line []byte) error {
	var c customerCreate
	if err := json.Unmarshal(line, &c); err != nil {
		return err
	}
	if err := validate.Struct(&c); err != nil {
		return err
	}
	if c.Phone == "" {
		return nil
	}
	num, err := phonenumbers.Parse(c.Phone, "")
	if err != nil {
		return err
	}
	if !phonenumbers.IsValidNumber(num) || phonenumbers.Format(num, phonenumbers.E164) != c.Phone {
		return errInvalidPhone
	}
	return nil
}

// checkFile checks each line of r that is not blank and reports the invalid ones on out.
func checkFile(name string, r io.Reader, out io.Writer) (records, valid int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20+2)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		records++
		if err := check(b); err != nil {
			fmt.Fprintf(out, "%s:%d: %s\n", name, line, strings.ReplaceAll(err.Error(), "\n", "; "))
			continue
		}
		valid++
	}
	return records, valid, sc.Err()
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	status := 0
	for _, name := range os.Args[1:] {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 2
			continue
		}
		records, valid, err := checkFile(name, f, out)
		f.Close()
		out.Flush()
		fmt.Fprintf(os.Stderr, "%s: %d records, %d valid, %d invalid\n", name, records, valid, records-valid)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			status = 2
		} else if valid < records && status == 0 {
			status = 1
		}
	}
	out.Flush()
	os.Exit(status)
}
