package ids

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Text and JSON forms.
//
// Every type but APIKey encodes as its string and decodes through its parser, so a value
// read from text or JSON is as valid as one from Parse…, and a failure is the parser's. The
// JSON form is a JSON string. On failure the receiver is left unchanged.
//
// The zero value is not a value: encoding it fails with billing.CodeRequired rather than
// write "", which would not read back. An absent value is a pointer or a member tagged
// `json:",omitzero"`. Decoding follows encoding/json: null leaves the value as it was (a
// pointer member stays nil), while "" and empty text are billing.CodeRequired. A JSON value
// that is not a string (number, bool, array, object) is billing.CodeInvalidType.

// appendJSON appends s as a JSON string. Only valid values get here, and their characters
// never need escaping.
func appendJSON(b []byte, s string) []byte {
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonString returns the string the JSON value data (trimmed, not null) holds. A value
// that is not a string is billing.CodeInvalidType, and bytes that are not JSON at all are
// billing.CodeInvalidJSON, at at.
func jsonString(data []byte, at report.Loc) (string, error) {
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' {
		inner := data[1 : len(data)-1]
		// The common case: no escapes. A control character left raw would make the
		// document invalid, but every pattern of this package refuses it anyway.
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
			return bytesToString(inner, at)
		}
		var s string
		if err := json.Unmarshal(data, &s); err == nil {
			// encoding/json turns invalid UTF-8 and lone surrogates into U+FFFD, one
			// for one, which no pattern of this package accepts either.
			return s, nil
		}
	}
	if !json.Valid(data) {
		return "", at.Fail(billing.CodeInvalidJSON, "must be a JSON string")
	}
	return "", notString(at)
}

// bytesToString returns b as a string, or the too_long failure at at, without copying,
// when b is certainly over MaxLength code points.
func bytesToString(b []byte, at report.Loc) (string, error) {
	if len(b) > utf8.UTFMax*MaxLength {
		return "", at.Fail(billing.CodeTooLong, tooLongMessage)
	}
	return string(b), nil
}

// The types whose form is their string (every one but APIKey) share the bodies below:
// s is the value's string, "" for the zero value, which fails with required at at and the
// message zero.

// appendText appends s to b, or fails for the zero value.
func appendText(b []byte, s string, at report.Loc, zero string) ([]byte, error) {
	if s == "" {
		return b, at.Fail(billing.CodeRequired, zero)
	}
	return append(b, s...), nil
}

// marshalJSON returns s as a JSON string, or fails for the zero value.
func marshalJSON(s string, at report.Loc, zero string) ([]byte, error) {
	if s == "" {
		return nil, at.Fail(billing.CodeRequired, zero)
	}
	return appendJSON(make([]byte, 0, len(s)+2), s), nil
}

// The Unmarshal… methods (and Scan, in sql.go) read a string their own way and hand it to
// the type's parser; v is left unchanged on failure.

// unmarshalText sets *v to what parse reads from text.
func unmarshalText[T any](v *T, text []byte, at report.Loc, parse func(string) (T, error)) error {
	s, err := bytesToString(text, at)
	return setParsed(v, s, err, parse)
}

// unmarshalJSON sets *v to what parse reads from the JSON string data, and leaves it
// unchanged for null.
func unmarshalJSON[T any](v *T, data []byte, at report.Loc, parse func(string) (T, error)) error {
	data = bytes.Trim(data, " \t\r\n")
	if string(data) == "null" {
		return nil
	}
	s, err := jsonString(data, at)
	return setParsed(v, s, err, parse)
}

// setParsed sets *v to what parse reads from s, unless reading s failed (err).
func setParsed[T any](v *T, s string, err error, parse func(string) (T, error)) error {
	if err != nil {
		return err
	}
	x, err := parse(s)
	if err != nil {
		return err
	}
	*v = x
	return nil
}

// MarshalText returns the ID, or fails with billing.CodeRequired for the zero CustomerID.
func (id CustomerID) MarshalText() ([]byte, error) { return id.AppendText(nil) }

// AppendText appends the ID to b, or fails with billing.CodeRequired for the zero
// CustomerID, leaving b as it was.
func (id CustomerID) AppendText(b []byte) ([]byte, error) {
	return appendText(b, id.cus, atID, customerRules.zero)
}

// UnmarshalText sets id to the customer ID in text, checked by [ParseCustomerID].
func (id *CustomerID) UnmarshalText(text []byte) error {
	return unmarshalText(id, text, atID, ParseCustomerID)
}

// MarshalJSON returns the ID as a JSON string, or fails with billing.CodeRequired for the
// zero CustomerID.
func (id CustomerID) MarshalJSON() ([]byte, error) {
	return marshalJSON(id.cus, atID, customerRules.zero)
}

// UnmarshalJSON sets id to the customer ID in the JSON string data, checked by
// [ParseCustomerID]. The JSON null leaves id unchanged.
func (id *CustomerID) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(id, data, atID, ParseCustomerID)
}

