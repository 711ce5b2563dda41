package ids

import (
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/ascii"
	"github.com/tallykit/billing/internal/must"
)

// The prefixes that start every customer and account ID. External references may not
// start with them (see [ParseCustomerExternalReference], [ParseAccountExternalReference]).
const (
	CustomerIDPrefix = "bcus_"
	AccountIDPrefix  = "bacc_"
)

// CustomerID is the ID the billing API gives a customer: "bcus_" followed by one or more
// letters and digits, at most 255 characters in all, like bcus_H4jp6KnU5cPw263v1jyz4.
//
// A CustomerID is obtained from [ParseCustomerID], [NewCustomerID], [MustParseCustomerID],
// or by unmarshalling (text, JSON, a database column); each of these validates. It is a
// small comparable value, usable as a map key, immutable and safe for concurrent use.
//
// The zero CustomerID is not an ID: [CustomerID.IsZero] reports it, String returns "",
// and encoding it (text, JSON, SQL) fails with [billing.CodeRequired] rather than write an
// empty ID; an absent ID is a *CustomerID, a sql.Null[CustomerID] or an omitzero member.
//
// CustomerID and [AccountID] are distinct types: the compiler refuses to assign or convert
// one to the other, or either to a string (call String).
type CustomerID struct {
	cus string
}

// AccountID is the ID the billing API gives an account: "bacc_" followed by one or more
// letters and digits, at most 255 characters in all, like bacc_7Qm2XvR9pLk4TzW8nYc3D.
//
// It behaves exactly as [CustomerID] does, with its own prefix; the zero AccountID is not an ID.
type AccountID struct {
	acc string
}

// idRules holds what differs between the two kinds of ID for the parser: the prefix, the
// other kind's prefix (to say so when one is sent for the other) and the messages.
type idRules struct {
	prefix, otherPrefix                              string
	required, otherKind, badPrefix, noRest, badChars string
}

var customerRules = idRules{
	prefix:      CustomerIDPrefix,
	otherPrefix: AccountIDPrefix,
	required:    "must be given: a customer ID like bcus_H4jp6KnU5cPw263v1jyz4",
	otherKind:   "is an account ID (bacc_…); send a customer ID like bcus_H4jp6KnU5cPw263v1jyz4",
	badPrefix:   "must start with bcus_, like bcus_H4jp6KnU5cPw263v1jyz4",
	noRest:      "must have letters or digits after bcus_, like bcus_H4jp6KnU5cPw263v1jyz4",
	badChars:    "must hold only letters A-Z, a-z and digits 0-9 after bcus_, like bcus_H4jp6KnU5cPw263v1jyz4",
}

var accountRules = idRules{
	prefix:      AccountIDPrefix,
	otherPrefix: CustomerIDPrefix,
	required:    "must be given: an account ID like bacc_7Qm2XvR9pLk4TzW8nYc3D",
	otherKind:   "is a customer ID (bcus_…); send an account ID like bacc_7Qm2XvR9pLk4TzW8nYc3D",
	badPrefix:   "must start with bacc_, like bacc_7Qm2XvR9pLk4TzW8nYc3D",
	noRest:      "must have letters or digits after bacc_, like bacc_7Qm2XvR9pLk4TzW8nYc3D",
	badChars:    "must hold only letters A-Z, a-z and digits 0-9 after bacc_, like bacc_7Qm2XvR9pLk4TzW8nYc3D",
}

// The prefixes as the first five bytes of a word loaded by ascii.Load64.
const (
	prefixMask         = 1<<40 - 1
	customerPrefixWord = uint64('b') | uint64('c')<<8 | uint64('u')<<16 | uint64('s')<<24 | uint64('_')<<32
	accountPrefixWord  = uint64('b') | uint64('a')<<8 | uint64('c')<<16 | uint64('c')<<24 | uint64('_')<<32
)

