package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/jackc/pgx/v5"
)

// resource is what the GET and PATCH handlers need to know of one kind of object: T is
// the object (customer.Customer, account.Account), U its update request. The values
// customers and accounts describe the two.
type resource[T object[T, U], U any] struct {
	// name is the path's wildcard, and the object's name in the log: "customer".
	name string
	// lookup reads the path's segment; notFound is the 404 problem of one that names no
	// object.
	lookup   func(segment string) (lookup, bool)
	notFound error
	// find reads the object's row; update writes an updated object's row.
	find   func(ctx context.Context, q querier, l lookup, forUpdate bool) (T, bool, error)
	update func(ctx context.Context, q querier, o T) error
	// decodeUpdate is the library's reader of update requests.
	decodeUpdate func(body []byte) (U, error)
	// id returns the object's ID, for the log.
	id func(o T) fmt.Stringer
}

// object is what the handlers use of a customer.Customer or an account.Account: the
// library applies an update request to it, compares it, encodes it, and logs it masked.
type object[T, U any] interface {
	Apply(u U) (T, error)
	Equal(o T) bool
	AppendJSON(b []byte) ([]byte, error)
	slog.LogValuer
}

// atPath returns the handler of a path that names one object: it reads the path's
// segment and calls h with its lookup, or answers 404 when the segment can name no object.
func (res resource[T, U]) atPath(h func(w http.ResponseWriter, r *http.Request, l lookup)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l, ok := res.lookup(r.PathValue(res.name))
		if !ok {
			fail(w, r, res.notFound)
			return
		}
		h(w, r, l)
	}
}

// getObject answers GET /billing/customers/{customer} and GET /billing/accounts/{account}.
func getObject[T object[T, U], U any](s *Server, res resource[T, U]) http.HandlerFunc {
	return res.atPath(func(w http.ResponseWriter, r *http.Request, l lookup) {
		o, found, err := res.find(r.Context(), s.pool, l, false)
		switch {
		case err != nil:
			fail(w, r, err)
		case !found:
			fail(w, r, res.notFound)
		default:
			resp, err := objectResponse(http.StatusOK, "", o)
			if err != nil {
				fail(w, r, err)
				return
			}
			writeResponse(w, resp, false)
		}
	})
}

// updateObject answers PATCH /billing/customers/{customer} and PATCH
// /billing/accounts/{account}: the stored object, read FOR UPDATE, with the update applied
// by the library, written back in the same transaction.
func updateObject[T object[T, U], U any](s *Server, res resource[T, U]) http.HandlerFunc {
	return res.atPath(func(w http.ResponseWriter, r *http.Request, l lookup) {
		body, err := readBody(r)
		if err != nil {
			fail(w, r, err)
			return
		}
		u, err := res.decodeUpdate(body)
		if err != nil {
			fail(w, r, documentError(err))
			return
		}
		ctx := r.Context()
		var updated T
		err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			stored, found, err := res.find(ctx, tx, l, true)
			if err != nil {
				return err
			}
			if !found {
				return res.notFound
			}
			if updated, err = stored.Apply(u); err != nil {
				return documentError(err)
			}
			logObject(ctx, res.name, res.id(updated), updated)
			if updated.Equal(stored) {
				return nil
			}
			return res.update(ctx, tx, updated)
		})
		if err != nil {
			fail(w, r, err)
			return
		}
		resp, err := objectResponse(http.StatusOK, "", updated)
		if err != nil {
			fail(w, r, err)
			return
		}
		writeResponse(w, resp, false)
	})
}

// readCreate reads a create request: its body, its Idempotency-Key, and the document in
// the body, with decode.
func readCreate[R any](r *http.Request, decode func(body []byte) (R, error)) (R, idempotency, error) {
	var req R
	body, err := readBody(r)
	if err != nil {
		return req, idempotency{}, err
	}
	idem, err := idempotencyOf(r, body)
	if err != nil {
		return req, idempotency{}, err
	}
	if req, err = decode(body); err != nil {
		return req, idempotency{}, documentError(err)
	}
	return req, idem, nil
}

// objectResponse returns the response that carries o's JSON (a customer or an account),
// and location for a 201.
func objectResponse(status int, location string, o interface{ AppendJSON([]byte) ([]byte, error) }) (response, error) {
	body, err := o.AppendJSON(make([]byte, 0, 512))
	if err != nil {
		return response{}, err
	}
	return response{status: status, location: location, body: body}, nil
}

// readBody reads r's body, at most MaxDocument+1 bytes of it: a longer body is cut there,
// and the library reports it too_long (413).
func readBody(r *http.Request) ([]byte, error) {
	buf := make([]byte, 0, bodyCapacity(r.ContentLength))
	for {
		n, err := r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		var tooLarge *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return buf, nil
		case errors.As(err, &tooLarge):
			return buf, nil // MaxDocument+1 bytes: too_long
		case err != nil:
			return nil, &problemError{statusProblem(http.StatusBadRequest, "the request body could not be read")}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// bodyCapacity returns the buffer to make for a body of the announced length.
func bodyCapacity(length int64) int {
	if length < 0 || length > MaxDocument+1 {
		return 512
	}
	return int(length) + 1 // room to see EOF without growing
}
