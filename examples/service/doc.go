// Package service is the reference billing service: the library's customers and accounts
// behind an HTTP API (net/http) and stored in PostgreSQL (pgx), as the billing API defines
// them. It shows where the library's work ends and a service's begins: the library reads
// and checks every document, applies updates, gives the columns of a row and renders
// failures as problem details; the service routes, authenticates, reads bodies, runs SQL
// and keeps idempotency keys.
//
//	POST  /billing/customers             201 the new customer
//	POST  /billing/accounts              201 the new account (its customer by ID, by external reference, or new)
//	GET   /billing/customers/{customer}  200 the customer, by ID (bcus_…) or by external reference
//	GET   /billing/accounts/{account}    200 the account, by ID (bacc_…) or by external reference
//	PATCH /billing/customers/{customer}  200 the customer with the update applied
//	PATCH /billing/accounts/{account}    200 the account with the update applied
//
// Every request carries a secret API key, Authorization: Bearer sk_test_… or sk_…; a
// public key (pk_…) or none is 401. The key is read with ids.ParseAPIKey and only ever
// logged masked.
//
// Every failure is an RFC 9457 problem (application/problem+json). A document's failures
// are the library's: billing.Errors.Problem gives 413 for a body over 1 MiB, 400 for one
// that is not a JSON object, 409 when a failure is a conflict and 422 otherwise, each entry
// with its JSON Pointer. The service adds the failures only the store can see: an
// external_reference already in use is 409 with a conflict entry at /external_reference
// (/customer/external_reference for an account's new customer), found by the unique index
// when the row is inserted, never by a read before it; an account whose customer does
// not exist is 404 with an entry at /customer. An unknown path or a customer or account
// that does not exist is 404, a method a path does not take 405, a missing key 401.
//
// A POST needs an Idempotency-Key header (1–255 of A-Za-z0-9-; 400 without one). The
// key row is inserted in the transaction that creates the object, so a second request
// with the same key, made while the first runs, waits for it on the key's unique index.
// Within 24 hours, a request with a key already used by the same API key for the same
// method, path and body gets the first response again, status and body, with
// Idempotent-Replayed: true; with another body or path it is 422 (the key is the client's
// promise that it is the same request; a 409 would read as a conflict with the stored
// data). A document with failures is answered with its own problem before the key is
// looked at. Only a created object is kept under its key: a request that fails (a 4xx)
// keeps nothing, so the client can correct it and retry with the same key. Keys are kept
// per API key, hashed (SHA-256): the API key is never stored. A PATCH needs no key: an
// update sent twice gives the object that sending it once gives.
//
// An update (PATCH) reads the row FOR UPDATE, applies the library's update request to
// the stored object (Customer.Apply), and writes the new row in the same transaction.
// A body is read as JSON whatever its Content-Type says.
//
// Logs are log/slog records, one per request, with the API key, and any object, written
// by the library's masking LogValue methods.
package service
