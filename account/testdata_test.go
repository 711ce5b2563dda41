package account_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testdocs"
)

// failure is one failure as this package's tests write it: {"customer.phone", "invalid_phone"}.
type failure struct{ Field, Code string }

func failures(err error) []failure { return testdocs.FailuresAs[failure](err) }

func TestTestdataCreateRequests(t *testing.T) {
	docs := testdocs.Load(t, "account-create")
	assert.GreaterOrEqual(t, len(docs), 90)
	for _, d := range docs {
		t.Run(d.Name, func(t *testing.T) {
			req, err := testdocs.CheckParsed(t, d, account.DecodeCreateRequest)
			if err != nil {
				checkMessages(t, err, d.Data)
				// UnmarshalJSON fails alike and leaves its value alone.
				var viaMethod account.CreateRequest
				assert.Equal(t, d.Want, testdocs.Failures(viaMethod.UnmarshalJSON(d.Data)))
				assert.True(t, viaMethod.IsZero())
				return
			}
			// UnmarshalJSON agrees with DecodeCreateRequest, through encoding/json too.
			var viaJSON struct{ R account.CreateRequest }
			require.NoError(t, json.Unmarshal([]byte(`{"R":`+string(d.Data)+`}`), &viaJSON))
			assert.True(t, req.Equal(viaJSON.R))
			// The customer member alone reads back to the same reference.
			ref := req.Customer()
			refJSON, err := ref.MarshalJSON()
			require.NoError(t, err)
			var back account.CustomerRef
			require.NoError(t, json.Unmarshal(refJSON, &back))
			assert.True(t, ref.Equal(back), "%s", refJSON)
			assert.NotEqual(t, account.RefNone, ref.Kind())
		})
	}
}

func TestTestdataAccounts(t *testing.T) {
	docs := testdocs.Load(t, "account")
	assert.GreaterOrEqual(t, len(docs), 47)
	for _, d := range docs {
		t.Run(d.Name, func(t *testing.T) {
			a, err := testdocs.CheckParsed(t, d, account.Decode)
			if err != nil {
				checkMessages(t, err, d.Data)
				var viaMethod account.Account
				assert.Equal(t, d.Want, testdocs.Failures(viaMethod.UnmarshalJSON(d.Data)))
				assert.True(t, viaMethod.IsZero())
				return
			}
			var viaJSON account.Account
			require.NoError(t, json.Unmarshal(d.Data, &viaJSON))
			assert.True(t, a.Equal(viaJSON))
		})
	}
}

// checkMessages checks that every failure has a message, and that no message repeats the
// email address or phone number of a new customer in the document.
func checkMessages(t *testing.T, err error, data []byte) {
	t.Helper()
	if p, ok := paramsOf(data); ok && p.NewCustomer != nil {
		testdocs.CheckMessages(t, err, p.NewCustomer.Email, p.NewCustomer.Phone)
		return
	}
	testdocs.CheckMessages(t, err)
}

func TestTestdataNames(t *testing.T) {
	for _, kind := range []string{"account-create", "account"} {
		testdocs.CheckNames(t, kind)
	}
}

// paramsOf reads an account create request document into CreateParams without judging its
// values, keeping every string byte for byte (encoding/json would replace invalid UTF-8).
// It reports false when the document cannot be told as Go values: not JSON, a member twice,
// an unknown member, a value of a JSON type a Go field cannot hold, an integer beyond int64.
func paramsOf(data []byte) (account.CreateParams, bool) {
	var p account.CreateParams
	ok := true
	err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			switch o.Name() {
			case "customer":
				switch o.Kind() {
				case strictjson.KindNull:
					o.Null()
				case strictjson.KindObject:
					sub, _ := o.Object()
					nc, good := testdocs.CustomerParams(sub)
					ok = ok && good
					p.NewCustomer = &nc
				default:
					s, good := o.String()
					ok = ok && good
					p.Customer = s
				}
			case "external_reference":
				if s := testdocs.ReadString(o, &ok); s != nil {
					p.ExternalReference = *s
				}
			case "name":
				p.Name = testdocs.ReadString(o, &ok)
			case "currency":
				p.Currency = testdocs.ReadString(o, &ok)
			case "balance":
				p.Balance = testdocs.ReadInt(o, &ok)
			case "metadata":
				p.Metadata = testdocs.ReadMap(o, &ok)
			default:
				ok = false
			}
		}
	})
	return p, ok && err == nil
}

func TestTestdataThroughParams(t *testing.T) {
	tried := testdocs.CheckThroughParams(t, "account-create", paramsOf, account.NewCreateRequest, account.DecodeCreateRequest)
	assert.Greater(t, tried, 60, "most documents can be written as Go values")
}

func TestDocumentTooLong(t *testing.T) {
	// 1 MiB + 1 byte: a valid object padded with white space.
	for _, doc := range []string{
		`{"customer":"bcus_1","external_reference":"acct_1"}`,
		`{"id":"bacc_1","external_reference":"acct_1","customer_id":"bcus_1"}`,
	} {
		data := append([]byte(doc), bytes.Repeat([]byte(" "), strictjson.MaxSize+1-len(doc))...)
		require.Len(t, data, 1<<20+1)
		_, err := account.DecodeCreateRequest(data)
		assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
		_, err = account.Decode(data)
		assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
	}
	// Exactly 1 MiB is read.
	doc := `{"customer":"bcus_1","external_reference":"acct_1"}`
	data := append([]byte(doc), bytes.Repeat([]byte(" "), strictjson.MaxSize-len(doc))...)
	_, err := account.DecodeCreateRequest(data)
	assert.NoError(t, err)
}
