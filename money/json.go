package money

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// AppendText appends the currency's code to b ("ZAR"); the zero Currency appends nothing.
// It implements encoding.TextAppender.
func (c Currency) AppendText(b []byte) ([]byte, error) {
	return append(b, c.Code()...), nil
}

// MarshalText returns the currency's code ("ZAR"), or empty text for the zero Currency.
// It implements encoding.TextMarshaler.
func (c Currency) MarshalText() ([]byte, error) {
	return c.AppendText(nil)
}

// UnmarshalText sets c to the currency of text, as [ParseCurrency] reads it; empty text is
// refused with [billing.CodeRequired]. On failure c is left unchanged.
// It implements encoding.TextUnmarshaler.
func (c *Currency) UnmarshalText(text []byte) error {
	v, err := ParseCurrency(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalJSON returns the currency's code as a JSON string ("ZAR"), or null for the zero Currency.
func (c Currency) MarshalJSON() ([]byte, error) {
	if c.idx == 0 {
		return []byte("null"), nil
	}
	return []byte(`"` + c.Code() + `"`), nil
}

// UnmarshalJSON sets c from a JSON string, as [ParseCurrency] reads it. JSON null leaves c
// unchanged (as encoding/json does for absent values); any other non-string fails with
// [billing.CodeInvalidType]; a string with invalid UTF-8 or a lone surrogate escape
// ("\ud800") with [billing.CodeInvalidFormat]. On failure c is left unchanged.
func (c *Currency) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	if len(data) == 0 || data[0] != '"' {
		return billing.NewFieldError(currencyField, billing.CodeInvalidType,
			`must be a string, like "ZAR"`)
	}
	if !utf8.Valid(data) {
		return invalidUTF8Error()
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return billing.NewFieldError("", billing.CodeInvalidJSON, "not well-formed JSON")
	}
	if loneSurrogate(data, s) {
		return invalidUTF8Error()
	}
	v, err := ParseCurrency(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// loneSurrogate reports whether decoding the JSON string data into s made a U+FFFD out of
// a lone surrogate escape ("\ud800"), which encoding/json does silently: s holds more U+FFFD
// than data spells, raw or escaped.
func loneSurrogate(data []byte, s string) bool {
	n := strings.Count(s, "\uFFFD")
	if n == 0 {
		return false
	}
	spelt := bytes.Count(data, []byte("\uFFFD")) + bytes.Count(bytes.ToLower(data), []byte(`\ufffd`))
	return n > spelt
}

func invalidUTF8Error() error {
	return billing.NewFieldError(currencyField, billing.CodeInvalidFormat,
		`must be a three-letter ISO 4217 code in upper case, like "ZAR" (the text is not valid UTF-8)`)
}

// MarshalJSON returns the amount as {"amount":2000,"currency":"ZAR"}: its minor units and
// its currency's code. The zero Amount is null.
//
// The entity documents of the API carry a balance and its currency as two members of their
// own; this form is for an Amount standing alone.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a.cur.idx == 0 {
		return []byte("null"), nil
	}
	b := append([]byte(`{"amount":`), strconv.FormatInt(a.minor, 10)...)
	b = append(b, `,"currency":"`...)
	b = append(b, a.cur.Code()...)
	return append(b, `"}`...), nil
}

// UnmarshalJSON sets a from the form MarshalJSON writes. It is strict: both members are
// required, "amount" must be an integer literal (no fraction or exponent) within
// ±[MaxMinorUnits], "currency" a code [ParseCurrency] accepts, and no other member, nor the
// same member twice, may appear. JSON null leaves a unchanged. It fails with a
// [billing.Errors] naming each failing member; on failure a is left unchanged.
func (a *Amount) UnmarshalJSON(data []byte) error {
	members, err := readObject(data)
	if errors.Is(err, errNull) {
		return nil
	}
	if err != nil {
		return err
	}
	var v Amount
	err = checkMembers(members, []string{amountField, currencyField}, func(l *report.List, i int, val any) {
		switch i {
		case 0:
			v.minor, _ = integerMember(l, amountField, val, -MaxMinorUnits,
				"must be between -9007199254740991 and 9007199254740991 minor units")
		case 1:
			s, ok := val.(string)
			if !ok {
				l.Add(currencyField, billing.CodeInvalidType, `must be a string, like "ZAR"`)
				return
			}
			c, err := ParseCurrency(s)
			if err != nil {
				l.AddAt(currencyField, err)
				return
			}
			v.cur = c
		}
	})
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalJSON returns the rules in the API's shape:
//
//	{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}
//
// The zero PaymentRules (no rules) is null.
func (r PaymentRules) MarshalJSON() ([]byte, error) {
	if r.min == 0 {
		return []byte("null"), nil
	}
	b := append([]byte(`{"min_amount":`), strconv.FormatInt(r.min, 10)...)
	b = append(b, `,"max_amount":`...)
	b = strconv.AppendInt(b, r.max, 10)
	b = append(b, `,"underpayment_allowed":`...)
	b = strconv.AppendBool(b, r.under)
	b = append(b, `,"overpayment_allowed":`...)
	b = strconv.AppendBool(b, r.over)
	return append(b, '}'), nil
}

// UnmarshalJSON sets r from the API's shape (see MarshalJSON), for rules decoded on their own;
// the entity packages read payment_rules with the module's strict document reader.
// All four members are required (null counts as missing); the amounts must be integer literals
// (no fraction or exponent) with 1 ≤ min_amount ≤ max_amount ≤ [MaxMinorUnits]; the flags must
// be booleans; no other member, nor the same member twice, may appear. JSON null leaves r
// unchanged. It fails with a [billing.Errors] naming each failing member ("min_amount", …, or ""
// for the whole value), in the order of the members in data, then the missing ones; on failure
// r is left unchanged.
func (r *PaymentRules) UnmarshalJSON(data []byte) error {
	members, err := readObject(data)
	if errors.Is(err, errNull) {
		return nil
	}
	if err != nil {
		return err
	}
	// min_amount, when given once and valid, for the rule max_amount ≥ min_amount.
	min, minOK := soleInteger(members, minAmountField)
	var v PaymentRules
	names := []string{minAmountField, maxAmountField, underField, overField}
	err = checkMembers(members, names, func(l *report.List, i int, val any) {
		switch i {
		case 0:
			v.min, _ = integerMember(l, minAmountField, val, 1, amountRangeMessage)
		case 1:
			var ok bool
			v.max, ok = integerMember(l, maxAmountField, val, 1, amountRangeMessage)
			if ok && minOK && v.max < min {
				l.Add(maxAmountField, billing.CodeOutOfRange,
					"must be at least min_amount ("+strconv.FormatInt(min, 10)+")")
			}
		case 2, 3:
			b, ok := val.(bool)
			if !ok {
				l.Add(names[i], billing.CodeInvalidType, "must be true or false")
				return
			}
			if i == 2 {
				v.under = b
			} else {
				v.over = b
			}
		}
	})
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// errNull is readObject's answer for a JSON null.
var errNull = errors.New("null")

// member is one member of a JSON object as readObject found it: its name, and its value
// (a json.Number, string, bool or nil), or composite when the value is an object or array.
type member struct {
	name      string
	value     any
	composite bool
}

// readObject reads data as exactly one JSON object (with encoding/json's decoder) and returns
// its members in order. It returns errNull when data is JSON null, and otherwise fails with a
// billing.Errors holding one failure at "": invalid_json when data is not well-formed JSON or
// has data after the value, invalid_type when the value is not an object.
func readObject(data []byte) ([]member, error) {
	invalid := billing.Errors{billing.NewFieldError("", billing.CodeInvalidJSON, "not well-formed JSON")}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, invalid
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		if ok {
			if err := skip(dec, d); err != nil {
				return nil, invalid
			}
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, invalid
		}
		if tok == nil {
			return nil, errNull
		}
		return nil, billing.Errors{billing.NewFieldError("", billing.CodeInvalidType, "must be a JSON object")}
	}
	var members []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, invalid
		}
		name, _ := tok.(string)
		val, err := dec.Token()
		if err != nil {
			return nil, invalid
		}
		m := member{name: name, value: val}
		if d, ok := val.(json.Delim); ok {
			if err := skip(dec, d); err != nil {
				return nil, invalid
			}
			m = member{name: name, composite: true}
		}
		members = append(members, m)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, invalid
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid
	}
	return members, nil
}

