package customer_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testkit"
)

func TestCreateParamsLogValueHidesEmailAndPhone(t *testing.T) {
	balance := int64(2000)
	tests := []struct {
		name      string
		params    customer.CreateParams
		want      []string
		forbidden []string
	}{
		{"valid values are masked", customer.CreateParams{
			ExternalReference: "cus-1", Name: testkit.Ptr("Jane"), Email: testkit.Ptr("jane.doe@example.com"), Phone: testkit.Ptr("+27821234567"),
			Currency: testkit.Ptr("ZAR"), Balance: &balance, Metadata: map[string]string{"tier": "gold"},
		}, []string{`"email":"j***@example.com"`, `"phone":"+27*******67"`, `"external_reference":"cus-1"`, `"balance":2000`, `"tier":"gold"`},
			[]string{"jane.doe", "821234"}},
		{"invalid values are hidden", customer.CreateParams{
			ExternalReference: "cus-2", Email: testkit.Ptr("jane.doe@@example.com"), Phone: testkit.Ptr("082 123 4567"),
		}, []string{`"email":"***"`, `"phone":"***"`}, []string{"jane.doe", "123 4567"}},
		{"absent members are left out", customer.CreateParams{ExternalReference: "cus-3"},
			[]string{`"p":{"external_reference":"cus-3"}`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "p", tt.params)
			for _, w := range tt.want {
				assert.Contains(t, buf.String(), w)
			}
			for _, f := range tt.forbidden {
				assert.NotContains(t, buf.String(), f)
			}
		})
	}
}
