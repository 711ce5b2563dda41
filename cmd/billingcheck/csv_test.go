package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/cmd/billingcheck/internal/gen"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
)

func TestBulkCSVBadInput(t *testing.T) {
	bin := buildBinary(t)
	const head = "external_reference,name,phone\n"
	long := "cus_2," + strings.Repeat("n", 1<<20) + ",\n"
	longQuoted := "cus_2,\"" + strings.Repeat("n\n\"\"", 1<<18) + "\",\n"
	tests := []struct {
		name    string
		input   string
		records []int64
		want    []recFail
		status  int
	}{
		{"empty file", "", nil, nil, 0},
		{"blank lines only", "\n\r\n \t\n", nil, nil, 0},
		{"header only", head, nil, nil, 0},
		{"header only, no final newline", strings.TrimSuffix(head, "\n"), nil, nil, 0},
		{"header and blank lines", "\n\n" + head + "\n \n", nil, nil, 0},
		{"byte order mark", "\xef\xbb\xbf" + head + "cus_1,Jane,\n", []int64{1}, nil, 0},
		{"byte order mark alone", "\xef\xbb\xbf", nil, nil, 0},
		{"no final newline", head + "cus_1,,\ncus_2,Jane,+15555555555", []int64{1, 2},
			[]recFail{rf(2, "phone", billing.CodeInvalidPhone)}, 1},
		{"crlf line endings", strings.ReplaceAll(head, "\n", "\r\n") + "cus_1,Jane,\r\n\r\n\"cus_2\",\"Jo\",\"+27123456789\"\r\n", []int64{1, 2}, nil, 0},
		{"blank lines are not rows", head + "\ncus_1,,\n\n  \ncus_2,,\n", []int64{1, 2}, nil, 0},
		{"quoted cells with commas, quotes and line feeds", head + "cus_1,\"Doe, Jane \"\"JJ\"\"\",\ncus_2,\"Line\nbreak\",\ncus_3,,\n", []int64{1, 2, 3},
			[]recFail{rf(2, "name", billing.CodeInvalidCharacters)}, 1},
		{"bare quote, reading goes on", head + "cus_1,Ja\"ne,\ncus_2,Jane,\n", []int64{1, 2},
			[]recFail{rf(1, "", billing.CodeInvalidFormat)}, 1},
		{"bare quote before a quoted line feed", head + "cus_1,Ja\"ne,\"+27\n\"\ncus_2,Jane,\n", []int64{1, 2},
			[]recFail{rf(1, "", billing.CodeInvalidFormat)}, 1},
		{"text after a closing quote", head + "cus_1,\"Jane\"x,\ncus_2,Jane,\n", []int64{1, 2},
			[]recFail{rf(1, "", billing.CodeInvalidFormat)}, 1},
		{"a quote opened and never closed", head + "cus_1,Jane,\ncus_2,\"Jane,\ncus_3,Jo,\n", []int64{1, 2},
			[]recFail{rf(2, "", billing.CodeInvalidFormat)}, 1},
		{"a quote closed on a later row", head + "cus_1,\"Jane,\ncus_2\",x\ncus_3,Jo,\n", []int64{1, 2},
			[]recFail{rf(1, "name", billing.CodeInvalidCharacters), rf(1, "phone", billing.CodeInvalidFormat)}, 1},
		{"too few cells", head + "cus_1,Jane\ncus_2,,\n", []int64{1, 2}, []recFail{rf(1, "", billing.CodeInvalidFormat)}, 1},
		{"too many cells", head + "cus_1,Jane,,\ncus_2,,\n", []int64{1, 2}, []recFail{rf(1, "", billing.CodeInvalidFormat)}, 1},
		{"a row of white space", head + " \n", nil, nil, 0},
		{"white space is a cell's", head + " cus_1,Jane,\n", []int64{1}, []recFail{rf(1, "external_reference", billing.CodeInvalidFormat)}, 1},
		{"empty cells are absent members", head + ",,\n", []int64{1}, []recFail{rf(1, "external_reference", billing.CodeRequired)}, 1},
		{"an absent member fails last", head + ",J\x01,+1\n", []int64{1}, []recFail{
			rf(1, "name", billing.CodeInvalidCharacters), rf(1, "phone", billing.CodeInvalidFormat), rf(1, "external_reference", billing.CodeRequired)}, 1},
		{"NUL byte in a cell", head + "cus_1,J\x00,\n", []int64{1}, []recFail{rf(1, "name", billing.CodeInvalidCharacters)}, 1},
		{"invalid UTF-8 in cells", head + "cus_\xff,J\xc3,+27\xff\n", []int64{1}, []recFail{
			rf(1, "external_reference", billing.CodeInvalidFormat), rf(1, "name", billing.CodeInvalidCharacters), rf(1, "phone", billing.CodeInvalidFormat)}, 1},
		{"a row over 1 MiB, reading goes on", head + "cus_1,,\n" + long + "cus_3,,\n", []int64{1, 2, 3}, []recFail{rf(2, "", billing.CodeTooLong)}, 1},
		{"a quoted row over 1 MiB over many lines", head + longQuoted + "cus_3,,\n", []int64{1, 2}, []recFail{rf(1, "", billing.CodeTooLong)}, 1},
		{"a row over 1 MiB at the end", head + strings.TrimSuffix(long, "\n"), []int64{1}, []recFail{rf(1, "", billing.CodeTooLong)}, 1},
		{"a row of 1 MiB whose document is longer", head + "cus_1," + strings.Repeat("\x01", strictjson.MaxSize-9) + ",\n", []int64{1},
			[]recFail{rf(1, "", billing.CodeTooLong)}, 1},
		{"a blank line over 1 MiB", head + strings.Repeat(" ", 2<<20) + "\ncus_1,,\n", []int64{1}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), "in.csv")
			require.NoError(t, os.WriteFile(in, []byte(tt.input), 0o600))
			status, recs, _ := checkBulk(t, bin, []string{"-csv"}, "customer-create", in)
			assert.Equal(t, tt.status, status)
			assert.Equal(t, tt.records, recordNumbers(recs))
			assert.Equal(t, tt.want, failuresOf(t, recs))
		})
	}
}

