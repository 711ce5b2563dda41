package money

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
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
// [billing.CodeInvalidType]. On failure c is left unchanged.
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
	v, err := ParseCurrency(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
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
	var (
		minor int64
		cur   Currency
	)
	err := decodeObject(data, []string{amountField, currencyField}, func(l *report.List, i int, v any) {
		switch i {
		case 0:
			minor, _ = integerMember(l, amountField, v, -MaxMinorUnits,
				"must be between -9007199254740991 and 9007199254740991 minor units")
		case 1:
			s, ok := v.(string)
			if !ok {
				l.Add(currencyField, billing.CodeInvalidType, `must be a string, like "ZAR"`)
				return
			}
			c, err := ParseCurrency(s)
			if err != nil {
				l.AddAt(currencyField, err)
				return
			}
			cur = c
		}
	})
	if errors.Is(err, errNull) {
		return nil
	}
	if err != nil {
		return err
	}
	*a = Amount{minor: minor, cur: cur}
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
// for the whole value); on failure r is left unchanged.
func (r *PaymentRules) UnmarshalJSON(data []byte) error {
	var (
		v     PaymentRules
		minOK bool
		maxOK bool
	)
	names := []string{minAmountField, maxAmountField, underField, overField}
	err := decodeObject(data, names, func(l *report.List, i int, val any) {
		switch i {
		case 0:
			v.min, minOK = integerMember(l, minAmountField, val, 1, amountRangeMessage)
		case 1:
			v.max, maxOK = integerMember(l, maxAmountField, val, 1, amountRangeMessage)
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
	}, func(l *report.List) {
		// Both amounts in range: max must not be below min.
		if minOK && maxOK && v.max < v.min {
			l.Add(maxAmountField, billing.CodeOutOfRange,
				"must be at least min_amount ("+strconv.FormatInt(v.min, 10)+")")
		}
	})
	if errors.Is(err, errNull) {
		return nil
	}
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// errNull is decodeObject's answer for a JSON null.
var errNull = errors.New("null")

// decodeObject reads data as one JSON object whose members may only be names, each at most once,
// calling member with each one's index and value (a json.Number, string, bool, or nil for null;
// an object or array value is reported as invalid_type without calling member). A member
// missing or null is required. The optional finish runs after every member was read, to check
// rules between members. It returns the failures as billing.Errors, or errNull when data is
// JSON null, or nil.
func decodeObject(data []byte, names []string, member func(l *report.List, i int, v any), finish ...func(l *report.List)) error {
	invalid := billing.Errors{billing.NewFieldError("", billing.CodeInvalidJSON, "not well-formed JSON")}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return invalid
	}
	if tok == nil {
		if _, err := dec.Token(); err != io.EOF {
			return invalid
		}
		return errNull
	}
	var l report.List
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		if ok {
			if err := skip(dec, d); err != nil {
				return invalid
			}
		}
		if _, err := dec.Token(); err != io.EOF {
			return invalid
		}
		l.Add("", billing.CodeInvalidType, "must be a JSON object")
		return l.Err()
	}
	seen := make([]bool, len(names))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return invalid
		}
		name, _ := tok.(string)
		val, err := dec.Token()
		if err != nil {
			return invalid
		}
		composite := false
		if d, ok := val.(json.Delim); ok {
			if err := skip(dec, d); err != nil {
				return invalid
			}
			composite = true
		}
		i := indexOf(names, name)
		switch {
		case i < 0:
			l.Add(name, billing.CodeUnknownField, "is not a member of this object")
		case seen[i]:
			l.Add(name, billing.CodeDuplicateField, "is given twice")
		default:
			seen[i] = true
			switch {
			case composite:
				l.Add(name, billing.CodeInvalidType, "must not be an object or an array")
			case val == nil:
				l.Add(name, billing.CodeRequired, "must not be null")
			default:
				member(&l, i, val)
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return invalid
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalid
	}
	for i, name := range names {
		if !seen[i] {
			l.Add(name, billing.CodeRequired, "is required")
		}
	}
	for _, f := range finish {
		f(&l)
	}
	return l.Err()
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
