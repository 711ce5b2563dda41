package entity

import (
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// The fast path. Nearly every document a service receives is valid and written plainly:
// no escape in its strings, no member twice, nothing unknown. Such a document is read with
// strictjson.Fast, and its string members are checked by their rules only once the
// document is read, all cut from one string, so that the values a document keeps cost one
// allocation instead of one each. At the first thing the fast path does not read, or that a
// rule refuses, it gives up, and the document is read again along the strict path
// (strictjson.Decode, [Read]), which reports every failure in its place. The fast path
// never decides a failure, so the two agree by construction wherever it succeeds; a fuzz
// test holds them to it.

// decodeQuickly reads data as the document d into v along the fast path and reports
// whether it could; on false, v holds part of what was read and is to be reset.
func decodeQuickly(data []byte, d Doc, v *Values) bool {
	f, ok := strictjson.NewFast(data)
	return ok && readQuickly(&f, d, v) && f.End()
}

// decodeUpdateQuickly is decodeQuickly for an update document.
func decodeUpdateQuickly(data []byte, d Doc, u *Update) bool {
	f, ok := strictjson.NewFast(data)
	return ok && readUpdateQuickly(&f, d, u) && f.End()
}

// readQuickly reads the members of the object f has open as the document d into v, as
// [Read] would read them without a failure.
func readQuickly(f *strictjson.Fast, d Doc, v *Values) bool {
	var (
		q    quick
		seen uint32 // bit i: members[i] was present
	)
	for {
		name, more := f.Next()
		if !more {
			break
		}
		i := find(d, name)
		if i < 0 || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		m := &members[i]
		switch {
		case f.Null():
			if m.required&d != 0 {
				return false
			}
		case m.kind == kMetadata:
			raw, ok := f.Flat()
			if !ok {
				return false
			}
			md, err := metadata.Decode(raw, d.Limits())
			if err != nil {
				return false
			}
			v.Metadata, v.HasMeta = md, true
		case !q.value(f, i, v):
			return false
		}
	}
	for i := range members {
		if members[i].required&d != 0 && seen&(1<<i) == 0 {
			return false
		}
	}
	return !f.Stopped() && !q.missingCurrency() && q.parseStrings(v)
}

// readUpdateQuickly reads the members of the object f has open as the update document d
// into u, as [ReadUpdate] would read them without a failure.
func readUpdateQuickly(f *strictjson.Fast, d Doc, u *Update) bool {
	var (
		q    quick
		seen uint32
	)
	for {
		name, more := f.Next()
		if !more {
			break
		}
		i := find(d, name)
		if i < 0 || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		switch {
		case f.Null():
			u.Removed |= 1 << i
		case members[i].kind == kMetadata:
			raw, ok := f.Flat()
			if !ok {
				return false
			}
			p, err := metadata.DecodePatch(raw, d.Limits())
			if err != nil {
				return false
			}
			u.Meta, u.MetaGiven = p, true
		case !q.value(f, i, &u.Set):
			return false
		}
	}
	return !f.Stopped() && q.parseStrings(&u.Set)
}

// quick is what the fast path keeps while it reads an object: the string members, to be
// checked at the end, and what the rule that spans members needs to know.
type quick struct {
	state
	n       int
	strings [6]struct {
		i     int    // the member's position in the table
		value []byte // its value, a slice of the document
	}
}

// value reads the value of members[i], which is not null and not metadata, into v, or
// keeps it to parse at the end for a string member.
func (q *quick) value(f *strictjson.Fast, i int, v *Values) bool {
	switch m := &members[i]; m.kind {
	case kCurrency, kStoredCurrency:
		q.currencyGiven = true
		b, ok := f.String()
		if !ok {
			return false
		}
		var err error
		if m.kind == kCurrency { // called directly, not through a func value: string(b) is not allocated
			v.Currency, err = money.ParseCurrency(string(b))
		} else {
			v.Currency, err = money.ParseStoredCurrency(string(b))
		}
		return err == nil
	case kBalance:
		q.needCurrency = true
		var ok bool
		v.Balance, ok = f.Int(-money.MaxMinorUnits, money.MaxMinorUnits)
		v.HasBalance = ok
		return ok
	case kCustomer:
		return readCustomerQuickly(f, v)
	case kPaymentRules:
		return false // rare in what the fast path is for: read along the strict path
	default: // a string member
		b, ok := f.String()
		if !ok || q.n == len(q.strings) {
			return false
		}
		q.strings[q.n].i, q.strings[q.n].value = i, b
		q.n++
		return true
	}
}

// readCustomerQuickly reads an account request's customer member: an ID or an external
// reference, or a new customer's create request.
func readCustomerQuickly(f *strictjson.Fast, v *Values) bool {
	if f.Kind() == strictjson.KindString {
		b, _ := f.String()
		r, err := ParseCustomerRef(string(b))
		v.Customer = r
		return err == nil
	}
	nc := new(Values)
	if !f.Object() || !readQuickly(f, CustomerCreate, nc) {
		return false
	}
	v.Customer = CustomerRef{Kind: RefNewCustomer, New: nc}
	return true
}

// parseStrings checks the string members kept, each by its rule, and sets them in v: all
// of them cut from one string, made of their values one after the other.
func (q *quick) parseStrings(v *Values) bool {
	size := 0
	for _, s := range q.strings[:q.n] {
		size += len(s.value)
	}
	var small [256]byte
	buf := small[:0]
	if size > len(small) {
		buf = make([]byte, 0, size)
	}
	for _, s := range q.strings[:q.n] {
		buf = append(buf, s.value...)
	}
	all := string(buf)
	for _, s := range q.strings[:q.n] {
		value := all[:len(s.value)]
		all = all[len(s.value):]
		if members[s.i].parse(v, value) != nil {
			return false
		}
	}
	return true
}
