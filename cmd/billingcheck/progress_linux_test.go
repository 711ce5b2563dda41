package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tallykit/billing/cmd/billingcheck/internal/gen"
)

// openPTY opens a pseudo-terminal and returns its two ends; whatever is written to the
// terminal end can be read from the other. It skips t where there is none.
func openPTY(t *testing.T) (master, term *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	var unlock int32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); errno != 0 {
		m.Close()
		t.Skipf("unlockpt: %v", errno)
	}
	var n uint32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); errno != 0 {
		m.Close()
		t.Skipf("ptsname: %v", errno)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open the terminal end: %v", err)
	}
	ws := struct{ row, col, xpixel, ypixel uint16 }{row: 24, col: 200}
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, s.Fd(), syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&ws))); errno != 0 {
		t.Fatalf("set the terminal's size: %v", errno)
	}
	t.Cleanup(func() { m.Close() })
	return m, s
}

// readAll reads the master end until the terminal end is closed everywhere.
func readAll(m *os.File) <-chan string {
	done := make(chan string, 1)
	go func() {
		var buf bytes.Buffer
		io.Copy(&buf, m) // ends with EIO once no process holds the terminal end
		done <- buf.String()
	}()
	return done
}

// progressDraw matches one drawing of the progress line, and the clearing of it (an
// empty line).
var progressDraw = regexp.MustCompile("\r[^\r\n]*\x1b\\[K")

func TestIsTerminal(t *testing.T) {
	_, term := openPTY(t)
	defer term.Close()
	assert.True(t, isTerminal(term.Fd()))
	assert.Equal(t, 200, terminalWidth(term.Fd()))
	f, err := os.CreateTemp(t.TempDir(), "x")
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f.Fd()))
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, isTerminal(w.Fd()))
	assert.Nil(t, startProgress(w))
	assert.Nil(t, startProgress(&bytes.Buffer{}))
}

// TestProgressOnATerminal runs the built command with standard error on a terminal and
// records arriving slowly on standard input: the progress line is drawn (records,
// records/s, MB/s; no percentage, the size being unknown), at most ten times a second,
// and cleared before the summary.
func TestProgressOnATerminal(t *testing.T) {
	bin := buildBinary(t)
	master, term := openPTY(t)
	out := readAll(master)

	cmd := exec.Command(bin, "-lines", "customer-create")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, term
	start := time.Now()
	require.NoError(t, cmd.Start())
	term.Close()
	var batch bytes.Buffer
	for i := range 100 {
		fmt.Fprintf(&batch, `{"external_reference":"c%d"}`+"\n", i)
	}
	for range 8 {
		_, err := stdin.Write(batch.Bytes())
		require.NoError(t, err)
		time.Sleep(150 * time.Millisecond)
	}
	stdin.Close()
	require.NoError(t, cmd.Wait())
	took := time.Since(start)

	got := <-out
	assert.Empty(t, stdout.String())
	draws := progressDraw.FindAllString(got, -1)
	lines := 0
	for _, d := range draws {
		if d == "\r\x1b[K" {
			continue
		}
		lines++
		assert.Regexp(t, `^\r-: \d+ records, \d+ records/s, \d+\.\d MB/s\x1b\[K$`, d)
	}
	assert.GreaterOrEqual(t, lines, 3, "%q", got)
	assert.LessOrEqual(t, float64(lines), took.Seconds()*10+1, "at most ten a second")
	// What is left once the drawings are taken out is the summary alone (the terminal
	// writes a line feed as \r\n).
	assert.Equal(t, "-: 800 records, 800 valid, 0 invalid\r\n", progressDraw.ReplaceAllString(got, ""))
	assert.True(t, strings.HasSuffix(got, "\r\x1b[K-: 800 records, 800 valid, 0 invalid\r\n"), "%q", got)
}

// TestProgressWithAKnownSize runs the command in this process, drawing the line every
// millisecond, with standard output and standard error on the same terminal: the line
// shows the share of the file read, and every report line reaches the terminal whole.
func TestProgressWithAKnownSize(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = time.Millisecond
	master, term := openPTY(t)
	out := readAll(master)

	var data bytes.Buffer
	require.NoError(t, gen.WriteLines(&data, gen.Options{Records: 20000, Seed: 2, Invalid: 0.05}))
	in := filepath.Join(t.TempDir(), "in.jsonl")
	require.NoError(t, os.WriteFile(in, data.Bytes(), 0o600))
	status := run([]string{"-lines", "-workers", "2", "customer-create", in}, nil, term, term)
	assert.Equal(t, exitInvalid, status)
	term.Close()
	got := <-out

	want := runBulkDirect([]string{"-lines", "customer-create", in}, "")
	assert.Equal(t, want.stdout+want.stderr, strings.ReplaceAll(progressDraw.ReplaceAllString(got, ""), "\r\n", "\n"))
	var pct []string
	for _, d := range progressDraw.FindAllString(got, -1) {
		if m := regexp.MustCompile(`, (\d+)%\x1b\[K$`).FindStringSubmatch(d); m != nil {
			pct = append(pct, m[1])
			assert.Regexp(t, `^\r`+regexp.QuoteMeta(in)+`: \d+ records, \d+ records/s, \d+\.\d MB/s, \d+%\x1b\[K$`, d)
		}
	}
	draws := progressDraw.FindAllString(got, 5)
	assert.NotEmpty(t, pct, "%q", draws)
}
