package robust

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
)

// updateKind is one update document kind: the body of a PATCH of a customer or an account.
type updateKind struct {
	name    string // billingcheck's KIND
	members []string
	parse   func([]byte) error
	// apply reads stored as an object of the entity and applies the update data to it,
	// returning the new object's JSON.
	apply func(stored, data []byte) ([]byte, error)
}

var updateKinds = []updateKind{
	{
		name:    "customer-update",
		members: []string{"name", "email", "phone", "currency", "balance", "metadata"},
		parse:   func(b []byte) error { _, err := customer.DecodeUpdateRequest(b); return err },
		apply: func(stored, data []byte) ([]byte, error) {
			c, err := customer.Decode(stored)
			if err != nil {
				return nil, err
			}
			u, err := customer.DecodeUpdateRequest(data)
			if err != nil {
				return nil, err
			}
			if c, err = c.Apply(u); err != nil {
				return nil, err
			}
			return c.MarshalJSON()
		},
	},
	{
		name:    "account-update",
		members: []string{"name", "currency", "balance", "metadata"},
		parse:   func(b []byte) error { _, err := account.DecodeUpdateRequest(b); return err },
		apply: func(stored, data []byte) ([]byte, error) {
			a, err := account.Decode(stored)
			if err != nil {
				return nil, err
			}
			u, err := account.DecodeUpdateRequest(data)
			if err != nil {
				return nil, err
			}
			if a, err = a.Apply(u); err != nil {
				return nil, err
			}
			return a.MarshalJSON()
		},
	},
}

// defines reports whether the update kind has the member name.
func (k updateKind) defines(name string) bool {
	for _, m := range k.members {
		if m == name {
			return true
		}
	}
	return false
}

// values are a valid value of each update member, as JSON.
var updateValues = map[string]string{
	"name": `"Ada"`, "email": `"ada@example.com"`, "phone": `"+27123456789"`, "currency": `"ZAR"`,
	"balance": `5000`, "metadata": `{"a":"1","b":null}`,
}

// hostileUpdate is one hostile update document, built for each update kind, with its
// exact failures (count, when not 0, is the exact length of the list, of which want gives
// the first entries).
type hostileUpdate struct {
	name         string
	doc          func(k updateKind) []byte
	want         func(k updateKind) []failure
	count        int
	allocPerByte int // when not 0, replaces allocPerByte
}

// sameUpdate is a case whose document and failures are the same for both kinds.
func sameUpdate(name string, doc []byte, want ...failure) hostileUpdate {
	return hostileUpdate{name: name, doc: func(updateKind) []byte { return doc }, want: func(updateKind) []failure { return want }}
}

// updateAllocPerByte is the bound of allocated bytes per byte of an update whose metadata
// holds tens of thousands of keys, where allocPerByte is the bound of other documents.
// An update's metadata keeps every change it reads (removals included, which no limit
// bounds): about 20 bytes per byte of a document of 95 000 removed three-character keys,
// of which the reader's check of duplicate names takes two thirds and the list of changes
// the rest. The metadata of a create request, which stops collecting entries past the key
// limit, takes at most 14.
const updateAllocPerByte = 24

// removals returns a metadata object of null keys (every key removed) of about size bytes.
func removals(size int) string { return string(testkit.MembersUpTo(size, testkit.Key3, "null")) }

