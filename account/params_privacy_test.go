package account_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
)

func TestCreateParamsLogValueHidesTheNewCustomersEmailAndPhone(t *testing.T) {
	email, phone := "jane.doe@example.com", "+27821234567"
	p := account.CreateParams{
		NewCustomer:       &customer.CreateParams{ExternalReference: "cus-1", Email: &email, Phone: &phone},
		ExternalReference: "acc-1",
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "p", p)
	assert.Contains(t, buf.String(), `"p":{"new_customer":{"external_reference":"cus-1","email":"j***@example.com","phone":"+27*******67"},"external_reference":"acc-1"}`)
	assert.NotContains(t, buf.String(), "jane.doe")
	assert.NotContains(t, buf.String(), "821234")

	buf.Reset()
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "p", account.CreateParams{Customer: "bcus_H4jp6KnU5cPw263v1jyz4", ExternalReference: "acc-2"})
	assert.Contains(t, buf.String(), `"p":{"customer":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"acc-2"}`)
}