// checkMembers checks the members of an object whose members may only be names, each at most
// once, and are all required. It calls check with each allowed member's index in names and its
// value, unless the value is null (required) or an object or array (invalid_type); check
// records the value's failures. Failures come in the order of members, then the missing
// members in the order of names. It returns them as billing.Errors, or nil.
func checkMembers(members []member, names []string, check func(l *report.List, i int, v any)) error {
	var l report.List
	seen := make([]bool, len(names))
	for _, m := range members {
		i := indexOf(names, m.name)
		switch {
		case i < 0:
			l.Add(m.name, billing.CodeUnknownField, "is not a member of this object")
		case seen[i]:
			l.Add(m.name, billing.CodeDuplicateField, "is given twice")
		default:
			seen[i] = true
			switch {
			case m.composite:
				l.Add(m.name, billing.CodeInvalidType, "must not be an object or an array")
			case m.value == nil:
				l.Add(m.name, billing.CodeRequired, "must not be null")
			default:
				check(&l, i, m.value)
			}
		}
	}
	for i, name := range names {
		if !seen[i] {
			l.Add(name, billing.CodeRequired, "is required")
		}
	}
	return l.Err()
}

// soleInteger returns the value of the member name when it appears exactly once and holds an
// integer in 1…MaxMinorUnits.
func soleInteger(members []member, name string) (int64, bool) {
	var found *member
	for i := range members {
		if members[i].name == name {
			if found != nil {
				return 0, false
			}
			found = &members[i]
		}
	}
	if found == nil || found.composite {
		return 0, false
	}
	var scratch report.List
	return integerMember(&scratch, name, found.value, 1, "")
}

// skip reads the rest of the object or array opened by d.
func skip(dec *json.Decoder, d json.Delim) error {
	if d != '{' && d != '[' {
		return nil
	}
	depth := 1
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
	}
	return nil
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// integerMember reads an integer member whose value must lie in lo…MaxMinorUnits, recording
// its failure in l; it reports whether the value was read and in range.
func integerMember(l *report.List, field string, v any, lo int64, rangeMessage string) (int64, bool) {
	num, ok := v.(json.Number)
	if !ok {
		l.Add(field, billing.CodeInvalidType, "must be an integer")
		return 0, false
	}
	s := string(num)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == 'e' || c == 'E' {
			l.Add(field, billing.CodeInvalidType, "must be an integer, without a fraction or an exponent")
			return 0, false
		}
	}
	digits := s
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) > 16 {
		l.Add(field, billing.CodeOutOfRange, rangeMessage)
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > MaxMinorUnits {
		l.Add(field, billing.CodeOutOfRange, rangeMessage)
		return 0, false
	}
	return n, true
}
