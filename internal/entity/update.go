package entity

import (
	"math/bits"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Update is an update request: the members it sets, those it removes (sent as null), and
// the change of metadata, merged key by key. Members it does not name stay as stored.
type Update struct {
	Set       Values         // the members set, present as in any Values
	Removed   uint32         // bit i: members[i] is removed
	Meta      metadata.Patch // the metadata member's changes, when MetaGiven
	MetaGiven bool           // the metadata member is an object ({} included)
}

// removes reports whether u removes a member of kind k.
func (u *Update) removes(k kind) bool { return u.Removed&updateBits[k] != 0 }

// updateBits holds, for each kind, the bits of Update.Removed of the update members of that
// kind: the table's positions, computed once from the table.
var updateBits = func() (bits [kCustomer + 1]uint32) {
	for i, m := range members {
		if m.in&updates != 0 {
			bits[m.kind] |= 1 << i
		}
	}
	return bits
}()

// DecodeUpdate reads the JSON document data as the update document d into u. It fails
// as [Decode] does; an update has no required member and no rule across members: whether
// the result needs a currency is decided when it is applied.
func DecodeUpdate(data []byte, d Doc, u *Update) error {
	if decodeUpdateQuickly(data, d, u) {
		return nil
	}
	*u = Update{}
	return strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) { ReadUpdate(o, d, u) })
}

// ReadUpdate reads the members of the object o as the update document d into u: null
// removes a member, a value sets it by the member's own rule ("" is required, as
// everywhere), metadata is a [metadata.Patch] under the entity's limits.
func ReadUpdate(o strictjson.Object, d Doc, u *Update) {
	st := state{limits: d.Limits()}
	for o.Next() {
		i := find(d, o.NameBytes())
		if i < 0 {
			o.Unknown()
			continue
		}
		m := &members[i]
		if o.Null() {
			u.Removed |= 1 << i
			continue
		}
		switch {
		case m.name == "metadata":
			readPatch(o, u, st.limits)
		case m.isString():
			readString(o, m, &u.Set, false)
		default:
			m.read(o, &u.Set, &st)
		}
	}
}

// readPatch reads the metadata member of an update, a patch of the entity's keys.
func readPatch(o strictjson.Object, u *Update, l metadata.Limits) {
	if p, ok := readObject(o, metadata.DecodePatch, l); ok {
		u.Meta, u.MetaGiven = p, true
	}
}

// AppendUpdate appends u as the JSON document d: the members it sets with their values in
// the given form ([Wire] or [Masked]), those it removes as null, metadata as its patch
// (removed keys as null).
func AppendUpdate(b []byte, d Doc, u *Update, text Form) []byte {
	b = append(b, '{')
	start := len(b)
	named := func(i int, m *member) bool {
		return u.Removed&(1<<i) != 0 || m.name == "metadata" && u.MetaGiven || m.name != "metadata" && m.has(&u.Set)
	}
	for i, m := range membersOf(d, named) {
		b = appendName(b, start, m.name)
		switch {
		case u.Removed&(1<<i) != 0:
			b = append(b, "null"...)
		case m.name == "metadata":
			b, _ = u.Meta.AppendJSON(b)
		case m.kind < kBalance:
			b = strictjson.AppendString(b, text.text(m, &u.Set))
		default:
			b = m.write(b, &u.Set)
		}
	}
	return append(b, '}')
}

// Messages of the failures of applying an update.
const (
	msgConflictBalance = "changes the currency while the stored balance is in the old one: send the new balance " +
		`with the new currency (or "balance": null), so that no amount changes its meaning`
	msgConflictRules = "changes the currency while payment rules in the old one remain: remove or change the " +
		"payment rules first"
	msgConflictWithdrawn = "is withdrawn, and a new balance is never written in a withdrawn currency: send a " +
		"current currency with the balance"
	msgCurrencyKept = `is required while a balance or payment rules remain: keep the currency, or remove ` +
		`them too ("balance": null)`
)

// Apply sets *out to stored, an object of the entity that the update document d changes,
// with u applied (pointers, since Values is large), or returns every failure of applying
// it, leaving *out unspecified: required at currency when the result has a
// balance or payment rules without a currency; conflict at currency when the currency
// changes while a stored balance that u does not restate, or payment rules, remain, or
// when u sends a balance alone for an object whose currency is withdrawn; too_many_keys
// at metadata when the merged metadata is over the limit and u adds keys. *stored is
// unchanged. Applying the same update twice gives what applying it once gives.
func Apply(d Doc, stored *Values, u *Update, out *Values) error {
	was := priorOf(stored) // read before *out is written: out may be stored
	*out = *stored
	for r := u.Removed; r != 0; r &= r - 1 { // null removes, as along the fast path
		members[bits.TrailingZeros32(r)].clear(out)
	}
	s := &u.Set // a member is set or removed, never both
	if !s.Name.IsZero() {
		out.Name = s.Name
	}
	if !s.Email.IsZero() {
		out.Email = s.Email
	}
	if !s.Phone.IsZero() {
		out.Phone = s.Phone
	}
	if !s.Currency.IsZero() {
		out.Currency = s.Currency
	}
	if s.HasBalance {
		out.Balance, out.HasBalance = s.Balance, true
	}

	var l report.List
	if code, msg := was.check(out, s.HasBalance, u.removes(kBalance)); code != "" {
		l.Add(report.At(fieldCurrency), code, msg)
	}
	if u.MetaGiven && metadataAfter(out.HasMeta, u.Meta.Sets()) {
		md, err := u.Meta.Apply(out.Metadata, d.Limits())
		if err != nil {
			l.AddUnder(report.Loc{}, err)
		} else {
			out.Metadata, out.HasMeta = md, true
		}
	}
	return l.Err()
}

// metadataAfter reports whether an object has metadata once an update's metadata object,
// which sets keys or not, is merged into it: always when it had metadata ({} included), and
// otherwise only when the update sets a key. Absent metadata stays absent when the update
// sets none: the one exception to RFC 7396 that updates make.
func metadataAfter(had, sets bool) bool { return had || sets }

// prior is what the rule of the currency needs to know of a stored object before an update:
// its currency, and whether it has a balance and payment rules.
type prior struct {
	currency       money.Currency
	balance, rules bool
}

func priorOf(v *Values) prior { return prior{v.Currency, v.HasBalance, !v.Rules.IsZero()} }

// check returns the code and message of the failure at currency of out, the object was
// becomes with an update applied that sets its balance (balanceSet) or removes it
// (balanceRemoved), or "" when there is none: required when out has a balance or payment
// rules but no currency; conflict when the currency changes while the stored balance, not
// restated, or payment rules remain, or when a balance is sent for a withdrawn currency.
func (was prior) check(out *Values, balanceSet, balanceRemoved bool) (billing.Code, string) {
	changed := !was.currency.IsZero() && !out.Currency.IsZero() && out.Currency != was.currency
	switch {
	case (out.HasBalance || !out.Rules.IsZero()) && out.Currency.IsZero():
		return billing.CodeRequired, msgCurrencyKept
	case changed && was.balance && !balanceSet && !balanceRemoved:
		return billing.CodeConflict, msgConflictBalance
	case changed && was.rules:
		return billing.CodeConflict, msgConflictRules
	case balanceSet && isWithdrawn(out.Currency):
		return billing.CodeConflict, msgConflictWithdrawn
	}
	return "", ""
}

// isWithdrawn reports whether c is a currency withdrawn from ISO 4217's List One.
func isWithdrawn(c money.Currency) bool {
	_, ok := c.Withdrawn()
	return ok
}
