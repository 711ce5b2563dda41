package money

import (
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/strictjson"
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

// UnmarshalJSON sets c from a JSON string, as [ParseCurrency] reads it, read by the module's
// strict JSON reader. JSON null leaves c unchanged (as encoding/json does for absent values).
// It fails with a [*billing.FieldError]: on field "currency", [billing.CodeInvalidType] for a
// value that is not a string, and ParseCurrency's codes for a string (one with invalid UTF-8
// or a lone surrogate escape, "\ud800", is [billing.CodeInvalidFormat]); on field "",
// [billing.CodeInvalidJSON] when data is not one well-formed JSON value, and
// [billing.CodeTooLong] when it is longer than 1 MiB less 13 bytes (the reader's limit, for
// the value and the object it is read in). On failure c is left unchanged.
func (c *Currency) UnmarshalJSON(data []byte) error {
	// Fast path: a string of three printable ASCII characters without escapes is those
	// characters, as in every value MarshalJSON writes and encoding/json hands over.
	if len(data) == 5 && data[0] == '"' && data[4] == '"' && plain(data[1]) && plain(data[2]) && plain(data[3]) {
		v, err := ParseCurrency(string(data[1:4]))
		if err != nil {
			return err
		}
		*c = v
		return nil
	}
	return c.unmarshalJSON(data)
}

// plain reports whether b stands for itself inside a JSON string: printable ASCII other
// than the quote and the backslash.
func plain(b byte) bool { return ' ' <= b && b <= '~' && b != '"' && b != '\\' }

// unmarshalJSON is UnmarshalJSON without the fast path, for any data.
func (c *Currency) unmarshalJSON(data []byte) error {
	if strictjson.IsNull(data) {
		return nil
	}
	// The reader reads objects: the value is read as the only member of one. The document is
	// one object of one member exactly when data is one value; anything else (`"ZAR","x":1`)
	// shows as a second member or a duplicate.
	doc := make([]byte, 0, len(currencyDocument)+len(data)+1)
	doc = append(append(append(doc, currencyDocument...), data...), '}')
	var v Currency
	more := false
	err := strictjson.Decode(doc, "", func(o strictjson.Object) {
		if !o.Next() {
			return
		}
		if b, ok := o.StringBytes(); ok { // invalid_type for other values
			cur, err := ParseCurrency(string(b))
			if err != nil {
				o.FailErr(err)
			}
			v = cur
		}
		more = o.Next()
	})
	var es billing.Errors
	if err != nil {
		es = billing.AsErrors(err)
	}
	switch {
	case more || failedWith(es, currencyField, billing.CodeDuplicateField) ||
		len(es) > 0 && es[0].Code == billing.CodeInvalidJSON: // its offset counts the wrapper
		return billing.NewFieldError("", billing.CodeInvalidJSON, "is not well-formed JSON: send a string, like \"ZAR\"")
	case len(es) > 0:
		return es[0] // the only one: at "currency", or too_long at ""
	}
	*c = v
	return nil
}

// currencyDocument opens the document [Currency.UnmarshalJSON] reads its value in.
const currencyDocument = `{"currency":`

// invalidUTF8Error is the failure of a currency code that is not valid UTF-8.
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

// UnmarshalJSON sets a from the form MarshalJSON writes, read by the module's strict JSON
// reader. Both members are required (null counts as missing); "amount" must be an integer
// literal (no fraction or exponent) within ±[MaxMinorUnits], "currency" a code
// [ParseCurrency] accepts; no other member, nor the same member twice, may appear. JSON
// null leaves a unchanged.
//
// It fails with a [billing.Errors] naming each failing member ("amount", "currency", or
// the name of a member that does not belong), in the order of the members in data, then
// the missing members; or holding one failure at "" for the whole value:
// [billing.CodeInvalidJSON] when data is not well-formed JSON, [billing.CodeInvalidType]
// when it is not an object, [billing.CodeTooLong] over 1 MiB. On failure a is left
// unchanged.
func (a *Amount) UnmarshalJSON(data []byte) error {
	if strictjson.IsNull(data) {
		return nil
	}
	var v Amount
	var seen [len(amountMembers)]bool
	err := strictjson.Decode(data, "", func(o strictjson.Object) {
		for o.Next() {
			i := memberIndex(o.NameBytes(), amountMembers[:])
			if i < 0 {
				o.Unknown()
				continue
			}
			seen[i] = true
			switch {
			case o.Null():
				o.Fail(billing.CodeRequired, "must not be null")
			case i == 0:
				v.minor, _ = o.Int(-MaxMinorUnits, MaxMinorUnits)
			default:
				if b, ok := o.StringBytes(); ok {
					c, err := ParseCurrency(string(b))
					if err != nil {
						o.FailErr(err)
					}
					v.cur = c
				}
			}
		}
	})
	if err := withMissing(err, amountMembers[:], seen[:]); err != nil {
		return err
	}
	*a = v
	return nil
}

// amountMembers are the members of an Amount's JSON object, in the order they are reported
// missing.
var amountMembers = [...]string{amountField, currencyField}

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

// UnmarshalJSON sets r from the API's shape (see MarshalJSON), read by the module's strict
// JSON reader. All four members are required (null counts as missing); the amounts must be
// integer literals (no fraction or exponent) with 1 ≤ min_amount ≤ max_amount ≤
// [MaxMinorUnits], as [NewPaymentRules] requires; the flags must be booleans; no other
// member, nor the same member twice, may appear. JSON null leaves r unchanged.
//
// It fails with a [billing.Errors] whose paths are relative to the object: each failing
// member's name ("min_amount", …, or the name of a member that does not belong), in the
// order of the members in data, then the missing members; or one failure at "" for the
// whole value: [billing.CodeInvalidJSON] when data is not well-formed JSON,
// [billing.CodeInvalidType] when it is not an object, [billing.CodeTooLong] over 1 MiB.
// A document that holds the rules in a member puts these under the member's path
// ("min_amount" becomes "payment_rules.min_amount", "" becomes "payment_rules"), in the
// member's place. On failure r is left unchanged.
func (r *PaymentRules) UnmarshalJSON(data []byte) error {
	if strictjson.IsNull(data) {
		return nil
	}
	var d rulesReader
	err := strictjson.Decode(data, "", d.read)
	if wholeValue(err) {
		return err
	}
	if d.valid[0] && d.valid[1] && !failed(err, minAmountField) && !failed(err, maxAmountField) {
		if _, cross := NewPaymentRules(d.min, d.max, d.under, d.over); cross != nil {
			// max_amount < min_amount, known once both are read: read again to record it at
			// max_amount, in max_amount's place among the failures (which may be before
			// min_amount's).
			d = rulesReader{cross: cross}
			err = strictjson.Decode(data, "", d.read)
		}
	}
	if err := withMissing(err, ruleMembers[:], d.seen[:]); err != nil {
		return err
	}
	v, err := NewPaymentRules(d.min, d.max, d.under, d.over)
	if err != nil { // not reached: both amounts were read in range, and max ≥ min
		return err
	}
	*r = v
	return nil
}

// ruleMembers are the members of the rules' JSON object, in the order they are reported
// missing.
var ruleMembers = [...]string{minAmountField, maxAmountField, underField, overField}

// rulesReader reads the members of a payment rules object.
type rulesReader struct {
	min, max    int64
	under, over bool
	seen        [len(ruleMembers)]bool // the member is in the object, whatever its value
	valid       [len(ruleMembers)]bool // and its value was read without failure
	cross       error                  // max_amount's failure against min_amount, to record at max_amount
}

func (d *rulesReader) read(o strictjson.Object) {
	for o.Next() {
		i := memberIndex(o.NameBytes(), ruleMembers[:])
		if i < 0 {
			o.Unknown()
			continue
		}
		d.seen[i] = true
		if o.Null() {
			o.Fail(billing.CodeRequired, "must not be null")
			continue
		}
		switch i {
		case 0:
			d.min, d.valid[0] = o.Int(1, MaxMinorUnits)
		case 1:
			d.max, d.valid[1] = o.Int(1, MaxMinorUnits)
			if d.valid[1] && d.cross != nil {
				o.FailErr(d.cross)
			}
		case 2:
			d.under, d.valid[2] = o.Bool()
		case 3:
			d.over, d.valid[3] = o.Bool()
		}
	}
}

// memberIndex returns the index of name in names, or -1.
func memberIndex(name []byte, names []string) int {
	for i, n := range names {
		if string(name) == n {
			return i
		}
	}
	return -1
}

// wholeValue reports whether err, from strictjson.Decode, is a failure of the whole value
// rather than of its members: it is then alone, at "".
func wholeValue(err error) bool {
	if err == nil { // AsErrors allocates even for nil
		return false
	}
	es := billing.AsErrors(err)
	if len(es) != 1 || es[0].Field != "" {
		return false
	}
	switch es[0].Code {
	case billing.CodeInvalidJSON, billing.CodeInvalidType, billing.CodeTooLong:
		return true
	}
	return false
}

// failed reports whether err holds a failure at path.
func failed(err error, path string) bool {
	if err == nil {
		return false
	}
	for _, e := range billing.AsErrors(err) {
		if e.Field == path {
			return true
		}
	}
	return false
}

// failedWith reports whether es holds a failure of code at path.
func failedWith(es billing.Errors, path string, code billing.Code) bool {
	for _, e := range es {
		if e.Field == path && e.Code == code {
			return true
		}
	}
	return false
}

// withMissing returns err, the failures strictjson.Decode found in an object of the members
// names, followed by [billing.CodeRequired] for each member the object did not hold (seen[i]
// false), or nil when there are none. A failure of the whole value stays alone.
func withMissing(err error, names []string, seen []bool) error {
	if wholeValue(err) {
		return err
	}
	var es billing.Errors
	if err != nil {
		es = billing.AsErrors(err)
	}
	for i, name := range names {
		if !seen[i] {
			es = append(es, billing.NewFieldError(name, billing.CodeRequired, "is required"))
		}
	}
	if len(es) == 0 {
		return nil
	}
	return es
}
