package robust

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testkit"
)

// IDs used by the documents the tests build.
const (
	customerID = "bcus_H4jp6KnU5cPw263v1jyz4"
	accountID  = "bacc_9Xk2LmQ7rT4vW8yZ1aB3c"
)

// maxDoc is the size limit of every document (SPEC §3).
const maxDoc = 1 << 20

// failure is one entry of a document's error list, without its message.
type failure = testkit.Failure

// at is a failure at path with code, for the tables.
var at = testkit.At

// kind is one document kind of SPEC §2.
type kind int

const (
	customerCreate kind = iota
	customerObject
	accountCreate
	accountObject
)

var allKinds = []kind{customerCreate, customerObject, accountCreate, accountObject}

// String is the kind's name on billingcheck's command line.
func (k kind) String() string {
	return [...]string{"customer-create", "customer", "account-create", "account"}[k]
}

// parse runs the kind's document parser.
func (k kind) parse(data []byte) error {
	var err error
	switch k {
	case customerCreate:
		_, err = customer.DecodeCreateRequest(data)
	case customerObject:
		_, err = customer.Decode(data)
	case accountCreate:
		_, err = account.DecodeCreateRequest(data)
	case accountObject:
		_, err = account.Decode(data)
	}
	return err
}

// members lists the members the kind defines, in the order of SPEC §2.
func (k kind) members() []string {
	switch k {
	case customerCreate:
		return []string{"external_reference", "name", "email", "phone", "currency", "balance", "metadata"}
	case customerObject:
		return []string{"id", "external_reference", "name", "email", "phone", "currency", "balance", "payment_rules", "metadata"}
	case accountCreate:
		return []string{"customer", "external_reference", "name", "currency", "balance", "metadata"}
	default:
		return []string{"id", "external_reference", "customer_id", "name", "currency", "balance", "payment_rules", "metadata"}
	}
}

// defines reports whether the kind has the member name.
func (k kind) defines(name string) bool { return slices.Contains(k.members(), name) }

// base returns the required members of a valid document of the kind, as "name":value.
func (k kind) base() []string {
	switch k {
	case customerCreate:
		return []string{`"external_reference":"cust_1"`}
	case customerObject:
		return []string{`"id":"` + customerID + `"`, `"external_reference":"cust_1"`}
	case accountCreate:
		return []string{`"customer":"` + customerID + `"`, `"external_reference":"acct_1"`}
	default:
		return []string{`"id":"` + accountID + `"`, `"external_reference":"acct_1"`, `"customer_id":"` + customerID + `"`}
	}
}

// memberName returns the name of a raw member "name":value (names in the tables have no
// escaped quote).
func memberName(m string) string {
	name, _, _ := strings.Cut(m[1:], `"`)
	return name
}

// docOf returns a document of kind k: its required members, less any that members give
// again, then members in order. members are raw "name":value strings.
func docOf(k kind, members ...string) []byte {
	return []byte(objectOf(k.base(), members...))
}

// onMember is the expected list of a document that adds the member name to a valid
// document: want when kind k defines the member, else unknown_field at name.
func onMember(k kind, name string, want ...failure) []failure {
	if !k.defines(name) {
		return []failure{at(name, billing.CodeUnknownField)}
	}
	return want
}

// jsonString returns s as a JSON string literal without HTML escaping, invalid UTF-8 left
// as it is (for the documents that carry it on purpose use raw literals instead).
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// The command-line checker, built once for the package's tests.
var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
	cliDir  string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if cliDir != "" {
		os.RemoveAll(cliDir)
	}
	os.Exit(code)
}

// cli returns the path of a billingcheck binary built from the module as it is on disk.
func cli(t *testing.T) string {
	t.Helper()
	goCmd := testkit.GoTool(t)
	cliOnce.Do(func() {
		cliDir, cliErr = os.MkdirTemp("", "robust-billingcheck-")
		if cliErr != nil {
			return
		}
		cliPath = filepath.Join(cliDir, "billingcheck")
		out, err := exec.Command(goCmd, "build", "-o", cliPath, "github.com/tallykit/billing/cmd/billingcheck").CombinedOutput()
		if err != nil {
			cliErr = fmt.Errorf("go build ./cmd/billingcheck: %v\n%s", err, out)
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}

// cliResult is one -json output line of billingcheck.
type cliResult struct {
	File   string    `json:"file"`
	Valid  bool      `json:"valid"`
	Errors []cliItem `json:"errors"`
}

type cliItem struct {
	Field   string       `json:"field"`
	Code    billing.Code `json:"code"`
	Message string       `json:"message"`
}

func (r cliResult) failures() []failure {
	var out []failure
	for _, e := range r.Errors {
		out = append(out, at(e.Field, e.Code))
	}
	return out
}

// runCLI runs billingcheck with args and stdin, and returns its exit status and outputs.
func runCLI(t *testing.T, stdin []byte, args ...string) (status int, stdout, stderr []byte) {
	t.Helper()
	cmd := exec.Command(cli(t), args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		status = exit.ExitCode()
	default:
		t.Fatalf("running billingcheck: %v", err)
	}
	return status, out.Bytes(), errOut.Bytes()
}

// decodeCLI reads billingcheck's -json output, one result per line.
func decodeCLI(t *testing.T, out []byte) []cliResult {
	t.Helper()
	var results []cliResult
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var r cliResult
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("billingcheck -json output: %v", err)
		}
		results = append(results, r)
	}
	return results
}

// asJSON returns the failures as billingcheck's -json output carries them: a JSON string
// cannot hold invalid UTF-8, so encoding/json writes U+FFFD for each invalid byte of a path.
func asJSON(fs []failure) []failure {
	if fs == nil {
		return nil
	}
	out := make([]failure, len(fs))
	for i, f := range fs {
		b, _ := json.Marshal(f.Field)
		var s string
		_ = json.Unmarshal(b, &s)
		out[i] = at(s, f.Code)
	}
	return out
}