func hostileUpdates() []hostileUpdate {
	const manyKeys = 100_000
	inMetadata := func(obj string) []byte { return []byte(`{"metadata":` + obj + `}`) }
	fill := maxDoc - len(`{"metadata":}`)
	cases := []hostileUpdate{
		sameUpdate("1 MiB + 1 byte", padTo([]byte(`{"balance":1}`), maxDoc+1), at("", cLong)),
		sameUpdate("exactly 1 MiB, white space padding", padTo([]byte(`{"balance":1}`), maxDoc)),
		{
			// About 95 000 keys removed: removals are not counted against the limit.
			name:         "1 MiB of removed metadata keys",
			doc:          func(updateKind) []byte { return inMetadata(removals(fill)) },
			want:         func(updateKind) []failure { return nil },
			allocPerByte: updateAllocPerByte,
		},
		{
			name: "1 MiB of removed metadata keys, the first one again at the end",
			doc: func(updateKind) []byte {
				r := removals(fill - 20)
				return inMetadata(r[:len(r)-1] + `,"000":null}`)
			},
			want:         func(updateKind) []failure { return []failure{at("metadata.000", cDup)} },
			allocPerByte: updateAllocPerByte,
		},
		{
			name: "1 MiB of removed metadata keys, one set among them is over the limit by one",
			doc: func(k updateKind) []byte {
				set := testkit.Members(map[string]int{"customer-update": 21, "account-update": 11}[k.name],
					func(i int) string { return "set_" + testkit.Key3(i) }, `"v"`)
				r := removals(fill - len(set) - 2)
				return inMetadata(string(set[:len(set)-1]) + "," + r[1:])
			},
			want:         func(updateKind) []failure { return []failure{at("metadata", cKeys)} },
			allocPerByte: updateAllocPerByte,
		},
		{
			name:         "100 000 metadata keys set",
			doc:          func(updateKind) []byte { return inMetadata(string(testkit.Members(manyKeys, testkit.Key3, `"v"`))) },
			want:         func(updateKind) []failure { return []failure{at("metadata", cKeys)} },
			allocPerByte: updateAllocPerByte,
		},
		{
			name: "100 000 metadata keys set, every value empty",
			doc:  func(updateKind) []byte { return inMetadata(string(testkit.Members(manyKeys, testkit.Key3, `""`))) },
			want: func(updateKind) []failure {
				return []failure{at("metadata", cKeys), at("metadata.000", cReq), at("metadata.001", cReq)}
			},
			count: manyKeys + 1,
		},
		{
			name: "60 000 removed keys, every key refused",
			doc: func(updateKind) []byte {
				return inMetadata(string(testkit.Members(60_000, func(i int) string { return testkit.Key3(i) + `\u0001` }, "null")))
			},
			want: func(updateKind) []failure {
				return []failure{at("metadata.000\x01", cKey), at("metadata.001\x01", cKey)}
			},
			count:        60_000,
			allocPerByte: updateAllocPerByte,
		},
		sameUpdate("one removed key 100 000 times",
			inMetadata(`{`+strings.Repeat(`"a":null,`, manyKeys)+`"a":null}`), at("metadata.a", cDup)),
		sameUpdate("one key set and removed",
			inMetadata(`{"a":"1","a":null}`), at("metadata.a", cDup)),
		sameUpdate("an escaped key again",
			inMetadata(`{"ab":null,"a\u0062":null}`), at("metadata.ab", cDup)),
		sameUpdate("metadata twice, object and null",
			[]byte(`{"metadata":{"a":"1"},"metadata":null}`), at("metadata", cDup)),
		sameUpdate("balance 80 000 times, null and values",
			[]byte(`{"balance":null`+strings.Repeat(`,"balance":1`, 80_000)+`}`), at("balance", cDup)),
		sameUpdate("name twice, escaped", []byte(`{"name":"a","n\u0061me":null}`), at("name", cDup)),
		{
			name: "every member twice, the second time null",
			doc: func(k updateKind) []byte {
				var ms []string
				for _, m := range k.members {
					ms = append(ms, `"`+m+`":`+updateValues[m])
				}
				for _, m := range k.members {
					ms = append(ms, `"`+m+`":null`)
				}
				return []byte("{" + strings.Join(ms, ",") + "}")
			},
			want: func(k updateKind) []failure {
				var out []failure
				for _, m := range k.members {
					out = append(out, at(m, cDup))
				}
				return out
			},
		},
		{
			name: "a customer update sent for an account",
			doc: func(updateKind) []byte {
				return []byte(`{"name":"Ada","email":"ada@example.com","phone":"+27123456789","balance":1}`)
			},
			want: func(k updateKind) []failure {
				if k.defines("phone") {
					return nil
				}
				return []failure{at("email", cUnknown), at("phone", cUnknown)}
			},
		},
		{
			name: "phone alone",
			doc:  func(updateKind) []byte { return []byte(`{"phone":"+27123456789"}`) },
			want: func(k updateKind) []failure {
				if k.defines("phone") {
					return nil
				}
				return []failure{at("phone", cUnknown)}
			},
		},
		{
			name: "phone removed",
			doc:  func(updateKind) []byte { return []byte(`{"phone":null}`) },
			want: func(k updateKind) []failure {
				if k.defines("phone") {
					return nil
				}
				return []failure{at("phone", cUnknown)}
			},
		},
		sameUpdate("every immutable member, null",
			[]byte(`{"id":null,"external_reference":null,"customer":null,"customer_id":null,"payment_rules":null}`),
			at("id", cUnknown), at("external_reference", cUnknown), at("customer", cUnknown),
			at("customer_id", cUnknown), at("payment_rules", cUnknown)),
		{
			name: "80 000 unknown members",
			doc: func(updateKind) []byte {
				return testkit.Members(80_000, func(i int) string { return "x" + testkit.Key3(i) }, "null")
			},
			want:  func(updateKind) []failure { return []failure{at("x000", cUnknown), at("x001", cUnknown)} },
			count: 80_000,
		},
		sameUpdate("metadata nested one past the depth limit",
			inMetadata(`{"a":`+strings.Repeat("[", strictjson.MaxDepth-1)+strings.Repeat("]", strictjson.MaxDepth-1)+`}`),
			at("", cJSON)),
		sameUpdate("1 MiB name", []byte(`{"name":"`+strings.Repeat("a", fill-10)+`"}`), at("name", cLong)),
		sameUpdate("balance of 400 digits", []byte(`{"balance":1`+strings.Repeat("0", 399)+`}`), at("balance", cRange)),
		sameUpdate("metadata value of 1 MiB", inMetadata(`{"a":"`+strings.Repeat("v", fill-10)+`"}`), at("metadata.a", cLong)),
	}
	return cases
}

