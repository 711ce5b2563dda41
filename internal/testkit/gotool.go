package testkit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// GoTool returns the path of the go command, for the tests that build a binary or ask the
// compiler: the one on PATH, else $GOROOT/bin/go. It skips t when there is none.
func GoTool(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("no go command on PATH or in $GOROOT/bin")
	return ""
}

// RunGo runs the go command with args in the test's directory and returns its standard
// output; it fails t, showing the standard error, when the command fails.
func RunGo(t testing.TB, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(GoTool(t), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}
