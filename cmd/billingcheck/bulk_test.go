package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/cmd/billingcheck/internal/gen"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testdocs"
)

// bulkRecord is one line of bulk -json output.
type bulkRecord struct {
	File   string         `json:"file"`
	Record int64          `json:"record"`
	Valid  bool           `json:"valid"`
	Errors billing.Errors `json:"errors"`
}

// recFail is a failure expected of a record.
type recFail struct {
	rec   int64
	field string
	code  billing.Code
}

func rf(rec int64, field string, code billing.Code) recFail { return recFail{rec, field, code} }

// bulkResult is what one bulk run printed.
type bulkResult struct {
	status         int
	stdout, stderr string
}

// runBulkDirect runs the command in this process.
func runBulkDirect(args []string, stdin string) bulkResult {
	var stdout, stderr bytes.Buffer
	status := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return bulkResult{status, stdout.String(), stderr.String()}
}

// runBulkBinary runs the built command.
func runBulkBinary(t *testing.T, bin string, args []string, stdin string) bulkResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return bulkResult{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
}

// parseBulkJSON reads -json output.
func parseBulkJSON(t *testing.T, out string) []bulkRecord {
	t.Helper()
	var recs []bulkRecord
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r bulkRecord
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
		recs = append(recs, r)
	}
	return recs
}

// checkBulk runs a bulk check of the file in, as JSON and plain, with 1 and 8 workers in
// this process and 3 in the built binary: every run must print the same. It returns
// the -json records.
func checkBulk(t *testing.T, bin string, flags []string, kind, in string) (int, []bulkRecord, bulkResult) {
	t.Helper()
	var first [2]bulkResult
	for m, mode := range [][]string{{"-json"}, nil} {
		for i, workers := range []string{"1", "8", "3"} {
			args := append(append(append([]string{}, mode...), flags...), "-workers", workers, kind, in)
			var got bulkResult
			if i < 2 {
				got = runBulkDirect(args, "")
			} else {
				got = runBulkBinary(t, bin, args, "")
			}
			if i == 0 {
				first[m] = got
				continue
			}
			require.Equal(t, first[m], got, "-workers %s prints what -workers 1 prints (%v)", workers, args)
		}
	}
	recs := parseBulkJSON(t, first[0].stdout)
	// Plain output is -json's failures, one a line, and the summary.
	var plain strings.Builder
	valid := 0
	for _, r := range recs {
		assert.Equal(t, in, r.File)
		assert.Equal(t, len(r.Errors) == 0, r.Valid)
		if r.Valid {
			valid++
		}
		for _, e := range r.Errors {
			fmt.Fprintf(&plain, "%s:%d: %s: %s: %s\n", in, r.Record, printable(e.Field), e.Code, e.Message)
		}
	}
	assert.Equal(t, plain.String(), first[1].stdout)
	if first[1].status < exitUsage {
		assert.Equal(t, fmt.Sprintf("%s: %d records, %d valid, %d invalid\n", in, len(recs), valid, len(recs)-valid), first[1].stderr)
		assert.Empty(t, first[0].stderr, "-json prints no summary")
	}
	assert.Equal(t, first[0].status, first[1].status)
	return first[0].status, recs, first[1]
}

// failuresOf returns the failures of the records, checking that each pointer is its path's.
func failuresOf(t *testing.T, recs []bulkRecord) []recFail {
	t.Helper()
	var got []recFail
	for _, r := range recs {
		for _, e := range r.Errors {
			got = append(got, rf(r.Record, e.Field, e.Code))
			if !strings.HasPrefix(e.Field, "metadata.") {
				want := ""
				if e.Field != "" {
					want = "/" + strings.ReplaceAll(e.Field, ".", "/")
				}
				assert.Equal(t, want, e.Pointer, "record %d, %s", r.Record, e.Field)
			}
			assert.NotEmpty(t, e.Message)
		}
	}
	return got
}

func recordNumbers(recs []bulkRecord) []int64 {
	var n []int64
	for _, r := range recs {
		n = append(n, r.Record)
	}
	return n
}

const (
	okDoc  = `{"external_reference":"cus_1","name":"Jane","phone":"+27123456789"}`
	badDoc = `{"external_reference":"bcus_1","phone":"+15555555555"}`
)

// exactDoc returns a valid customer create request of exactly size bytes (white space
// before its closing brace).
func exactDoc(size int) string {
	head := `{"external_reference":"cus_big"`
	return head + strings.Repeat(" ", size-len(head)-1) + "}"
}

