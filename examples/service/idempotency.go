package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/jackc/pgx/v5"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

// keyLifetime is how long a response is replayed for the same Idempotency-Key.
const keyLifetime = "24 hours"

// idempotency is a create request's Idempotency-Key, scoped to its API key, and the
// fingerprint of the request it was sent with.
type idempotency struct {
	apiKey      []byte // SHA-256 of the API key
	key         ids.IdempotencyKey
	fingerprint []byte // SHA-256 of the method, the path and the body
}

// idempotencyOf reads r's Idempotency-Key header. It fails with a 400 problem when the
// header is missing or is not a key.
func idempotencyOf(r *http.Request, body []byte) (idempotency, error) {
	header := r.Header.Values("Idempotency-Key")
	if len(header) != 1 {
		detail := "send an Idempotency-Key header, unique to each create: 1–255 of A-Za-z0-9- (a UUID is one)"
		if len(header) > 1 {
			detail = "send one Idempotency-Key header, not several"
		}
		return idempotency{}, &problemError{statusProblem(http.StatusBadRequest, detail)}
	}
	key, err := ids.ParseIdempotencyKey(header[0])
	if err != nil {
		detail := "the Idempotency-Key header is not a key"
		var es billing.Errors
		if errors.As(err, &es) && len(es) > 0 {
			detail = "the Idempotency-Key header " + es[0].Message // the rule, never the value
		}
		return idempotency{}, &problemError{statusProblem(http.StatusBadRequest, detail)}
	}
	apiKey := sha256.Sum256([]byte(infoOf(r.Context()).key.Reveal()))
	h := sha256.New()
	h.Write([]byte(r.Method))
	h.Write([]byte{' '})
	h.Write([]byte(r.URL.Path))
	h.Write([]byte{'\n'})
	h.Write(body)
	return idempotency{apiKey: apiKey[:], key: key, fingerprint: h.Sum(nil)}, nil
}

// create answers a create request: in one transaction, it claims the request's
// idempotency key, runs insert, and keeps insert's response under the key. When the key
// is already taken (within 24 hours) it answers with the response kept under it instead,
// without running insert; a request made while the first one with its key runs waits for
// it on the key's unique index. When insert fails, nothing is kept.
func (s *Server) create(w http.ResponseWriter, r *http.Request, idem idempotency,
	insert func(ctx context.Context, tx pgx.Tx) (response, error)) {
	ctx := r.Context()
	var (
		resp     response
		replayed bool
	)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		kept, err := claim(ctx, tx, idem)
		if err != nil {
			return err
		}
		if kept != nil {
			resp, replayed = *kept, true
			return nil
		}
		if resp, err = insert(ctx, tx); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "update idempotency_keys set status = $3, location = $4, body = $5 where api_key = $1 and key = $2",
			idem.apiKey, idem.key, resp.status, resp.location, resp.body)
		return err
	})
	if err != nil {
		fail(w, r, err)
		return
	}
	if replayed {
		logAttrs(ctx, slog.Bool("replayed", true))
	}
	writeResponse(w, resp, replayed)
}

// claim inserts idem's key row in tx, taking over a row older than 24 hours. When a row
// of the key is younger, it returns the response kept in it, or a 422 problem when that
// row was made by another request (another method, path or body).
func claim(ctx context.Context, tx pgx.Tx, idem idempotency) (*response, error) {
	var claimed bool
	err := tx.QueryRow(ctx, `
		insert into idempotency_keys (api_key, key, fingerprint) values ($1, $2, $3)
		on conflict (api_key, key) do update
			set fingerprint = excluded.fingerprint, status = null, location = null, body = null, created_at = now()
			where idempotency_keys.created_at < now() - $4::interval
		returning true`,
		idem.apiKey, idem.key, idem.fingerprint, keyLifetime).Scan(&claimed)
	if err == nil {
		return nil, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("claiming an idempotency key: %w", err)
	}
	// The key has a row younger than 24 hours, committed: a transaction that inserts a
	// row holds the key's index entry until it ends, and the insert above waited for it.
	var (
		fingerprint []byte
		status      *int32
		location    *string
		kept        response
	)
	err = tx.QueryRow(ctx, "select fingerprint, status, location, body from idempotency_keys where api_key = $1 and key = $2",
		idem.apiKey, idem.key).Scan(&fingerprint, &status, &location, &kept.body)
	if err != nil {
		return nil, fmt.Errorf("reading an idempotency key: %w", err)
	}
	if !bytes.Equal(fingerprint, idem.fingerprint) {
		return nil, &problemError{statusProblem(http.StatusUnprocessableEntity,
			"the Idempotency-Key was first used, in the last 24 hours, for another request (another body or path): "+
				"send a new key for a new request, and the same request again for a retry")}
	}
	if status == nil {
		return nil, fmt.Errorf("idempotency key row without a response")
	}
	kept.status = int(*status)
	if location != nil {
		kept.location = *location
	}
	return &kept, nil
}
