package testdocs

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ReadPath returns the bytes of the file at p, failing t when it cannot be read.
func ReadPath(t testing.TB, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	return data
}

// StoredObjects returns the files of testdata/stored/<entity> (name → bytes): objects
// written by an earlier release, which every later release must read back equal.
func StoredObjects(t testing.TB, entity string) map[string][]byte {
	t.Helper()
	dir := filepath.Join(filepath.Dir(Dir(t, "x")), "stored", entity)
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, p := range paths {
		require.True(t, strings.HasSuffix(p, ".json"), "%s: only objects, no expected failures", p)
		out[strings.TrimSuffix(filepath.Base(p), ".json")] = ReadPath(t, p)
	}
	require.NotEmpty(t, out)
	return out
}

// TestStored reads every stored object of e (at least e.MinStored) and writes it back:
// the same bytes through JSON (Decode, encoding/json, the lenient reader), through its
// table row (e.ThroughRecord) and through its SQL value (Value and Scan); the empty update
// leaves it unchanged.
func TestStored[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	objects := StoredObjects(t, e.Name)
	assert.GreaterOrEqual(t, len(objects), e.MinStored)
	for name, data := range objects {
		t.Run(name, func(t *testing.T) {
			assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, name)
			c, err := e.Decode(data)
			require.NoError(t, err)
			out, err := c.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(data), string(out), "written back byte for byte")

			viaJSON, err := json.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(viaJSON), "through encoding/json")
			var un O
			require.NoError(t, json.Unmarshal(data, &un))
			assert.True(t, un.Equal(c))

			lenient, err := e.DecodeLenient(data)
			require.NoError(t, err)
			assert.True(t, lenient.Equal(c))

			fromRecord, err := e.ThroughRecord(c)
			require.NoError(t, err)
			assert.True(t, fromRecord.Equal(c), "through its record")
			out, _ = fromRecord.MarshalJSON()
			assert.Equal(t, string(data), string(out), "through its record")

			v, err := c.Value()
			require.NoError(t, err)
			var scanned O
			scanner, ok := any(&scanned).(sql.Scanner)
			require.True(t, ok, "a pointer to the object is an sql.Scanner")
			require.NoError(t, scanner.Scan(v))
			assert.True(t, scanned.Equal(c), "through its SQL value")

			// A stored object takes the empty update unchanged.
			var empty U
			same, err := c.Apply(empty)
			require.NoError(t, err)
			out, _ = same.MarshalJSON()
			assert.Equal(t, string(data), string(out))
		})
	}
}

// TestStoredEncodingStable: every object of testdata/<e.Name> that is valid, and every
// stored object of testdata/apply/<e.Name>, is in the library's own encoding once written
// back, and stays so (the stored folder's rule, checked on more objects); and the stored
// folder has a full object, full.json.
func TestStoredEncodingStable[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	var docs [][]byte
	for _, d := range Load(t, e.Name) {
		if len(d.Want) == 0 {
			docs = append(docs, d.Data)
		}
	}
	for _, c := range LoadApply(t, e.Name) {
		docs = append(docs, c.Stored)
	}
	for _, data := range docs {
		c, err := e.Decode(data)
		require.NoError(t, err)
		out, err := c.MarshalJSON()
		require.NoError(t, err)
		again, err := e.Decode(out)
		require.NoError(t, err)
		out2, _ := again.MarshalJSON()
		assert.Equal(t, string(out), string(out2))
	}
	_, err := os.Stat(filepath.Join(filepath.Dir(Dir(t, "x")), "stored", e.Name, "full.json"))
	assert.NoError(t, err, "the stored folder has a full "+e.Name)
}
