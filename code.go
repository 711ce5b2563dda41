package billing

// Code is the stable, machine-readable name of one kind of validation failure.
// Its string form is part of the public contract: it appears in error values,
// in the JSON form of [Errors] and in the output of the billingcheck command.
//
// A Code is also an error, so each one can be the target of [errors.Is]:
//
//	errors.Is(err, billing.CodeInvalidPhone)
//
// matches any [*FieldError] with that code, however deeply it is wrapped.
type Code string

// The codes of every failure the library reports. Their strings never change.
const (
	// CodeInvalidJSON: the document is not well-formed JSON, or has data after its top-level value.
	CodeInvalidJSON Code = "invalid_json"
	// CodeInvalidType: a JSON value of the wrong type, such as a string balance or a non-object document.
	CodeInvalidType Code = "invalid_type"
	// CodeRequired: a required value is missing or null, or a string is empty.
	CodeRequired Code = "required"
	// CodeTooLong: a value is over its length limit (also a document over 1 MiB).
	CodeTooLong Code = "too_long"
	// CodeInvalidFormat: a value does not match its field's pattern or grammar.
	CodeInvalidFormat Code = "invalid_format"
	// CodeInvalidCharacters: a name or metadata value holds invalid UTF-8 or a disallowed code point.
	CodeInvalidCharacters Code = "invalid_characters"
	// CodeInvalidPhone: a phone number has the E.164 shape but is not a valid number.
	CodeInvalidPhone Code = "invalid_phone"
	// CodeInvalidCurrency: not an accepted ISO 4217 code.
	CodeInvalidCurrency Code = "invalid_currency"
	// CodeOutOfRange: an integer is outside its allowed range.
	CodeOutOfRange Code = "out_of_range"
	// CodeTooManyKeys: metadata holds more keys than its limit allows.
	CodeTooManyKeys Code = "too_many_keys"
	// CodeInvalidKey: a metadata key is empty or holds invalid UTF-8 or control characters.
	CodeInvalidKey Code = "invalid_key"
	// CodeKeyTooLong: a metadata key is over its length limit.
	CodeKeyTooLong Code = "key_too_long"
	// CodeUnknownField: the document holds a member it does not define.
	CodeUnknownField Code = "unknown_field"
	// CodeDuplicateField: the same member appears twice in one object.
	CodeDuplicateField Code = "duplicate_field"
	// CodeConflict: a request that the stored data does not allow, such as a currency change
	// while amounts in the old currency remain, or an external reference already in use.
	CodeConflict Code = "conflict"
)

// Codes returns every code the library can report, in the order of their table in the package doc.
// The returned slice is a fresh copy.
func Codes() []Code {
	return []Code{
		CodeInvalidJSON, CodeInvalidType, CodeRequired, CodeTooLong, CodeInvalidFormat,
		CodeInvalidCharacters, CodeInvalidPhone, CodeInvalidCurrency, CodeOutOfRange,
		CodeTooManyKeys, CodeInvalidKey, CodeKeyTooLong, CodeUnknownField, CodeDuplicateField, CodeConflict,
	}
}

// Error returns the code's string, so that a Code can serve as a sentinel error.
func (c Code) Error() string { return string(c) }

// String returns the code's string.
func (c Code) String() string { return string(c) }

// Description says in one line when the code is reported, as the specification's table does.
// It returns "" for a string that is not one of the library's codes.
func (c Code) Description() string {
	switch c {
	case CodeInvalidJSON:
		return "the document is not well-formed JSON, or has data after the top-level value"
	case CodeInvalidType:
		return "a JSON value of the wrong type (a string balance, a float balance, a number name, a non-object document)"
	case CodeRequired:
		return "missing or null where required; an empty string anywhere; a name of white space only; currency missing while balance or payment_rules is present"
	case CodeTooLong:
		return "over a length limit (also a document over 1 MiB)"
	case CodeInvalidFormat:
		return "does not match the field's pattern or grammar (external_reference, reserved prefix, email, phone shape, ids, customer reference)"
	case CodeInvalidCharacters:
		return "a name with invalid UTF-8 or a code point PRECIS disallows; a metadata value with invalid UTF-8"
	case CodeInvalidPhone:
		return "E.164 shape but not a valid number"
	case CodeInvalidCurrency:
		return "not an accepted ISO 4217 code (includes lower case and withdrawn codes)"
	case CodeOutOfRange:
		return "an integer outside its range (balance, min_amount, max_amount, max_amount below min_amount)"
	case CodeTooManyKeys:
		return "metadata over its key limit"
	case CodeInvalidKey:
		return "a metadata key that is empty or has invalid UTF-8 or control characters"
	case CodeKeyTooLong:
		return "a metadata key over its length limit"
	case CodeUnknownField:
		return "a member the document does not define"
	case CodeDuplicateField:
		return "a member given twice in one object"
	case CodeConflict:
		return "a request that the stored data does not allow (a currency change while amounts in the old one remain, an external_reference already in use)"
	}
	return ""
}
