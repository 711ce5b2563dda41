package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/testdocs"
)

// runBin runs the built command with args and stdin, and returns its exit status and
// outputs.
func runBin(t *testing.T, bin, stdin string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running billingcheck: %v", err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// results reads -json output: one result per line, with its failures as testdata
// writes them (every failure with a message).
func results(t *testing.T, out string) ([]result, [][]testdocs.Failure) {
	t.Helper()
	var rs []result
	var fs [][]testdocs.Failure
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r result
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		got := []testdocs.Failure{}
		for _, e := range r.Errors {
			got = append(got, testdocs.Failure{Field: e.Field, Pointer: e.Pointer, Code: string(e.Code)})
			assert.NotEmpty(t, e.Message, "%s: %s", r.File, e.Field)
		}
		rs, fs = append(rs, r), append(fs, got)
	}
	return rs, fs
}

// jsonLine is the -json line of a valid apply: the update's file and the new object.
func jsonLine(file string, object []byte) string {
	name, _ := json.Marshal(file)
	return `{"file":` + string(name) + `,"valid":true,"errors":[],"object":` + string(object) + "}\n"
}

// checkPlain checks the plain output of the failures of file: one line each, in order,
// starting "FILE: FIELD: CODE: ".
func checkPlain(t *testing.T, out, file string, want []testdocs.Failure) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, len(want), out)
	for i, f := range want {
		assert.True(t, strings.HasPrefix(lines[i], file+": "+printable(f.Field)+": "+f.Code+": "), "%q", lines[i])
	}
}

// TestBinaryApply runs billingcheck apply over every case of testdata/apply, in plain and
// -json mode: the new object, byte for byte, with exit status 0, or the failures of
// applying as a check of UPDATE with exit status 1.
func TestBinaryApply(t *testing.T) {
	bin := buildBinary(t)
	for _, entity := range []string{"customer", "account"} {
		for _, c := range testdocs.LoadApply(t, entity) {
			t.Run(entity+"/"+c.Name, func(t *testing.T) {
				status, stdout, stderr := runBin(t, bin, "", "apply", entity, c.StoredPath, c.UpdatePath)
				assert.Empty(t, stderr)
				jsonStatus, jsonOut, jsonErr := runBin(t, bin, "", "-json", "apply", entity, c.StoredPath, c.UpdatePath)
				assert.Empty(t, jsonErr)
				if c.Want != nil {
					assert.Equal(t, 0, status)
					assert.Equal(t, string(c.Want)+"\n", stdout)
					assert.Equal(t, 0, jsonStatus)
					assert.Equal(t, jsonLine(c.UpdatePath, c.Want), jsonOut)
					return
				}
				assert.Equal(t, 1, status)
				checkPlain(t, stdout, c.UpdatePath, c.Errs)
				assert.Equal(t, 1, jsonStatus)
				rs, fs := results(t, jsonOut)
				require.Len(t, rs, 1)
				assert.Equal(t, c.UpdatePath, rs[0].File)
				assert.False(t, rs[0].Valid)
				assert.Nil(t, rs[0].Object, "no object with failures")
				assert.Equal(t, c.Errs, fs[0])
			})
		}
	}
}

// TestBinaryApplyBadInputs: an update with failures of its own is reported as a check of
// UPDATE, an invalid stored object as a check of STORED, both when both are invalid
// (STORED first); each exit status 1, nothing applied.
func TestBinaryApplyBadInputs(t *testing.T) {
	bin := buildBinary(t)
	for _, entity := range []string{"customer", "account"} {
		valid := testdocs.LoadApply(t, entity)[0]
		var badUpdate testdocs.Doc
		for _, d := range testdocs.Load(t, entity+"-update") {
			if len(d.Want) > 0 {
				badUpdate = d
				t.Run(entity+"/update/"+d.Name, func(t *testing.T) {
					status, stdout, stderr := runBin(t, bin, "", "-json", "apply", entity, valid.StoredPath, d.Path)
					assert.Equal(t, 1, status)
					assert.Empty(t, stderr)
					rs, fs := results(t, stdout)
					require.Len(t, rs, 1)
					assert.Equal(t, d.Path, rs[0].File)
					assert.Equal(t, d.Want, fs[0])
				})
			}
		}
		for _, d := range testdocs.Load(t, entity) {
			if len(d.Want) == 0 {
				continue
			}
			t.Run(entity+"/stored/"+d.Name, func(t *testing.T) {
				status, stdout, stderr := runBin(t, bin, "", "-json", "apply", entity, d.Path, valid.UpdatePath)
				assert.Equal(t, 1, status)
				assert.Empty(t, stderr)
				rs, fs := results(t, stdout)
				require.Len(t, rs, 1, "the stored object alone: the update is valid")
				assert.Equal(t, d.Path, rs[0].File)
				assert.Equal(t, d.Want, fs[0])

				status, stdout, _ = runBin(t, bin, "", "apply", entity, d.Path, valid.UpdatePath)
				assert.Equal(t, 1, status)
				checkPlain(t, stdout, d.Path, d.Want)

				// Both invalid: STORED's failures, then UPDATE's.
				status, stdout, _ = runBin(t, bin, "", "-json", "apply", entity, d.Path, badUpdate.Path)
				assert.Equal(t, 1, status)
				rs, fs = results(t, stdout)
				require.Len(t, rs, 2)
				assert.Equal(t, []string{d.Path, badUpdate.Path}, []string{rs[0].File, rs[1].File})
				assert.Equal(t, [][]testdocs.Failure{d.Want, badUpdate.Want}, fs)
			})
		}
	}
}

