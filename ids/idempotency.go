package ids

import (
	"github.com/tallykit/billing/internal/must"
)

// IdempotencyKey is the key a client sends so that a retried request is applied once:
// 1 to 255 characters of ^[A-Za-z0-9-]+$. A UUID in its 8-4-4-4-12 form is such a key, and
// the usual choice ([IdempotencyKey.IsUUID] tells).
//
// An IdempotencyKey is obtained from [ParseIdempotencyKey] or by unmarshalling text, JSON or
// a database column (a service stores the keys it has seen). It is comparable, immutable and
// safe for concurrent use. The zero IdempotencyKey is not a key: IsZero reports it, String
// returns "", and encoding it (text, JSON, SQL) fails with [billing.CodeRequired].
type IdempotencyKey struct {
	key string
}

const (
	keyRequired = "must be given: a unique key per request, like a UUID 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
	keyBadChars = "must hold only letters A-Z, a-z, digits 0-9 and -, like a UUID 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"
)

// ParseIdempotencyKey returns the idempotency key s: 1 to 255 characters of ^[A-Za-z0-9-]+$.
// It does not allocate when s is valid.
//
// Otherwise the error is a one-entry [billing.Errors] at the member "idempotency_key" with
// code [billing.CodeRequired] (s is empty), [billing.CodeTooLong] (over 255 characters,
// whatever they are) or [billing.CodeInvalidFormat]. The message never quotes s.
func ParseIdempotencyKey(s string) (IdempotencyKey, error) {
	if !keyChars.valid(s) {
		return IdempotencyKey{}, charsError(s, atIdempotencyKey, keyRequired, keyBadChars)
	}
	return IdempotencyKey{key: s}, nil
}

// MustParseIdempotencyKey is like [ParseIdempotencyKey] but panics, with the string
// "billing: " followed by the error's text, if s is not an idempotency key. It is meant
// for tests.
func MustParseIdempotencyKey(s string) IdempotencyKey { return must.Get(ParseIdempotencyKey(s)) }

// String returns the key as it was given, or "" for the zero IdempotencyKey.
func (k IdempotencyKey) String() string { return k.key }

// IsZero reports whether k is the zero IdempotencyKey, which is not a key.
func (k IdempotencyKey) IsZero() bool { return k.key == "" }

// IsUUID reports whether k has the canonical textual form of a UUID: 32 hexadecimal digits
// in groups of 8-4-4-4-12 separated by hyphens, like 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f.
// Hex digits of either case are accepted, as RFC 9562 asks of readers; the version and
// variant bits are not checked, so the nil UUID counts. The key is not changed either way.
func (k IdempotencyKey) IsUUID() bool {
	s := k.key
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	return hexDigits.matchSlow(s[:8]) && hexDigits.matchSlow(s[9:13]) && hexDigits.matchSlow(s[14:18]) &&
		hexDigits.matchSlow(s[19:23]) && hexDigits.matchSlow(s[24:])
}
