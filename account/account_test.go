package account_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/money"
)

const (
	accountID  = "bacc_9Xk2LmQ7rT4vW8yZ1aB3c"
	customerID = "bcus_H4jp6KnU5cPw263v1jyz4"
)

func readFile(t testing.TB, kind, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", kind, name+".json"))
	require.NoError(t, err)
	return data
}

const fullAccountJSON = `{"id":"bacc_9Xk2LmQ7rT4vW8yZ1aB3c","external_reference":"acct_2024_0001",` +
	`"customer_id":"bcus_H4jp6KnU5cPw263v1jyz4","name":"Thandiwe's Savings","currency":"ZAR","balance":2000,` +
	`"payment_rules":{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false},` +
	`"metadata":{"branch":"Sandton","product":"savings"}}`

func fullAccount(t *testing.T) account.Account {
	t.Helper()
	a, err := account.New(ids.MustParseAccountID(accountID), ids.MustParseCustomerID(customerID),
		account.MustNewCreateRequest(docsParams()))
	require.NoError(t, err)
	rules, err := money.NewPaymentRules(100, 500000, money.AllowUnderpayment)
	require.NoError(t, err)
	a, err = a.WithPaymentRules(rules)
	require.NoError(t, err)
	return a
}

func TestNew(t *testing.T) {
	a := fullAccount(t)
	assert.False(t, a.IsZero())
	assert.Equal(t, accountID, a.ID().String())
	assert.Equal(t, customerID, a.CustomerID().String())
	assert.Equal(t, "acct_2024_0001", a.ExternalReference().String())
	name, ok := a.Name()
	assert.True(t, ok)
	assert.Equal(t, "Thandiwe's Savings", name.String())
	cur, _ := a.Currency()
	assert.Equal(t, "ZAR", cur.String())
	bal, ok := a.Balance()
	assert.True(t, ok)
	assert.Equal(t, "ZAR 20.00", bal.String())
	rules, ok := a.PaymentRules()
	assert.True(t, ok)
	assert.Equal(t, int64(500000), rules.MaxAmount())
	md, ok := a.Metadata()
	assert.True(t, ok)
	assert.Equal(t, 2, md.Len())

	out, err := a.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, fullAccountJSON, string(out))
	parsed, err := account.Decode(out)
	require.NoError(t, err)
	assert.True(t, a.Equal(parsed))
	fromFile, err := account.Decode(readFile(t, "account", "valid-full"))
	require.NoError(t, err)
	assert.True(t, a.Equal(fromFile))

	// The zero PaymentRules removes the rules; WithPaymentRules returns a copy.
	a2, err := a.WithPaymentRules(money.PaymentRules{})
	require.NoError(t, err)
	_, ok = a2.PaymentRules()
	assert.False(t, ok)
	assert.False(t, a.Equal(a2))
	_, ok = a.PaymentRules()
	assert.True(t, ok)
}

func TestNewForEveryForm(t *testing.T) {
	accID, cusID := ids.MustParseAccountID(accountID), ids.MustParseCustomerID(customerID)
	for _, p := range []account.CreateParams{
		{Customer: customerID, ExternalReference: "a"},
		{Customer: "cust_1", ExternalReference: "a"},
		{NewCustomer: &customer.CreateParams{ExternalReference: "c"}, ExternalReference: "a"},
	} {
		a, err := account.New(accID, cusID, account.MustNewCreateRequest(p))
		require.NoError(t, err)
		out, _ := a.MarshalJSON()
		assert.Equal(t, `{"id":"bacc_9Xk2LmQ7rT4vW8yZ1aB3c","external_reference":"a","customer_id":"bcus_H4jp6KnU5cPw263v1jyz4"}`, string(out))
	}
}

