package customer

import (
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Member names of the customer documents that are not shared with accounts.
const (
	fieldID                = "id"
	fieldExternalReference = "external_reference"
)

// CreateParams is a customer create request as Go values, for [NewCreateRequest]. A nil
// pointer or a nil map is an absent member; a pointer to "" is an empty string, which is
// refused (required) as it is in JSON. A non-nil empty Metadata map is metadata given
// as {}.
type CreateParams struct {
	ExternalReference string            // required: 1–255 of A-Za-z0-9_-, not starting with bcus_
	Name              *string           // see [ParseName]
	Email             *string           // see [ParseEmail]
	Phone             *string           // canonical E.164, see [ParsePhone]
	Currency          *string           // ISO 4217 code, like "ZAR"; required with Balance
	Balance           *int64            // minor units of Currency, within ±(2^53−1)
	Metadata          map[string]string // at most 20 keys, see [metadata.CustomerLimits]
}

// CreateRequest is a valid customer create request (SPEC §2): an external reference and
// the optional name, email, phone, currency, balance and metadata. Obtain one with
// [NewCreateRequest] from Go values or [ParseCreateRequest] (or UnmarshalJSON) from JSON;
// both apply the same rules and report the same failures.
//
// The zero CreateRequest is not a valid request: it has no external reference, and
// MarshalJSON refuses it. A CreateRequest is immutable and safe for concurrent use; the
// accessors return copies.
type CreateRequest struct {
	ref   ids.ExternalReference
	email Email
	phone Phone
	f     entity.Fields // name, currency, balance, metadata; never payment rules
}

// The rules of the shared members in a create request and in a customer object.
var (
	createRules = entity.Rules{Name: checkNameError, Limits: metadata.CustomerLimits()}
	objectRules = entity.Rules{Name: checkNameError, Limits: metadata.CustomerLimits(), PaymentRules: true}
)

// checkNameError is the name rule as the shared members want it.
func checkNameError(s string) error {
	_, err := ParseName(s)
	return err
}

// NewCreateRequest checks p and returns the request it describes. It fails with a
// [billing.Errors] holding every failure, at the paths and with the codes that the same
// request sent as JSON would give ("external_reference", "name", "email", "phone",
// "currency", "balance", "metadata", "metadata.<key>"), in the order of the members in
// SPEC §2, the metadata's in sorted key order after too_many_keys, and the currency
// requirement of a balance last.
func NewCreateRequest(p CreateParams) (CreateRequest, error) {
	var (
		l   report.List
		req CreateRequest
		err error
	)
	m := entity.NewMembers(&createRules)
	if req.ref, err = ids.ParseCustomerExternalReference(p.ExternalReference); err != nil {
		l.AddAt(fieldExternalReference, err)
	}
	m.SetName(&l, "", p.Name)
	if p.Email != nil {
		if req.email, err = ParseEmail(*p.Email); err != nil {
			l.AddAt(fieldEmail, err)
		}
	}
	if p.Phone != nil {
		if req.phone, err = ParsePhone(*p.Phone); err != nil {
			l.AddAt(fieldPhone, err)
		}
	}
	m.SetCurrency(&l, "", p.Currency)
	m.SetBalance(&l, "", p.Balance)
	m.SetMetadata(&l, "", p.Metadata)
	m.FinishSet(&l, "")
	if err := l.Err(); err != nil {
		return CreateRequest{}, err
	}
	req.f = m.Fields
	return req, nil
}

// MustNewCreateRequest is like [NewCreateRequest] but panics on failure. It is meant for
// tests and for requests written in the source, never for input.
func MustNewCreateRequest(p CreateParams) CreateRequest {
	req, err := NewCreateRequest(p)
	if err != nil {
		panic("customer: MustNewCreateRequest: " + err.Error())
	}
	return req
}

// IsZero reports whether r is the zero CreateRequest, which is not a valid request.
func (r CreateRequest) IsZero() bool { return r.ref.IsZero() }

// ExternalReference returns the caller's own reference for the customer. The library
// checks its shape only: that it is unique among the merchant's customers is for the
// billing API (or the service) to check.
func (r CreateRequest) ExternalReference() ids.ExternalReference { return r.ref }

// Name returns the customer's name and whether the request has one.
func (r CreateRequest) Name() (Name, bool) { return Name{s: r.f.Name}, r.f.Name != "" }

// Email returns the customer's email address and whether the request has one. The Email
// prints masked; [Email.Address] returns the address.
func (r CreateRequest) Email() (Email, bool) { return r.email, !r.email.IsZero() }

// Phone returns the customer's phone number and whether the request has one. The Phone
// prints masked; [Phone.E164] returns the number.
func (r CreateRequest) Phone() (Phone, bool) { return r.phone, !r.phone.IsZero() }

// Currency returns the currency of the customer's balance and whether the request has one.
func (r CreateRequest) Currency() (money.Currency, bool) { return r.f.CurrencyValue() }

// Balance returns the customer's opening balance, in its currency, and whether the request
// has one (absent: the balance is not tracked). A negative balance is a credit.
func (r CreateRequest) Balance() (money.Amount, bool) { return r.f.BalanceAmount() }

// Metadata returns the request's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (r CreateRequest) Metadata() (metadata.Metadata, bool) { return r.f.MetadataValue() }

// Equal reports whether r and o hold the same members with the same values (metadata
// given as {} differs from absent metadata).
func (r CreateRequest) Equal(o CreateRequest) bool {
	return r.ref == o.ref && r.email == o.email && r.phone == o.phone && r.f.Equal(&o.f)
}
