// Package storage holds the reference PostgreSQL schema for billing customers and
// accounts, and the tests that store every value of the library in it and read it back,
// through database/sql (pgx's stdlib driver) and through pgx's own interface.
//
// Every stored value is written by its Value method and read by its Scan method, whole:
// a phone or an email goes into its column in full, never in the masked form its String
// method prints. IDs and references are text columns, a currency is char(3), a balance is
// bigint minor units beside the currency column, and metadata and payment rules are jsonb
// objects. SQL NULL is an absent value, read into a sql.Null[T] or a *T; a plain T refuses
// it. Empty metadata is '{}', absent metadata NULL. An amount is stored as its two parts.
//
// The tests run against the PostgreSQL server named by the environment variable
// BILLING_TEST_DATABASE (a URL such as postgres://user@127.0.0.1:5432/postgres) and skip
// when it is empty. Each test works in a schema of its own, which it drops when it ends.
//
//	db, _ := sql.Open("pgx", url)
//	_, err := db.ExecContext(ctx, storage.Schema)
package storage

import _ "embed"

// Schema is the reference schema: the SQL statements that create the customers and
// accounts tables and their unique indexes on external_reference.
//
//go:embed schema.sql
var Schema string
