package billing_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
)

func TestProblemStatus(t *testing.T) {
	doc := func(code billing.Code) *billing.FieldError { return billing.NewFieldError(code, "m") }
	at := func(code billing.Code, names ...string) *billing.FieldError {
		return billing.NewFieldError(code, "m", names...)
	}
	tests := []struct {
		name   string
		errs   billing.Errors
		status int
		title  string
	}{
		{"over 1 MiB", billing.Errors{doc(billing.CodeTooLong)}, 413, "Content Too Large"},
		{"not JSON", billing.Errors{doc(billing.CodeInvalidJSON)}, 400, "Bad Request"},
		{"not an object", billing.Errors{doc(billing.CodeInvalidType)}, 400, "Bad Request"},
		{"a member too long is not 413", billing.Errors{at(billing.CodeTooLong, "name")}, 422, "Unprocessable Content"},
		{"members", billing.Errors{at(billing.CodeInvalidPhone, "phone"), at(billing.CodeRequired, "currency")}, 422, "Unprocessable Content"},
		{"conflict beside others", billing.Errors{at(billing.CodeInvalidPhone, "phone"), at(billing.CodeConflict, "currency")}, 409, "Conflict"},
		{"a member named \"\" is a member", billing.Errors{at(billing.CodeUnknownField, "")}, 422, "Unprocessable Content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.errs.Problem()
			assert.Equal(t, tt.status, p.Status)
			assert.Equal(t, tt.title, p.Title)
			assert.Equal(t, "about:blank", p.Type)
			require.Len(t, p.Errors, len(tt.errs))
			for i, e := range tt.errs {
				assert.Equal(t, e.Pointer, p.Errors[i].Pointer)
				assert.Equal(t, e.Field, p.Errors[i].Field)
				assert.Equal(t, e.Code, p.Errors[i].Code)
				assert.Contains(t, p.Errors[i].Detail, e.Message)
			}
		})
	}
}

func TestProblemJSON(t *testing.T) {
	p := billing.Errors{
		billing.NewFieldError(billing.CodeInvalidPhone, "is not a valid number", "phone"),
		billing.NewFieldError(billing.CodeTooLong, "must be at most 500 characters", "metadata", "a/b"),
	}.Problem()
	p.Type = "https://example.com/problems/invalid-request"
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Equal(t, `{"type":"https://example.com/problems/invalid-request","title":"Unprocessable Content","status":422,`+
		`"detail":"the document has 2 invalid members","errors":[`+
		`{"pointer":"/phone","field":"phone","code":"invalid_phone","detail":"phone: is not a valid number"},`+
		`{"pointer":"/metadata/a~1b","field":"metadata.a/b","code":"too_long","detail":"metadata.a/b: must be at most 500 characters"}]}`, string(b))
}
