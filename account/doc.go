// Package account models the billing API's Account, a sub-ledger of a customer with its
// own balance, currency and payment rules: its create request ([CreateRequest]), the
// account object ([Account]) and the request's way of naming its customer
// ([CustomerRef]). Values come only valid: from Go values ([NewCreateRequest], [New]) or
// from strict JSON ([ParseCreateRequest], [Parse], UnmarshalJSON), with the same rules and
// the same failures either way.
//
// A service's flow, in short (the package's examples show it in full):
//
//	req, err := account.ParseCreateRequest(body)
//	if err != nil {
//		// billing.Errors: every failure, each with its path and code
//	}
//	var customerID ids.CustomerID
//	switch ref := req.Customer(); ref.Kind() {
//	case account.RefCustomerID:
//		customerID, _ = ref.CustomerID()
//	case account.RefExternalReference:
//		ext, _ := ref.ExternalReference()
//		customerID = lookUpCustomer(ext) // the service's own records
//	case account.RefNewCustomer:
//		newReq, _ := ref.NewCustomer()
//		c, _ := customer.New(ids.NewCustomerID(), newReq)
//		customerID = c.ID()
//	}
//	acc, err := account.New(ids.NewAccountID(), customerID, req)
//	out, err := acc.MarshalJSON()
//
// # The three forms of customer
//
// The create request's customer member names the customer the account belongs to:
//
//   - a string starting with "bcus_" is an existing customer's ID, and must be a valid
//     one ("bcus_" alone, "bcus_!" are invalid_format at "customer");
//   - any other string is an existing customer's external reference, with the rules of
//     external_reference (1–255 of A-Za-z0-9_-). Only bcus_ is reserved here: "bacc_x1"
//     and "BCUS_x" are references;
//   - an object is a new customer, checked as a customer create request
//     (customer.ParseCreateRequest: its own external_reference must not start with bcus_,
//     its metadata holds up to 20 keys), its failures under "customer." in the customer
//     member's place: "customer.phone", "customer.metadata.tier", and its absent members
//     "customer.external_reference", "customer.currency" there too.
//
// "" or null or a missing customer is required at "customer"; a number, boolean or array
// is invalid_type. [CustomerRef] holds exactly one of the three; branch on it with
// [CustomerRef.Kind] or with its accessors that return (value, ok). Each form encodes back
// to what it was: a string, or an object.
//
// In [CreateParams] (Go values) the customer is the string form in Customer, or the new
// customer's customer.CreateParams in NewCustomer; setting both is duplicate_field at
// "customer", as the member given twice in JSON is.
//
// # Accounts and the other members
//
// external_reference must not start with "bacc_" (the prefix of account IDs); "bcus_x" is
// a valid account reference. Metadata holds at most 10 keys ([metadata.AccountLimits]).
// The account object adds id (an account ID, bacc_…), customer_id (required, a customer
// ID) and payment_rules; balance and payment_rules need a currency. Optional members read
// as (value, ok): the balance as a money.Amount in the account's currency, the payment
// rules as money.PaymentRules.
//
// That an external reference is unique among a merchant's accounts (or customers) is the
// billing API's job, or the service's: the library checks its shape only, and resolving a
// customer's external reference to its ID is left to the service.
//
// # Decisions where the specification is silent
//
//   - [CustomerRef] is branched on with Kind or the (value, ok) accessors, not with a
//     type switch: the forms are a closed set of three, and a struct holds any of them
//     without allocating.
//   - [CreateParams] takes the customer as the JSON member takes it (a string, or a new
//     customer's params), so that a service gets every failure of a request in one error;
//     both forms at once are duplicate_field at "customer".
//   - [RefByExternalReference] refuses a reference starting with "bcus_" (invalid_format
//     at "customer"): written into the customer member, it would read back as an ID.
//   - [New] refuses a customerID that differs from the ID the request names its customer
//     by (invalid_format at "customer_id"); for the other two forms it trusts the service.
//   - [CustomerRef.UnmarshalJSON] reads a value as the customer member of a request: its
//     failures are at "customer" and "customer.<member>".
//
// # Zero values
//
// The zero CreateRequest and the zero Account are not valid: IsZero reports them, their
// MarshalJSON fails with required, their String is {}. The zero CustomerRef names no
// customer: its Kind is [RefNone] and every accessor reports false. Every value is
// immutable and safe for concurrent use; [Account.WithPaymentRules] returns a copy.
//
// # Errors
//
// Every failure of a request or document comes back at once, as a billing.Errors of
// *billing.FieldError: at most one per path, in document order (the members that are
// absent, and currency when balance or payment_rules needs it, last), each with a
// billing.Code of SPEC §4 and a message saying what to send instead. errors.Is matches a
// code's sentinel (billing.ErrInvalidFormat, …); Errors.Field looks one path up. A new
// customer's email and phone are never repeated in messages, and String, Format (every
// fmt verb) and LogValue (log/slog) print them masked; MarshalJSON is the wire form and
// writes them in full.
package account
