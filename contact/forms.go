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

// The forms of the types: the bodies of their text and SQL methods, each with
// the type's parser. A stored Phone is read by its shape alone
// (storedPhoneForm), a sent one by today's metadata (phoneForm).
var (
	nameForm        = textform.New(nameLoc, ParseName, "contact.Name", "name")
	emailForm       = textform.New(emailLoc, ParseEmail, "contact.Email", "address")
	phoneForm       = textform.New(phoneLoc, ParsePhone, "contact.Phone", "number")
	storedPhoneForm = textform.New(phoneLoc, ParseStoredPhone, "contact.Phone", "number")
)
