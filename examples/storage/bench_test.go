package storage_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"os"
	"path/filepath"
	"testing"

	"github.com/tallykit/billing/customer"
)

// fullCustomer returns the customer of the test data with every member, and its JSON.
func fullCustomer(b *testing.B) (customer.Customer, []byte) {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "customer", "valid-full.json"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := customer.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	return c, data
}

// rowSources returns the customer's columns as database/sql gives them to Scan with pgx's
// stdlib driver: text and char(3) as string, bigint as int64, jsonb as []byte, NULL as nil.
func rowSources(b *testing.B, c customer.Customer) []any {
	b.Helper()
	var src []any
	for _, arg := range customerArgs(c.Record()) {
		v, err := arg.(driver.Valuer).Value()
		if err != nil {
			b.Fatal(err)
		}
		if s, ok := v.(string); ok && (len(s) > 0 && s[0] == '{') {
			v = []byte(s) // jsonb
		}
		src = append(src, v)
	}
	return src
}

// BenchmarkReadCustomer compares reading the same customer (every member: name, email,
// phone, currency, balance, payment rules, two metadata keys) from a row, each column's
// value given to its field's Scan as the driver gives it and the fields put together by
// customer.FromRecord, with decoding it from its JSON by customer.Decode. Neither touches
// a database: the row sources are what database/sql hands to Scan.
func BenchmarkReadCustomer(b *testing.B) {
	c, data := fullCustomer(b)
	src := rowSources(b, c)
	b.Run("row Scan+FromRecord", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var rec customer.Record
			for i, dest := range customerFields(&rec) {
				if err := dest.(sql.Scanner).Scan(src[i]); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := customer.FromRecord(rec); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("JSON Decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := customer.Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkQueryCustomer reads the customer's row from the test database, whole, through
// each driver: the round trip to the server included. It skips without a database.
func BenchmarkQueryCustomer(b *testing.B) {
	databaseURL(b)
	c, _ := fullCustomer(b)
	for _, drv := range drivers {
		b.Run(drv.name, func(b *testing.B) {
			d := drv.open(b, newSchema(b))
			ctx := context.Background()
			if err := d.Exec(ctx, insertCustomer, customerArgs(c.Record())...); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				var rec customer.Record
				if err := d.QueryRow(ctx, selectCustomer, c.ID()).Scan(customerFields(&rec)...); err != nil {
					b.Fatal(err)
				}
				if _, err := customer.FromRecord(rec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
