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
	members
}

// NewCreateRequest checks p and returns the request it describes. It fails with a
// billing.Errors holding every failure, at the places and with the codes that the same
// request sent as JSON would give ("external_reference", "name", "email", "phone",
// "currency", "balance", "metadata", "metadata.<key>"), in the order of the members
// above, the metadata's in sorted key order after too_many_keys, and the currency that
// a balance needs last.
func NewCreateRequest(p CreateParams) (CreateRequest, error) {
	// CreateParams has entity.Params' fields, in its order: the compiler allows the
	// conversion only while the two stay alike.
	v, err := entity.NewBuilder(entity.CustomerCreate).Build((*entity.Params)(&p))
	return CreateRequest{members{v}}, err
}

// MustNewCreateRequest is like [NewCreateRequest] but panics on failure. It is meant for
// tests and for requests written in the source, never for input.
func MustNewCreateRequest(p CreateParams) CreateRequest {
	return must.Get(NewCreateRequest(p))
}

// IsZero reports whether r is the zero CreateRequest, which is not a valid request.
func (r CreateRequest) IsZero() bool { return r.v.Ref.IsZero() }

// Equal reports whether r and o hold the same members with the same values (metadata
// given as {} differs from absent metadata).
func (r CreateRequest) Equal(o CreateRequest) bool { return r.v.Equal(&o.v) }

// Customer is a valid customer object, as the billing API returns it: an ID, an external
// reference, the optional name, email, phone, currency, balance and metadata of its
// create request, and optional payment rules. Obtain one with [New] from an ID and a
// request (then [Customer.WithPaymentRules]), or with [Decode] (or UnmarshalJSON) from
// JSON.
//
// The zero Customer is not a valid customer: it has no ID, and MarshalJSON refuses it. A
// Customer is immutable and safe for concurrent use: WithPaymentRules returns a new one.
type Customer struct {
	members
}

// New returns the customer with the given ID created by req. Mint a new ID with
// ids.NewCustomerID. It fails with a billing.Errors when id is the zero CustomerID
// (required at "id") or req is the zero CreateRequest (required at "external_reference").
func New(id ids.CustomerID, req CreateRequest) (Customer, error) {
	c := Customer(req)
	err := entity.NewObject(entity.CustomerObject, &c.v, ids.AccountID{}, id)
	return c, err
}

// WithPaymentRules returns a copy of c with the payment rules r, which say which payments
// the customer accepts. Payment rules need a currency: when c has none, it fails with
// required at "currency" (a billing.Errors). The zero PaymentRules removes the rules (the
// customer can then not be paid against), with or without a currency.
func (c Customer) WithPaymentRules(r money.PaymentRules) (Customer, error) {
	err := entity.SetPaymentRules(entity.CustomerObject, &c.v, r)
	return c, err
}

// WithoutPaymentRules returns a copy of c without payment rules: the customer can then
// not be paid against, and its currency can change (see [Customer.Apply]).
func (c Customer) WithoutPaymentRules() Customer {
	c.v.Rules = money.PaymentRules{}
	return c
}

// IsZero reports whether c is the zero Customer, which is not a valid customer.
func (c Customer) IsZero() bool { return c.v.CustomerID.IsZero() }

// ID returns the customer's ID.
func (c Customer) ID() ids.CustomerID { return c.v.CustomerID }

// PaymentRules returns the customer's payment rules and whether it has any; a customer
// without rules cannot be paid against.
func (c Customer) PaymentRules() (money.PaymentRules, bool) { return c.v.Rules, !c.v.Rules.IsZero() }

// Equal reports whether c and o are the same customer with the same members and values.
func (c Customer) Equal(o Customer) bool { return c.v.Equal(&o.v) }

// members holds the members that a create request and a customer share, and reads them
// for both.
type members struct {
	v entity.Values
}

// ExternalReference returns the caller's own reference for the customer. The library
// checks its shape only: that it is unique among the merchant's customers is for the
// service's store to check.
func (m members) ExternalReference() ids.ExternalReference { return m.v.Ref }

// Name returns the customer's name and whether it has one.
func (m members) Name() (contact.Name, bool) { return m.v.Name, !m.v.Name.IsZero() }