func TestBulkLinesBadInput(t *testing.T) {
	bin := buildBinary(t)
	over := `{"external_reference":"` + strings.Repeat("a", 1<<20) + `"}`
	tests := []struct {
		name    string
		input   string
		records []int64 // the record numbers reported, in order
		want    []recFail
		status  int
	}{
		{"empty file", "", nil, nil, 0},
		{"blank lines only", "\n \n\t\r\n\r\n   ", nil, nil, 0},
		{"blank lines between records", "\n  \n" + okDoc + "\n\n\t\n" + badDoc + "\n \n", []int64{3, 6},
			[]recFail{rf(6, "external_reference", billing.CodeInvalidFormat), rf(6, "phone", billing.CodeInvalidPhone)}, 1},
		{"no final newline", okDoc + "\n" + badDoc, []int64{1, 2},
			[]recFail{rf(2, "external_reference", billing.CodeInvalidFormat), rf(2, "phone", billing.CodeInvalidPhone)}, 1},
		{"crlf line endings", okDoc + "\r\n\r\n" + okDoc + "\r\n", []int64{1, 3}, nil, 0},
		{"crlf, no final newline", okDoc + "\r\n" + okDoc + "\r", []int64{1, 2}, nil, 0},
		{"white space around a document", "  \t" + okDoc + " \t\r\n", []int64{1}, nil, 0},
		{"NUL byte in a string", "{\"external_reference\":\"a\x00b\"}\n" + okDoc, []int64{1, 2},
			[]recFail{rf(1, "", billing.CodeInvalidJSON)}, 1},
		{"NUL byte after a document", okDoc + "\x00\n" + okDoc, []int64{1, 2}, []recFail{rf(1, "", billing.CodeInvalidJSON)}, 1},
		{"a line of a NUL byte", "\x00\n" + okDoc, []int64{1, 2}, []recFail{rf(1, "", billing.CodeInvalidJSON)}, 1},
		{"invalid UTF-8 outside strings", "\xff" + okDoc + "\n" + okDoc + "\xc3\n" + okDoc, []int64{1, 2, 3},
			[]recFail{rf(1, "", billing.CodeInvalidJSON), rf(2, "", billing.CodeInvalidJSON)}, 1},
		{"invalid UTF-8 inside strings", "{\"external_reference\":\"a\xffb\",\"name\":\"J\xc3\"}\n", []int64{1},
			[]recFail{rf(1, "external_reference", billing.CodeInvalidFormat), rf(1, "name", billing.CodeInvalidCharacters)}, 1},
		{"byte order mark", "\xef\xbb\xbf" + okDoc + "\n" + okDoc, []int64{1, 2}, []recFail{rf(1, "", billing.CodeInvalidJSON)}, 1},
		{"not an object", "[]\n42\n\"x\"\nnull\n", []int64{1, 2, 3, 4}, []recFail{
			rf(1, "", billing.CodeInvalidType), rf(2, "", billing.CodeInvalidType), rf(3, "", billing.CodeInvalidType), rf(4, "", billing.CodeInvalidType)}, 1},
		{"two documents on a line", okDoc + okDoc + "\n", []int64{1}, []recFail{rf(1, "", billing.CodeInvalidJSON)}, 1},
		{"a document over two lines", "{\"external_reference\":\n\"cus_1\"}\n", []int64{1, 2},
			[]recFail{rf(1, "", billing.CodeInvalidJSON), rf(2, "", billing.CodeInvalidJSON)}, 1},
		{"a line over 1 MiB, reading goes on", okDoc + "\n" + over + "\n" + badDoc + "\n", []int64{1, 2, 3},
			[]recFail{rf(2, "", billing.CodeTooLong), rf(3, "external_reference", billing.CodeInvalidFormat), rf(3, "phone", billing.CodeInvalidPhone)}, 1},
		{"a line over 1 MiB at the end, no final newline", okDoc + "\n" + over, []int64{1, 2}, []recFail{rf(2, "", billing.CodeTooLong)}, 1},
		{"a line over 1 MiB with crlf", over + "\r\n" + okDoc, []int64{1, 2}, []recFail{rf(1, "", billing.CodeTooLong)}, 1},
		{"a line of 1 MiB exactly, crlf", exactDoc(strictjson.MaxSize) + "\r\n" + okDoc, []int64{1, 2}, nil, 0},
		{"a line of 1 MiB and one byte", exactDoc(strictjson.MaxSize+1) + "\n" + okDoc, []int64{1, 2}, []recFail{rf(1, "", billing.CodeTooLong)}, 1},
		{"leading white space counts in a line's length", " " + exactDoc(strictjson.MaxSize) + "\n", []int64{1}, []recFail{rf(1, "", billing.CodeTooLong)}, 1},
		{"a blank line over 1 MiB", strings.Repeat(" ", 2<<20) + "\n" + okDoc, []int64{2}, nil, 0},
		{"a line of 3 MiB of NUL bytes", strings.Repeat("\x00", 3<<20) + "\n" + okDoc, []int64{1, 2}, []recFail{rf(1, "", billing.CodeTooLong)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), "in.jsonl")
			require.NoError(t, os.WriteFile(in, []byte(tt.input), 0o600))
			status, recs, _ := checkBulk(t, bin, []string{"-lines"}, "customer-create", in)
			assert.Equal(t, tt.status, status)
			assert.Equal(t, tt.records, recordNumbers(recs))
			assert.Equal(t, tt.want, failuresOf(t, recs))
		})
	}
}

