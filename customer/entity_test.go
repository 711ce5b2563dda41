package customer_test

import (
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testdocs"
)

// entity is the customer as the tests shared with the account see it.
var entity = testdocs.Entity[customer.Customer, customer.UpdateRequest, customer.UpdateParams]{
	Name:              "customer",
	MinStored:         25,
	MinApply:          40,
	MinUpdates:        40,
	MoreThroughParams: 60,
	MetadataKeys:      20,
	Identity:          `"id":"bcus_1","external_reference":"c1"`,
	Decode:            customer.Decode,
	DecodeLenient:     customer.DecodeOptions{AllowUnknown: true}.Decode,
	ThroughRecord:     func(c customer.Customer) (customer.Customer, error) { return customer.FromRecord(c.Record()) },
	DecodeUpdate:      customer.DecodeUpdateRequest,
	Fields: func(p *customer.UpdateParams) testdocs.UpdateFields {
		return testdocs.UpdateFields{
			Strings: map[string]**string{"name": &p.Name, "email": &p.Email, "phone": &p.Phone, "currency": &p.Currency},
			Balance: &p.Balance, Metadata: &p.Metadata, RemoveMetadata: &p.RemoveMetadata, Remove: &p.Remove,
		}
	},
	NewUpdate:     customer.NewUpdateRequest,
	MustNewUpdate: customer.MustNewUpdateRequest,
	CheckMessages: checkMessages,
	Secrets:       func(p customer.UpdateParams) []*string { return []*string{p.Email, p.Phone} },
}
