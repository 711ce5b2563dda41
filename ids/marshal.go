package ids

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
)

// Text and JSON forms.
//
// Every type marshals to its string (the masked form for APIKey) and unmarshals through its
// parser, so a value read from text or JSON is as valid as one from Parse…, and a failure is
// the parser's *billing.FieldError. The JSON form is a JSON string. On failure the receiver
// is left unchanged.
//
// The zero value is not a value: marshalling it fails with billing.CodeRequired rather than
// write "" (which would not read back). Tag an optional member `json:",omitzero"` or use a
// pointer. JSON null is billing.CodeRequired for a plain value, as SPEC treats null for a
// required member; a pointer field (*CustomerID, …) takes null as nil without calling the
// method, which is how an optional member is read. A JSON value that is not a string
// (number, bool, array, object) is billing.CodeInvalidType.

// zeroError is the failure of marshalling a zero value.
func zeroError(field, message string) error {
	return fieldError(field, billing.CodeRequired, message)
}

// appendJSON appends s as a JSON string. Only valid values get here, and their characters
// never need escaping.
func appendJSON(b []byte, s string) []byte {
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonString returns the string a JSON value holds. A value that is not a string is
// billing.CodeRequired (null) or billing.CodeInvalidType, and bytes that are not JSON at all
// are billing.CodeInvalidJSON, each for field with the given message for null.
func jsonString(data []byte, field, required string) (string, error) {
	data = bytes.Trim(data, " \t\r\n")
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' {
		inner := data[1 : len(data)-1]
		// The common case: no escapes. A control character left raw would make the
		// document invalid, but every pattern of this package refuses it anyway.
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
			return bytesToString(inner, field)
		}
		var s string
		if err := json.Unmarshal(data, &s); err == nil {
			// encoding/json turns invalid UTF-8 and lone surrogates into U+FFFD, one
			// for one, which no pattern of this package accepts either.
			return s, nil
		}
	}
	switch {
	case string(data) == "null":
		return "", fieldError(field, billing.CodeRequired, required)
	case !json.Valid(data):
		return "", fieldError(field, billing.CodeInvalidJSON, "must be a JSON string")
	default:
		return "", notString(field)
	}
}

// bytesToString returns b as a string, or the too_long failure of field, without copying,
// when b is certainly over MaxLength code points.
func bytesToString(b []byte, field string) (string, error) {
	if len(b) > utf8.UTFMax*MaxLength {
		return "", fieldError(field, billing.CodeTooLong, tooLongMessage)
	}
	return string(b), nil
}

// The types whose form is their string (every one but APIKey) share the bodies below:
// s is the value's string, "" for the zero value, which fails with required at field.

// appendText appends s to b, or fails for the zero value.
func appendText(b []byte, s, field, required string) ([]byte, error) {
	if s == "" {
		return b, zeroError(field, required)
	}
	return append(b, s...), nil
}

// marshalJSON returns s as a JSON string, or fails for the zero value.
func marshalJSON(s, field, required string) ([]byte, error) {
	if s == "" {
		return nil, zeroError(field, required)
	}
	return appendJSON(make([]byte, 0, len(s)+2), s), nil
}

// The Unmarshal… methods (and Scan, in sql.go) read a string their own way and hand it to
// the type's parser; v is left unchanged on failure.

// unmarshalText sets *v to what parse reads from text.
func unmarshalText[T any](v *T, text []byte, field string, parse func(string) (T, error)) error {
	s, err := bytesToString(text, field)
	return setParsed(v, s, err, parse)
}

// unmarshalJSON sets *v to what parse reads from the JSON string data; null is required
// at field, with the message required.
func unmarshalJSON[T any](v *T, data []byte, field, required string, parse func(string) (T, error)) error {
	s, err := jsonString(data, field, required)
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

// AppendText appends the ID to b, or fails with billing.CodeRequired for the zero CustomerID.
func (id CustomerID) AppendText(b []byte) ([]byte, error) {
	return appendText(b, id.cus, fieldID, customerRules.required)
}

// UnmarshalText sets id to the customer ID in text, checked by [ParseCustomerID].
func (id *CustomerID) UnmarshalText(text []byte) error {
	return unmarshalText(id, text, fieldID, ParseCustomerID)
}

// MarshalJSON returns the ID as a JSON string, or fails with billing.CodeRequired for the
// zero CustomerID.
func (id CustomerID) MarshalJSON() ([]byte, error) {
	return marshalJSON(id.cus, fieldID, customerRules.required)
}

// UnmarshalJSON sets id to the customer ID in the JSON string data, checked by
// [ParseCustomerID]. null is billing.CodeRequired; use a *CustomerID for an optional member.
func (id *CustomerID) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(id, data, fieldID, customerRules.required, ParseCustomerID)
}

// MarshalText returns the ID, or fails with billing.CodeRequired for the zero AccountID.
func (id AccountID) MarshalText() ([]byte, error) { return id.AppendText(nil) }

