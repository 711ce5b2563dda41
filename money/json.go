package money

import (
	"slices"
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// Messages of the zero values, which have no encoded form.
const (
	zeroCurrencyMessage = "is the zero Currency, which is no currency and has no encoded form: " +
		"say there is none with a nil *money.Currency, sql.Null[money.Currency] or omitzero"
	zeroAmountMessage = "is the zero Amount, which has no currency and no encoded form: " +
		"say there is none with a nil *money.Amount or omitzero"
	zeroRulesMessage = "is the zero PaymentRules, which is no rules and has no encoded form: " +
		"say there are none with a nil *money.PaymentRules, sql.Null[money.PaymentRules] or omitzero"
)

// AppendText appends the currency's code to b ("ZAR"). It fails with a one-entry
// [billing.Errors] of code [billing.CodeRequired] at "currency" for the zero Currency.
// It implements encoding.TextAppender.
//
// A withdrawn currency (from [ParseStoredCurrency]) is written as its code, like any other,
// so that a stored object is sent and stored back unchanged; but the text and JSON decoders
// read what requests send, and refuse it: read it back with ParseStoredCurrency or
// [Currency.Scan].
func (c Currency) AppendText(b []byte) ([]byte, error) {
	if c.idx == 0 {
		return b, currencyLoc.Fail(billing.CodeRequired, zeroCurrencyMessage)
	}
	return append(b, c.info().code...), nil
}

// MarshalText returns the currency's code ("ZAR"), or fails as [Currency.AppendText] does
// for the zero Currency. It implements encoding.TextMarshaler.
func (c Currency) MarshalText() ([]byte, error) {
	return c.AppendText(nil)
}

// UnmarshalText sets c to the currency of text, as [ParseCurrency] reads it: empty text is
// [billing.CodeRequired], and a withdrawn code is refused. On failure c is left unchanged.
// It implements encoding.TextUnmarshaler.
func (c *Currency) UnmarshalText(text []byte) error {
	v, err := ParseCurrency(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalJSON returns the currency's code as a JSON string ("ZAR"), or fails as
// [Currency.AppendText] does for the zero Currency.
func (c Currency) MarshalJSON() ([]byte, error) {
	if c.idx == 0 {
		return nil, currencyLoc.Fail(billing.CodeRequired, zeroCurrencyMessage)
	}
	b := make([]byte, 0, 5)
	b = append(b, '"')
	b = append(b, c.info().code...)
	return append(b, '"'), nil
}

// UnmarshalJSON sets c from a JSON string, as [ParseCurrency] reads it, read by the module's
// strict JSON reader. JSON null leaves c unchanged (as encoding/json does for absent values);
// "" is [billing.CodeRequired].
//
// It fails with a one-entry [billing.Errors] at "currency": [billing.CodeInvalidType] for a
// value that is not a string; ParseCurrency's codes for a string (invalid UTF-8 and a lone
// surrogate escape such as "\ud800" are [billing.CodeInvalidCurrency]);
// [billing.CodeInvalidJSON] when data is not one well-formed JSON value; and
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

// currencyDocument opens the document [Currency.UnmarshalJSON] reads its value in.
const currencyDocument = `{"currency":`

// unmarshalJSON is UnmarshalJSON without the fast path, for any data.
func (c *Currency) unmarshalJSON(data []byte) error {
	if strictjson.IsNull(data) {
		return nil
	}
	// The reader reads objects: the value is read as the only member of one, whose place is
	// the currency's own. The document is one object of one member exactly when data is one
	// value; anything else (`"ZAR","x":1`) shows as a second member or a duplicate.
	doc := make([]byte, 0, len(currencyDocument)+len(data)+1)
	doc = append(append(append(doc, currencyDocument...), data...), '}')
	var v Currency
	more := false
	err := strictjson.Decode(doc, report.Loc{}, func(o strictjson.Object) {
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
	if err == nil && !more {
		*c = v
		return nil
	}
	// Without a second member the failure is the only one: at "currency", or at the whole
	// document for invalid_json and too_long.
	var e billing.FieldError
	if es := report.Errs(err); len(es) > 0 {
		e = *es[0]
	}
	switch {
	case more || e.Code == billing.CodeInvalidJSON || e.Code == billing.CodeDuplicateField:
		// The offset of a syntax error would count the wrapper: no offset is given.
		return currencyLoc.Fail(billing.CodeInvalidJSON, `is not well-formed JSON: send a string, like "ZAR"`)
	case e.Pointer == "":
		return currencyLoc.Fail(e.Code, e.Message)
	}
	return err
}

// MarshalJSON returns the amount as {"amount":2000,"currency":"ZAR"}: its minor units and
// its currency's code. It fails with a one-entry [billing.Errors] of code
// [billing.CodeRequired] at "amount" for the zero Amount.
//
// The entity documents of the API carry a balance and its currency as two members of their
// own; this form is for an Amount standing alone.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a.cur.idx == 0 {
		return nil, amountLoc.Fail(billing.CodeRequired, zeroAmountMessage)
	}
	b := make([]byte, 0, 48)
	b = append(b, `{"amount":`...)
	b = strconv.AppendInt(b, a.minor, 10)
	b = append(b, `,"currency":"`...)
	b = append(b, a.cur.info().code...)
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
// the missing members; or holding one failure of the whole value, at "":
// [billing.CodeInvalidJSON] when data is not well-formed JSON, [billing.CodeInvalidType]
// when it is not an object, [billing.CodeTooLong] over 1 MiB. On failure a is left
// unchanged.
func (a *Amount) UnmarshalJSON(data []byte) error {
	if strictjson.IsNull(data) {
		return nil
	}
	var v Amount
	var hasMinor, hasCurrency bool
	err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			switch string(o.NameBytes()) {
			case "amount":
				hasMinor = true
				if o.Null() {
					o.Fail(billing.CodeRequired, amountMissing)
					continue
				}
				v.minor, _ = o.Int(-MaxMinorUnits, MaxMinorUnits)
			case "currency":
				hasCurrency = true
				if o.Null() {
					o.Fail(billing.CodeRequired, currencyMissing)
					continue
				}
				if b, ok := o.StringBytes(); ok {
					c, err := ParseCurrency(string(b))
					if err != nil {
						o.FailErr(err)
					}
					v.cur = c
				}
			default:
				o.Unknown()
			}
		}
		if !hasMinor {
			o.AddAt(amountLoc, billing.CodeRequired, amountMissing)
		}
		if !hasCurrency {
			o.AddAt(currencyLoc, billing.CodeRequired, currencyMissing)
		}
	})
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Messages of the members of an Amount's JSON form when they are missing or null.
const (
	amountMissing   = "is required: send an integer of minor units, like 2000"
	currencyMissing = `is required: send an ISO 4217 code, like "ZAR"`
)

// appendJSON appends the rules in the API's shape.
func (r PaymentRules) appendJSON(b []byte) []byte {
	b = append(b, `{"min_amount":`...)
	b = strconv.AppendInt(b, r.min, 10)
	b = append(b, `,"max_amount":`...)
	b = strconv.AppendInt(b, r.max, 10)
	b = append(b, `,"underpayment_allowed":`...)
	b = strconv.AppendBool(b, r.under)
	b = append(b, `,"overpayment_allowed":`...)
	b = strconv.AppendBool(b, r.over)
	return append(b, '}')
}

// MarshalJSON returns the rules in the API's shape:
//
//	{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}
//
// It fails with a one-entry [billing.Errors] of code [billing.CodeRequired] at
// "payment_rules" for the zero PaymentRules.
func (r PaymentRules) MarshalJSON() ([]byte, error) {
	if r.min == 0 {
		return nil, rulesLoc.Fail(billing.CodeRequired, zeroRulesMessage)
	}
	return r.appendJSON(make([]byte, 0, 128)), nil
}

// UnmarshalJSON sets r from the API's shape, as [DecodePaymentRules] reads it; JSON null
// leaves r unchanged. Its failures are DecodePaymentRules's, at "payment_rules" and its
// members. On failure r is left unchanged.
func (r *PaymentRules) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodePaymentRules)
}