// TestBulkLinesAgreeWithTheLibrary checks every testdata document of every kind, each
// written on one line, in one bulk run: each record's failures are exactly what the
// kind's reader gives that line.
func TestBulkLinesAgreeWithTheLibrary(t *testing.T) {
	for _, k := range kinds(options{}) {
		t.Run(k.name, func(t *testing.T) {
			var in bytes.Buffer
			var want []billing.Errors
			var nums []int64
			for i, d := range testdocs.Load(t, k.name) {
				line := bytes.ReplaceAll(d.Data, []byte("\n"), []byte(" "))
				in.Write(line)
				in.WriteByte('\n')
				if skipSpace(line) == len(line) {
					continue
				}
				nums = append(nums, int64(i+1))
				want = append(want, report.Errs(k.check(bytes.TrimSuffix(line, []byte("\r")))))
			}
			for _, workers := range []string{"1", "4"} {
				got := runBulkDirect([]string{"-json", "-lines", "-workers", workers, k.name}, in.String())
				recs := parseBulkJSON(t, got.stdout)
				require.Len(t, recs, len(want))
				for i, r := range recs {
					assert.Equal(t, nums[i], r.Record)
					assert.Equal(t, "-", r.File)
					if len(want[i]) == 0 {
						assert.Empty(t, r.Errors, "record %d", r.Record)
						continue
					}
					assert.Equal(t, jsonForm(t, want[i]), jsonForm(t, r.Errors), "record %d", r.Record)
				}
			}
		})
	}
}

// jsonForm returns failures as they read back from JSON (invalid UTF-8 in a path as
// U+FFFD).
func jsonForm(t *testing.T, errs billing.Errors) string {
	data, err := json.Marshal(errs)
	require.NoError(t, err)
	var back billing.Errors
	require.NoError(t, json.Unmarshal(data, &back))
	data, err = json.Marshal(back)
	require.NoError(t, err)
	return string(data)
}

// TestBulkJSONLineIsEncodingJSON checks that a -json line is byte for byte what
// encoding/json writes for the same record.
func TestBulkJSONLineIsEncodingJSON(t *testing.T) {
	errs := billing.Errors{
		{Field: "metadata.a<b>\xff", Pointer: "/metadata/a<b>\xff", Code: billing.CodeInvalidKey, Message: "must be \"x\" & \u2028 \x01"},
		{Field: "", Pointer: "", Code: billing.CodeTooLong, Message: "m"},
	}
	w := &worker{asJSON: true, name: "dir/f \"x\".jsonl"}
	w.jsonPx = append(strictjson.AppendString([]byte(`{"file":`), w.name), `,"record":`...)
	for _, e := range []billing.Errors{nil, errs} {
		got := w.appendReport(nil, 12345678901, e)
		r := bulkRecord{File: w.name, Record: 12345678901, Valid: len(e) == 0, Errors: e}
		if r.Errors == nil {
			r.Errors = billing.Errors{}
		}
		want, err := json.Marshal(r)
		require.NoError(t, err)
		assert.Equal(t, string(want)+"\n", string(got))
	}
}

