// Command billingload measures the reference service (command billingd) under load: a
// number of clients POST a customer create document, each request with an external
// reference and an Idempotency-Key of its own, for a set time, and it reports the latency
// percentiles and the requests per second.
//
//	go run ./cmd/billingd -listen 127.0.0.1:8080 -database "$URL" -cpuprofile /tmp/billingd.prof &
//	go run ./cmd/billingload -url http://127.0.0.1:8080 -clients 16 -duration 10s
//
// It is bounded: it sends at most -requests requests and runs at most -duration (at
// most a minute) after a -warmup that is not measured, and it only talks to a loopback
// address (127.0.0.0/8, ::1 or localhost), so it cannot be pointed at someone else's
// service.
//
// The document is the docs' example (testdata/customer-create/docs-example.json) unless
// -body names another; its external_reference member is replaced in each request.
//
// measure.sh, beside this file, runs billingd with a CPU profile and billingload against it,
// and prints the figures with billingd's CPU time per request and the library's share of
// its CPU samples: the samples whose stack holds a function of github.com/tallykit/billing
// outside its examples, which it reads with
//
//	go tool pprof -top -focus='^github\.com/tallykit/billing(\.|/(account|contact|customer|ids|internal|metadata|money)[./])' \
//		billingd cpu.prof
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Bounds of the flags, so that a mistyped flag cannot start a flood.
const (
	maxClients  = 256
	maxDuration = time.Minute
	maxRequests = 10_000_000
)

type config struct {
	url      string
	clients  int
	duration time.Duration
	warmup   time.Duration
	requests int64
	body     []byte
	apiKey   string
}

func main() {
	var cfg config
	var bodyFile string
	flag.StringVar(&cfg.url, "url", "http://127.0.0.1:8080", "the service's base URL (a loopback address)")
	flag.IntVar(&cfg.clients, "clients", 16, "concurrent clients (at most 256)")
	flag.DurationVar(&cfg.duration, "duration", 10*time.Second, "how long to measure (at most 1m)")
	flag.DurationVar(&cfg.warmup, "warmup", 2*time.Second, "how long to send before measuring")
	flag.Int64Var(&cfg.requests, "requests", 1_000_000, "the most requests to send in all (at most 10 000 000)")
	flag.StringVar(&bodyFile, "body", "../testdata/customer-create/docs-example.json", "the customer create document")
	flag.StringVar(&cfg.apiKey, "key", "sk_test_LoadGeneratorKey0000001", "the API key to send")
	flag.Parse()
	body, err := os.ReadFile(bodyFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "billingload:", err)
		os.Exit(2)
	}
	cfg.body = body
	if err := check(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "billingload:", err)
		os.Exit(2)
	}
	rep, err := load(context.Background(), cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "billingload:", err)
		os.Exit(1)
	}
	rep.print(os.Stdout, cfg)
	if rep.failed > 0 {
		os.Exit(1)
	}
}

// check refuses flags out of bounds, and a URL that is not on a loopback address.
func check(cfg config) error {
	switch {
	case cfg.clients < 1 || cfg.clients > maxClients:
		return fmt.Errorf("-clients must be within 1..%d", maxClients)
	case cfg.duration <= 0 || cfg.duration > maxDuration:
		return fmt.Errorf("-duration must be within 0..%v", maxDuration)
	case cfg.warmup < 0 || cfg.warmup > maxDuration:
		return fmt.Errorf("-warmup must be within 0..%v", maxDuration)
	case cfg.requests < 1 || cfg.requests > maxRequests:
		return fmt.Errorf("-requests must be within 1..%d", maxRequests)
	case !referencePattern.Match(cfg.body):
		return errors.New("the document has no external_reference member to replace")
	}
	u, err := url.Parse(cfg.url)
	if err != nil {
		return err
	}
	if u.Scheme != "http" {
		return errors.New("-url must be an http:// URL")
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-url must name a loopback address (127.0.0.1, ::1, localhost), not %q", host)
	}
	return nil
}

// referencePattern finds the external_reference member of the document, to replace its value.
var referencePattern = regexp.MustCompile(`"external_reference"\s*:\s*"[^"]*"`)

// report is what a run measured.
type report struct {
	latencies []time.Duration // of the measured requests
	elapsed   time.Duration   // the measured time
	statuses  map[int]int
	failed    int // requests that got no response or not a 201
	firstFail string
}

