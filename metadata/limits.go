package metadata

import (
	"slices"
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Limits bounds a Metadata: how many keys it may hold, and how long, in Unicode code points,
// each key and each value may be. A Limits is a plain value: copy it, compare it, build your
// own. The zero Limits allows nothing but empty metadata; a limit below 1 allows nothing.
type Limits struct {
	MaxKeys        int // at most this many keys
	MaxKeyLength   int // each key at most this many code points
	MaxValueLength int // each value at most this many code points
}

// CustomerLimits returns the limits of a customer's metadata: 20 keys, keys of at most 40
// code points, values of at most 500.
func CustomerLimits() Limits { return Limits{MaxKeys: 20, MaxKeyLength: 40, MaxValueLength: 500} }

// AccountLimits returns the limits of an account's metadata: 10 keys, keys of at most 40
// code points, values of at most 500.
func AccountLimits() Limits { return Limits{MaxKeys: 10, MaxKeyLength: 40, MaxValueLength: 500} }

// here is the place of a metadata object, the member "metadata" of a document: every
// failure of this package is reported there or at one of its entries, here.Member(key).
var here = report.At("metadata")

// Validate checks every entry of m against l and the rules of keys and values, without
// building a Metadata, and allocates nothing when m is valid. It returns nil or a
// billing.Errors: too_many_keys at "metadata" first when m has more than l.MaxKeys keys,
// then each failing entry at "metadata.<key>" (pointer "/metadata/<key>"), in sorted key
// order, the key's failure hiding its value's:
//
//   - key empty, not valid UTF-8, or holding a control character (U+0000–U+001F,
//     U+007F–U+009F): invalid_key; longer than l.MaxKeyLength: key_too_long;
//   - value empty: required; not valid UTF-8: invalid_characters; longer than
//     l.MaxValueLength: too_long. Control characters are allowed in values.
func (l Limits) Validate(m map[string]string) error {
	valid := !l.tooMany(len(m))
	if valid {
		for k, v := range m {
			if c, _ := l.checkEntry(k, v); c != "" {
				valid = false
				break
			}
		}
	}
	if valid {
		return nil
	}
	entries := make([]entry, 0, len(m))
	for k, v := range m {
		entries = append(entries, entry{k, v})
	}
	slices.SortFunc(entries, compareEntries)
	return l.checkSorted(entries)
}

// ValidateMetadata checks m against l, as Validate does a map: a Metadata that is valid
// under one Limits (say CustomerLimits, as UnmarshalJSON reads) may hold too many keys, or
// too long ones, for another (AccountLimits). It allocates nothing when m is valid.
func (l Limits) ValidateMetadata(m Metadata) error { return l.checkSorted(m.entries) }

func (l Limits) addTooMany(list *report.List, n int) {
	if l.tooMany(n) {
		list.Add(here, billing.CodeTooManyKeys, l.tooManyMessage(n))
	}
}

// tooMany reports whether n keys are over the limit; no limit forbids empty metadata.
func (l Limits) tooMany(n int) bool { return n > max(l.MaxKeys, 0) }

func (l Limits) tooManyMessage(n int) string {
	return "holds " + strconv.Itoa(n) + " keys, more than the " + strconv.Itoa(max(l.MaxKeys, 0)) + " allowed"
}

// checkEntry returns the code and message of the first rule the entry breaks, or "".
func (l Limits) checkEntry(k, v string) (billing.Code, string) {
	if c, msg := checkKey(k, l.MaxKeyLength); c != "" {
		return c, msg
	}
	return checkValue(v, l.MaxValueLength)
}
