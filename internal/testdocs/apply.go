package testdocs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// ApplyCase is one case of testdata/apply/<entity>: a stored object, an update, and the
// new object (Want) or the failures of applying (Errs).
type ApplyCase struct {
	Name           string
	Stored, Update []byte
	Want           []byte // nil for a failing case
	Errs           []Failure
}

// LoadApply reads the cases of testdata/apply/<entity>, in name order; it fails t when a
// case has both or neither of want.json and errors.json, or a file belongs to no case.
func LoadApply(t testing.TB, entity string) []ApplyCase {
	t.Helper()
	dir := filepath.Join(filepath.Dir(Dir(t, "x")), "apply", entity)
	stored, err := filepath.Glob(filepath.Join(dir, "*.stored.json"))
	require.NoError(t, err)
	var cases []ApplyCase
	for _, p := range stored {
		base := strings.TrimSuffix(p, ".stored.json")
		c := ApplyCase{Name: filepath.Base(base)}
		c.Stored = ReadPath(t, p)
		c.Update = ReadPath(t, base+".update.json")
		want, wantErr := os.ReadFile(base + ".want.json")
		errs, errsErr := os.ReadFile(base + ".errors.json")
		require.True(t, (wantErr == nil) != (errsErr == nil), "%s: want.json or errors.json, one of them", c.Name)
		if wantErr == nil {
			c.Want = want
		} else {
			require.NoError(t, json.Unmarshal(errs, &c.Errs), c.Name)
		}
		cases = append(cases, c)
	}
	// Every file of the folder belongs to a case.
	all, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	for _, p := range all {
		name := filepath.Base(p)
		i := strings.Index(name, ".")
		require.True(t, i > 0 && slices.ContainsFunc(cases, func(c ApplyCase) bool { return c.Name == name[:i] }),
			"%s belongs to no case", name)
	}
	return cases
}
