package ids

import (
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/must"
)

// ExternalReference is the caller's own reference for a customer or account: 1 to 255
// characters of ^[A-Za-z0-9_-]+$, like cust_7781 or CRM-0042. The billing API keeps it
// unique per merchant; this package cannot check that, only the shape.
//
// An ExternalReference is obtained from [ParseExternalReference] (any reference),
// [ParseCustomerExternalReference] or [ParseAccountExternalReference] (which also refuse
// the prefix reserved for that entity's IDs), or by unmarshalling, which applies
// ParseExternalReference. It is comparable, immutable and safe for concurrent use.
//
// The zero ExternalReference is not a reference: IsZero reports it, String returns "",
// and encoding it (text, JSON, SQL) fails with [billing.CodeRequired].
type ExternalReference struct {
	ref string
}

const (
	refRequired         = "must be given: your own reference for the record, like cust_7781"
	refBadChars         = "must hold only letters A-Z, a-z, digits 0-9, _ and -, like cust_7781"
	refReservedCustomer = "must not start with bcus_, which is reserved for customer IDs"
	refReservedAccount  = "must not start with bacc_, which is reserved for account IDs"
)

// ParseExternalReference returns the external reference s: 1 to 255 characters of
// ^[A-Za-z0-9_-]+$. It applies no reserved prefix; an entity's own external_reference
// is parsed with [ParseCustomerExternalReference] or [ParseAccountExternalReference].
// It does not allocate when s is valid.
//
// Otherwise the error is a one-entry [billing.Errors] at the member "external_reference"
// with code [billing.CodeRequired] (s is empty), [billing.CodeTooLong] (over 255
// characters, whatever they are) or [billing.CodeInvalidFormat]. The message never
// quotes s.
func ParseExternalReference(s string) (ExternalReference, error) {
	if err := checkReference(s); err != nil {
		return ExternalReference{}, err
	}
	return ExternalReference{ref: s}, nil
}

// MustParseExternalReference is like [ParseExternalReference] but panics, with the string
// "billing: " followed by the error's text, if s is not an external reference. It is meant
// for tests and for references written in the source.
func MustParseExternalReference(s string) ExternalReference {
	return must.Get(ParseExternalReference(s))
}

// ParseCustomerExternalReference is [ParseExternalReference] for a customer's own
// external_reference: it also refuses a reference that starts with "bcus_" (the prefix of
// customer IDs, compared case-sensitively, so "BCUS_1" is accepted), with
// [billing.CodeInvalidFormat]. A customer reference may start with "bacc_".
func ParseCustomerExternalReference(s string) (ExternalReference, error) {
	return parseReserved(s, CustomerIDPrefix, refReservedCustomer)
}

// ParseAccountExternalReference is [ParseExternalReference] for an account's own
// external_reference: it also refuses a reference that starts with "bacc_" (the prefix of
// account IDs, compared case-sensitively), with [billing.CodeInvalidFormat]. An account
// reference may start with "bcus_".
func ParseAccountExternalReference(s string) (ExternalReference, error) {
	return parseReserved(s, AccountIDPrefix, refReservedAccount)
}

func parseReserved(s, prefix, message string) (ExternalReference, error) {
	if err := checkReference(s); err != nil {
		return ExternalReference{}, err
	}
	if strings.HasPrefix(s, prefix) {
		return ExternalReference{}, atExternalReference.Fail(billing.CodeInvalidFormat, message)
	}
	return ExternalReference{ref: s}, nil
}

// checkReference applies ^[A-Za-z0-9_-]+$ and the length limit.
func checkReference(s string) error {
	if !refChars.valid(s) {
		return charsError(s, atExternalReference, refRequired, refBadChars)
	}
	return nil
}

// String returns the reference as it was given, or "" for the zero ExternalReference.
func (r ExternalReference) String() string { return r.ref }

// IsZero reports whether r is the zero ExternalReference, which is not a reference.
func (r ExternalReference) IsZero() bool { return r.ref == "" }