// Email returns the customer's email address and whether it has one. The Email prints
// masked; contact.Email.Address returns the address.
func (m members) Email() (contact.Email, bool) { return m.v.Email, !m.v.Email.IsZero() }

// Phone returns the customer's phone number and whether it has one. The Phone prints
// masked; contact.Phone.E164 returns the number.
func (m members) Phone() (contact.Phone, bool) { return m.v.Phone, !m.v.Phone.IsZero() }

// Currency returns the currency of the customer's balance (and of a Customer's payment
// rules), and whether it has one.
func (m members) Currency() (money.Currency, bool) { return m.v.Currency, !m.v.Currency.IsZero() }

// Balance returns the customer's balance, in its currency, and whether it has one (absent:
// the balance is not tracked); a request's is the opening balance. A negative balance is
// a credit, a positive one is owed.
func (m members) Balance() (money.Amount, bool) { return m.v.BalanceAmount() }

// Metadata returns the customer's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (m members) Metadata() (metadata.Metadata, bool) { return m.v.Metadata, m.v.HasMeta }

// UpdateParams is a customer update request as Go values, for [NewUpdateRequest]. A nil
// pointer or map leaves the member as stored; Remove names the members to remove ("name",
// "email", "phone", "currency", "balance", or "metadata" for every key), RemoveMetadata
// the metadata keys to remove. A member both set and removed is duplicate_field.
type UpdateParams struct {
	Name, Email, Phone, Currency *string
	Balance                      *int64
	Metadata                     map[string]string // keys to set; at most 20
	Remove                       []string
	RemoveMetadata               []string
}

// UpdateRequest is a valid customer update request, the body of
// PATCH /billing/customers/{customer}: only the members it names change. It sets name,
// email, phone, currency, balance and metadata keys, and removes members and keys (sent
// as null). The id, external_reference and payment_rules never change through it.
//
// The zero UpdateRequest changes nothing, and is a valid update ({}). An UpdateRequest is
// immutable and safe for concurrent use. Apply one with [Customer.Apply].
type UpdateRequest struct {
	u entity.Update
}

// NewUpdateRequest checks p and returns the update it describes, with the failures the
// same update sent as JSON would give, in the order of the members.
func NewUpdateRequest(p UpdateParams) (UpdateRequest, error) {
	set := entity.Params{Name: p.Name, Email: p.Email, Phone: p.Phone, Currency: p.Currency,
		Balance: p.Balance, Metadata: p.Metadata}
	u, err := entity.BuildUpdate(entity.CustomerUpdate, &set, p.Remove, p.RemoveMetadata)
	return UpdateRequest{u}, err
}

// MustNewUpdateRequest is like [NewUpdateRequest] but panics on failure. It is meant for
// tests and for updates written in the source, never for input.
func MustNewUpdateRequest(p UpdateParams) UpdateRequest { return must.Get(NewUpdateRequest(p)) }

// Apply returns c with the update u applied, or every failure of applying it together
// (c itself never changes):
//   - required at "currency" when the result has a balance or payment rules but no
//     currency ({"balance": 5000} on a customer without a currency, or
//     {"currency": null} on one with a balance); a balance sent alone is in the stored
//     currency;
//   - conflict at "currency" when the currency changes while the stored balance, not
//     restated by u, or payment rules remain (an amount never silently changes its
//     meaning: send the new balance, or "balance": null, with the new currency, and
//     remove the payment rules first with WithoutPaymentRules), and when u sends a balance
//     alone for a customer whose currency is withdrawn;
//   - too_many_keys at "metadata" when the merged metadata holds more than 20 keys and u
//     adds keys (the message gives both counts).
//
// Absent metadata stays absent when u sets no key in it. Applying the same update twice
// gives the customer that applying it once gives.
func (c Customer) Apply(u UpdateRequest) (Customer, error) {
	var out Customer
	err := entity.Updated(entity.CustomerUpdate, &c.v, &u.u, &out.v)
	return out, err
}

// IsZero reports whether r changes nothing.
func (r UpdateRequest) IsZero() bool { return r.Equal(UpdateRequest{}) }

// Equal reports whether r and o make the same changes.
func (r UpdateRequest) Equal(o UpdateRequest) bool { return r.u.Equal(&o.u) }
