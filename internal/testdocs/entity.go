package testdocs

import (
	"database/sql/driver"
	"testing"

	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Object is a stored object of an entity (a customer.Customer, an account.Account) that
// takes updates U: what the shared tests of [Entity] call on it.
type Object[O, U any] interface {
	Document[O]
	Apply(U) (O, error)
	ApplyJSON([]byte) (O, error)
	Value() (driver.Value, error)
	Metadata() (metadata.Metadata, bool)
	PaymentRules() (money.PaymentRules, bool)
	WithoutPaymentRules() O
	WithPaymentRules(money.PaymentRules) (O, error)
}

// Update is an update request of an entity (a customer.UpdateRequest, an
// account.UpdateRequest): a document with its printed form.
type Update[U any] interface {
	Document[U]
	String() string
}

// Entity describes one entity under test (the customer, the account) to the tests its
// packages share: its name in testdata, the least counts of its testdata, its limits, and
// the functions of its package. O is its stored object, U its update request and P the Go
// values of an update (UpdateParams).
type Entity[O Object[O, U], U Update[U], P any] struct {
	// Name names the entity's testdata: testdata/stored/<Name>, testdata/apply/<Name> and
	// testdata/<Name>-update.
	Name string
	// MinStored and MinApply are the least numbers of objects of testdata/stored/<Name>
	// and of cases of testdata/apply/<Name>.
	MinStored, MinApply int
	// MinUpdates is the least number of documents of testdata/<Name>-update, and
	// MoreThroughParams the number that those Go values can tell exceed.
	MinUpdates, MoreThroughParams int
	// MetadataKeys is how many metadata keys an object may have.
	MetadataKeys int
	// Identity is the members besides the money members that a stored object requires, as
	// JSON members without the braces: `"id":"bcus_1","external_reference":"c1"`.
	Identity string

	Decode        func([]byte) (O, error) // the strict reader of a stored object
	DecodeLenient func([]byte) (O, error) // the reader that allows unknown members
	ThroughRecord func(O) (O, error)      // the object written to its record and read back
	DecodeUpdate  func([]byte) (U, error) // the reader of an update request
	// Fields returns the places of the Go values of an update in p, for
	// [Entity.UpdateParamsOf] and the cases of Go values that every entity shares.
	Fields        func(p *P) UpdateFields
	NewUpdate     func(P) (U, error) // the update request built from Go values
	MustNewUpdate func(P) U          // the same, panicking on failures
	// CheckMessages checks the messages of the failures of reading the document data.
	CheckMessages func(t *testing.T, err error, data []byte)
	// Secrets returns the personal data the Go values of an update set (email, phone),
	// which the update's String never shows; nil for an entity that has none.
	Secrets func(P) []*string
}

// UpdateParamsOf reads an update document as Go values without judging them
// ([ReadUpdateParams] into e.Fields); it reports false when Go values cannot tell the
// document.
func (e Entity[O, U, P]) UpdateParamsOf(data []byte) (P, bool) {
	var p P
	ok := ReadUpdateParams(data, e.Fields(&p))
	return p, ok
}