// AppendText appends the ID to b, or fails with billing.CodeRequired for the zero AccountID.
func (id AccountID) AppendText(b []byte) ([]byte, error) {
	return appendText(b, id.acc, fieldID, accountRules.required)
}

// UnmarshalText sets id to the account ID in text, checked by [ParseAccountID].
func (id *AccountID) UnmarshalText(text []byte) error {
	return unmarshalText(id, text, fieldID, ParseAccountID)
}

// MarshalJSON returns the ID as a JSON string, or fails with billing.CodeRequired for the
// zero AccountID.
func (id AccountID) MarshalJSON() ([]byte, error) {
	return marshalJSON(id.acc, fieldID, accountRules.required)
}

// UnmarshalJSON sets id to the account ID in the JSON string data, checked by
// [ParseAccountID]. null is billing.CodeRequired; use an *AccountID for an optional member.
func (id *AccountID) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(id, data, fieldID, accountRules.required, ParseAccountID)
}

// MarshalText returns the reference, or fails with billing.CodeRequired for the zero
// ExternalReference.
func (r ExternalReference) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// AppendText appends the reference to b, or fails with billing.CodeRequired for the zero
// ExternalReference.
func (r ExternalReference) AppendText(b []byte) ([]byte, error) {
	return appendText(b, r.ref, fieldExternalReference, refRequired)
}

// UnmarshalText sets r to the reference in text, checked by [ParseExternalReference]: no
// reserved prefix applies, since the text alone does not say whose reference it is.
func (r *ExternalReference) UnmarshalText(text []byte) error {
	return unmarshalText(r, text, fieldExternalReference, ParseExternalReference)
}

// MarshalJSON returns the reference as a JSON string, or fails with billing.CodeRequired for
// the zero ExternalReference.
func (r ExternalReference) MarshalJSON() ([]byte, error) {
	return marshalJSON(r.ref, fieldExternalReference, refRequired)
}

// UnmarshalJSON sets r to the reference in the JSON string data, checked by
// [ParseExternalReference]. null is billing.CodeRequired.
func (r *ExternalReference) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(r, data, fieldExternalReference, refRequired, ParseExternalReference)
}

// MarshalText returns the key, or fails with billing.CodeRequired for the zero IdempotencyKey.
func (k IdempotencyKey) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// AppendText appends the key to b, or fails with billing.CodeRequired for the zero
// IdempotencyKey.
func (k IdempotencyKey) AppendText(b []byte) ([]byte, error) {
	return appendText(b, k.key, fieldIdempotencyKey, keyRequired)
}

// UnmarshalText sets k to the key in text, checked by [ParseIdempotencyKey].
func (k *IdempotencyKey) UnmarshalText(text []byte) error {
	return unmarshalText(k, text, fieldIdempotencyKey, ParseIdempotencyKey)
}

// MarshalJSON returns the key as a JSON string, or fails with billing.CodeRequired for the
// zero IdempotencyKey.
func (k IdempotencyKey) MarshalJSON() ([]byte, error) {
	return marshalJSON(k.key, fieldIdempotencyKey, keyRequired)
}

// UnmarshalJSON sets k to the key in the JSON string data, checked by [ParseIdempotencyKey].
// null is billing.CodeRequired.
func (k *IdempotencyKey) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(k, data, fieldIdempotencyKey, keyRequired, ParseIdempotencyKey)
}

// MarshalText returns the masked form of the key (see [APIKey.String]), never the key;
// it fails with billing.CodeRequired for the zero APIKey.
func (k APIKey) MarshalText() ([]byte, error) {
	if k.IsZero() {
		return nil, zeroError(fieldAPIKey, apiKeyRequired)
	}
	return []byte(k.String()), nil
}

// AppendText appends the masked form of the key (see [APIKey.String]) to b, never the key;
// it fails with billing.CodeRequired for the zero APIKey.
func (k APIKey) AppendText(b []byte) ([]byte, error) {
	if k.IsZero() {
		return b, zeroError(fieldAPIKey, apiKeyRequired)
	}
	return append(b, k.String()...), nil
}

// UnmarshalText sets k to the API key in text, checked by [ParseAPIKey].
func (k *APIKey) UnmarshalText(text []byte) error {
	return unmarshalText(k, text, fieldAPIKey, ParseAPIKey)
}

// MarshalJSON returns the masked form of the key (see [APIKey.String]) as a JSON string,
// never the key; it fails with billing.CodeRequired for the zero APIKey.
func (k APIKey) MarshalJSON() ([]byte, error) {
	if k.IsZero() {
		return nil, zeroError(fieldAPIKey, apiKeyRequired)
	}
	return json.Marshal(k.String())
}

// UnmarshalJSON sets k to the API key in the JSON string data, checked by [ParseAPIKey].
// null is billing.CodeRequired.
func (k *APIKey) UnmarshalJSON(data []byte) error {
	return unmarshalJSON(k, data, fieldAPIKey, apiKeyRequired, ParseAPIKey)
}
