package account

import (
	"fmt"
	"log/slog"

	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/must"
	"github.com/tallykit/billing/internal/strictjson"
)

// UpdateParams is an account update request as Go values, for [NewUpdateRequest]. A nil
// pointer or map leaves the member as stored; Remove names the members to remove ("name",
// "currency", "balance", or "metadata" for every key), RemoveMetadata the metadata keys to
// remove. A member both set and removed is duplicate_field; a name in Remove that an
// account update does not define is unknown_field.
type UpdateParams struct {
	Name, Currency *string
	Balance        *int64
	Metadata       map[string]string // keys to set; at most 10
	Remove         []string
	RemoveMetadata []string
}

// UpdateRequest is a valid account update request, the body of
// PATCH /billing/accounts/{account}: only the members it names change. It sets name,
// currency, balance and metadata keys, and removes members and keys (sent as null). The
// id, external_reference, customer_id and payment_rules never change through it.
//
// The zero UpdateRequest changes nothing, and is a valid update ({}). An UpdateRequest is
// immutable and safe for concurrent use. Apply one with [Account.Apply].
type UpdateRequest struct {
	u entity.Update
}

// DecodeUpdateRequest reads an account update request from its JSON document: an object
// with any of the members name, currency, balance and metadata, each value
// checked by the rule of its member. null removes the member; "" is required, as
// everywhere; metadata is merged key by key, a string setting the key, null removing it
// (a removed key must still be a well-formed key), at most 10 keys set; "metadata": null
// removes every key. An update alone never requires a currency: that is decided when it
// is applied. Any other member (id, external_reference, customer, customer_id,
// payment_rules, email, phone, unknown ones) is unknown_field.
//
// It fails with a billing.Errors holding every failure, in document order, as
// [DecodeCreateRequest] does.
func DecodeUpdateRequest(data []byte) (UpdateRequest, error) {
	var r UpdateRequest
	if err := entity.DecodeUpdate(data, entity.AccountUpdate, &r.u); err != nil {
		return UpdateRequest{}, err
	}
	return r, nil
}

// NewUpdateRequest checks p and returns the update it describes, with the failures the
// same update sent as JSON would give, in the order of the members.
func NewUpdateRequest(p UpdateParams) (UpdateRequest, error) {
	b := entity.NewUpdateBuilder(entity.AccountUpdate, p.Remove)
	b.String("name", p.Name)
	b.String("currency", p.Currency)
	b.Balance(p.Balance)
	b.Metadata(p.Metadata, p.RemoveMetadata)
	u, err := b.Finish()
	if err != nil {
		return UpdateRequest{}, err
	}
	return UpdateRequest{u: u}, nil
}

// MustNewUpdateRequest is like [NewUpdateRequest] but panics on failure. It is meant for
// tests and for updates written in the source, never for input.
func MustNewUpdateRequest(p UpdateParams) UpdateRequest { return must.Get(NewUpdateRequest(p)) }

// Apply returns a with the update u applied, or every failure of applying it together
// (a itself never changes):
//   - required at "currency" when the result has a balance or payment rules but no
//     currency ({"balance": 5000} on an account without a currency, or
//     {"currency": null} on one with a balance); a balance sent alone is in the stored
//     currency;
//   - conflict at "currency" when the currency changes while the stored balance, not
//     restated by u, or payment rules remain (an amount never silently changes its
//     meaning: send the new balance, or "balance": null, with the new currency, and
//     remove the payment rules first with WithoutPaymentRules), and when u sends a balance
//     alone for an account whose currency is withdrawn;
//   - too_many_keys at "metadata" when the merged metadata holds more than 10 keys and u
//     adds keys (the message gives both counts).
//
// Absent metadata stays absent when u sets no key in it. Applying the same update twice
// gives the account that applying it once gives.
func (a Account) Apply(u UpdateRequest) (Account, error) {
	if a.IsZero() {
		return Account{}, entity.ZeroError("id", "cannot update the zero Account: it has no ID")
	}
	var out Account
	if err := entity.Apply(entity.AccountUpdate, &a.v, &u.u, &out.v); err != nil {
		return a, err
	}
	return out, nil
}

// IsZero reports whether r changes nothing.
func (r UpdateRequest) IsZero() bool { return r.Equal(UpdateRequest{}) }

// Equal reports whether r and o make the same changes.
func (r UpdateRequest) Equal(o UpdateRequest) bool {
	return r.u.Set.Equal(&o.u.Set) && r.u.Removed == o.u.Removed && r.u.MetaGiven == o.u.MetaGiven &&
		r.u.Meta.Equal(o.u.Meta)
}

// UnmarshalJSON sets r from a JSON account update request, as [DecodeUpdateRequest]
// reads it. JSON null leaves r unchanged. On failure r is unchanged.
func (r *UpdateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodeUpdateRequest)
}

// MarshalJSON writes r as the JSON update request it was read from: the members it sets,
// with their values in full (the wire form), those it removes as null, metadata with its
// removed keys as null. [DecodeUpdateRequest] reads it back to an equal update.
func (r UpdateRequest) MarshalJSON() ([]byte, error) {
	return entity.AppendUpdate(nil, entity.AccountUpdate, &r.u, entity.Wire), nil
}

// String returns r's JSON form, for printing and logging.
func (r UpdateRequest) String() string {
	return string(entity.AppendUpdate(nil, entity.AccountUpdate, &r.u, entity.Masked))
}

// Format writes the form of [UpdateRequest.String] for every verb and flag.
func (r UpdateRequest) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), r.String())
}

// LogValue returns r's JSON form for log/slog.
func (r UpdateRequest) LogValue() slog.Value { return slog.StringValue(r.String()) }
