package service

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tallykit/billing/examples/storage"
)

// IdempotencyKeysSchema creates the table of idempotency keys when it is missing. A row is
// the first response to a create, kept under the client's key for 24 hours.
const IdempotencyKeysSchema = `
create table if not exists idempotency_keys (
	api_key     bytea       not null, -- SHA-256 of the API key: the key itself is never stored
	key         text        not null, -- the Idempotency-Key header
	fingerprint bytea       not null, -- SHA-256 of the first request's method, path and body
	status      integer,              -- the first response, set before the row is committed
	location    text,
	body        bytea,
	created_at  timestamptz not null default now(),
	primary key (api_key, key)
);
create index if not exists idempotency_keys_created_at on idempotency_keys (created_at);
`

// EnsureSchema creates the tables of the service when they are missing: the reference
// schema of customers and accounts (storage.Schema) and the idempotency keys. It creates
// them in the first schema of the connections' search_path, under a lock, so that several
// instances starting at once do not race.
func EnsureSchema(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "select pg_advisory_xact_lock(hashtext('billing service schema'))"); err != nil {
			return fmt.Errorf("locking the schema: %w", err)
		}
		var exists bool
		if err := tx.QueryRow(ctx, "select to_regclass('customers') is not null").Scan(&exists); err != nil {
			return fmt.Errorf("looking for the customers table: %w", err)
		}
		if !exists {
			if _, err := tx.Exec(ctx, storage.Schema); err != nil {
				return fmt.Errorf("creating the reference schema: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, IdempotencyKeysSchema); err != nil {
			return fmt.Errorf("creating the idempotency keys table: %w", err)
		}
		return nil
	})
}

// PurgeKeys deletes the idempotency keys older than 24 hours, which no retry can use any
// more, and returns how many it deleted. Run it now and then (billingd does every hour):
// an expired key is also taken over by the next request that sends it.
func (s *Server) PurgeKeys(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, "delete from idempotency_keys where created_at < now() - $1::interval", keyLifetime)
	return tag.RowsAffected(), err
}
