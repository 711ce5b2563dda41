package service

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	billing "github.com/tallykit/billing"
)

// codeNotFound is the code of a reference to an object that does not exist (an account
// create naming an unknown customer).
//
// The library has no such code yet: this one stands in for it until it does.
const codeNotFound billing.Code = "not_found"

// problemError is a failure that the client caused, answered with its problem.
type problemError struct{ p billing.Problem }

func (e *problemError) Error() string { return strconv.Itoa(e.p.Status) + " " + e.p.Detail }

// documentError returns the problem of a document the library refused (err holds a
// billing.Errors), or err itself for any other error.
func documentError(err error) error {
	var es billing.Errors
	if errors.As(err, &es) && len(es) > 0 {
		return &problemError{es.Problem()}
	}
	return err
}

// conflictError returns the 409 problem of one conflict at the member names locate.
func conflictError(message string, names ...string) error {
	return &problemError{billing.Errors{billing.NewFieldError(billing.CodeConflict, message, names...)}.Problem()}
}

// unknownCustomerError is the 404 problem of an account create whose customer member names
// no customer: an entry at /customer, as for any other failure of that member.
func unknownCustomerError() error {
	p := billing.Errors{billing.NewFieldError(codeNotFound,
		"names no existing customer: send the ID or the external reference of a customer created before, "+
			"or a new customer as an object", "customer")}.Problem()
	p.Status, p.Title = http.StatusNotFound, title(http.StatusNotFound)
	p.Detail = "the customer the account names does not exist"
	return &problemError{p}
}

// statusProblem returns a problem that is about the request, not a member of its document:
// its errors list is empty.
func statusProblem(status int, detail string) billing.Problem {
	return billing.Problem{Type: "about:blank", Title: title(status), Status: status, Detail: detail,
		Errors: []billing.ProblemEntry{}}
}

func internalProblem() billing.Problem {
	return statusProblem(http.StatusInternalServerError,
		"the service failed to answer: retry the request (with the same Idempotency-Key for a create)")
}

// title returns the reason phrase of status, as RFC 9110 names it.
func title(status int) string {
	switch status {
	case http.StatusRequestEntityTooLarge:
		return "Content Too Large"
	case http.StatusUnprocessableEntity:
		return "Unprocessable Content"
	}
	return http.StatusText(status)
}

// writeProblem writes p as application/problem+json, with p.Status.
func writeProblem(w http.ResponseWriter, p billing.Problem) {
	if p.Errors == nil {
		p.Errors = []billing.ProblemEntry{}
	}
	body, err := json.Marshal(p)
	if err != nil { // a Problem holds strings and ints only
		body, p.Status = []byte(`{"type":"about:blank","status":500}`), http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(p.Status)
	_, _ = w.Write(body)
}

// fail answers r with err: its problem when the client caused it, else a 500 problem,
// with err logged (never sent).
func fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *problemError
	if !errors.As(err, &pe) {
		infoOf(r.Context()).err = err
		writeProblem(w, internalProblem())
		return
	}
	logProblem(r.Context(), pe.p)
	writeProblem(w, pe.p)
}

// logProblem adds the places and codes of p's first entries to the request's log record:
// they name members and rules, never values.
func logProblem(ctx context.Context, p billing.Problem) {
	const most = 10
	n := min(len(p.Errors), most)
	entries := make([]string, n)
	for i, e := range p.Errors[:n] {
		entries[i] = e.Pointer + " " + string(e.Code)
	}
	attrs := []slog.Attr{slog.Any("errors", entries)}
	if len(p.Errors) > most {
		attrs = append(attrs, slog.Int("errors_total", len(p.Errors)))
	}
	logAttrs(ctx, attrs...)
}

// response is a successful answer: an object's JSON.
type response struct {
	status   int
	location string // the object's URL path, for a 201
	body     []byte
}

// writeResponse writes resp as application/json; a replayed response says so.
func writeResponse(w http.ResponseWriter, resp response, replayed bool) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	if resp.location != "" {
		h.Set("Location", resp.location)
	}
	if replayed {
		h.Set("Idempotent-Replayed", "true")
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
}
