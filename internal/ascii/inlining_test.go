package ascii

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestInlining checks that every function of the package can be inlined: the scanners that
// call them rely on it, and a change that made one too big would slow them down silently.
// It compiles the package with its tests, whose calls instantiate the generic Load64 for
// both kinds of input.
func TestInlining(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	cmd := exec.Command(goTool, "test", "-c", "-gcflags=-m", "-o", filepath.Join(t.TempDir(), "ascii.test"), ".")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", cmd, err, out)
	}
	got := map[string]bool{}
	for _, m := range regexp.MustCompile(`can inline (\S+)`).FindAllSubmatch(out, -1) {
		got[string(m[1])] = true
	}
	for _, fn := range []string{
		"Load64[go.shape.string]",
		"Load64[go.shape.[]uint8]",
		"Repeat",
		"NonASCII",
		"InRange",
		"AllInRange",
		"Hits.Any",
		"Hits.First",
		"Below",
		"Above",
		"Equal",
	} {
		if !got[fn] {
			t.Errorf("%s is not inlinable", fn)
		}
	}
	if t.Failed() {
		t.Logf("go build -gcflags=-m:\n%s", out)
	}
}