// TestBinaryApplyStdin: either input may be standard input ("-"), not both.
func TestBinaryApplyStdin(t *testing.T) {
	bin := buildBinary(t)
	c := testdocs.LoadApply(t, "customer")[0]
	for _, tc := range testdocs.LoadApply(t, "customer") {
		if tc.Want != nil {
			c = tc
			break
		}
	}
	storedData, err := os.ReadFile(c.StoredPath)
	require.NoError(t, err)
	updateData, err := os.ReadFile(c.UpdatePath)
	require.NoError(t, err)

	status, stdout, stderr := runBin(t, bin, string(storedData), "apply", "customer", "-", c.UpdatePath)
	assert.Equal(t, 0, status, stderr)
	assert.Equal(t, string(c.Want)+"\n", stdout)

	status, stdout, stderr = runBin(t, bin, string(updateData), "-json", "apply", "customer", c.StoredPath, "-")
	assert.Equal(t, 0, status, stderr)
	assert.Equal(t, jsonLine("-", c.Want), stdout)

	status, stdout, _ = runBin(t, bin, `{"id":"bcus_1"}`, "-json", "apply", "customer", "-", c.UpdatePath)
	assert.Equal(t, 1, status)
	rs, fs := results(t, stdout)
	require.Len(t, rs, 1)
	assert.Equal(t, "-", rs[0].File)
	assert.Equal(t, []testdocs.Failure{{Field: "external_reference", Pointer: "/external_reference", Code: "required"}}, fs[0])
}

// TestBinaryApplyUsage: usage errors exit with status 2, a message on standard error and
// nothing on standard output.
func TestBinaryApplyUsage(t *testing.T) {
	bin := buildBinary(t)
	c := testdocs.LoadApply(t, "customer")[0]
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no entity", []string{"apply"}, "usage: billingcheck"},
		{"wrong entity", []string{"apply", "invoice", c.StoredPath, c.UpdatePath}, "usage: billingcheck"},
		{"entity kind name", []string{"apply", "customer-update", c.StoredPath, c.UpdatePath}, "usage: billingcheck"},
		{"update missing", []string{"apply", "customer", c.StoredPath}, "usage: billingcheck"},
		{"one file too many", []string{"apply", "customer", c.StoredPath, c.UpdatePath, c.UpdatePath}, "usage: billingcheck"},
		{"both standard input", []string{"apply", "customer", "-", "-"}, "cannot both be standard input"},
		{"stored file missing", []string{"apply", "customer", "nope.json", c.UpdatePath}, "nope.json"},
		{"update file missing", []string{"apply", "customer", c.StoredPath, "nope.json"}, "nope.json"},
		{"json, stored file missing", []string{"-json", "apply", "account", "nope.json", c.UpdatePath}, "nope.json"},
		{"allow-unknown with an update kind", []string{"-allow-unknown", "customer-update", c.UpdatePath}, "-allow-unknown"},
		{"allow-unknown with account-update", []string{"-allow-unknown", "account-update", c.UpdatePath}, "-allow-unknown"},
		{"allow-unknown with a create kind", []string{"-allow-unknown", "customer-create", c.UpdatePath}, "-allow-unknown"},
		{"flag after apply", []string{"apply", "-json", "customer", c.StoredPath, c.UpdatePath}, "usage: billingcheck"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runBin(t, bin, "", tt.args...)
			assert.Equal(t, 2, status)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tt.wantErr)
		})
	}
}