// TestHostileUpdates parses every hostile update as each update kind, within the cost
// bounds of TestHostileDocuments, with the exact failures.
func TestHostileUpdates(t *testing.T) {
	base := baselinePerByte(t)
	for _, tc := range hostileUpdates() {
		perByte := allocPerByte
		if tc.allocPerByte != 0 {
			perByte = tc.allocPerByte
		}
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range updateKinds {
				t.Run(k.name, func(t *testing.T) {
					doc := tc.doc(k)
					before := bytes.Clone(doc)
					checkFailures(t, parseWithin(t, base, perByte, doc, k.parse), tc.want(k), tc.count)
					assert.Equal(t, before, doc, "the parser changed its input")
				})
			}
		})
	}
}

// TestHostileUpdatesCLI runs every hostile update through billingcheck -json KIND on
// standard input: the same failures, exit status 1 (0 for the valid ones).
func TestHostileUpdatesCLI(t *testing.T) {
	cli(t)
	for _, tc := range hostileUpdates() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, k := range updateKinds {
				doc, want := tc.doc(k), tc.want(k)
				status, stdout, stderr := runCLI(t, doc, "-json", k.name)
				assert.Empty(t, stderr, k.name)
				if tc.count != 0 {
					assert.Equal(t, 1, status, k.name)
					assert.Equal(t, tc.count, bytes.Count(stdout, []byte(`{"field":`)), k.name)
					stdout = headOf(stdout, len(want))
				}
				results := decodeCLI(t, stdout)
				require.Len(t, results, 1, k.name)
				if len(want) == 0 {
					assert.Equal(t, 0, status, k.name)
					assert.True(t, results[0].Valid, k.name)
					continue
				}
				assert.Equal(t, 1, status, k.name)
				assert.Equal(t, asJSON(want), results[0].failures(), k.name)
			}
		})
	}
}

// Stored objects for the applying cases: with 20 (customer) or 10 (account) metadata keys
// and a balance, and without metadata.
var (
	storedFull = map[string]string{
		"customer-update": `{"id":"bcus_1","external_reference":"c1","name":"Ada","phone":"+27123456789",` +
			`"currency":"ZAR","balance":2000,"metadata":` + string(testkit.Members(20, testkit.Key3, `"v"`)) + `}`,
		"account-update": `{"id":"bacc_1","external_reference":"a1","customer_id":"bcus_1","name":"Ada",` +
			`"currency":"ZAR","balance":2000,"metadata":` + string(testkit.Members(10, testkit.Key3, `"v"`)) + `}`,
	}
	storedBare = map[string]string{
		"customer-update": `{"id":"bcus_1","external_reference":"c1"}`,
		"account-update":  `{"id":"bacc_1","external_reference":"a1","customer_id":"bcus_1"}`,
	}
)

