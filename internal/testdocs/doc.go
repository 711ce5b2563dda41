// Package testdocs holds what the table tests and fuzz targets of the document packages
// share: reading testdata/<kind>/<name>.json with its <name>.errors.json, the failures of
// an error as those files write them, the naming rule of the files, and the properties
// every document parser has on any input (determinism, one failure per path, a failure of
// the whole document alone, agreement with encoding/json on what is JSON, the round trip
// of a valid document).
//
// It is linked only by tests (customer, account, cmd/billingcheck), which is why it may
// use testify and fail a test itself. It imports the customer package, to read a customer
// create request as Go values, so the customer package's own internal tests cannot use it;
// its external tests (package customer_test) can. What the packages below the documents
// share too (failures as paths and codes, the cost of a call, the go command) is in
// internal/testkit, on which this package builds.
package testdocs
