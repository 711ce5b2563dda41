// Package billing is the root of tallykit/billing, a validation and domain library for the
// Customer and Account objects of a billing API, and holds the error vocabulary that the
// whole module shares.
//
// # What the module gives
//
// Types that can only exist valid. Each is built by a constructor that returns (T, error),
// by UnmarshalJSON or UnmarshalText, or by a document parser; there is no other way to get
// a non-zero value, fields are unexported, and values are immutable and safe for concurrent use.
//
//   - package ids: CustomerID ("bcus_…") and AccountID ("bacc_…"), distinct types the compiler
//     keeps apart; ExternalReference, IdempotencyKey, and APIKey, whose printed forms never
//     show the secret.
//   - package money: Currency (ISO 4217 List One, generated from the ISO data with its date),
//     Amount (int64 minor units that always carry their currency and never wrap), PaymentRules.
//   - package metadata: Metadata, string→string with Limits that are a value.
//   - package customer: Phone (E.164 that is a real number), Email, Name rules, CreateRequest
//     and Customer, with strict JSON in and out.
//   - package account: CustomerRef (an ID, an external reference, or a new customer),
//     CreateRequest and Account.
//   - command billingcheck: checks JSON documents from the command line.
//
// # Errors
//
// Every failure is a [*FieldError]: the JSON path of the field ("phone", "customer.phone",
// "metadata.order_id", or "" for the whole document), a stable [Code] and a message for a
// person. A document's failures come back together as one [Errors] value, in document order
// and at most one per path. Both work with the standard library:
//
//	req, err := customer.ParseCreateRequest(body)
//	if errors.Is(err, billing.ErrInvalidPhone) { … }
//	var errs billing.Errors
//	if errors.As(err, &errs) { … } // every failure, with its path and code
//
// Messages never contain an API key, an email address or a phone number, so an error
// can be logged as it is.
//
// # Dependencies
//
// The packages ids, money and metadata depend on nothing of the module but this one, and
// never link github.com/nyaruka/phonenumbers: only customer and account, which validate
// phone numbers, pay its start-up cost.
package billing