// DecodePaymentRules reads payment rules from data, the JSON object the API writes as the
// member "payment_rules":
//
//	{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}
//
// It reads it strictly: all four members are required (null counts as missing); the amounts
// must be integer literals (no fraction or exponent), each within 1…[MaxMinorUnits], with
// max_amount ≥ min_amount; the flags must be true or false; no other member, nor the same
// member twice, may appear. These are the rules of [NewPaymentRules].
//
// It fails with a [billing.Errors] at the member "payment_rules": a failure of one of its
// members at "payment_rules.<member>" (pointer "/payment_rules/<member>"), in the order of
// the members in data, then the absent members in the order min_amount, max_amount,
// underpayment_allowed, overpayment_allowed. Each amount outside its range is
// [billing.CodeOutOfRange] on its own member; when both are in range and max_amount is below
// min_amount, max_amount is [billing.CodeOutOfRange], in max_amount's place even when it comes
// first. A member given twice is [billing.CodeDuplicateField] and has no value: a min_amount
// given twice is compared with nothing. A failure of the whole value is alone, at
// "payment_rules": [billing.CodeRequired] for null, [billing.CodeInvalidType] when data is
// not an object, [billing.CodeInvalidJSON] when it is not well-formed JSON,
// [billing.CodeTooLong] over 1 MiB.
//
// A document that holds the rules in a member of an object nested elsewhere puts these
// failures under that object's place.
func DecodePaymentRules(data []byte) (PaymentRules, error) {
	if strictjson.IsNull(data) {
		return PaymentRules{}, rulesLoc.Fail(billing.CodeRequired, "is required: null is no rules")
	}
	if r, ok := decodeRulesQuickly(data); ok {
		return r, nil
	}
	return decodeRulesStrictly(data)
}

