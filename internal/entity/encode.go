package entity

import (
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/strictjson"
)

// AppendMember appends a member separator (a comma unless first), the member's name and a
// colon: `,"name":`. name must need no escaping (every member name of the API).
func AppendMember(b []byte, first bool, name string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// AppendStringMember appends `,"name":"value"` (without the comma when first), value
// written by strictjson.AppendString.
func AppendStringMember(b []byte, first bool, name, value string) []byte {
	return strictjson.AppendString(AppendMember(b, first, name), value)
}

// AppendName appends the name member, `,"name":"…"`, when present.
func (f *Fields) AppendName(b []byte) []byte {
	if f.Name == "" {
		return b
	}
	return AppendStringMember(b, false, FieldName, f.Name)
}

// AppendMoney appends the members currency, balance, payment_rules and metadata that are
// present, in that order, each preceded by a comma; metadata keys are written sorted, and
// metadata given as {} is written as {}: the same bytes as metadata.Metadata.MarshalJSON.
func (f *Fields) AppendMoney(b []byte) []byte {
	if !f.Currency.IsZero() {
		b = AppendStringMember(b, false, FieldCurrency, f.Currency.Code())
	}
	if f.HasBalance {
		b = AppendMember(b, false, FieldBalance)
		b = strconv.AppendInt(b, f.Balance, 10)
	}
	if r := f.PaymentRules; !r.IsZero() {
		b = append(b, `,"payment_rules":{"min_amount":`...)
		b = strconv.AppendInt(b, r.MinAmount(), 10)
		b = append(b, `,"max_amount":`...)
		b = strconv.AppendInt(b, r.MaxAmount(), 10)
		b = append(b, `,"underpayment_allowed":`...)
		b = strconv.AppendBool(b, r.UnderpaymentAllowed())
		b = append(b, `,"overpayment_allowed":`...)
		b = strconv.AppendBool(b, r.OverpaymentAllowed())
		b = append(b, '}')
	}
	if f.HasMetadata {
		b = AppendMember(b, false, FieldMetadata)
		b = append(b, '{')
		first := true
		for k, v := range f.Metadata.All() {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = strictjson.AppendString(b, k)
			b = append(b, ':')
			b = strictjson.AppendString(b, v)
		}
		b = append(b, '}')
	}
	return b
}

// Size returns about how many bytes AppendName and AppendMoney write, to size a buffer
// once: exact unless strings need escapes.
func (f *Fields) Size() int {
	n := 0
	if f.Name != "" {
		n += len(`,"name":""`) + len(f.Name)
	}
	if !f.Currency.IsZero() {
		n += len(`,"currency":"ZAR"`)
	}
	if f.HasBalance {
		n += len(`,"balance":-9007199254740991`)
	}
	if !f.PaymentRules.IsZero() {
		n += len(`,"payment_rules":{"min_amount":9007199254740991,"max_amount":9007199254740991,` +
			`"underpayment_allowed":false,"overpayment_allowed":false}`)
	}
	if f.HasMetadata {
		n += len(`,"metadata":{}`)
		for k, v := range f.Metadata.All() {
			n += len(k) + len(v) + len(`"":"",`)
		}
	}
	return n
}

// ZeroError is the failure of encoding the zero value of a document, which is not a
// document: required at field, the member that the zero value lacks.
func ZeroError(field, message string) error {
	return billing.Errors{billing.NewFieldError(field, billing.CodeRequired, message)}
}