// load runs cfg's clients and returns what they measured.
func load(ctx context.Context, cfg config) (*report, error) {
	endpoint := strings.TrimSuffix(cfg.url, "/") + "/billing/customers"
	transport := &http.Transport{MaxIdleConns: cfg.clients, MaxIdleConnsPerHost: cfg.clients, DisableCompression: true}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}

	// The document split around its external reference's value.
	loc := referencePattern.FindIndex(cfg.body)
	head := append(slices.Clone(cfg.body[:loc[0]]), `"external_reference":"`...)
	tail := append([]byte{'"'}, cfg.body[loc[1]:]...)
	run := strings.ToLower(rand.Text()[:8]) // references of this run differ from earlier runs'

	var sent atomic.Int64
	start := time.Now()
	measureFrom := start.Add(cfg.warmup)
	stopAt := measureFrom.Add(cfg.duration)
	ctx, cancel := context.WithDeadline(ctx, stopAt.Add(30*time.Second))
	defer cancel()

	results := make([]clientResult, cfg.clients)
	var wg sync.WaitGroup
	for c := range cfg.clients {
		wg.Go(func() {
			res := &results[c]
			res.statuses = map[int]int{}
			buf := make([]byte, 0, len(cfg.body)+32)
			for time.Now().Before(stopAt) {
				n := sent.Add(1)
				if n > cfg.requests {
					return
				}
				ref := "load_" + run + "_" + strconv.FormatInt(n, 10)
				buf = append(append(append(buf[:0], head...), ref...), tail...)
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(buf))
				if err != nil {
					res.fail(err.Error())
					return
				}
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+cfg.apiKey)
				req.Header.Set("Idempotency-Key", "load-"+run+"-"+strconv.FormatInt(n, 10))
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					res.fail(err.Error())
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				took := time.Since(t0)
				if t0.After(measureFrom) && t0.Before(stopAt) {
					res.latencies = append(res.latencies, took)
					res.statuses[resp.StatusCode]++
				}
				if resp.StatusCode != http.StatusCreated {
					res.fail(resp.Status)
				}
			}
		})
	}
	wg.Wait()

	rep := &report{statuses: map[int]int{}, elapsed: min(time.Since(measureFrom), cfg.duration)}
	for _, r := range results {
		rep.latencies = append(rep.latencies, r.latencies...)
		for s, n := range r.statuses {
			rep.statuses[s] += n
		}
		rep.failed += r.failed
		if rep.firstFail == "" {
			rep.firstFail = r.firstFail
		}
	}
	if len(rep.latencies) == 0 {
		return nil, fmt.Errorf("no request measured (%d failed: %s)", rep.failed, rep.firstFail)
	}
	slices.Sort(rep.latencies)
	return rep, nil
}

// clientResult is what one client measured.
type clientResult struct {
	latencies []time.Duration
	statuses  map[int]int
	failed    int
	firstFail string
}

// fail counts a request that got no response, or not a 201.
func (r *clientResult) fail(msg string) {
	r.failed++
	if r.firstFail == "" {
		r.firstFail = msg
	}
}

// percentile returns the latency below which p of the measured requests took.
func (r *report) percentile(p float64) time.Duration {
	i := int(p * float64(len(r.latencies)))
	return r.latencies[min(i, len(r.latencies)-1)]
}

func (r *report) print(w io.Writer, cfg config) {
	n := len(r.latencies)
	fmt.Fprintf(w, "POST /billing/customers, %d clients, %v measured after %v of warm-up\n", cfg.clients, cfg.duration, cfg.warmup)
	fmt.Fprintf(w, "requests  %d (%.0f/s)\n", n, float64(n)/r.elapsed.Seconds())
	fmt.Fprintf(w, "latency   p50 %v  p90 %v  p99 %v  max %v\n",
		r.percentile(0.50).Round(time.Microsecond), r.percentile(0.90).Round(time.Microsecond),
		r.percentile(0.99).Round(time.Microsecond), r.latencies[n-1].Round(time.Microsecond))
	codes := make([]int, 0, len(r.statuses))
	for s := range r.statuses {
		codes = append(codes, s)
	}
	slices.Sort(codes)
	var parts []string
	for _, s := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", s, r.statuses[s]))
	}
	fmt.Fprintf(w, "statuses  %s\n", strings.Join(parts, " "))
	if r.failed > 0 {
		fmt.Fprintf(w, "failed    %d (first: %s)\n", r.failed, r.firstFail)
	}
}