// decodeRulesStrictly is DecodePaymentRules along the strict path, which reports every
// failure.
func decodeRulesStrictly(data []byte) (PaymentRules, error) {
	var d rulesReader
	err := strictjson.Decode(data, rulesLoc, d.read)
	if d.retry {
		// max_amount came before min_amount and is below it: read again knowing min_amount,
		// to record the failure in max_amount's place.
		d = rulesReader{knownMin: d.min}
		err = strictjson.Decode(data, rulesLoc, d.read)
	}
	if err != nil {
		if d.dupMin && d.compared {
			// A min_amount given twice has no value: max_amount is compared with neither.
			es := slices.DeleteFunc(report.Errs(err), func(e *billing.FieldError) bool {
				return e.Pointer == maxLoc.Pointer() && e.Code == billing.CodeOutOfRange
			})
			err = es // min_amount's failure remains
		}
		return PaymentRules{}, err
	}
	return PaymentRules{min: d.min, max: d.max, under: d.under, over: d.over}, nil
}

// decodeRulesQuickly reads data along the fast path (strictjson.Fast): rules written plainly
// that pass, each member once, both amounts in range and max_amount not below min_amount.
// It reports false for anything else, which DecodePaymentRules reads again along the strict
// path: the fast path decides no failure.
func decodeRulesQuickly(data []byte) (PaymentRules, bool) {
	var (
		f     strictjson.Fast
		r     PaymentRules
		given [len(ruleMembers)]bool
	)
	if !f.Begin(data) {
		return PaymentRules{}, false
	}
	for {
		name, more := f.Next()
		if !more {
			break
		}
		i := ruleIndex(name)
		if i < 0 || given[i] {
			return PaymentRules{}, false
		}
		given[i] = true
		var ok bool
		switch i {
		case 0:
			r.min, ok = f.Int(1, MaxMinorUnits)
		case 1:
			r.max, ok = f.Int(1, MaxMinorUnits)
		case 2:
			r.under, ok = f.Bool()
		default:
			r.over, ok = f.Bool()
		}
		if !ok {
			return PaymentRules{}, false
		}
	}
	ok := !f.Stopped() && f.End() && given == [len(ruleMembers)]bool{true, true, true, true} && r.max >= r.min
	return r, ok
}

// ruleIndex returns the index of the member name in ruleMembers, or -1.
func ruleIndex(name []byte) int {
	switch string(name) {
	case "min_amount":
		return 0
	case "max_amount":
		return 1
	case "underpayment_allowed":
		return 2
	case "overpayment_allowed":
		return 3
	}
	return -1
}

// ruleRequired is the message of each member of the rules when it is missing or null.
var ruleRequired = [len(ruleMembers)]string{amountRequired, amountRequired, flagRequired, flagRequired}

// rulesReader is one reading of a payment rules object.
type rulesReader struct {
	min, max    int64
	under, over bool
	knownMin    int64 // on a second reading, the min_amount that an earlier max_amount is compared with
	compared    bool  // max_amount was in range and compared with a min_amount
	dupMin      bool  // min_amount was given twice
	retry       bool  // max_amount came first and is below min_amount: read again with knownMin
}

func (d *rulesReader) read(o strictjson.Object) {
	var given, valid [len(ruleMembers)]bool
	for o.Next() {
		i := ruleIndex(o.NameBytes())
		if i < 0 {
			o.Unknown()
			continue
		}
		given[i] = true
		if o.Null() {
			o.Fail(billing.CodeRequired, ruleRequired[i])
			continue
		}
		switch i {
		case 0:
			d.min, valid[0] = o.Int(1, MaxMinorUnits)
		case 1:
			d.max, valid[1] = o.Int(1, MaxMinorUnits)
			// Compared with the min_amount read before, or else the one known from a
			// first reading.
			lo := d.knownMin
			if given[0] {
				lo = 0
				if valid[0] {
					lo = d.min
				}
			}
			if valid[1] && lo > 0 {
				d.compared = true
				if d.max < lo {
					o.Fail(billing.CodeOutOfRange, belowMinMessage(lo))
				}
			}
		case 2:
			d.under, valid[2] = o.Bool()
		case 3:
			d.over, valid[3] = o.Bool()
		}
	}
	for i, loc := range ruleMembers {
		if !given[i] {
			o.AddAt(loc, billing.CodeRequired, ruleRequired[i])
		}
	}
	// A member read without failure that has one now was given twice.
	d.dupMin = valid[0] && o.Failed(minLoc)
	d.retry = !d.compared && !d.dupMin && valid[0] && valid[1] && !o.Failed(maxLoc) && d.max < d.min
}
