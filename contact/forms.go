package contact

import "github.com/tallykit/billing/internal/textform"

// Text and database forms.
//
// Name, Email and Phone are encoding.TextMarshaler, encoding.TextUnmarshaler,
// sql.Scanner and driver.Valuer. MarshalText and Value write the whole value
// as a string (a Phone's and an Email's full form, never the masked String),
// and fail with billing.CodeRequired for the zero value rather than write ""
// or NULL. UnmarshalText reads what a request sends, with the rules of
// ParseName, ParseEmail and ParsePhone. Scan reads a string or []byte column;
// a column of another type is billing.CodeInvalidType. SQL NULL does not scan
// into a plain value (billing.CodeRequired): read a nullable column into a
// sql.Null[contact.Phone] or a *contact.Phone, and write NULL from a
// sql.Null[contact.Phone]{}; database/sql calls Scan and Value of the value
// inside either.

// The forms of the types: the bodies of their text and SQL methods, which hand
// what they read to the type's parser (a stored Phone's to ParseStoredPhone,
// which checks its shape alone; a sent one's to ParsePhone).
var (
	nameForm  = textform.New(nameLoc, "contact.Name", "name")
	emailForm = textform.New(emailLoc, "contact.Email", "address")
	phoneForm = textform.New(phoneLoc, "contact.Phone", "number")
)
