package entity

import (
	"log/slog"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Params are the members of a request given as Go values, as the public packages' params
// give them (a customer's CreateParams converts to Params): a nil pointer or map is an
// absent member, a pointer to "" an empty string, which is required as it is in JSON. A
// document uses the fields of the members it defines: an update never the external
// reference, an account's request never the email or phone. An account's customer member
// is set by [Builder.Customer].
type Params struct {
	ExternalReference            string
	Name, Email, Phone, Currency *string
	Balance                      *int64
	Metadata                     map[string]string
}

// field returns what p gives for the member of kind k read from a string (nil: absent).
func (p *Params) field(k kind) *string {
	switch k {
	case kCustomerRefStr, kAccountRefStr:
		return &p.ExternalReference
	case kName:
		return p.Name
	case kEmail:
		return p.Email
	case kPhone, kStoredPhone:
		return p.Phone
	case kCurrency, kStoredCurrency:
		return p.Currency
	}
	return nil
}

// LogAttrs appends p's members to attrs for log/slog, in the order of the table, with the
// email and the phone hidden: a valid value is masked as the request's would be
// (+27*******89, j***@example.com), anything else is written as "***". The other members
// are written as given.
func (p *Params) LogAttrs(attrs []slog.Attr) []slog.Attr {
	attrs = append(attrs, slog.String("external_reference", p.ExternalReference))
	if p.Name != nil {
		attrs = append(attrs, slog.String("name", *p.Name))
	}
	if p.Email != nil {
		attrs = append(attrs, slog.String("email", maskedEmailInput(*p.Email)))
	}
	if p.Phone != nil {
		attrs = append(attrs, slog.String("phone", maskedPhoneInput(*p.Phone)))
	}
	if p.Currency != nil {
		attrs = append(attrs, slog.String("currency", *p.Currency))
	}
	if p.Balance != nil {
		attrs = append(attrs, slog.Int64("balance", *p.Balance))
	}
	if p.Metadata != nil {
		attrs = append(attrs, slog.Any("metadata", p.Metadata))
	}
	return attrs
}

// hidden stands for an input that is not shown at all.
const hidden = "***"

func maskedEmailInput(s string) string {
	if e, err := contact.ParseEmail(s); err == nil {
		return e.Masked()
	}
	return hidden
}

func maskedPhoneInput(s string) string {
	if p, err := contact.ParsePhone(s); err == nil {
		return p.Masked()
	}
	return hidden
}

// Builder checks a document given as Go values with the rules of the JSON reader and
// records the failures at the same places. Its caller sets the members in the order of
// the document, then calls Finish; or gives them all at once to Build.
type Builder struct {
	d  Doc
	l  report.List
	v  Values
	st state

	// Of an update (BuildUpdate):
	removed uint32         // bit i: members[i] is removed
	meta    metadata.Patch // the change of metadata, when metaSet
	metaSet bool
}

// NewBuilder returns a Builder of a document d.
func NewBuilder(d Doc) *Builder { return &Builder{d: d, st: state{limits: d.Limits()}} }

// Build checks the members of b's create request that p gives, in the order of the table
// (an account's customer member is set before, by Customer), and returns the values or
// every failure, as Finish does.
func (b *Builder) Build(p *Params) (Values, error) {
	b.params(p, nil)
	return b.Finish()
}

// BuildUpdate checks the update request d given as Go values, with the rules of its JSON
// reader and at the same places: the members p sets (nil: unchanged), the members named in
// remove removed (a name that d does not define is unknown_field at that name), the
// metadata keys of p.Metadata set and those of removeMeta removed. A member both set and
// removed is duplicate_field. It returns the update or every failure.
func BuildUpdate(d Doc, p *Params, remove, removeMeta []string) (Update, error) {
	b := NewBuilder(d)
	for _, name := range remove {
		i := find(d, []byte(name))
		if i < 0 {
			b.l.Add(report.At(name), billing.CodeUnknownField, "is not a member of this update: it cannot be removed")
			continue
		}
		b.removed |= 1 << i
	}
	b.params(p, removeMeta)
	if err := b.l.Err(); err != nil {
		return Update{}, err
	}
	return Update{Set: b.v, Removed: b.removed, Meta: b.meta, MetaGiven: b.metaSet}, nil
}

// params checks the members of b's document that p gives, in the order of the table. In
// an update, a member also removed is duplicate_field instead, and metadata is a change:
// the keys of p.Metadata set, those of removeMeta removed.
func (b *Builder) params(p *Params, removeMeta []string) {
	every := func(int, *member) bool { return true }
	for i, m := range membersOf(b.d, every) {
		switch m.kind {
		case kCustomer, kPaymentRules: // set by Customer; not a member of a request
		case kBalance:
			if !b.conflict(i, p.Balance != nil) {
				b.Balance(p.Balance)
			}
		case kMetadata:
			if b.d&updates == 0 {
				b.Metadata(p.Metadata)
			} else if (p.Metadata != nil || removeMeta != nil) && !b.conflict(i, true) {
				b.patch(p.Metadata, removeMeta)
			}
		default:
			if s := p.field(m.kind); !b.conflict(i, s != nil) {
				b.set(m, s)
			}
		}
	}
}

// conflict records duplicate_field at members[i] when an update both sets it (set) and
// removes it, and reports whether it did.
func (b *Builder) conflict(i int, set bool) bool {
	if !set || b.removed&(1<<i) == 0 {
		return false
	}
	b.l.Add(report.At(members[i].name), billing.CodeDuplicateField, "is both set and removed: do one or the other")
	return true
}

// String checks the string member name given as s (nil: absent; a required member is
// then required).
func (b *Builder) String(name string, s *string) {
	b.set(&members[find(b.d, []byte(name))], s)
}

// set checks the member m, read from a string, given as s (nil: absent).
func (b *Builder) set(m *member, s *string) {
	if s == nil {
		if m.required&b.d != 0 {
			code, msg := m.requiredError()
			b.l.Add(report.At(m.name), code, msg)
		}
		return
	}
	var err error
	if m.name == fieldCurrency {
		err = setCurrency(&b.v, &b.st, *s)
	} else {
		err = m.parse(&b.v, *s)
	}
	if err != nil {
		b.l.AddAt(report.At(m.name), err)
	}
}

// Customer sets the customer member (an account create request) to r, or records err,
// the failure of reading it, under "customer".
func (b *Builder) Customer(r CustomerRef, err error) {
	if err != nil {
		b.l.AddUnder(report.Loc{}, err)
		return
	}
	b.v.Customer = r
}

// Fail records a failure at the top-level member name.
func (b *Builder) Fail(name string, code billing.Code, message string) {
	b.l.Add(report.At(name), code, message)
}

// Balance checks the balance given in minor units (nil: absent).
func (b *Builder) Balance(minor *int64) {
	if minor == nil {
		return
	}
	b.st.needCurrency = true
	if *minor < -money.MaxMinorUnits || *minor > money.MaxMinorUnits {
		b.l.Add(report.At("balance"), billing.CodeOutOfRange, msgBalanceRange)
		return
	}
	b.v.Balance, b.v.HasBalance = *minor, true
}

// Metadata checks metadata given as a map (nil: absent; an empty map is {}), its
// failures in sorted key order after too_many_keys.
func (b *Builder) Metadata(m map[string]string) {
	if m == nil {
		return
	}
	md, err := metadata.New(m, b.st.limits)
	if err != nil {
		b.l.AddUnder(report.Loc{}, err)
		return
	}
	b.v.Metadata, b.v.HasMeta = md, true
}

// patch checks an update's change of metadata: the keys of set to set, those of remove to
// remove.
func (b *Builder) patch(set map[string]string, remove []string) {
	p, err := metadata.NewPatch(set, remove, b.st.limits)
	if err != nil {
		b.l.AddUnder(report.Loc{}, err)
		return
	}
	b.meta, b.metaSet = p, true
}

// Finish records the currency that a balance needs, last, and returns the values or
// every failure.
func (b *Builder) Finish() (Values, error) {
	if b.st.missingCurrency() {
		b.l.Add(report.At(fieldCurrency), billing.CodeRequired, msgCurrencyNeeded)
	}
	if err := b.l.Err(); err != nil {
		return Values{}, err
	}
	return b.v, nil
}
