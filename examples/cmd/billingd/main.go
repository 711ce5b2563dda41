// Command billingd runs the reference billing service (package service) over PostgreSQL.
//
//	go run ./cmd/billingd -listen 127.0.0.1:8080 -database "postgres://user@127.0.0.1:5432/billing"
//
// It creates the tables it needs when they are missing (the reference schema and the
// idempotency keys), serves the billing API on -listen, logs one JSON record per request on
// standard error (API keys and personal data masked), deletes expired idempotency keys every
// hour, and shuts down gracefully on SIGINT or SIGTERM: it stops accepting connections and
// lets the requests in flight finish (at most -shutdown-timeout) before it closes the pool.
//
// The database URL may also come from the environment variable BILLINGD_DATABASE, which
// keeps a password out of the process list. pgx reads pool settings from it
// (pool_max_conns=8, say).
//
// Every request needs a secret API key (Authorization: Bearer sk_test_… or sk_…). When
// BILLINGD_API_KEYS holds a comma-separated list of keys, only those are accepted; when it
// is empty, every well-formed secret key is, which suits a test service only.
//
// -cpuprofile writes a CPU profile of the whole run, for measuring the service under load
// (see command billingload).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tallykit/billing/examples/service"
	"github.com/tallykit/billing/ids"
)

// config is what the flags and the environment say.
type config struct {
	listen          string
	database        string
	apiKeys         []ids.APIKey
	logLevel        slog.Level
	shutdownTimeout time.Duration
}

func main() { os.Exit(billingd()) }

// billingd runs the command and returns its exit code.
func billingd() int {
	cfg := config{}
	flag.StringVar(&cfg.listen, "listen", "127.0.0.1:8080", "the address to serve the API on")
	flag.StringVar(&cfg.database, "database", os.Getenv("BILLINGD_DATABASE"),
		"the PostgreSQL URL (default $BILLINGD_DATABASE)")
	flag.TextVar(&cfg.logLevel, "log-level", slog.LevelInfo, "the least level logged: DEBUG, INFO, WARN or ERROR")
	flag.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 15*time.Second,
		"how long requests in flight may take to finish at shutdown")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flag.Parse()
	if flag.NArg() > 0 || cfg.database == "" {
		fmt.Fprintln(os.Stderr, "usage: billingd [-listen ADDR] -database URL (or $BILLINGD_DATABASE)")
		flag.PrintDefaults()
		return 2
	}
	keys, err := parseAPIKeys(os.Getenv("BILLINGD_API_KEYS"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "billingd: BILLINGD_API_KEYS:", err)
		return 2
	}
	cfg.apiKeys = keys

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "billingd:", err)
			return 1
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "billingd:", err)
		return 1
	}
	return 0
}

// parseAPIKeys reads a comma-separated list of secret API keys. The error never holds a key.
func parseAPIKeys(list string) ([]ids.APIKey, error) {
	var keys []ids.APIKey
	for i, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		k, err := ids.ParseAPIKey(s)
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", i+1, err)
		}
		if k.Kind() != ids.KindSecret {
			return nil, fmt.Errorf("key %d (%v) is not a secret key", i+1, k)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// run serves the API until ctx is done, then shuts down gracefully. ready, when not nil,
// is called with the address the server listens on.
func run(ctx context.Context, cfg config, logOut io.Writer, ready func(net.Addr)) error {
	logger := slog.New(slog.NewJSONHandler(logOut, &slog.HandlerOptions{Level: cfg.logLevel}))

	pool, err := pgxpool.New(ctx, cfg.database)
	if err != nil {
		return fmt.Errorf("database: %w", err) // pgx's errors never hold the password
	}
	defer pool.Close()
	if err := pool.Ping(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	if err := service.EnsureSchema(ctx, pool); err != nil {
		return err
	}

	opts := service.Options{Logger: logger}
	if len(cfg.apiKeys) > 0 {
		opts.Authorize = func(k ids.APIKey) bool {
			for _, allowed := range cfg.apiKeys {
				if k.Equal(allowed) {
					return true
				}
			}
			return false
		}
	} else {
		logger.Warn("BILLINGD_API_KEYS is empty: every well-formed secret API key is accepted")
	}
	api := service.New(pool, opts)

	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	logger.Info("listening", slog.String("addr", ln.Addr().String()))
	if ready != nil {
		ready(ln.Addr())
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	go purgeKeys(ctx, api, logger)

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// purgeKeys deletes the expired idempotency keys every hour until ctx is done.
func purgeKeys(ctx context.Context, api *service.Server, logger *slog.Logger) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		n, err := api.PurgeKeys(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			logger.Error("purging idempotency keys", slog.String("error", err.Error()))
		default:
			logger.Debug("purged idempotency keys", slog.Int64("deleted", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
