package customer

import (
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/must"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// CreateParams is a customer create request as Go values, for [NewCreateRequest]. A nil
// pointer or a nil map is an absent member; a pointer to "" is an empty string, which is
// refused (required) as it is in JSON. A non-nil empty Metadata map is metadata given
// as {}.
type CreateParams struct {
	ExternalReference string            // required: 1–255 of A-Za-z0-9_-, not starting with bcus_
	Name              *string           // see contact.ParseName
	Email             *string           // see contact.ParseEmail
	Phone             *string           // canonical E.164, see contact.ParsePhone
	Currency          *string           // ISO 4217 code, like "ZAR"; required with Balance
	Balance           *int64            // minor units of Currency, within ±(2^53−1)
	Metadata          map[string]string // at most 20 keys, see metadata.CustomerLimits
}

// CreateRequest is a valid customer create request: an external reference and the
// optional name, email, phone, currency, balance and metadata. Obtain one with
// [NewCreateRequest] from Go values or [DecodeCreateRequest] (or UnmarshalJSON) from
// JSON; both apply the same rules and report the same failures.
//
// The zero CreateRequest is not a valid request: it has no external reference, and
// MarshalJSON refuses it. A CreateRequest is immutable and safe for concurrent use.
type CreateRequest struct {
	v entity.Values
}

// NewCreateRequest checks p and returns the request it describes. It fails with a
// billing.Errors holding every failure, at the places and with the codes that the same
// request sent as JSON would give ("external_reference", "name", "email", "phone",
// "currency", "balance", "metadata", "metadata.<key>"), in the order of the members
// above, the metadata's in sorted key order after too_many_keys, and the currency that
// a balance needs last.
func NewCreateRequest(p CreateParams) (CreateRequest, error) {
	b := entity.NewBuilder(entity.CustomerCreate)
	b.String("external_reference", &p.ExternalReference)
	b.String("name", p.Name)
	b.String("email", p.Email)
	b.String("phone", p.Phone)
	b.String("currency", p.Currency)
	b.Balance(p.Balance)
	b.Metadata(p.Metadata)
	v, err := b.Finish()
	if err != nil {
		return CreateRequest{}, err
	}
	return CreateRequest{v: v}, nil
}

// MustNewCreateRequest is like [NewCreateRequest] but panics on failure. It is meant for
// tests and for requests written in the source, never for input.
func MustNewCreateRequest(p CreateParams) CreateRequest {
	return must.Get(NewCreateRequest(p))
}

// IsZero reports whether r is the zero CreateRequest, which is not a valid request.
func (r CreateRequest) IsZero() bool { return r.v.Ref.IsZero() }

// ExternalReference returns the caller's own reference for the customer. The library
// checks its shape only: that it is unique among the merchant's customers is for the
// service's store to check.
func (r CreateRequest) ExternalReference() ids.ExternalReference { return r.v.Ref }

// Name returns the customer's name and whether the request has one.
func (r CreateRequest) Name() (contact.Name, bool) { return r.v.Name, !r.v.Name.IsZero() }

// Email returns the customer's email address and whether the request has one. The Email
// prints masked; contact.Email.Address returns the address.
func (r CreateRequest) Email() (contact.Email, bool) { return r.v.Email, !r.v.Email.IsZero() }

// Phone returns the customer's phone number and whether the request has one. The Phone
// prints masked; contact.Phone.E164 returns the number.
func (r CreateRequest) Phone() (contact.Phone, bool) { return r.v.Phone, !r.v.Phone.IsZero() }

// Currency returns the currency of the customer's balance and whether the request has one.
func (r CreateRequest) Currency() (money.Currency, bool) { return r.v.Currency, !r.v.Currency.IsZero() }

// Balance returns the customer's opening balance, in its currency, and whether the request
// has one (absent: the balance is not tracked). A negative balance is a credit.
func (r CreateRequest) Balance() (money.Amount, bool) { return r.v.BalanceAmount() }

// Metadata returns the request's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (r CreateRequest) Metadata() (metadata.Metadata, bool) { return r.v.Metadata, r.v.HasMeta }

// Equal reports whether r and o hold the same members with the same values (metadata
// given as {} differs from absent metadata).
func (r CreateRequest) Equal(o CreateRequest) bool { return r.v.Equal(&o.v) }