// TestBulkCSVCells checks that each cell is read by its member's rule, at the member's
// JSON path and pointer, with the failures in the order of the columns.
func TestBulkCSVCells(t *testing.T) {
	type failure struct{ Field, Pointer, Code string }
	tests := []struct {
		name  string
		kind  string
		input string
		want  [][]failure // per record
	}{
		{"balance in JSON integer syntax", "customer-create",
			"external_reference,currency,balance\nc1,ZAR,2000\nc2,ZAR,-0\nc3,ZAR,2.0\nc4,ZAR,2e3\nc5,ZAR,007\nc6,ZAR, 5\nc7,ZAR,+5\nc8,ZAR,abc\nc9,ZAR,99999999999999999999\nc10,,5\nc11,,\n",
			[][]failure{nil, nil,
				{{"balance", "/balance", "invalid_type"}}, {{"balance", "/balance", "invalid_type"}}, {{"balance", "/balance", "invalid_type"}},
				{{"balance", "/balance", "invalid_type"}}, {{"balance", "/balance", "invalid_type"}}, {{"balance", "/balance", "invalid_type"}},
				{{"balance", "/balance", "out_of_range"}}, {{"currency", "/currency", "required"}}, nil}},
		{"balance in another script", "customer-create", "external_reference,currency,balance\nc1,ZAR,٣\nc2,ZAR,\xff\n",
			[][]failure{{{"balance", "/balance", "invalid_type"}}, {{"balance", "/balance", "invalid_type"}}}},
		{"metadata keys as headers", "customer-create",
			"metadata.crm_id,external_reference,metadata.a.b,metadata.x/y,metadata.~t\n\xff,c1,,a\xc3,\nv,c2,,,\n,c3,,,\n",
			[][]failure{{
				{"metadata.crm_id", "/metadata/crm_id", "invalid_characters"},
				{"metadata.x/y", "/metadata/x~1y", "invalid_characters"}},
				nil, nil}},
		{"metadata values and keys are checked", "customer-create",
			"external_reference,metadata.a.b,metadata.x/y,metadata.~t\nc1,\xe2\x82,\x01,v\n",
			[][]failure{{{"metadata.a.b", "/metadata/a.b", "invalid_characters"}}}},
		{"too many metadata keys", "account-create",
			"customer,external_reference,metadata.k1,metadata.k2,metadata.k3,metadata.k4,metadata.k5,metadata.k6,metadata.k7,metadata.k8,metadata.k9,metadata.k10,metadata.k11\n" +
				"cus_9,a1,1,2,3,4,5,6,7,8,9,10,11\ncus_9,a2,1,2,3,4,5,6,7,8,9,10,\n",
			[][]failure{{{"metadata", "/metadata", "too_many_keys"}}, nil}},
		{"columns in any order: failures in column order", "customer-create",
			"phone,currency,email,name,balance,external_reference\n+4407911123456,zar,x@,\x01,1.5,bcus_1\n",
			[][]failure{{{"phone", "/phone", "invalid_phone"}, {"currency", "/currency", "invalid_currency"},
				{"email", "/email", "invalid_format"}, {"name", "/name", "invalid_characters"},
				{"balance", "/balance", "invalid_type"}, {"external_reference", "/external_reference", "invalid_format"}}}},
		{"account customer column", "account-create",
			"customer,external_reference,name\nbcus_H4jp6KnU5cPw263v1jyz4,a1,Main\ncus-ref-7,a2,\nbcus_!,a3,\n\"{\"\"x\"\":1}\",a4,\n,a5,\n",
			[][]failure{nil, nil, {{"customer", "/customer", "invalid_format"}}, {{"customer", "/customer", "invalid_format"}},
				{{"customer", "/customer", "required"}}}},
		{"an account's reserved prefix", "account-create", "customer,external_reference\ncus_1,bacc_1\n",
			[][]failure{{{"external_reference", "/external_reference", "invalid_format"}}}},
		{"currency and email", "customer-create", "external_reference,email,currency\nc1,Jane@Example.com,USD\nc2,jane@exämple.com,HRK\nc3,a@b.c,usd\n",
			[][]failure{nil, {{"email", "/email", "invalid_format"}, {"currency", "/currency", "invalid_currency"}},
				{{"currency", "/currency", "invalid_currency"}}}},
		{"strings that must be escaped in JSON", "customer-create", "external_reference,name,metadata.q\nc1,\"a \"\"quoted\"\" \\ name\",\"\\u0041\"\n",
			[][]failure{nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runBulkDirect([]string{"-json", "-csv", "-workers", "3", tt.kind}, tt.input)
			require.Less(t, got.status, exitUsage, got.stderr)
			recs := parseBulkJSON(t, got.stdout)
			require.Len(t, recs, len(tt.want))
			for i, r := range recs {
				var fs []failure
				for _, e := range r.Errors {
					fs = append(fs, failure{e.Field, e.Pointer, string(e.Code)})
				}
				assert.Equal(t, tt.want[i], fs, "record %d", r.Record)
			}
		})
	}
}