func TestBulkValidOut(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	out := filepath.Join(dir, "valid.jsonl")
	var buf bytes.Buffer
	require.NoError(t, gen.WriteLines(&buf, gen.Options{Records: 3000, Seed: 3, Invalid: 0.2}))
	require.NoError(t, os.WriteFile(in, buf.Bytes(), 0o600))

	var want bytes.Buffer
	for line := range bytes.Lines(buf.Bytes()) {
		r, err := customer.DecodeCreateRequest(bytes.TrimSuffix(line, []byte("\n")))
		if err != nil {
			continue
		}
		enc, err := r.MarshalJSON()
		require.NoError(t, err)
		want.Write(enc)
		want.WriteByte('\n')
	}
	require.NotZero(t, want.Len())
	for _, workers := range []string{"1", "8"} {
		got := runBulkDirect([]string{"-lines", "-workers", workers, "-valid", out, "customer-create", in}, "")
		assert.Equal(t, exitInvalid, got.status, got.stderr)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, want.String(), string(data))
	}

	// The same records as CSV give the same valid documents.
	buf.Reset()
	require.NoError(t, gen.WriteCSV(&buf, gen.Options{Records: 3000, Seed: 3, Invalid: 0.2}))
	inCSV := filepath.Join(dir, "in.csv")
	require.NoError(t, os.WriteFile(inCSV, buf.Bytes(), 0o600))
	got := runBulkDirect([]string{"-csv", "-valid", out, "customer-create", inCSV}, "")
	assert.Equal(t, exitInvalid, got.status, got.stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, want.String(), string(data))

	// Every kind writes its library encoding.
	acct := `{"customer":{"external_reference":"c1","metadata":{"b":"2","a":"1"}},"external_reference":"a1"}`
	got = runBulkDirect([]string{"-lines", "-valid", out, "account-create"}, acct+"\n{}\n")
	assert.Equal(t, exitInvalid, got.status)
	r, err := account.DecodeCreateRequest([]byte(acct))
	require.NoError(t, err)
	enc, _ := r.MarshalJSON()
	data, _ = os.ReadFile(out)
	assert.Equal(t, string(enc)+"\n", string(data))
	got = runBulkDirect([]string{"-lines", "-valid", out, "customer-update"}, `{"phone":null,"name":"N"}`+"\n")
	assert.Equal(t, exitValid, got.status, got.stderr)
	data, _ = os.ReadFile(out)
	assert.Equal(t, `{"name":"N","phone":null}`+"\n", string(data))
}

func TestBulkUsage(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	require.NoError(t, os.WriteFile(in, []byte("external_reference\ncus_1\n"), 0o600))
	header := func(h string) string {
		p := filepath.Join(t.TempDir(), "h.csv")
		require.NoError(t, os.WriteFile(p, []byte(h+"\ncus_1\n"), 0o600))
		return p
	}
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"lines and csv", []string{"-lines", "-csv", "customer-create", in}, "-lines and -csv cannot be used together"},
		{"workers without bulk", []string{"-workers", "2", "customer-create", in}, "-workers and -valid go with -lines or -csv"},
		{"valid without bulk", []string{"-valid", filepath.Join(dir, "v"), "customer-create", in}, "-workers and -valid go with -lines or -csv"},
		{"zero workers", []string{"-lines", "-workers", "0", "customer-create", in}, "-workers must be from 1 to 256"},
		{"too many workers", []string{"-lines", "-workers", "257", "customer-create", in}, "-workers must be from 1 to 256"},
		{"valid to standard output", []string{"-lines", "-valid", "-", "customer-create", in}, "-valid needs a file"},
		{"valid in a missing directory", []string{"-lines", "-valid", filepath.Join(dir, "no", "v.jsonl"), "customer-create", in}, "no such file or directory"},
		{"valid over an input", []string{"-csv", "-valid", in, "customer-create", in}, "is also an input"},
		{"bulk apply", []string{"-lines", "apply", "customer", in, in}, "-lines and -csv do not apply"},
		{"csv of objects", []string{"-csv", "customer", in}, "-csv reads create requests only (customer-create, account-create), not customer"},
		{"csv of updates", []string{"-csv", "account-update", in}, "not account-update"},
		{"allow-unknown with a request", []string{"-lines", "-allow-unknown", "customer-create", in}, "-allow-unknown reads objects only"},
		{"unknown kind", []string{"-lines", "invoice", in}, `unknown KIND "invoice"`},
		{"missing file", []string{"-lines", "customer-create", filepath.Join(dir, "nope")}, "nope: no such file"},
		{"unknown header", []string{"-csv", "customer-create", header("external_reference,nickname")},
			`unknown header "nickname": want external_reference, name, email, phone, currency, balance, or metadata.KEY`},
		{"member of the other kind", []string{"-csv", "account-create", header("external_reference,email")}, `unknown header "email"`},
		{"customer in a customer", []string{"-csv", "customer-create", header("external_reference,customer")}, `unknown header "customer"`},
		{"header names are exact", []string{"-csv", "customer-create", header("external_reference, name")}, `unknown header " name"`},
		{"metadata alone", []string{"-csv", "customer-create", header("external_reference,metadata")}, `unknown header "metadata"`},
		{"repeated header", []string{"-csv", "customer-create", header("external_reference,name,name")}, `repeated header "name"`},
		{"repeated metadata key", []string{"-csv", "customer-create", header("metadata.a,external_reference,metadata.a")}, `repeated header "metadata.a"`},
		{"empty metadata key", []string{"-csv", "customer-create", header("external_reference,metadata.")}, `header "metadata.": the metadata key invalid_key`},
		{"metadata key too long", []string{"-csv", "customer-create", header("external_reference,metadata." + strings.Repeat("k", 41))}, "the metadata key key_too_long"},
		{"metadata key with a control character", []string{"-csv", "customer-create", header("external_reference,\"metadata.a\tb\"")}, `header "metadata.a\tb": the metadata key invalid_key`},
		{"metadata key with invalid UTF-8", []string{"-csv", "customer-create", header("external_reference,metadata.\xff")}, `header "metadata.\xff": the metadata key invalid_key`},
		{"empty header cell", []string{"-csv", "customer-create", header("external_reference,,name")}, `unknown header ""`},
		{"header not well-formed", []string{"-csv", "customer-create", header("external_reference,na\"me")}, "the header row is not well-formed CSV: cell 2 holds a quotation mark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runBulkDirect(tt.args, "")
			assert.Equal(t, exitUsage, got.status, "stdout: %s\nstderr: %s", got.stdout, got.stderr)
			assert.Contains(t, got.stderr, tt.wantErr)
			assert.Empty(t, got.stdout)
		})
	}
}

