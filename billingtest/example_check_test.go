package billingtest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/billingtest"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// newHandler is a service's handler of POST /customers: it reads the create request,
// answers 201 with the new customer, or the failures as problem details.
func newHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /customers", func(w http.ResponseWriter, r *http.Request) {
		// Read one byte past 1 MiB, so that the decoder sees a document that is too long.
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req, err := customer.DecodeCreateRequest(body)
		var errs billing.Errors
		if errors.As(err, &errs) {
			p := errs.Problem()
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(p.Status)
			json.NewEncoder(w).Encode(p)
			return
		}
		c, err := customer.New(ids.NewCustomerID(), req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(c)
	})
	return mux
}

// post sends doc to url and returns nil when the service accepts it, or the failures of
// its problem details as a billing.Errors, which Check compares with the contract.
func post(url string, doc []byte) error {
	resp, err := http.Post(url, "application/json", bytes.NewReader(doc))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusCreated {
		return nil
	}
	var p billing.Problem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || len(p.Errors) == 0 {
		return fmt.Errorf("status %d without problem details", resp.StatusCode)
	}
	errs := make(billing.Errors, len(p.Errors))
	for i, e := range p.Errors {
		errs[i] = &billing.FieldError{Field: e.Field, Pointer: e.Pointer, Code: e.Code, Message: e.Detail}
	}
	return errs
}

// A service holds its HTTP handler to the contract: every contract document is posted to
// it, and the failures of the problem details it answers with must be the contract's, in
// the same order, at the same pointers. In a test file, the body of the function below is
// a test function: func TestCreateCustomer(t *testing.T).
func ExampleCheck() {
	testCreateCustomer := func(t *testing.T) {
		srv := httptest.NewServer(newHandler())
		defer srv.Close()
		billingtest.Check(t, billingtest.KindCustomerCreate, func(doc []byte) error {
			return post(srv.URL+"/customers", doc)
		})
	}
	_ = testCreateCustomer
}
