package ids

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	billing "github.com/tallykit/billing"
)

// APIKeyKind says whether an API key is secret (sk_…) or public (pk_…).
type APIKeyKind uint8

// The kinds of API key. The zero APIKeyKind belongs to the zero APIKey only.
const (
	KindSecret APIKeyKind = iota + 1 // sk_test_…, sk_…
	KindPublic                       // pk_test_…, pk_…
)

// String returns "secret", "public", or "unknown" for any other value.
func (k APIKeyKind) String() string { return enumName(kindNames[:], uint8(k)) }

// APIKeyMode says whether an API key works on test data (…_test_…) or live data.
type APIKeyMode uint8

// The modes of API key. The zero APIKeyMode belongs to the zero APIKey only.
const (
	ModeTest APIKeyMode = iota + 1 // sk_test_…, pk_test_…
	ModeLive                       // sk_…, pk_…
)

// String returns "test", "live", or "unknown" for any other value.
func (m APIKeyMode) String() string { return enumName(modeNames[:], uint8(m)) }

// The names of the kinds and modes, by value; the zero value has none.
var (
	kindNames = [...]string{KindSecret: "secret", KindPublic: "public"}
	modeNames = [...]string{ModeTest: "test", ModeLive: "live"}
)

// enumName returns names[v], or "unknown" for a value without a name.
func enumName(names []string, v uint8) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return "unknown"
}

// APIKey is a key of the billing API: sk_test_… (secret, test), pk_test_… (public, test),
// sk_… (secret, live) or pk_… (public, live), the prefix followed by one or more letters and
// digits, at most 255 characters in all.
//
// An APIKey never shows itself by accident. Its String, every fmt verb (%v, %+v, %#v, %s,
// %q, %x, …) and its slog form (LogValue) give the masked form (see [APIKey.String]); only
// [APIKey.Reveal] returns the key. The key is held inside a function value, out of reach of
// reflection: a struct that holds an APIKey in an unexported field, printed with any verb,
// or dumped by a reflection-based printer, shows the masked form and a function address,
// never the key. Parse errors never contain the key.
//
// An APIKey is never encoded: MarshalText, AppendText and MarshalJSON fail with
// [ErrAPIKeyNotEncoded], so that a configuration or a request written out as JSON can
// carry neither the key by accident nor a masked form that would not read back. A program
// that must store or send the key writes key.Reveal() where the secret must go, and leaves
// the member out elsewhere (`json:"-"`). UnmarshalText and UnmarshalJSON read a real key,
// so an APIKey can be loaded from a configuration file.
//
// APIKey values are immutable and safe for concurrent use. They are not comparable with ==
// (it does not compile); use [APIKey.Equal]. The zero APIKey is not a key: IsZero reports
// it, and String and Reveal return "".
type APIKey struct {
	masked string        // the masked form, what every printed form shows
	kind   APIKeyKind    // secret or public
	mode   APIKeyMode    // test or live
	reveal func() string // returns the key; nil for the zero APIKey
}

// revealMin is the shortest part after the prefix whose last four characters the masked
// form shows: with it, at least twelve characters (over 70 bits) stay hidden.
const revealMin = 16

// mask is what the masked form puts between the prefix and the last four characters.
const mask = "…"

// ErrAPIKeyNotEncoded is the error of every encoder of [APIKey] (MarshalText, AppendText,
// MarshalJSON): an API key is never written by a marshaller.
var ErrAPIKeyNotEncoded = errors.New("ids: an API key is never encoded: write key.Reveal() where the secret must go")

const (
	apiKeyRequired  = "must be given: an API key starting with sk_test_, pk_test_, sk_ or pk_"
	apiKeyBadPrefix = "must start with sk_test_, pk_test_, sk_ or pk_"
	apiKeyNoRest    = "must have letters or digits after its prefix"
	apiKeyBadChars  = "must hold only letters A-Z, a-z and digits 0-9 after its prefix"
)

