// Package account models the billing API's Account: its create request and the account
// object, values that can only exist valid, read from and written to strict JSON.
//
// A [CreateRequest] names the customer the account belongs to (a [CustomerRef]: an
// existing customer's ID "bcus_…", an existing customer's external reference, or a new
// customer to create with the account, checked as a customer create request), an
// external reference (required: 1–255 of A-Za-z0-9_-, not starting with bacc_), and
// optionally a name, a currency, a balance in minor units of that currency (it needs
// the currency) and metadata (at most 10 keys). An [Account] is the object the API
// returns: an ID (bacc_…), the ID of its customer, the same members and optional payment
// rules. Read them from JSON with [DecodeCreateRequest] and [Decode] (or UnmarshalJSON),
// build a request from Go values with [NewCreateRequest], make the account with [New].
//
// Reading is strict, as in package customer; a new customer's failures are under
// "customer." ("customer.phone", pointer "/customer/phone") in the customer member's
// place. The zero CreateRequest, Account and CustomerRef are not valid and do not encode.
// Values are immutable and safe for concurrent use; optional members read as (value, ok).
//
// Every failure comes back at once as a billing.Errors, one per place, in document order:
// the members present, then the required members that are absent, then the currency that
// a balance or payment rules need. A new customer's email and phone are never repeated in
// messages, and String, Format and LogValue mask them.
//
// Resolving a customer's external reference to its ID, and keeping external references
// unique, is the service's job: the library checks their shape only.
//
//	req, err := account.DecodeCreateRequest(body)
//	if nc, ok := req.Customer().NewCustomer(); ok { /* create the customer first */ }
//	a, err := account.New(ids.NewAccountID(), customerID, req)
package account
