package service

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tallykit/billing/ids"
)

// MaxDocument is the largest request body the API reads: 1 MiB. The service reads one byte
// more, so that the library sees a longer body and reports it too_long (413).
const MaxDocument = 1 << 20

// Options configure a Server. The zero Options are valid.
type Options struct {
	// Logger receives one record per request. Nil is slog.Default().
	Logger *slog.Logger
	// Authorize reports whether a well-formed secret API key may use the service (compare
	// with ids.APIKey.Equal, which takes constant time). Nil accepts every secret key,
	// which suits a test service only.
	Authorize func(ids.APIKey) bool
}

// Server is the billing API as an http.Handler. Create one with New; it is safe for
// concurrent use.
type Server struct {
	pool      *pgxpool.Pool
	log       *slog.Logger
	authorize func(ids.APIKey) bool
	mux       *http.ServeMux
}

// New returns the server of the billing API over pool, whose database holds the tables that
// EnsureSchema creates.
func New(pool *pgxpool.Pool, opts Options) *Server {
	s := &Server{pool: pool, log: opts.Logger, authorize: opts.Authorize, mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.mux.HandleFunc("POST /billing/customers", s.createCustomer)
	s.mux.HandleFunc("GET /billing/customers/{customer}", getObject(s, customers))
	s.mux.HandleFunc("PATCH /billing/customers/{customer}", updateObject(s, customers))
	s.mux.HandleFunc("POST /billing/accounts", s.createAccount)
	s.mux.HandleFunc("GET /billing/accounts/{account}", getObject(s, accounts))
	s.mux.HandleFunc("PATCH /billing/accounts/{account}", updateObject(s, accounts))
	// The same paths without a method answer the methods they do not take, as a problem.
	s.mux.Handle("/billing/customers", methodNotAllowed("POST"))
	s.mux.Handle("/billing/customers/{customer}", methodNotAllowed("GET, HEAD, PATCH"))
	s.mux.Handle("/billing/accounts", methodNotAllowed("POST"))
	s.mux.Handle("/billing/accounts/{account}", methodNotAllowed("GET, HEAD, PATCH"))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, statusProblem(http.StatusNotFound, "no resource of the billing API has this path"))
	})
	return s
}

func methodNotAllowed(allow string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeProblem(w, statusProblem(http.StatusMethodNotAllowed, "this path takes the methods "+allow))
	})
}

// ServeHTTP authenticates r, routes it, and logs it once it is answered.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	// The limit is set on the server's own ResponseWriter, so that a body over it also
	// closes the connection instead of being read to its end.
	r.Body = http.MaxBytesReader(w, r.Body, MaxDocument+1)
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	info := &requestInfo{debug: s.log.Enabled(r.Context(), slog.LevelDebug)}
	r = r.WithContext(context.WithValue(r.Context(), infoKey{}, info))
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			info.err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
			if !rec.wrote {
				writeProblem(rec, internalProblem())
			}
		}
		s.logRequest(r, rec.status, time.Since(start), info)
	}()

	key, ok := s.authenticate(r)
	if !ok {
		rec.Header().Set("WWW-Authenticate", `Bearer realm="billing"`)
		writeProblem(rec, statusProblem(http.StatusUnauthorized,
			"send a secret API key of the billing API as Authorization: Bearer sk_test_… (test) or sk_… (live)"))
		return
	}
	info.key = key
	s.mux.ServeHTTP(rec, r)
}

// authenticate returns the API key of r's Authorization header: the Bearer scheme (its
// name in any case) and a secret key that Authorize accepts.
func (s *Server) authenticate(r *http.Request) (ids.APIKey, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ids.APIKey{}, false
	}
	key, err := ids.ParseAPIKey(token)
	if err != nil || key.Kind() != ids.KindSecret {
		return ids.APIKey{}, false
	}
	if s.authorize != nil && !s.authorize(key) {
		return ids.APIKey{}, false
	}
	return key, true
}

// logRequest writes r's one log record. The API key is written by its LogValue, masked.
func (s *Server) logRequest(r *http.Request, status int, took time.Duration, info *requestInfo) {
	level := slog.LevelInfo
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	ctx := r.Context()
	if !s.log.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 8+len(info.attrs))
	attrs = append(attrs,
		slog.String("method", r.Method),
		slog.String("route", r.Pattern),
		slog.Int("status", status),
		slog.Duration("took", took),
	)
	if !info.key.IsZero() {
		attrs = append(attrs, slog.Any("api_key", info.key))
	}
	attrs = append(attrs, info.attrs...)
	if info.err != nil {
		attrs = append(attrs, slog.String("error", info.err.Error()))
	}
	s.log.LogAttrs(ctx, level, "request", attrs...)
}

// requestInfo is what a handler adds to its request's log record.
type requestInfo struct {
	key   ids.APIKey
	attrs []slog.Attr
	err   error // an internal error: logged, never sent
	debug bool  // the logger writes debug records: log objects whole
}

type infoKey struct{}

func infoOf(ctx context.Context) *requestInfo {
	if info, ok := ctx.Value(infoKey{}).(*requestInfo); ok {
		return info
	}
	return &requestInfo{}
}

// logAttrs adds attrs to the log record of ctx's request.
func logAttrs(ctx context.Context, attrs ...slog.Attr) {
	info := infoOf(ctx)
	info.attrs = append(info.attrs, attrs...)
}

// logObject adds the object a request made or read to its log record: its ID, or the whole
// object when the logger writes debug records. An object logs itself through its LogValue
// method, which masks personal data (an email as j***@example.com, a phone as +27*******89).
func logObject(ctx context.Context, name string, id fmt.Stringer, object slog.LogValuer) {
	if info := infoOf(ctx); info.debug {
		info.attrs = append(info.attrs, slog.Any(name, object))
	} else {
		info.attrs = append(info.attrs, slog.String(name, id.String()))
	}
}

// recorder is a ResponseWriter that remembers the status it was given.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *recorder) WriteHeader(status int) {
	if !w.wrote {
		w.status, w.wrote = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *recorder) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the server's ResponseWriter.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
