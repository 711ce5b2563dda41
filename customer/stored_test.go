package customer_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testdocs"
)

// storedObjects returns the files of testdata/stored/customer (name → bytes): objects
// written by an earlier release, which every later release must read back equal.
func storedObjects(t testing.TB) map[string][]byte {
	t.Helper()
	dir := filepath.Join(filepath.Dir(testdocs.Dir(t, "x")), "stored", "customer")
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, p := range paths {
		require.True(t, strings.HasSuffix(p, ".json"), "%s: only objects, no expected failures", p)
		out[strings.TrimSuffix(filepath.Base(p), ".json")] = readPath(t, p)
	}
	require.NotEmpty(t, out)
	return out
}

// TestTestdataStored reads every stored customer and writes it back: the same bytes
// through JSON (Decode, encoding/json, a lenient reader), through its table row (Record
// and FromRecord) and through its SQL value (Value and Scan).
func TestTestdataStored(t *testing.T) {
	objects := storedObjects(t)
	assert.GreaterOrEqual(t, len(objects), 25)
	for name, data := range objects {
		t.Run(name, func(t *testing.T) {
			assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, name)
			c, err := customer.Decode(data)
			require.NoError(t, err)
			out, err := c.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(data), string(out), "written back byte for byte")

			viaJSON, err := json.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(viaJSON), "through encoding/json")
			var un customer.Customer
			require.NoError(t, json.Unmarshal(data, &un))
			assert.True(t, un.Equal(c))

			lenient, err := customer.DecodeOptions{AllowUnknown: true}.Decode(data)
			require.NoError(t, err)
			assert.True(t, lenient.Equal(c))

			fromRecord, err := customer.FromRecord(c.Record())
			require.NoError(t, err)
			assert.True(t, fromRecord.Equal(c), "through its record")
			out, _ = fromRecord.MarshalJSON()
			assert.Equal(t, string(data), string(out), "through its record")

			v, err := c.Value()
			require.NoError(t, err)
			var scanned customer.Customer
			require.NoError(t, scanned.Scan(v))
			assert.True(t, scanned.Equal(c), "through its SQL value")

			// A stored object takes the empty update unchanged.
			same, err := c.Apply(customer.UpdateRequest{})
			require.NoError(t, err)
			out, _ = same.MarshalJSON()
			assert.Equal(t, string(data), string(out))
		})
	}
}

// TestTestdataStoredEncodingStable: every customer object of testdata/customer that is valid,
// and every stored object and expected result of testdata/apply, is in the library's own
// encoding once written back, and stays so (the stored folder's rule, checked on more
// objects).
func TestTestdataStoredEncodingStable(t *testing.T) {
	var docs [][]byte
	for _, d := range testdocs.Load(t, "customer") {
		if len(d.Want) == 0 {
			docs = append(docs, d.Data)
		}
	}
	for _, c := range loadApply(t, "customer") {
		docs = append(docs, c.stored)
	}
	for _, data := range docs {
		c, err := customer.Decode(data)
		require.NoError(t, err)
		out, err := c.MarshalJSON()
		require.NoError(t, err)
		again, err := customer.Decode(out)
		require.NoError(t, err)
		out2, _ := again.MarshalJSON()
		assert.Equal(t, string(out), string(out2))
	}
	_, err := os.Stat(filepath.Join(filepath.Dir(testdocs.Dir(t, "x")), "stored", "customer", "full.json"))
	assert.NoError(t, err, "the stored folder has a full customer")
}
