package customer_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testdocs"
)

// failure is one failure as this package's tests write it: {"phone", "invalid_phone"}.
type failure struct{ Field, Code string }

func failures(err error) []failure { return testdocs.FailuresAs[failure](err) }

func TestTestdataCreateRequests(t *testing.T) {
	docs := testdocs.Load(t, "customer-create")
	assert.GreaterOrEqual(t, len(docs), 200)
	for _, d := range docs {
		t.Run(d.Name, func(t *testing.T) {
			req, err := testdocs.CheckParsed(t, d, customer.DecodeCreateRequest)
			if err != nil {
				checkMessages(t, err, d.Data)
				return
			}
			// UnmarshalJSON agrees with DecodeCreateRequest, through encoding/json too.
			var viaJSON struct{ R customer.CreateRequest }
			require.NoError(t, json.Unmarshal([]byte(`{"R":`+string(d.Data)+`}`), &viaJSON))
			assert.True(t, req.Equal(viaJSON.R))
		})
	}
}

func TestTestdataCustomers(t *testing.T) {
	docs := testdocs.Load(t, "customer")
	assert.GreaterOrEqual(t, len(docs), 60)
	for _, d := range docs {
		t.Run(d.Name, func(t *testing.T) {
			c, err := testdocs.CheckParsed(t, d, customer.Decode)
			if err != nil {
				checkMessages(t, err, d.Data)
				return
			}
			var viaJSON customer.Customer
			require.NoError(t, json.Unmarshal(d.Data, &viaJSON))
			assert.True(t, c.Equal(viaJSON))
		})
	}
}

// checkMessages checks that every failure has a message, and that no message repeats the
// email address or phone number of the document.
func checkMessages(t *testing.T, err error, data []byte) {
	t.Helper()
	p, _ := paramsOf(data)
	testdocs.CheckMessages(t, err, p.Email, p.Phone)
}

func TestTestdataNames(t *testing.T) {
	for _, kind := range []string{"customer-create", "customer"} {
		testdocs.CheckNames(t, kind)
	}
}

// paramsOf reads a create request document into CreateParams without judging its values
// (see testdocs.CustomerParams). It reports false when the document cannot be told as Go
// values: not JSON, a member twice, an unknown member, a value of a JSON type a Go field
// cannot hold, an integer beyond int64.
func paramsOf(data []byte) (customer.CreateParams, bool) {
	var (
		p  customer.CreateParams
		ok bool
	)
	err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
		p, ok = testdocs.CustomerParams(o)
	})
	return p, ok && err == nil
}

func TestTestdataThroughParams(t *testing.T) {
	tried := testdocs.CheckThroughParams(t, "customer-create", paramsOf, customer.NewCreateRequest, customer.DecodeCreateRequest)
	assert.Greater(t, tried, 150, "most documents can be written as Go values")
}

func TestDocumentTooLong(t *testing.T) {
	// 1 MiB + 1 byte: a valid object padded with white space.
	doc := []byte(`{"external_reference":"cust_1"}`)
	doc = append(doc, bytes.Repeat([]byte(" "), strictjson.MaxSize+1-len(doc))...)
	require.Len(t, doc, 1<<20+1)
	_, err := customer.DecodeCreateRequest(doc)
	assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
	_, err = customer.Decode(doc)
	assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
	// Exactly 1 MiB is read.
	_, err = customer.DecodeCreateRequest(doc[:len(doc)-1])
	assert.NoError(t, err)
}