// TestHostileApply applies hostile but valid updates, within the cost bounds of a parse:
// "metadata": null and 1 MiB of removed keys on objects with and without metadata, and
// the exact results; an update of the other entity fails before anything is applied.
func TestHostileApply(t *testing.T) {
	base := baselinePerByte(t)
	fill := maxDoc - len(`{"metadata":}`)
	big := []byte(`{"metadata":` + removals(fill) + `}`)
	tests := []struct {
		name    string
		stored  map[string]string
		update  []byte
		want    func(stored string) string // the new object
		perByte int
	}{
		{"metadata null on an object without metadata", storedBare, []byte(`{"metadata":null}`),
			func(s string) string { return s }, 0},
		{"metadata null on an object with metadata", storedFull, []byte(`{"metadata":null}`),
			func(s string) string { return s[:strings.Index(s, `,"metadata"`)] + "}" }, 0},
		{"metadata {} on an object without metadata", storedBare, []byte(`{"metadata":{}}`),
			func(s string) string { return s }, 0},
		{"1 MiB of removed keys on an object without metadata", storedBare, big,
			func(s string) string { return s }, updateAllocPerByte + 4},
		{"1 MiB of removed keys on an object with metadata", storedFull, big,
			func(s string) string { return s[:strings.Index(s, `,"metadata"`)] + `,"metadata":{}}` }, updateAllocPerByte + 4},
	}
	for _, tt := range tests {
		perByte := allocPerByte
		if tt.perByte != 0 {
			perByte = tt.perByte
		}
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range updateKinds {
				t.Run(k.name, func(t *testing.T) {
					stored := []byte(tt.stored[k.name])
					var out []byte
					fs := parseWithin(t, base, perByte, tt.update, func(data []byte) error {
						var err error
						out, err = k.apply(stored, data)
						return err
					})
					assert.Empty(t, fs)
					assert.Equal(t, tt.want(string(stored)), string(out))
				})
			}
		})
	}

	// The applying of the 1 MiB update alone, its parse left out.
	c, err := customer.Decode([]byte(storedFull["customer-update"]))
	require.NoError(t, err)
	u, err := customer.DecodeUpdateRequest(big)
	require.NoError(t, err)
	cost := testkit.Measure(func() { _, err = c.Apply(u) })
	require.NoError(t, err)
	limit := time.Duration(timeFactor * base * float64(len(big)))
	t.Logf("applying %d removals to 20 keys: %d B, %d allocations, CPU %v (bound %v)", len(big)/11, cost.Bytes,
		cost.Allocs, cost.CPU, limit)
	assert.LessOrEqual(t, cost.CPU, limit)
	assert.LessOrEqual(t, cost.Bytes, uint64(allocPerByte*len(big)))
}

// TestHostileApplyCLI: billingcheck apply with an account update holding a phone, and
// with "metadata": null on an object without metadata.
func TestHostileApplyCLI(t *testing.T) {
	cli(t)
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(data), 0o600))
		return p
	}
	stored := write("stored.json", storedBare["account-update"])
	phone := write("phone.json", `{"name":"Ada","phone":"+27123456789"}`)
	status, stdout, stderr := runCLI(t, nil, "-json", "apply", "account", stored, phone)
	assert.Equal(t, 1, status, "%s", stderr)
	results := decodeCLI(t, stdout)
	require.Len(t, results, 1)
	assert.Equal(t, phone, results[0].File)
	assert.Equal(t, []failure{at("phone", billing.CodeUnknownField)}, results[0].failures())

	null := write("null.json", `{"metadata":null}`)
	status, stdout, stderr = runCLI(t, nil, "apply", "account", stored, null)
	assert.Equal(t, 0, status, "%s", stderr)
	assert.Equal(t, storedBare["account-update"]+"\n", string(stdout))
}
