package ids

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
//
// Each method is one call of the type's form (customerForm, …), which holds the bodies the
// module's string-valued types share.

// MarshalText returns the ID, or fails with billing.CodeRequired for the zero CustomerID.
func (id CustomerID) MarshalText() ([]byte, error) { return id.AppendText(nil) }

// AppendText appends the ID to b, or fails with billing.CodeRequired for the zero
// CustomerID, leaving b as it was.
func (id CustomerID) AppendText(b []byte) ([]byte, error) { return customerForm.AppendText(b, id.cus) }

// UnmarshalText sets id to the customer ID in text, checked by [ParseCustomerID].
func (id *CustomerID) UnmarshalText(text []byte) error { return customerForm.ReadText(id, text) }

// MarshalJSON returns the ID as a JSON string, or fails with billing.CodeRequired for the
// zero CustomerID.
func (id CustomerID) MarshalJSON() ([]byte, error) { return customerForm.JSON(id.cus) }

// UnmarshalJSON sets id to the customer ID in the JSON string data, checked by
// [ParseCustomerID]. The JSON null leaves id unchanged.
func (id *CustomerID) UnmarshalJSON(data []byte) error { return customerForm.ReadJSON(id, data) }

// MarshalText returns the ID, or fails with billing.CodeRequired for the zero AccountID.
func (id AccountID) MarshalText() ([]byte, error) { return id.AppendText(nil) }

// AppendText appends the ID to b, or fails with billing.CodeRequired for the zero
// AccountID, leaving b as it was.
func (id AccountID) AppendText(b []byte) ([]byte, error) { return accountForm.AppendText(b, id.acc) }

// UnmarshalText sets id to the account ID in text, checked by [ParseAccountID].
func (id *AccountID) UnmarshalText(text []byte) error { return accountForm.ReadText(id, text) }

// MarshalJSON returns the ID as a JSON string, or fails with billing.CodeRequired for the
// zero AccountID.
func (id AccountID) MarshalJSON() ([]byte, error) { return accountForm.JSON(id.acc) }

// UnmarshalJSON sets id to the account ID in the JSON string data, checked by
// [ParseAccountID]. The JSON null leaves id unchanged.
func (id *AccountID) UnmarshalJSON(data []byte) error { return accountForm.ReadJSON(id, data) }

// MarshalText returns the reference, or fails with billing.CodeRequired for the zero
// ExternalReference.
func (r ExternalReference) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// AppendText appends the reference to b, or fails with billing.CodeRequired for the zero
// ExternalReference, leaving b as it was.
func (r ExternalReference) AppendText(b []byte) ([]byte, error) { return refForm.AppendText(b, r.ref) }

// UnmarshalText sets r to the reference in text, checked by [ParseExternalReference]: no
// reserved prefix applies, since the text alone does not say whose reference it is.
func (r *ExternalReference) UnmarshalText(text []byte) error { return refForm.ReadText(r, text) }

// MarshalJSON returns the reference as a JSON string, or fails with billing.CodeRequired for
// the zero ExternalReference.
func (r ExternalReference) MarshalJSON() ([]byte, error) { return refForm.JSON(r.ref) }

// UnmarshalJSON sets r to the reference in the JSON string data, checked by
// [ParseExternalReference]. The JSON null leaves r unchanged.
func (r *ExternalReference) UnmarshalJSON(data []byte) error { return refForm.ReadJSON(r, data) }

// MarshalText returns the key, or fails with billing.CodeRequired for the zero IdempotencyKey.
func (k IdempotencyKey) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// AppendText appends the key to b, or fails with billing.CodeRequired for the zero
// IdempotencyKey, leaving b as it was.
func (k IdempotencyKey) AppendText(b []byte) ([]byte, error) { return keyForm.AppendText(b, k.key) }

// UnmarshalText sets k to the key in text, checked by [ParseIdempotencyKey].
func (k *IdempotencyKey) UnmarshalText(text []byte) error { return keyForm.ReadText(k, text) }

// MarshalJSON returns the key as a JSON string, or fails with billing.CodeRequired for the
// zero IdempotencyKey.
func (k IdempotencyKey) MarshalJSON() ([]byte, error) { return keyForm.JSON(k.key) }

// UnmarshalJSON sets k to the key in the JSON string data, checked by [ParseIdempotencyKey].
// The JSON null leaves k unchanged.
func (k *IdempotencyKey) UnmarshalJSON(data []byte) error { return keyForm.ReadJSON(k, data) }

// MarshalText fails with [ErrAPIKeyNotEncoded]: an API key is never encoded. Write
// k.Reveal() where the secret must go.
func (k APIKey) MarshalText() ([]byte, error) { return nil, ErrAPIKeyNotEncoded }

// AppendText returns b unchanged and [ErrAPIKeyNotEncoded]: an API key is never encoded.
// Append k.Reveal() where the secret must go.
func (k APIKey) AppendText(b []byte) ([]byte, error) { return b, ErrAPIKeyNotEncoded }

// UnmarshalText sets k to the API key in text, checked by [ParseAPIKey].
func (k *APIKey) UnmarshalText(text []byte) error { return apiKeyForm.ReadText(k, text) }

// MarshalJSON fails with [ErrAPIKeyNotEncoded]: an API key is never encoded, so a struct
// holding one does not marshal by accident. Leave the member out (`json:"-"`) and write
// k.Reveal() where the secret must go.
func (k APIKey) MarshalJSON() ([]byte, error) { return nil, ErrAPIKeyNotEncoded }

// UnmarshalJSON sets k to the API key in the JSON string data, checked by [ParseAPIKey].
// The JSON null leaves k unchanged.
func (k *APIKey) UnmarshalJSON(data []byte) error { return apiKeyForm.ReadJSON(k, data) }
