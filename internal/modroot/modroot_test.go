package modroot

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFind(t *testing.T) {
	// The test runs in this package's directory, two levels below the module root.
	root, err := Find()
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(root, "go.mod"))
	assert.NoError(t, err)
	wd, err := os.Getwd()
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "internal", "modroot"), wd)

	// Outside any module.
	t.Chdir(t.TempDir())
	_, err = Find()
	if err != nil { // a go.mod above the temporary directory would be found, rightly
		assert.ErrorIs(t, err, ErrNotFound)
	}
}

func TestOr(t *testing.T) {
	root, err := Find()
	require.NoError(t, err)
	for _, tt := range []struct{ path, rel, want string }{
		{"given.csv", "money/x.csv", "given.csv"},
		{"", "money/internal/gen/x.csv", filepath.Join(root, "money", "internal", "gen", "x.csv")},
		{"", "testdata", filepath.Join(root, "testdata")},
	} {
		got, err := Or(tt.path, tt.rel, "src")
		require.NoError(t, err)
		assert.Equal(t, tt.want, got)
	}

	// Outside any module, the error names the flag.
	t.Chdir(t.TempDir())
	if _, err := Find(); err == nil {
		t.Skip("a go.mod above the temporary directory")
	}
	_, err = Or("", "testdata", "testdata")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.ErrorContains(t, err, "pass -testdata")
}

// TestMainExits runs Main in a child process (this test binary, told by the environment to
// call it): a failing run prints its error after "gen: " and exits with status 1; one that
// succeeds returns.
func TestMainExits(t *testing.T) {
	if msg, ok := os.LookupEnv("MODROOT_MAIN_FAIL"); ok {
		Main(func() error {
			if msg == "" {
				return nil
			}
			return errors.New(msg)
		})
		os.Exit(0)
	}
	for _, tt := range []struct {
		msg    string
		status int
		stderr string
	}{
		{"no data", 1, "gen: no data\n"},
		{"", 0, ""},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMainExits$")
		cmd.Env = append(os.Environ(), "MODROOT_MAIN_FAIL="+tt.msg)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		status := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			status = exit.ExitCode()
		} else {
			require.NoError(t, err)
		}
		assert.Equal(t, tt.status, status, tt.msg)
		assert.Equal(t, tt.stderr, stderr.String(), tt.msg)
	}
}
