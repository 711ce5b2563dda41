package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tallykit/billing/cmd/billingcheck/internal/gen"
	"github.com/tallykit/billing/internal/testkit"
)

// maxRSS is the resident memory a bulk check may reach, whatever the size of its input.
const maxRSS = 64 << 20

// bigInputs reports whether BILLINGCHECK_BIG asks for the full-size inputs (1 GB of
// records, 10 GB sparse files) instead of the sizes every run checks.
func bigInputs() bool { return os.Getenv("BILLINGCHECK_BIG") != "" }

// runMeasured runs the built command with its output thrown away and returns its exit
// status, standard error, peak resident memory and time taken.
//
// The peak is the command's maximum resident set size as the kernel accounts it, which
// includes its parent's resident memory when it starts (on Linux a child begins as a
// virtual fork of its parent): so the command is started by a small program of its own,
// testdata/maxrss, not by this test process, which the race detector makes large.
func runMeasured(t *testing.T, tools measureTools, args ...string) (int, string, int64, time.Duration) {
	t.Helper()
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer devNull.Close()
	rssFile := filepath.Join(t.TempDir(), "maxrss")
	cmd := exec.Command(tools.maxrss, append([]string{rssFile, tools.bin}, args...)...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = devNull, &stderr
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	data, err := os.ReadFile(rssFile)
	require.NoError(t, err, "maxrss: %s", stderr.String())
	rss, err := strconv.ParseInt(string(data), 10, 64)
	require.NoError(t, err)
	t.Logf("%s: %.1f MB resident at most, %v", strings.Join(args, " "), float64(rss)/1e6, took.Round(time.Millisecond))
	return cmd.ProcessState.ExitCode(), stderr.String(), rss, took
}

// measureTools are the command and the program that measures it.
type measureTools struct{ bin, maxrss string }

func buildMeasureTools(t *testing.T) measureTools {
	t.Helper()
	maxrss := filepath.Join(t.TempDir(), "maxrss")
	out, err := exec.Command(testkit.GoTool(t), "build", "-o", maxrss, "./testdata/maxrss").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return measureTools{bin: buildBinary(t), maxrss: maxrss}
}

// writeGenerated writes generated records of at least size bytes to a file.
func writeGenerated(t *testing.T, path string, size int64, csv bool) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	write := gen.WriteLines
	if csv {
		write = gen.WriteCSV
	}
	require.NoError(t, write(f, gen.Options{Bytes: size, Seed: 1}))
	require.NoError(t, f.Close())
}

// TestBulkMemoryBounded checks a generated input of 50 MB (1 GB with BILLINGCHECK_BIG)
// with resident memory under 64 MB, as JSON Lines and as CSV, with every output.
func TestBulkMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	tools := buildMeasureTools(t)
	size := int64(50 << 20)
	if bigInputs() {
		size = 1 << 30
	}
	dir := t.TempDir()
	lines, rows := filepath.Join(dir, "big.jsonl"), filepath.Join(dir, "big.csv")
	writeGenerated(t, lines, size, false)
	writeGenerated(t, rows, size, true)
	valid := filepath.Join(dir, "valid.jsonl")
	for _, args := range [][]string{
		{"-lines", "customer-create", lines},
		{"-json", "-lines", "customer-create", lines},
		{"-lines", "-workers", "16", "-valid", valid, "customer-create", lines},
		{"-csv", "customer-create", rows},
		{"-json", "-csv", "-workers", "1", "-valid", valid, "customer-create", rows},
	} {
		status, stderr, rss, _ := runMeasured(t, tools, args...)
		assert.Less(t, status, exitUsage, stderr)
		assert.Less(t, rss, int64(maxRSS), "%v", args)
	}
}

// TestBulkHugeLines checks inputs whose size is all in one line or in blank lines: a
// sparse file (zero bytes: one line of NUL bytes, too long), and a file of line feeds.
// Both finish with memory bounded; the blank lines cost little more than reading them.
// The sizes are 256 MiB (10 GiB sparse and 1 GiB of line feeds with BILLINGCHECK_BIG).
func TestBulkHugeLines(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 256 MiB file")
	}
	tools := buildMeasureTools(t)
	sparseSize, blankSize := int64(256<<20), int64(256<<20)
	if bigInputs() {
		sparseSize, blankSize = 10<<30, 1<<30
	}
	dir := t.TempDir()
	sparse := filepath.Join(dir, "sparse.jsonl")
	f, err := os.Create(sparse)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(sparseSize))
	require.NoError(t, f.Close())

	blank := filepath.Join(dir, "blank.jsonl")
	f, err = os.Create(blank)
	require.NoError(t, err)
	w := bufio.NewWriterSize(f, 1<<20)
	chunk := bytes.Repeat([]byte("\n"), 1<<20)
	for written := int64(0); written < blankSize; written += int64(len(chunk)) {
		_, err := w.Write(chunk)
		require.NoError(t, err)
	}
	_, err = w.WriteString(okDoc + "\n")
	require.NoError(t, err)
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())

	status, stderr, rss, _ := runMeasured(t, tools, "-lines", "customer-create", sparse)
	assert.Equal(t, exitInvalid, status)
	assert.Equal(t, sparse+": 1 records, 0 valid, 1 invalid\n", stderr)
	assert.Less(t, rss, int64(maxRSS))

	status, stderr, rss, _ = runMeasured(t, tools, "-json", "-lines", "customer-create", blank)
	assert.Equal(t, exitValid, status, stderr)
	assert.Less(t, rss, int64(maxRSS))
	got := runBulkDirect([]string{"-json", "-lines", "customer-create", blank}, "")
	assert.Equal(t, `{"file":"`+blank+`","record":`+strconv.FormatInt(blankSize+1, 10)+`,"valid":true,"errors":[]}`+"\n", got.stdout)

	// A CSV input whose header row never ends is refused without reading it all.
	status, stderr, rss, _ = runMeasured(t, tools, "-csv", "customer-create", sparse)
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, stderr, "the header row is longer than 1 MiB")
	assert.Less(t, rss, int64(maxRSS))
}