// TestBulkCSVIsTheJSONDocument checks generated rows against the JSON Lines of the same
// records: the same failures, record for record.
func TestBulkCSVIsTheJSONDocument(t *testing.T) {
	var lines, rows bytes.Buffer
	o := gen.Options{Records: 5000, Seed: 5, Invalid: 0.3}
	require.NoError(t, gen.WriteLines(&lines, o))
	require.NoError(t, gen.WriteCSV(&rows, o))
	a := runBulkDirect([]string{"-json", "-lines", "customer-create"}, lines.String())
	b := runBulkDirect([]string{"-json", "-csv", "customer-create"}, rows.String())
	assert.Equal(t, exitInvalid, a.status)
	assert.Equal(t, a.stdout, b.stdout)
}

// TestCSVSplitsWhatEncodingCSVWrites checks that well-formed CSV, as encoding/csv writes
// it from any cells, is split into those cells.
func TestCSVSplitsWhatEncodingCSVWrites(t *testing.T) {
	cells := []string{"", "a", " a ", "a,b", "a\"b", "\"", "\"\"", "line\nfeed", "cr\r\nlf", "é\xff", ",", "\x00", "a\"\nb,c", "\r"}
	var rows [][]string
	for _, x := range cells {
		for _, y := range cells {
			rows = append(rows, []string{"cus_1", x, y})
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	require.NoError(t, w.Write([]string{"external_reference", "name", "metadata.k"}))
	require.NoError(t, w.WriteAll(rows))
	for _, crlf := range []bool{false, true} {
		data := buf.Bytes()
		if crlf {
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			w.UseCRLF = true
			require.NoError(t, w.Write([]string{"external_reference", "name", "metadata.k"}))
			require.NoError(t, w.WriteAll(rows))
			data = b.Bytes()
		}
		s := newCSVSplitter(bytes.NewReader(data))
		head, err := s.header()
		require.NoError(t, err)
		assert.Equal(t, "external_reference,name,metadata.k", string(head))
		var split [][]byte
		for more := true; more; {
			var b batch
			more, err = s.fill(&b)
			require.NoError(t, err)
			for _, r := range b.recs {
				split = append(split, b.buf[r.off:r.end])
			}
		}
		require.Len(t, split, len(rows))
		var row csvRow
		for i, r := range split {
			require.Empty(t, row.split(r))
			var got []string
			for j := range row.cells {
				got = append(got, string(row.cell(j)))
			}
			want := rows[i]
			if crlf { // UseCRLF writes a cell's line feed as \r\n and drops a carriage return alone
				want = nil
				for _, c := range rows[i] {
					c = strings.ReplaceAll(strings.ReplaceAll(c, "\r\n", "\n"), "\r", "")
					want = append(want, strings.ReplaceAll(c, "\n", "\r\n"))
				}
			}
			assert.Equal(t, want, got, "row %d", i+1)
		}
	}
}

// TestCSVDocumentIsAJSONDocument checks the document a row makes against the request the
// same cells give as Go values, when they are valid.
func TestCSVDocumentIsAJSONDocument(t *testing.T) {
	k, _ := kindNamed("customer-create", options{})
	lay, err := newCSVLayout(k, []byte("external_reference,name,email,phone,currency,balance,metadata.b,metadata.a"))
	require.NoError(t, err)
	var row csvRow
	doc, err := row.document(lay, []byte(`cus_1,"Zoë ""Z"" <M>",z@example.com,+27123456789,ZAR,-2000,2,1`))
	require.NoError(t, err)
	got, err := customer.DecodeCreateRequest(doc)
	require.NoError(t, err, "%s", doc)
	want := customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cus_1", Name: testkit.Ptr(`Zoë "Z" <M>`),
		Email: testkit.Ptr("z@example.com"), Phone: testkit.Ptr("+27123456789"), Currency: testkit.Ptr("ZAR"), Balance: testkit.Ptr(int64(-2000)),
		Metadata: map[string]string{"a": "1", "b": "2"}})
	assert.True(t, want.Equal(got), "%s", doc)

	_, err = row.document(lay, []byte(`cus_1`))
	assert.Equal(t, billing.Errors{{Code: billing.CodeInvalidFormat, Message: "has 1 cells, but the header has 8"}}, report.Errs(err))
}