// MarshalText returns the ID, or fails with billing.CodeRequired for the zero AccountID.
func (id AccountID) MarshalText() ([]byte, error) { return id.AppendText(nil) }

// AppendText appends the ID to b, or fails with billing.CodeRequired for the zero
// AccountID, leaving b as it was.
func (id AccountID) AppendText(b []byte) ([]byte, error) {
	return appendText(b, id.acc, atID, accountRules.zero)
}

// UnmarshalText sets id to the account ID in text, checked by [ParseAccountID].
func (id *AccountID) UnmarshalText(text []byte) error {
	return unmarshalText(id, text, atID, ParseAccountID)
}

// MarshalJSON returns the ID as a JSON string, or fails with billing.CodeRequired for the
// zero AccountID.
func (id AccountID) MarshalJSON() ([]byte, error) {
	return marshalJSON(id.acc, atID, accountRules.zero)
}

// UnmarshalJSON sets id to the account ID in the JSON string data, checked by
// [ParseAccountID]. The JSON null leaves id unchanged.
func (id *AccountID) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(id, data, atID, ParseAccountID)
}

// MarshalText returns the reference, or fails with billing.CodeRequired for the zero
// ExternalReference.
func (r ExternalReference) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// AppendText appends the reference to b, or fails with billing.CodeRequired for the zero
// ExternalReference, leaving b as it was.
func (r ExternalReference) AppendText(b []byte) ([]byte, error) {
	return appendText(b, r.ref, atExternalReference, refZero)
}

// UnmarshalText sets r to the reference in text, checked by [ParseExternalReference]: no
// reserved prefix applies, since the text alone does not say whose reference it is.
func (r *ExternalReference) UnmarshalText(text []byte) error {
	return unmarshalText(r, text, atExternalReference, ParseExternalReference)
}

// MarshalJSON returns the reference as a JSON string, or fails with billing.CodeRequired for
// the zero ExternalReference.
func (r ExternalReference) MarshalJSON() ([]byte, error) {
	return marshalJSON(r.ref, atExternalReference, refZero)
}

// UnmarshalJSON sets r to the reference in the JSON string data, checked by
// [ParseExternalReference]. The JSON null leaves r unchanged.
func (r *ExternalReference) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(r, data, atExternalReference, ParseExternalReference)
}

// MarshalText returns the key, or fails with billing.CodeRequired for the zero IdempotencyKey.
func (k IdempotencyKey) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// AppendText appends the key to b, or fails with billing.CodeRequired for the zero
// IdempotencyKey, leaving b as it was.
func (k IdempotencyKey) AppendText(b []byte) ([]byte, error) {
	return appendText(b, k.key, atIdempotencyKey, keyZero)
}

// UnmarshalText sets k to the key in text, checked by [ParseIdempotencyKey].
func (k *IdempotencyKey) UnmarshalText(text []byte) error {
	return unmarshalText(k, text, atIdempotencyKey, ParseIdempotencyKey)
}

// MarshalJSON returns the key as a JSON string, or fails with billing.CodeRequired for the
// zero IdempotencyKey.
func (k IdempotencyKey) MarshalJSON() ([]byte, error) {
	return marshalJSON(k.key, atIdempotencyKey, keyZero)
}

// UnmarshalJSON sets k to the key in the JSON string data, checked by [ParseIdempotencyKey].
// The JSON null leaves k unchanged.
func (k *IdempotencyKey) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(k, data, atIdempotencyKey, ParseIdempotencyKey)
}

// MarshalText fails with [ErrAPIKeyNotEncoded]: an API key is never encoded. Write
// k.Reveal() where the secret must go.
func (k APIKey) MarshalText() ([]byte, error) { return nil, ErrAPIKeyNotEncoded }

// AppendText returns b unchanged and [ErrAPIKeyNotEncoded]: an API key is never encoded.
// Append k.Reveal() where the secret must go.
func (k APIKey) AppendText(b []byte) ([]byte, error) { return b, ErrAPIKeyNotEncoded }

// UnmarshalText sets k to the API key in text, checked by [ParseAPIKey].
func (k *APIKey) UnmarshalText(text []byte) error {
	return unmarshalText(k, text, atAPIKey, ParseAPIKey)
}

// MarshalJSON fails with [ErrAPIKeyNotEncoded]: an API key is never encoded, so a struct
// holding one does not marshal by accident. Leave the member out (`json:"-"`) and write
// k.Reveal() where the secret must go.
func (k APIKey) MarshalJSON() ([]byte, error) { return nil, ErrAPIKeyNotEncoded }

// UnmarshalJSON sets k to the API key in the JSON string data, checked by [ParseAPIKey].
// The JSON null leaves k unchanged.
func (k *APIKey) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(k, data, atAPIKey, ParseAPIKey)
}