// TestBulkFilesInTurn checks several inputs in one run: each has its records and summary,
// a missing one is reported and the others still checked.
func TestBulkFilesInTurn(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	require.NoError(t, os.WriteFile(a, []byte(okDoc+"\n"+badDoc+"\n"), 0o600))
	require.NoError(t, os.WriteFile(b, []byte(okDoc+"\n"), 0o600))
	got := runBulkDirect([]string{"-lines", "customer-create", a, filepath.Join(dir, "missing"), b}, "")
	assert.Equal(t, exitUsage, got.status)
	assert.True(t, strings.HasPrefix(got.stdout, a+":2: external_reference: invalid_format: "), got.stdout)
	assert.Contains(t, got.stderr, a+": 2 records, 1 valid, 1 invalid\n")
	assert.Contains(t, got.stderr, "missing: no such file")
	assert.Contains(t, got.stderr, b+": 1 records, 1 valid, 0 invalid\n")

	got = runBulkDirect([]string{"-json", "-lines", "customer-create", b, "-"}, okDoc+"\n\n"+okDoc)
	assert.Equal(t, exitValid, got.status)
	assert.Equal(t, fmt.Sprintf(`{"file":%q,"record":1,"valid":true,"errors":[]}`+"\n"+
		`{"file":"-","record":1,"valid":true,"errors":[]}`+"\n"+
		`{"file":"-","record":3,"valid":true,"errors":[]}`+"\n", b), got.stdout)
	assert.Empty(t, got.stderr)
}

// TestBulkObjectsAllowUnknown reads objects in bulk, with and without -allow-unknown.
func TestBulkObjectsAllowUnknown(t *testing.T) {
	obj := `{"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"c1","later_field":{"x":1}}`
	got := runBulkDirect([]string{"-lines", "customer"}, obj+"\n")
	assert.Equal(t, exitInvalid, got.status)
	assert.True(t, strings.HasPrefix(got.stdout, "-:1: later_field: unknown_field: "), got.stdout)
	got = runBulkDirect([]string{"-lines", "-allow-unknown", "customer"}, obj+"\n")
	assert.Equal(t, exitValid, got.status, got.stdout)
	assert.Equal(t, "-: 1 records, 1 valid, 0 invalid\n", got.stderr)
}

