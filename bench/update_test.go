package bench_test

import (
	"encoding/json"
	"errors"
	"maps"
	"testing"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// The update comparisons: a PATCH body parsed and applied to a stored customer, the
// docs' example, by the library (customer.DecodeUpdateRequest and Customer.Apply) and the
// way a team does it with the usual tools: encoding/json decodes the body into a struct of
// pointers (nil: not sent), the pointers that are set are laid over the stored struct,
// and validator.Struct checks the result (with the phone check when the update sends a
// phone, and the currency rule of an update: a new currency needs its new balance).

// customerObject is a stored customer as a validator user declares it.
type customerObject struct {
	ID                string            `json:"id" validate:"required,max=255,customerid"`
	ExternalReference string            `json:"external_reference" validate:"required,max=255,extref,startsnotwith=bcus_"`
	Name              string            `json:"name,omitempty" validate:"omitempty,max=255,freeform"`
	Email             string            `json:"email,omitempty" validate:"omitempty,max=255,email"`
	Phone             string            `json:"phone,omitempty" validate:"omitempty,e164"`
	Currency          string            `json:"currency,omitempty" validate:"required_with=Balance,omitempty,iso4217"`
	Balance           *int64            `json:"balance,omitempty" validate:"omitempty,min=-9007199254740991,max=9007199254740991"`
	Metadata          map[string]string `json:"metadata,omitempty" validate:"omitempty,max=20,dive,keys,min=1,max=40,nocontrol,endkeys,required,max=500,utf8"`
}

// customerPatch is the body of a PATCH as a struct of pointers. A metadata value of null
// removes the key; null for any other member is taken as not sent (encoding/json cannot
// tell them apart), which only makes the alternative faster.
type customerPatch struct {
	Name     *string            `json:"name"`
	Email    *string            `json:"email"`
	Phone    *string            `json:"phone"`
	Currency *string            `json:"currency"`
	Balance  *int64             `json:"balance"`
	Metadata map[string]*string `json:"metadata"`
}

var errCurrencyConflict = errors.New("currency: changes while the stored balance is in the old one")

// applyPatchAlt decodes data into a customerPatch, lays it over a copy of stored and
// validates the result.
func applyPatchAlt(stored *customerObject, data []byte) (*customerObject, error) {
	var p customerPatch
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, err
	}
	c := *stored
	if p.Name != nil {
		c.Name = *p.Name
	}
	if p.Email != nil {
		c.Email = *p.Email
	}
	if p.Phone != nil {
		if err := checkPhone(*p.Phone); err != nil {
			return nil, err
		}
		c.Phone = *p.Phone
	}
	if p.Currency != nil {
		if stored.Currency != "" && *p.Currency != stored.Currency && stored.Balance != nil && p.Balance == nil {
			return nil, errCurrencyConflict
		}
		c.Currency = *p.Currency
	}
	if p.Balance != nil {
		c.Balance = p.Balance
	}
	if p.Metadata != nil {
		c.Metadata = maps.Clone(stored.Metadata)
		if c.Metadata == nil {
			c.Metadata = map[string]string{}
		}
		for k, v := range p.Metadata {
			if v == nil {
				delete(c.Metadata, k)
			} else {
				c.Metadata[k] = *v
			}
		}
	}
	if err := validate.Struct(&c); err != nil {
		return nil, err
	}
	return &c, nil
}

// The updates: the most common call of all, a balance alone, and a typical one (a name,
// a phone and two metadata keys).
var (
	updateBalance = []byte(`{"balance": 5000}`)
	updateTypical = []byte(`{"name": "Thandiwe Dlamini", "phone": "+27821234567", ` +
		`"metadata": {"crm_id": "B-20411", "tier": "gold"}}`)
)

// docsStored returns the docs' example customer as the library's stored Customer and as
// the alternative's stored struct.
func docsStored(tb testing.TB) (customer.Customer, *customerObject) {
	tb.Helper()
	req, err := customer.NewCreateRequest(docsParams(true))
	if err != nil {
		tb.Fatal(err)
	}
	const id = "bcus_H4jp6KnU5cPw263v1jyz4"
	c, err := customer.New(ids.MustParseCustomerID(id), req)
	if err != nil {
		tb.Fatal(err)
	}
	alt := docsStruct(true)
	return c, &customerObject{ID: id, ExternalReference: alt.ExternalReference, Name: alt.Name, Email: alt.Email,
		Phone: alt.Phone, Currency: alt.Currency, Balance: alt.Balance, Metadata: alt.Metadata}
}

// applyUpdate parses data as a customer update and applies it to c.
func applyUpdate(c customer.Customer, data []byte) (customer.Customer, error) {
	u, err := customer.DecodeUpdateRequest(data)
	if err != nil {
		return customer.Customer{}, err
	}
	return c.Apply(u)
}

var (
	sinkCustomer    customer.Customer
	sinkCustomerObj *customerObject
)

// BenchmarkUpdateBalance compares parsing {"balance": 5000} and applying it to the docs'
// example customer.
func BenchmarkUpdateBalance(b *testing.B) { benchUpdate(b, updateBalance) }

// BenchmarkUpdateTypical compares parsing a typical update (a name, a phone and two
// metadata keys) and applying it to the docs' example customer.
func BenchmarkUpdateTypical(b *testing.B) { benchUpdate(b, updateTypical) }

func benchUpdate(b *testing.B, data []byte) {
	c, alt := docsStored(b)
	if _, err := applyUpdate(c, data); err != nil {
		b.Fatal(err)
	}
	if _, err := applyPatchAlt(alt, data); err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkCustomer, sinkErr = applyUpdate(c, data)
		}
	})
	b.Run("validator", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkCustomerObj, sinkErr = applyPatchAlt(alt, data)
		}
	})
}

// TestUpdateAlternativeEnforcesTheRules checks that the alternative is not timed doing
// less than it claims: it gives the library's result on the benchmarks' updates, and
// refuses what the library refuses on the same stored customer.
func TestUpdateAlternativeEnforcesTheRules(t *testing.T) {
	c, alt := docsStored(t)
	for _, data := range [][]byte{updateBalance, updateTypical} {
		lib, err := applyUpdate(c, data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := applyPatchAlt(alt, data)
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		want, _ := lib.MarshalJSON()
		var wantObj customerObject
		if err := json.Unmarshal(want, &wantObj); err != nil {
			t.Fatal(err)
		}
		gotJSON, _ := json.Marshal(got)
		wantJSON, _ := json.Marshal(&wantObj)
		if string(gotJSON) != string(wantJSON) {
			t.Errorf("%s:\nalternative %s\nlibrary     %s", data, gotJSON, wantJSON)
		}
	}
	for _, doc := range []string{
		`{"name": "   "}`,
		`{"name": "Jane \u202eDoe"}`,
		`{"email": "jane.example.com"}`,
		`{"phone": "+15555555555"}`,
		`{"phone": "+4407911123456"}`,
		`{"currency": "zar"}`,
		`{"currency": "JPY"}`, // the stored balance is in ZAR
		`{"balance": 9007199254740992}`,
		`{"metadata": {"k": ""}}`,
		`{"metadata": {"a\u0001": "v"}}`,
		`{"metadata": ` + manyKeysJSON(19) + `}`, // 2 stored + 19 new keys
	} {
		if _, err := applyUpdate(c, []byte(doc)); err == nil {
			t.Errorf("%s: the library accepts it", doc)
		}
		if _, err := applyPatchAlt(alt, []byte(doc)); err == nil {
			t.Errorf("%s: accepted", doc)
		}
	}
}