// TestBinaryAllowUnknown: -allow-unknown skips the members an object does not define,
// in the object kinds and in apply's STORED (never in its UPDATE), and still refuses a
// skipped member given twice or not well-formed.
func TestBinaryAllowUnknown(t *testing.T) {
	bin := buildBinary(t)
	cust := `{"id":"bcus_1","external_reference":"c1","tier":{"level":[1,2]},"name":"Ada"}`
	acct := `{"id":"bacc_1","external_reference":"a1","customer_id":"bcus_1","tier":"gold","closed_at":null}`
	tests := []struct {
		name   string
		args   []string
		stdin  string
		status int
		want   []testdocs.Failure // of the one result
	}{
		{"customer", []string{"customer"}, cust, 0, []testdocs.Failure{}},
		{"account", []string{"account"}, acct, 0, []testdocs.Failure{}},
		{"customer, known members still checked", []string{"customer"},
			`{"id":"bcus_1","external_reference":"c1","tier":1,"phone":"27"}`, 1,
			[]testdocs.Failure{{Field: "phone", Pointer: "/phone", Code: "invalid_format"}}},
		{"unknown member twice", []string{"customer"}, `{"id":"bcus_1","external_reference":"c1","x":1,"x":2}`, 1,
			[]testdocs.Failure{{Field: "x", Pointer: "/x", Code: "duplicate_field"}}},
		{"unknown member twice, account", []string{"account"},
			`{"id":"bacc_1","external_reference":"a1","customer_id":"bcus_1","x":1,"\u0078":2}`, 1,
			[]testdocs.Failure{{Field: "x", Pointer: "/x", Code: "duplicate_field"}}},
		{"unknown member not well-formed", []string{"customer"}, `{"id":"bcus_1","external_reference":"c1","x":[1,}`, 1,
			[]testdocs.Failure{{Field: "", Pointer: "", Code: "invalid_json"}}},
		{"unknown member deeper than 64", []string{"customer"},
			`{"id":"bcus_1","external_reference":"c1","x":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}`, 1,
			[]testdocs.Failure{{Field: "", Pointer: "", Code: "invalid_json"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runBin(t, bin, tt.stdin, append([]string{"-json", "-allow-unknown"}, tt.args...)...)
			assert.Equal(t, tt.status, status, stderr)
			_, fs := results(t, stdout)
			require.Len(t, fs, 1)
			assert.Equal(t, tt.want, fs[0])
		})
	}

	// Without the flag, the same objects are refused.
	status, stdout, _ := runBin(t, bin, cust, "-json", "customer")
	assert.Equal(t, 1, status)
	_, fs := results(t, stdout)
	assert.Equal(t, []testdocs.Failure{{Field: "tier", Pointer: "/tier", Code: "unknown_field"}}, fs[0])

	// apply: STORED is read leniently, UPDATE never.
	dir := t.TempDir()
	stored := filepath.Join(dir, "stored.json")
	require.NoError(t, os.WriteFile(stored, []byte(cust), 0o600))
	update := filepath.Join(dir, "update.json")
	require.NoError(t, os.WriteFile(update, []byte(`{"name":"Grace"}`), 0o600))
	status, stdout, stderr := runBin(t, bin, "", "-allow-unknown", "apply", "customer", stored, update)
	assert.Equal(t, 0, status, stderr)
	assert.Equal(t, `{"id":"bcus_1","external_reference":"c1","name":"Grace"}`+"\n", stdout, "skipped members are not kept")

	status, stdout, _ = runBin(t, bin, "", "-json", "apply", "customer", stored, update)
	assert.Equal(t, 1, status)
	rs, fs := results(t, stdout)
	require.Len(t, rs, 1)
	assert.Equal(t, stored, rs[0].File)
	assert.Equal(t, []testdocs.Failure{{Field: "tier", Pointer: "/tier", Code: "unknown_field"}}, fs[0])

	require.NoError(t, os.WriteFile(update, []byte(`{"name":"Grace","tier":"gold"}`), 0o600))
	status, stdout, _ = runBin(t, bin, "", "-json", "-allow-unknown", "apply", "customer", stored, update)
	assert.Equal(t, 1, status)
	rs, fs = results(t, stdout)
	require.Len(t, rs, 1)
	assert.Equal(t, update, rs[0].File)
	assert.Equal(t, []testdocs.Failure{{Field: "tier", Pointer: "/tier", Code: "unknown_field"}}, fs[0])
}
