package service_test

import (
	"context"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tallykit/billing/examples/service"
)

// The service on a PostgreSQL database: its tables made when missing, one JSON log record
// per request. Command billingd does this, with a graceful shutdown.
func Example() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("BILLINGD_DATABASE"))
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	if err := service.EnsureSchema(ctx, pool); err != nil {
		log.Fatal(err)
	}
	api := service.New(pool, service.Options{Logger: slog.New(slog.NewJSONHandler(os.Stderr, nil))})
	srv := &http.Server{Addr: "127.0.0.1:8080", Handler: api, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