// validID is the fast check of ^prefix[A-Za-z0-9]+$ with at most MaxLength bytes (every byte
// it accepts is ASCII, so bytes and code points agree). prefix is a five-byte prefix and
// word the same five bytes as ascii.Load64 reads them.
func validID(s, prefix string, word uint64) bool {
	n := len(s)
	if n < 13 || n > MaxLength {
		// Short and over-long strings take the plain path, whose verdict is the same.
		return validIDSlow(s, prefix)
	}
	if ascii.Load64(s, 0)&prefixMask != word {
		return false
	}
	// At least eight bytes follow the prefix: check them eight at a time, the last
	// word overlapping the one before when the length asks for it.
	for i := len(prefix); i < n-8; i += 8 {
		if !alnumWord(ascii.Load64(s, i)) {
			return false
		}
	}
	return alnumWord(ascii.Load64(s, n-8))
}

// validIDSlow is the plain form of validID, one byte at a time.
func validIDSlow(s, prefix string) bool {
	return len(s) > len(prefix) && len(s) <= MaxLength && s[:len(prefix)] == prefix &&
		alnum.matchSlow(s[len(prefix):])
}

// fail says why s is not an ID of these rules, in the order of precedence:
// required, too_long, then invalid_format with the most helpful message.
func (r *idRules) fail(s string) error {
	switch {
	case s == "":
		return atID.Fail(billing.CodeRequired, r.required)
	case tooLong(s):
		return atID.Fail(billing.CodeTooLong, tooLongMessage)
	case validIDSlow(s, r.otherPrefix):
		return atID.Fail(billing.CodeInvalidFormat, r.otherKind)
	case !strings.HasPrefix(s, r.prefix):
		return atID.Fail(billing.CodeInvalidFormat, r.badPrefix)
	case len(s) == len(r.prefix):
		return atID.Fail(billing.CodeInvalidFormat, r.noRest)
	default:
		return atID.Fail(billing.CodeInvalidFormat, r.badChars)
	}
}

// ParseCustomerID returns the customer ID s, which must match ^bcus_[A-Za-z0-9]+$ and hold
// at most 255 characters. It does not allocate when s is valid.
//
// Otherwise the error is a one-entry [billing.Errors] at the member "id" (pointer "/id")
// with code [billing.CodeRequired] (s is empty), [billing.CodeTooLong] (over 255
// characters, whatever they are) or [billing.CodeInvalidFormat]. The message never
// quotes s.
func ParseCustomerID(s string) (CustomerID, error) {
	if validID(s, CustomerIDPrefix, customerPrefixWord) {
		return CustomerID{cus: s}, nil
	}
	return CustomerID{}, customerRules.fail(s)
}

// ParseAccountID returns the account ID s, which must match ^bacc_[A-Za-z0-9]+$ and hold at
// most 255 characters. Its failures are those of [ParseCustomerID], at the member "id".
func ParseAccountID(s string) (AccountID, error) {
	if validID(s, AccountIDPrefix, accountPrefixWord) {
		return AccountID{acc: s}, nil
	}
	return AccountID{}, accountRules.fail(s)
}

// MustParseCustomerID is like [ParseCustomerID] but panics, with the string
// "billing: " followed by the error's text, if s is not a customer ID. It is meant for
// tests and for IDs written in the source.
func MustParseCustomerID(s string) CustomerID { return must.Get(ParseCustomerID(s)) }

// MustParseAccountID is like [ParseAccountID] but panics, as [MustParseCustomerID] does,
// if s is not an account ID.
func MustParseAccountID(s string) AccountID { return must.Get(ParseAccountID(s)) }

// String returns the ID as the API writes it, or "" for the zero CustomerID.
func (id CustomerID) String() string { return id.cus }

// IsZero reports whether id is the zero CustomerID, which is not an ID.
func (id CustomerID) IsZero() bool { return id.cus == "" }

// String returns the ID as the API writes it, or "" for the zero AccountID.
func (id AccountID) String() string { return id.acc }

// IsZero reports whether id is the zero AccountID, which is not an ID.
func (id AccountID) IsZero() bool { return id.acc == "" }
