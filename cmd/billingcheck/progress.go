package main

import (
	"io"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// progressEvery is how often the progress line is redrawn.
var progressEvery = 100 * time.Millisecond

// progress draws a line on standard error, when it is a terminal, with the records
// checked so far, the records and megabytes per second, and the share of the input read
// when its size is known. The line is redrawn in place at most ten times a second, and
// cleared before anything else is written to the terminal and at the end. A nil
// *progress draws nothing; its methods may still be called.
type progress struct {
	w *os.File

	mu     sync.Mutex // held while drawing, clearing, or writing something else to the terminal
	shown  bool       // the line is on the terminal
	active bool       // an input is being read
	name   string
	size   int64 // the input's size, or -1
	start  time.Time

	bytes   atomic.Int64 // read from the input
	records atomic.Int64 // checked and written out

	quit, done chan struct{}
}

// startProgress returns a progress line drawn on stderr, or nil when stderr is not a
// terminal.
func startProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !isTerminal(f.Fd()) {
		return nil
	}
	p := &progress{w: f, quit: make(chan struct{}), done: make(chan struct{})}
	go p.loop()
	return p
}

func (p *progress) loop() {
	defer close(p.done)
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case now := <-t.C:
			p.draw(now)
		}
	}
}

// draw writes the line for the input being read, if any.
func (p *progress) draw(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.active {
		return
	}
	line := progressLine(p.name, p.records.Load(), p.bytes.Load(), p.size, now.Sub(p.start), terminalWidth(p.w.Fd()))
	p.w.WriteString("\r" + line + "\x1b[K")
	p.shown = true
}

// clear erases the line; p.mu is held.
func (p *progress) clear() {
	if p.shown {
		p.w.WriteString("\r\x1b[K")
		p.shown = false
	}
}

// pause runs fn, which writes to the terminal, with the line cleared; the next tick draws
// it again.
func (p *progress) pause(fn func()) {
	if p == nil {
		fn()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fn()
}

// begin starts counting a new input of size bytes (-1: unknown).
func (p *progress) begin(name string, size int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.name, p.size, p.start, p.active = name, size, time.Now(), true
	p.bytes.Store(0)
	p.records.Store(0)
}

// end clears the line at the end of an input.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.active = false
}

// stop ends the drawing and clears the line.
func (p *progress) stop() {
	if p == nil {
		return
	}
	close(p.quit)
	<-p.done
	p.end()
}

// bytesCounter returns the counter the input's reader adds to.
func (p *progress) bytesCounter() *atomic.Int64 {
	if p == nil {
		return new(atomic.Int64)
	}
	return &p.bytes
}

func (p *progress) addRecords(n int) {
	if p != nil {
		p.records.Add(int64(n))
	}
}

// progressLine returns the progress line: "NAME: R records, R/s records/s, M MB/s" and
// ", P%" when the size is known, made to fit in width columns (less one: a line that
// fills the last column wraps on some terminals): the name is shortened first, from its
// start, so that the figures stay in view.
func progressLine(name string, records, bytes, size int64, elapsed time.Duration, width int) string {
	secs := max(elapsed.Seconds(), 1e-3)
	b := make([]byte, 0, 96)
	b = append(b, ": "...)
	b = strconv.AppendInt(b, records, 10)
	b = append(b, " records, "...)
	b = strconv.AppendInt(b, int64(float64(records)/secs), 10)
	b = append(b, " records/s, "...)
	b = strconv.AppendFloat(b, float64(bytes)/secs/1e6, 'f', 1, 64)
	b = append(b, " MB/s"...)
	if size > 0 {
		b = append(b, ", "...)
		b = strconv.AppendInt(b, min(100, bytes*100/size), 10)
		b = append(b, '%')
	}
	figures := string(b)
	if width < 2 {
		return name + figures
	}
	room := width - 1 - utf8.RuneCountInString(figures)
	if n := utf8.RuneCountInString(name); n > room {
		if room < 2 {
			name = ""
		} else {
			r := []rune(name)
			name = "…" + string(r[n-room+1:])
		}
	}
	line := name + figures
	if r := []rune(line); len(r) > width-1 {
		line = string(r[:width-1])
	}
	return line
}
