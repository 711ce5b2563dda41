package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/internal/testkit"
)

// documents returns the testdata documents of one kind, in name order, with their
// expected failures.
func documents(t *testing.T, kind string) (files []string, want map[string][]testdocs.Failure) {
	t.Helper()
	want = map[string][]testdocs.Failure{}
	for _, d := range testdocs.Load(t, kind) {
		files = append(files, d.Path)
		want[d.Path] = d.Want
	}
	return files, want
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "billingcheck")
	out, err := exec.Command(testkit.GoTool(t), "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// TestBinaryOverTestdata runs the built command over every document of every kind, in -json
// mode and in plain mode, and compares each verdict with the expected failures.
func TestBinaryOverTestdata(t *testing.T) {
	bin := buildBinary(t)
	for _, k := range kindNames() {
		t.Run(k, func(t *testing.T) {
			files, want := documents(t, k)
			anyInvalid := false
			for _, f := range files {
				anyInvalid = anyInvalid || len(want[f]) > 0
			}

			cmd := exec.Command(bin, append([]string{"-json", k}, files...)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			wantStatus := 0
			if anyInvalid {
				wantStatus = 1
			}
			assert.Equal(t, wantStatus, cmd.ProcessState.ExitCode(), "stderr: %s, err: %v", stderr.String(), err)
			assert.Empty(t, stderr.String())

			sc := bufio.NewScanner(&stdout)
			sc.Buffer(nil, 1<<20)
			seen := 0
			for sc.Scan() {
				var r result
				require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
				exp, ok := want[r.File]
				require.True(t, ok, "unexpected file %q", r.File)
				var got []testdocs.Failure
				for _, e := range r.Errors {
					got = append(got, testdocs.Failure{Field: e.Field, Pointer: e.Pointer, Code: string(e.Code)})
					assert.NotEmpty(t, e.Message, "%s: %s has no message", r.File, e.Field)
				}
				if len(exp) == 0 {
					assert.True(t, r.Valid, r.File)
					assert.Empty(t, got, r.File)
				} else {
					assert.False(t, r.Valid, r.File)
					assert.Equal(t, exp, got, r.File)
				}
				seen++
			}
			assert.Equal(t, len(files), seen)

			// Plain mode: one line per failure, or FILE: ok.
			out, _ := exec.Command(bin, append([]string{k}, files...)...).Output()
			lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			total := 0
			for _, f := range files {
				if len(want[f]) == 0 {
					total++
					assert.Contains(t, lines, f+": ok")
					continue
				}
				total += len(want[f])
				for _, e := range want[f] {
					// An expected path holding U+FFFD stands for invalid UTF-8 (JSON cannot carry
					// it), which plain output quotes: match such a line on its file and code.
					prefix, middle := f+": "+printable(e.Field)+": "+e.Code+": ", ""
					if strings.ContainsRune(e.Field, utf8.RuneError) {
						prefix, middle = f+": ", ": "+e.Code+": "
					}
					found := false
					for _, l := range lines {
						found = found || (strings.HasPrefix(l, prefix) && strings.Contains(l, middle))
					}
					assert.True(t, found, "no line starting %q", prefix)
				}
			}
			assert.Len(t, lines, total)
		})
	}
}

func TestRunUsageAndIO(t *testing.T) {
	valid := filepath.Join("..", "..", "testdata", "customer-create", "docs-example.json")
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantStatus int
		wantOut    string // substring of standard output
		wantErr    string // substring of standard error
	}{
		{"no arguments", nil, "", 2, "", "missing KIND"},
		{"unknown kind", []string{"invoice"}, "", 2, "", `unknown KIND "invoice"`},
		{"unknown flag", []string{"-yaml", "customer"}, "", 2, "", "flag provided but not defined"},
		{"help", []string{"-h"}, "", 0, "invalid_phone", ""},
		{"missing file", []string{"customer", "does-not-exist.json"}, "", 2, "", "does-not-exist.json"},
		{"missing file beside a valid one", []string{"customer-create", valid, "nope.json"}, "", 2, valid + ": ok", "nope.json"},
		{"stdin valid", []string{"customer-create"}, `{"external_reference":"cus-1"}`, 0, "-: ok", ""},
		{"stdin dash", []string{"customer-create", "-"}, `{"external_reference":"cus-1"}`, 0, "-: ok", ""},
		{"stdin invalid", []string{"customer-create"}, `{"external_reference":"bcus_1","phone":"+15555555555"}`, 1,
			"-: external_reference: invalid_format: ", ""},
		{"stdin json", []string{"-json", "customer-create"}, `[]`, 1,
			`{"file":"-","valid":false,"errors":[{"field":"","pointer":"","code":"invalid_type","message":`, ""},
		{"json valid has empty errors", []string{"-json", "customer-create"}, `{"external_reference":"x"}`, 0,
			`{"file":"-","valid":true,"errors":[]}`, ""},
		{"oversized stdin", []string{"customer-create"}, `{"external_reference":"` + strings.Repeat("a", 1<<20) + `"}`, 1,
			"-: : too_long: ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			assert.Equal(t, tt.wantStatus, status, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
			assert.Contains(t, stdout.String(), tt.wantOut)
			if tt.wantErr == "" {
				assert.Empty(t, stderr.String())
			} else {
				assert.Contains(t, stderr.String(), tt.wantErr)
			}
		})
	}
}

func TestHelpListsKindsAndCodes(t *testing.T) {
	var out bytes.Buffer
	writeUsage(&out)
	for _, k := range kindNames() {
		assert.Contains(t, out.String(), k)
	}
	for _, c := range billing.Codes() {
		assert.Contains(t, out.String(), string(c))
	}
	assert.Contains(t, out.String(), "Example:")
}

func TestPrintable(t *testing.T) {
	assert.Equal(t, "metadata.tier", printable("metadata.tier"))
	assert.Equal(t, `"metadata.a\nb"`, printable("metadata.a\nb"))
	assert.Equal(t, `"metadata.\xff"`, printable("metadata.\xff"))
}
