package entity

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Builder checks a document given as Go values with the rules of the JSON reader and
// records the failures at the same places. Its caller sets the members in the order of
// the document, then calls Finish.
type Builder struct {
	d  Doc
	l  report.List
	v  Values
	st state
}

// NewBuilder returns a Builder of a document d.
func NewBuilder(d Doc) *Builder { return &Builder{d: d, st: state{limits: d.Limits()}} }

// String checks the string member name given as s (nil: absent; a required member is
// then required).
func (b *Builder) String(name string, s *string) {
	i := find(b.d, []byte(name))
	m := &members[i]
	if s == nil {
		if m.required&b.d != 0 {
			code, msg := m.requiredError()
			b.l.Add(report.At(name), code, msg)
		}
		return
	}
	var err error
	if name == fieldCurrency {
		err = setCurrency(&b.v, &b.st, *s)
	} else {
		err = m.parse(&b.v, *s)
	}
	if err != nil {
		b.l.AddAt(report.At(name), err)
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

// UpdateBuilder checks an update request given as Go values with the rules of the JSON
// reader, at the same places: values are set with the Builder's methods (a nil value is
// unchanged), removals are named up front.
type UpdateBuilder struct {
	Builder
	removed uint32
	meta    metadata.Patch
	metaSet bool
}

// NewUpdateBuilder returns an UpdateBuilder of the update document d that removes the
// members named in remove: a name d does not define is unknown_field at that name.
func NewUpdateBuilder(d Doc, remove []string) *UpdateBuilder {
	b := &UpdateBuilder{Builder: Builder{d: d, st: state{limits: d.Limits()}}}
	for _, name := range remove {
		i := find(d, []byte(name))
		if i < 0 {
			b.l.Add(report.At(name), billing.CodeUnknownField, "is not a member of this update: it cannot be removed")
			continue
		}
		b.removed |= 1 << i
	}
	return b
}

// conflict records duplicate_field at name when the member is both set and removed, and
// reports whether it did.
func (b *UpdateBuilder) conflict(name string, set bool) bool {
	i := find(b.d, []byte(name))
	if !set || i < 0 || b.removed&(1<<i) == 0 {
		return false
	}
	b.l.Add(report.At(name), billing.CodeDuplicateField, "is both set and removed: do one or the other")
	return true
}

// String sets the string member name to s (nil: unchanged).
func (b *UpdateBuilder) String(name string, s *string) {
	if !b.conflict(name, s != nil) {
		b.Builder.String(name, s)
	}
}

// Balance sets the balance (nil: unchanged).
func (b *UpdateBuilder) Balance(minor *int64) {
	if !b.conflict("balance", minor != nil) {
		b.Builder.Balance(minor)
	}
}

// Metadata sets the keys of set and removes the keys of remove (both nil: unchanged).
func (b *UpdateBuilder) Metadata(set map[string]string, remove []string) {
	if set == nil && remove == nil || b.conflict("metadata", true) {
		return
	}
	p, err := metadata.NewPatch(set, remove, b.st.limits)
	if err != nil {
		b.l.AddUnder(report.Loc{}, err)
		return
	}
	b.meta, b.metaSet = p, true
}

// Finish returns the update or every failure.
func (b *UpdateBuilder) Finish() (Update, error) {
	if err := b.l.Err(); err != nil {
		return Update{}, err
	}
	return Update{Set: b.v, Removed: b.removed, Meta: b.meta, MetaGiven: b.metaSet}, nil
}