func TestNewFailures(t *testing.T) {
	_, err := account.New(ids.AccountID{}, ids.CustomerID{}, account.CreateRequest{})
	assert.Equal(t, []failure{{"id", "required"}, {"external_reference", "required"}, {"customer_id", "required"}}, failures(err))
	req := account.MustNewCreateRequest(account.CreateParams{Customer: "bcus_1", ExternalReference: "x"})
	_, err = account.New(ids.NewAccountID(), ids.MustParseCustomerID("bcus_2"), req)
	assert.Equal(t, []failure{{"customer_id", "invalid_format"}}, failures(err))

	a, err := account.New(ids.NewAccountID(), ids.MustParseCustomerID("bcus_1"), req)
	require.NoError(t, err)
	_, err = a.WithPaymentRules(money.MustNewPaymentRules(1, 2, 0))
	assert.Equal(t, []failure{{"currency", "required"}}, failures(err))
	_, err = a.WithPaymentRules(money.PaymentRules{})
	require.NoError(t, err, "removing rules needs no currency")
	_, err = account.Account{}.WithPaymentRules(money.PaymentRules{})
	assert.Equal(t, []failure{{"id", "required"}}, failures(err))
	_, err = account.Account{}.MarshalJSON()
	assert.Equal(t, []failure{{"id", "required"}}, failures(err))
	_, err = json.Marshal(account.Account{})
	assert.ErrorIs(t, err, billing.CodeRequired)
	b, err := account.Account{}.AppendJSON([]byte("x"))
	assert.Error(t, err)
	assert.Equal(t, "x", string(b))
	assert.Equal(t, "{}", account.Account{}.String())
	assert.Empty(t, account.Account{}.LogValue().Group())
}

func TestParse(t *testing.T) {
	a, err := account.Decode([]byte(fullAccountJSON))
	require.NoError(t, err)
	assert.True(t, fullAccount(t).Equal(a))

	var viaMethod account.Account
	require.NoError(t, viaMethod.UnmarshalJSON([]byte(fullAccountJSON)))
	assert.True(t, a.Equal(viaMethod))
	require.NoError(t, viaMethod.UnmarshalJSON([]byte("null")))
	assert.True(t, a.Equal(viaMethod), "null leaves it unchanged")
	assert.Error(t, viaMethod.UnmarshalJSON([]byte(`{}`)))
	assert.True(t, a.Equal(viaMethod), "a failure leaves it unchanged")

	// A create request is not an account object, and the other way round.
	_, err = account.Decode([]byte(`{"customer":"bcus_1","external_reference":"x"}`))
	assert.Equal(t, []failure{{"customer", "unknown_field"}, {"id", "required"}, {"customer_id", "required"}}, failures(err))
	_, err = account.DecodeCreateRequest([]byte(`{"id":"bacc_1","customer_id":"bcus_1","external_reference":"x"}`))
	assert.Equal(t, []failure{{"id", "unknown_field"}, {"customer_id", "unknown_field"}, {"customer", "required"}}, failures(err))
}

func TestParseMinimalAndEmptyMetadata(t *testing.T) {
	doc := `{"id":"bacc_1","external_reference":"x","customer_id":"bcus_1","metadata":{}}`
	a, err := account.Decode([]byte(doc))
	require.NoError(t, err)
	md, ok := a.Metadata()
	assert.True(t, ok)
	assert.Zero(t, md.Len())
	out, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Equal(t, doc, string(out))
	for _, ok := range []bool{second(a.Name()), second(a.Currency()), second(a.Balance()), second(a.PaymentRules())} {
		assert.False(t, ok)
	}
}

func TestAccountPrint(t *testing.T) {
	a := fullAccount(t)
	assert.Equal(t, fullAccountJSON, a.String())
	for _, verb := range []string{"%v", "%+v", "%s"} {
		assert.Equal(t, fullAccountJSON, fmt.Sprintf(verb, a), verb)
	}
	assert.Equal(t, fmt.Sprintf("%#v", fullAccountJSON), fmt.Sprintf("%#v", a), "the members, never the fields")
	var buf strings.Builder
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("account", "account", a)
	assert.Contains(t, buf.String(), `"account":`+fullAccountJSON)
}

func TestAccountConcurrentUse(t *testing.T) {
	a := fullAccount(t)
	done := make(chan string)
	for range 4 {
		go func() {
			out, _ := a.MarshalJSON()
			_ = a.String()
			_ = a.LogValue()
			_, _ = a.WithPaymentRules(money.PaymentRules{})
			done <- string(out)
		}()
	}
	for range 4 {
		assert.Equal(t, fullAccountJSON, <-done)
	}
}
