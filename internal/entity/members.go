package entity

import (
	"slices"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Messages of the shared members' own failures.
const (
	msgCurrencyNeeded = `is required when balance or payment_rules is given: send an ISO 4217 code, like "ZAR"`
	msgBalanceRange   = "must be an integer from -9007199254740991 to 9007199254740991"
	msgRuleRange      = "must be an integer from 1 to 9007199254740991"
	msgRuleRequired   = "is required in payment_rules"
)

// Members reads or sets the shared members of one document and remembers what the
// cross-field rule needs. Obtain one with [NewMembers], use it for one document, and read
// Fields once the document has no failure.
type Members struct {
	Fields

	rules         *Rules
	currencyGiven bool // currency present and not null, valid or not
	needCurrency  bool // balance or payment_rules present and not null, valid or not
}

// NewMembers returns Members for one document checked with rules, which must not change
// while the Members is in use.
func NewMembers(rules *Rules) Members { return Members{rules: rules} }

// Read reads the current member of o when it is one of the shared members this document
// defines, recording its failures at the member's path, and reports whether it was; the
// caller handles any other member (usually with o.Unknown()).
func (m *Members) Read(o strictjson.Object) bool {
	switch string(o.NameBytes()) {
	case FieldName:
		if s, ok := Optional(o, m.parseName); ok {
			m.Name = s
		}
	case FieldCurrency:
		if o.Null() {
			break
		}
		m.currencyGiven = true
		b, ok := o.StringBytes()
		if !ok {
			break
		}
		// Called directly, not through Optional's func value, so that string(b) is not
		// allocated: ParseCurrency does not keep it.
		if c, err := money.ParseCurrency(string(b)); err != nil {
			o.FailErr(err)
		} else {
			m.Currency = c
		}
	case FieldBalance:
		if o.Null() {
			break
		}
		m.needCurrency = true
		m.Balance, m.HasBalance = o.Int(-MaxBalance, MaxBalance)
	case FieldPaymentRules:
		if !m.rules.PaymentRules {
			return false
		}
		m.readPaymentRules(o)
	case FieldMetadata:
		m.readMetadata(o)
	default:
		return false
	}
	return true
}

func (m *Members) parseName(s string) (string, error) {
	if m.rules.Name != nil {
		if err := m.rules.Name(s); err != nil {
			return "", err
		}
	}
	return s, nil
}

func (m *Members) readMetadata(o strictjson.Object) {
	if o.Null() {
		return
	}
	if o.Kind() != strictjson.KindObject {
		o.Object() // records invalid_type
		return
	}
	raw, ok := o.Raw()
	if !ok {
		return
	}
	md, err := metadata.Parse(raw, m.rules.Limits)
	if err != nil {
		o.AddError(o.Prefix(), err) // paths "metadata…" under the object's own
		return
	}
	m.Metadata, m.HasMetadata = md, true
}

// The members of payment_rules, in the order of the API (and of the absent ones' failures).
var ruleMembers = [4]string{"min_amount", "max_amount", "underpayment_allowed", "overpayment_allowed"}

// readPaymentRules reads payment_rules: an object of the four members, all required, with
// 1 ≤ min_amount ≤ max_amount ≤ 2^53−1 as money.NewPaymentRules decides. The object is read
// on its own and its failures are put in place of the member. max_amount below min_amount
// fails at max_amount, in its own place in the document order: when max_amount comes first
// and the failure shows only once min_amount has been read, the object is read a second time
// knowing min_amount (it has four members; this costs nothing in the usual order).
func (m *Members) readPaymentRules(o strictjson.Object) {
	if o.Null() {
		return
	}
	m.needCurrency = true
	if o.Kind() != strictjson.KindObject {
		o.Object() // records invalid_type
		return
	}
	path := report.Join(o.Prefix(), FieldPaymentRules)
	raw, ok := o.Raw()
	if !ok {
		return
	}
	r := readRules(raw, path, 0)
	if r.retry {
		r = readRules(raw, path, r.amounts[0])
	}
	if r.err != nil {
		o.AddError("", r.err)
		return
	}
	m.PaymentRules = r.rules
}

// rulesPass is one reading of a payment_rules object.
type rulesPass struct {
	amounts [2]int64 // min_amount, max_amount when valid
	flags   [2]bool
	rules   money.PaymentRules // when err is nil
	err     error
	retry   bool // max_amount came before min_amount and is below it: read again knowing min
}

// readRules reads the payment_rules object raw (at path). max_amount is compared with the
// min_amount read before it, or else with knownMin when not 0 (the second reading).
func readRules(raw []byte, path string, knownMin int64) rulesPass {
	var (
		r        rulesPass
		given    [4]bool // present, null included
		valid    [4]bool
		compared bool // max_amount was compared with a min_amount
		early    bool // max_amount was read before min_amount
	)
	err := strictjson.Decode(raw, path, func(p strictjson.Object) {
		for p.Next() {
			i := slices.Index(ruleMembers[:], string(p.NameBytes()))
			if i < 0 {
				p.Unknown()
				continue
			}
			given[i] = true
			if p.Null() {
				p.Fail(billing.CodeRequired, msgRuleRequired)
				continue
			}
			switch i {
			case 0:
				r.amounts[0], valid[0] = p.Int(1, strictjson.MaxSafeInt)
			case 1:
				r.amounts[1], valid[1] = p.Int(1, strictjson.MaxSafeInt)
				early = !given[0]
				min := knownMin
				if valid[0] {
					min = r.amounts[0]
				}
				if valid[1] && (valid[0] || early) && min > 0 {
					compared = true
					if _, err := money.NewPaymentRules(min, r.amounts[1], false, false); err != nil {
						p.FailErr(err)
					}
				}
			default:
				r.flags[i-2], valid[i] = p.Bool()
			}
		}
		for i, name := range ruleMembers {
			if !given[i] {
				p.AddAt(report.Join(path, name), billing.CodeRequired, msgRuleRequired)
			}
		}
	})
	var errs billing.Errors
	if err != nil { // AsErrors allocates even for nil
		errs = billing.AsErrors(err)
	}
	dupMin := false
	if len(errs) > 0 {
		d := errs.Field(report.Join(path, ruleMembers[0]))
		dupMin = d != nil && d.Code == billing.CodeDuplicateField
	}
	if dupMin {
		// A min_amount given twice has no value: max_amount is compared with neither.
		if compared {
			maxPath := report.Join(path, ruleMembers[1])
			errs = slices.DeleteFunc(errs, func(e *billing.FieldError) bool {
				return e.Field == maxPath && e.Code == billing.CodeOutOfRange
			})
		}
	} else if early && !compared && valid[0] && valid[1] && r.amounts[1] < r.amounts[0] {
		r.retry = true
		return r
	}
	if len(errs) > 0 {
		r.err = errs
		return r
	}
	r.rules, r.err = money.NewPaymentRules(r.amounts[0], r.amounts[1], r.flags[0], r.flags[1])
	if r.err != nil { // every rule was checked in place: this is only a safeguard
		r.err = billing.Errors{billing.NewFieldError(path, billing.CodeOutOfRange, r.err.Error())}
	}
	return r
}

// Optional reads the current member of o as an optional string checked by parse: null is
// absent (false, nothing recorded); a value that is not a string is invalid_type; parse's
// failure is recorded at the member's path. It reports whether a valid value was read.
func Optional[T any](o strictjson.Object, parse func(string) (T, error)) (T, bool) {
	if o.Null() {
		var zero T
		return zero, false
	}
	return read(o, parse)
}

// Required reads the current member of o as a required string checked by parse: null is
// parse("")'s failure (required) at the member's path; otherwise as [Optional].
func Required[T any](o strictjson.Object, parse func(string) (T, error)) (T, bool) {
	if o.Null() {
		var zero T
		_, err := parse("")
		o.FailErr(err)
		return zero, false
	}
	return read(o, parse)
}

// read reads the current member of o, which is not null, as a string checked by parse.
func read[T any](o strictjson.Object, parse func(string) (T, error)) (T, bool) {
	var zero T
	b, ok := o.StringBytes()
	if !ok {
		return zero, false
	}
	v, err := parse(string(b))
	if err != nil {
		o.FailErr(err)
		return zero, false
	}
	return v, true
}

// Missing records, after the members read so far, the failure of a required member that
// is absent from the object o (name is the member's name; its path is under o's own): the
// failure parse("") gives (required, with the parser's message).
func Missing[T any](o strictjson.Object, name string, parse func(string) (T, error)) {
	path := report.Join(o.Prefix(), name)
	_, err := parse("")
	if es := billing.AsErrors(err); len(es) > 0 {
		o.AddAt(path, es[0].Code, es[0].Message)
		return
	}
	o.AddAt(path, billing.CodeRequired, "is required")
}

// Finish records the cross-field rule of SPEC §4 after the members read so far: currency
// missing or null while balance or payment_rules is present and not null is required at
// the currency member of the object o, whatever the validity of the others. Call it once,
// after the loop and the document's own absent required members.
func (m *Members) Finish(o strictjson.Object) {
	if m.needsCurrency() {
		o.AddAt(report.Join(o.Prefix(), FieldCurrency), billing.CodeRequired, msgCurrencyNeeded)
	}
}

// FinishSet is [Members.Finish] for members set from Go values: it records the currency
// requirement in l.
func (m *Members) FinishSet(l *report.List, prefix string) {
	if m.needsCurrency() {
		l.Add(report.Join(prefix, FieldCurrency), billing.CodeRequired, msgCurrencyNeeded)
	}
}

func (m *Members) needsCurrency() bool { return m.needCurrency && !m.currencyGiven }

// SetName checks the name given as a Go value (nil: absent), recording a failure at
// prefix's name member in l.
func (m *Members) SetName(l *report.List, prefix string, name *string) {
	if name == nil {
		return
	}
	if s, err := m.parseName(*name); err != nil {
		l.AddAt(report.Join(prefix, FieldName), err)
	} else {
		m.Name = s
	}
}

// SetCurrency checks the currency code given as a Go value (nil: absent).
func (m *Members) SetCurrency(l *report.List, prefix string, code *string) {
	if code == nil {
		return
	}
	m.currencyGiven = true
	if c, err := money.ParseCurrency(*code); err != nil {
		l.AddAt(report.Join(prefix, FieldCurrency), err)
	} else {
		m.Currency = c
	}
}

// SetBalance checks the balance given as a Go value (nil: absent), in minor units.
func (m *Members) SetBalance(l *report.List, prefix string, minor *int64) {
	if minor == nil {
		return
	}
	m.needCurrency = true
	if *minor < -MaxBalance || *minor > MaxBalance {
		l.Add(report.Join(prefix, FieldBalance), billing.CodeOutOfRange, msgBalanceRange)
		return
	}
	m.Balance, m.HasBalance = *minor, true
}

// SetPaymentRules sets payment rules given as a value, already valid (the zero
// PaymentRules is absent).
func (m *Members) SetPaymentRules(r money.PaymentRules) {
	if r.IsZero() {
		return
	}
	m.needCurrency = true
	m.PaymentRules = r
}

// SetMetadata checks metadata given as a Go map (nil: absent; an empty non-nil map is
// present and empty) against the rules' limits, as metadata.New does.
func (m *Members) SetMetadata(l *report.List, prefix string, md map[string]string) {
	if md == nil {
		return
	}
	v, err := metadata.New(md, m.rules.Limits)
	if err != nil {
		l.AddError(prefix, err)
		return
	}
	m.Metadata, m.HasMetadata = v, true
}