// TestBulkWorkersSameOutput checks a large generated input, with failures throughout, for
// identical output whatever the number of workers.
func TestBulkWorkersSameOutput(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, gen.WriteLines(&buf, gen.Options{Records: 20000, Seed: 11, Invalid: 0.1}))
	// Blank lines and a line too long among them.
	data := bytes.Replace(buf.Bytes(), []byte("\n"), []byte("\n\n  \n"), 50)
	data = append(data, []byte(`{"external_reference":"`+strings.Repeat("x", 1<<20)+"\"}\n"+okDoc+"\n")...)
	in := filepath.Join(t.TempDir(), "in.jsonl")
	require.NoError(t, os.WriteFile(in, data, 0o600))
	for _, mode := range []string{"-json", "plain"} {
		args := []string{"-lines", "customer-create", in}
		if mode == "-json" {
			args = append([]string{"-json"}, args...)
		}
		var first bulkResult
		for _, workers := range []string{"1", "2", "8", "33"} {
			got := runBulkDirect(append([]string{"-workers", workers}, args...), "")
			if workers == "1" {
				first = got
				if mode == "-json" {
					recs := parseBulkJSON(t, got.stdout)
					assert.Len(t, recs, 20002)
					assert.Equal(t, int64(20000+100+2), recs[len(recs)-1].Record)
				}
				continue
			}
			assert.True(t, first == got, "-workers %s differs from -workers 1", workers)
		}
	}
}

func TestSkipSpace(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\r ", "        x", "  \n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n", "\n\n\n\n\n\n\n\n\xff",
		"\n\n\n\n\n\n\n\n\n\x00", "x", strings.Repeat(" ", 17) + "\x0b", strings.Repeat("\r\n", 9) + "\f"} {
		want := 0
		for want < len(s) && isSpace(s[want]) {
			want++
		}
		assert.Equal(t, want, skipSpace([]byte(s)), "%q", s)
	}
}

func TestIsJSONInteger(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "-0": true, "2000": true, "-2000": true, "9007199254740992": true,
		"": false, "-": false, "00": false, "-01": false, "2.0": false, "2e3": false, "+5": false, " 5": false, "5 ": false, "0x10": false} {
		assert.Equal(t, want, isJSONInteger([]byte(s)), "%q", s)
	}
}

func TestProgressLine(t *testing.T) {
	line := progressLine("big.jsonl", 250000, 50_000_000, 200_000_000, 2_000_000_000, 120)
	assert.Equal(t, "big.jsonl: 250000 records, 125000 records/s, 25.0 MB/s, 25%", line)
	assert.Equal(t, "-: 10 records, 100 records/s, 0.0 MB/s", progressLine("-", 10, 1000, -1, 100_000_000, 80))
	assert.Equal(t, "…/big.jsonl: 1 records, 1000 records/s, 0.0 MB/s, 100%", progressLine("/data/in/big.jsonl", 1, 1, 1, 1, 55),
		"the name shortened to the width, leaving the last column")
	assert.Equal(t, ": 1 records, 1000 records/s, 0.0", progressLine("big.jsonl", 1, 1, 1, 1, 33), "the figures cut when nothing else is left")
	assert.Equal(t, "x: 1 records, 1000 records/s, 0.0 MB/s, 100%", progressLine("x", 1, 20, 10, 0, 0), "a file that grew")
}

func TestBulkStatusOfValidInput(t *testing.T) {
	var in strings.Builder
	for i := range 100 {
		in.WriteString(`{"external_reference":"c` + strconv.Itoa(i) + `"}` + "\n")
	}
	got := runBulkDirect([]string{"-lines", "customer-create"}, in.String())
	assert.Equal(t, exitValid, got.status)
	assert.Empty(t, got.stdout)
	assert.Equal(t, "-: 100 records, 100 valid, 0 invalid\n", got.stderr)
}

func TestHelpShowsBulk(t *testing.T) {
	var out bytes.Buffer
	writeUsage(&out)
	for _, s := range []string{"(-lines | -csv) [-workers N] [-valid OUT] KIND [FILE ...]", "-lines ", "-csv ", "-workers N ", "-valid OUT ",
		"FILE:RECORD: FIELD: CODE: message", "metadata.KEY"} {
		assert.Contains(t, out.String(), s)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// TestBulkOutputFails checks that a report that cannot be written ends the run with
// status 2 and says so.
func TestBulkOutputFails(t *testing.T) {
	in := strings.Repeat(badDoc+"\n", 5000)
	var stderr bytes.Buffer
	status := run([]string{"-lines", "customer-create"}, strings.NewReader(in), failingWriter{}, &stderr)
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, stderr.String(), "billingcheck: writing output: file already closed")
}
