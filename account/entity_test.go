package account_test

import (
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/internal/testdocs"
)

// entity is the account as the tests shared with the customer see it. An account's
// update has no personal data (no email, no phone), so no Secrets.
var entity = testdocs.Entity[account.Account, account.UpdateRequest, account.UpdateParams]{
	Name:              "account",
	MinStored:         15,
	MinApply:          30,
	MinUpdates:        40,
	MoreThroughParams: 50,
	MetadataKeys:      10,
	Identity:          `"id":"bacc_1","external_reference":"a1","customer_id":"bcus_1"`,
	Decode:            account.Decode,
	DecodeLenient:     account.DecodeOptions{AllowUnknown: true}.Decode,
	ThroughRecord:     func(a account.Account) (account.Account, error) { return account.FromRecord(a.Record()) },
	DecodeUpdate:      account.DecodeUpdateRequest,
	Fields: func(p *account.UpdateParams) testdocs.UpdateFields {
		return testdocs.UpdateFields{
			Strings: map[string]**string{"name": &p.Name, "currency": &p.Currency},
			Balance: &p.Balance, Metadata: &p.Metadata, RemoveMetadata: &p.RemoveMetadata, Remove: &p.Remove,
		}
	},
	NewUpdate:     account.NewUpdateRequest,
	MustNewUpdate: account.MustNewUpdateRequest,
	CheckMessages: checkMessages,
}