// apiKeyPrefixes in the order they are tried: the test prefixes first.
var apiKeyPrefixes = [...]struct {
	prefix string
	kind   APIKeyKind
	mode   APIKeyMode
}{
	{"sk_test_", KindSecret, ModeTest},
	{"pk_test_", KindPublic, ModeTest},
	{"sk_", KindSecret, ModeLive},
	{"pk_", KindPublic, ModeLive},
}

// ParseAPIKey returns the API key s: a prefix tried in the order sk_test_, pk_test_, sk_,
// pk_, then one or more of [A-Za-z0-9], at most 255 characters in all. So sk_testABC is a
// live secret key whose part after sk_ is "testABC", and sk_test_ alone is refused.
//
// Otherwise the error is a one-entry [billing.Errors] at the member "api_key" with code
// [billing.CodeRequired] (s is empty), [billing.CodeTooLong] (over 255 characters, whatever
// they are) or [billing.CodeInvalidFormat]. The error never contains s or any part of it.
func ParseAPIKey(s string) (APIKey, error) {
	switch {
	case s == "":
		return APIKey{}, atAPIKey.Fail(billing.CodeRequired, apiKeyRequired)
	case tooLong(s):
		return APIKey{}, atAPIKey.Fail(billing.CodeTooLong, tooLongMessage)
	}
	for _, p := range apiKeyPrefixes {
		if !strings.HasPrefix(s, p.prefix) {
			continue
		}
		rest := s[len(p.prefix):]
		switch {
		case rest == "":
			return APIKey{}, atAPIKey.Fail(billing.CodeInvalidFormat, apiKeyNoRest)
		case !alnum.match(rest):
			return APIKey{}, atAPIKey.Fail(billing.CodeInvalidFormat, apiKeyBadChars)
		}
		return APIKey{
			masked: maskKey(p.prefix, rest),
			kind:   p.kind,
			mode:   p.mode,
			reveal: func() string { return s },
		}, nil
	}
	return APIKey{}, atAPIKey.Fail(billing.CodeInvalidFormat, apiKeyBadPrefix)
}

// maskKey returns the masked form of the key prefix+rest (see [APIKey.String]).
func maskKey(prefix, rest string) string {
	if len(rest) < revealMin {
		return prefix + mask
	}
	return prefix + mask + rest[len(rest)-4:]
}

// IsZero reports whether k is the zero APIKey, which is not a key.
func (k APIKey) IsZero() bool { return k.reveal == nil }

// Kind returns whether k is a secret or a public key (0 for the zero APIKey).
func (k APIKey) Kind() APIKeyKind { return k.kind }

// Mode returns whether k is a test or a live key (0 for the zero APIKey).
func (k APIKey) Mode() APIKeyMode { return k.mode }

// Reveal returns the whole key, to send it to the API or store it. It is the only way to
// read the key; the zero APIKey reveals "".
func (k APIKey) Reveal() string {
	if k.reveal == nil {
		return ""
	}
	return k.reveal()
}

// Equal reports whether k and other hold the same key, in time that does not depend on
// where they first differ.
func (k APIKey) Equal(other APIKey) bool {
	return subtle.ConstantTimeCompare([]byte(k.Reveal()), []byte(other.Reveal())) == 1
}

// String returns the masked form of the key: its prefix, "…" (U+2026), and its last four
// characters, like sk_test_…a1B2. When fewer than 16 characters follow the prefix, the last
// four are left out too (sk_test_…), so that the masked form never gives away more than a
// small part of a key, nor the whole of a short one. The zero APIKey gives "".
func (k APIKey) String() string { return k.masked }

// Format prints the masked form (see [APIKey.String]) for every verb and flag: %v, %+v, %s
// and the like print it as it is, %q quotes it, %x prints its hex, and %#v prints
// ids.APIKey{masked:"…"}. The key itself cannot be printed with fmt; use [APIKey.Reveal].
func (k APIKey) Format(f fmt.State, verb rune) {
	masked := k.String()
	if verb == 'v' && f.Flag('#') {
		fmt.Fprintf(f, "ids.APIKey{masked:%q}", masked)
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), masked)
}

// LogValue returns the masked form (see [APIKey.String]) as a string, so that log/slog
// never records the key.
func (k APIKey) LogValue() slog.Value {
	return slog.StringValue(k.String())
}
