package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// Bulk mode (-lines, -csv) streams each input through three stages: one reader splits it
// into records and packs them into batches; the workers check the batches' records in
// parallel, each writing its batch's report and valid documents into the batch; the
// writer takes the batches back in input order and writes them out. A fixed set of
// batches circulates (the reader waits for a free one), so memory is bounded by the
// number of workers and the size of the largest record, never by the input.

// tuneGC is set by main, whose process is the command's alone: bulk mode then lets the
// heap grow to five times what is live (GOGC=400), since what is live is a few megabytes
// and the collector's work falls with each cycle saved, within a soft limit of
// heapLimit; a GOGC or GOMEMLIMIT in the environment wins. Tests that call run leave
// their own process's collector alone.
var tuneGC bool

const (
	gcPercent = 400
	heapLimit = 48 << 20
)

// maxWorkers bounds -workers: each worker keeps two batches in flight, and more workers
// than processors only share them.
const maxWorkers = 256

// Batches are shipped when they hold batchRecords records or their size in bytes of
// records, and whenever the reader has used up what one read returned (so that a slow
// producer on standard input sees its records checked as they come). The size is
// inFlightBytes shared among the batches in flight, within minBatch and maxBatch: each
// batch also holds its records' report and valid documents, of about the same size. A
// batch whose buffers grew beyond four times its size, for a big record, gives them back
// when it is recycled.
const (
	batchRecords  = 1024
	inFlightBytes = 2 << 20
	minBatch      = 4 << 10
	maxBatch      = 64 << 10
)

// batchSize returns the size of the batches for a number of batches in flight.
func batchSize(batches int) int { return min(max(inFlightBytes/batches, minBatch), maxBatch) }

// record is one record of a batch: its bytes are buf[off:end] of the batch.
type record struct {
	num      int64 // the line (-lines) or the data row (-csv), from 1
	off, end int
	tooLong  bool // over 1 MiB: its bytes were skipped, not kept
}

// batch is the unit that circulates between the reader, the workers and the writer.
type batch struct {
	buf   []byte
	recs  []record
	out   []byte // the report of the records: plain failure lines or -json lines
	valid []byte // the valid records' documents, one a line (-valid)
	nOK   int    // valid records
	size  int    // the batch is full at this many bytes of records
	done  chan struct{}
}

func newBatch(size int) *batch {
	return &batch{buf: make([]byte, 0, size), size: size, done: make(chan struct{}, 1)}
}

func (b *batch) reset() {
	keep := 4 * b.size
	if cap(b.buf) > keep {
		b.buf = make([]byte, 0, b.size)
	}
	if cap(b.out) > keep {
		b.out = nil
	}
	if cap(b.valid) > keep {
		b.valid = nil
	}
	b.buf, b.recs, b.out, b.valid, b.nOK = b.buf[:0], b.recs[:0], b.out[:0], b.valid[:0], 0
}

// full reports whether b should be shipped now that a record is complete.
func (b *batch) full() bool { return len(b.recs) >= batchRecords || len(b.buf) >= b.size }

// splitter reads one input's records into batches.
type splitter interface {
	// fill adds records to b until b is full or the input is used up for now; it reports
	// whether more input may follow, and the read error that ended the input, if any.
	fill(b *batch) (more bool, err error)
}

// stats counts one input's records.
type stats struct{ records, valid int64 }

// bulk is the state of one bulk run over all its inputs.
type bulk struct {
	k         kind
	opts      options
	out       *bufio.Writer // the report, on standard output
	outTTY    bool          // standard output is a terminal (the progress line is cleared before writing to it)
	validOut  *bufio.Writer // -valid OUT, or nil
	validFile *os.File
	stderr    io.Writer
	prog      *progress // nil when standard error is not a terminal

	free      chan *batch
	allocated int
}

// runBulk checks every record of every input of files with k, in bulk mode.
func runBulk(k kind, files []string, opts options, stdin io.Reader, stdout io.Writer, out *bufio.Writer, stderr io.Writer) int {
	if opts.csv && csvMembers(k.name) == nil {
		fmt.Fprintf(stderr, "billingcheck: -csv reads create requests only (customer-create, account-create), not %s\n", k.name)
		return exitUsage
	}
	bk := &bulk{k: k, opts: opts, out: out, stderr: stderr, outTTY: isTerminalWriter(stdout)}
	bk.free = make(chan *batch, 2*opts.workers+2)
	if opts.validOut != "" {
		f, err := createValidOut(opts.validOut, files)
		if err != nil {
			fmt.Fprintf(stderr, "billingcheck: %v\n", err)
			return exitUsage
		}
		bk.validFile, bk.validOut = f, bufio.NewWriterSize(f, 64<<10)
	}
	bk.prog = startProgress(stderr)
	defer bk.prog.stop()
	_, gogc := os.LookupEnv("GOGC")
	_, limit := os.LookupEnv("GOMEMLIMIT")
	if tuneGC && !gogc && !limit {
		debug.SetMemoryLimit(heapLimit)
		debug.SetGCPercent(gcPercent)
	}

	status := exitValid
	for _, name := range files {
		status = worse(status, bk.input(name, stdin))
	}
	if bk.validOut != nil {
		err := bk.validOut.Flush()
		if cerr := bk.validFile.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			bk.report(func() { fmt.Fprintf(stderr, "billingcheck: writing %s: %v\n", opts.validOut, err) })
			status = exitUsage
		}
	}
	return status
}

// createValidOut creates the file -valid names, refusing one of the inputs.
func createValidOut(path string, files []string) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil {
		for _, name := range files {
			if name == stdinName {
				continue
			}
			if in, err := os.Stat(name); err == nil && os.SameFile(fi, in) {
				return nil, fmt.Errorf("-valid %s is also an input: it would be overwritten", path)
			}
		}
	}
	return os.Create(path)
}

// report runs fn, which writes to standard error, with the progress line cleared and
// standard output flushed, so that their lines do not mix.
func (bk *bulk) report(fn func()) {
	bk.prog.pause(func() {
		bk.out.Flush()
		fn()
	})
}

// input checks one input and returns its exit status.
func (bk *bulk) input(name string, stdin io.Reader) int {
	var r io.Reader = stdin
	size := int64(-1)
	if name != stdinName {
		f, err := os.Open(name)
		if err != nil {
			bk.report(func() { fmt.Fprintf(bk.stderr, "billingcheck: %v\n", err) })
			return exitUsage
		}
		defer f.Close()
		r = f
	}
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	bk.prog.begin(name, size)
	defer bk.prog.end()
	counted := &countingReader{r: r, n: bk.prog.bytesCounter()}

	var sp splitter
	var lay *csvLayout
	if bk.opts.csv {
		cs := newCSVSplitter(counted)
		head, err := cs.header()
		if err != nil {
			bk.report(func() { fmt.Fprintf(bk.stderr, "billingcheck: reading %s: %v\n", name, err) })
			return exitUsage
		}
		if head != nil {
			if lay, err = newCSVLayout(bk.k, head); err != nil {
				bk.report(func() { fmt.Fprintf(bk.stderr, "billingcheck: %s: %v\n", name, err) })
				return exitUsage
			}
		}
		sp = cs
	} else {
		sp = newLineSplitter(counted)
	}

	st, readErr, writeErr := bk.run(name, sp, lay)
	status := exitValid
	if st.valid < st.records {
		status = exitInvalid
	}
	if !bk.opts.asJSON && writeErr == nil {
		bk.report(func() {
			fmt.Fprintf(bk.stderr, "%s: %d records, %d valid, %d invalid\n", name, st.records, st.valid, st.records-st.valid)
		})
	}
	if readErr != nil {
		bk.report(func() { fmt.Fprintf(bk.stderr, "billingcheck: reading %s: %v\n", name, readErr) })
		status = exitUsage
	}
	if writeErr != nil {
		bk.report(func() { fmt.Fprintf(bk.stderr, "billingcheck: %v\n", writeErr) })
		status = exitUsage
	}
	return status
}

// getBatch returns a free batch, a new one while fewer than the pool's capacity exist,
// or waits for one.
func (bk *bulk) getBatch() *batch {
	select {
	case b := <-bk.free:
		return b
	default:
	}
	if bk.allocated < cap(bk.free) {
		bk.allocated++
		return newBatch(batchSize(cap(bk.free)))
	}
	return <-bk.free
}

func (bk *bulk) putBatch(b *batch) {
	b.reset()
	bk.free <- b
}

// run streams one input through the reader, the workers and the writer.
func (bk *bulk) run(name string, sp splitter, lay *csvLayout) (st stats, readErr, writeErr error) {
	work := make(chan *batch, bk.opts.workers)
	order := make(chan *batch, cap(bk.free))
	var stop atomic.Bool

	go func() {
		defer close(order)
		defer close(work)
		for !stop.Load() {
			b := bk.getBatch()
			more, err := sp.fill(b)
			if len(b.recs) > 0 {
				order <- b
				work <- b
			} else {
				bk.putBatch(b)
			}
			if err != nil {
				readErr = err
				return
			}
			if !more {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range bk.opts.workers {
		wg.Go(func() {
			w := newWorker(bk, name, lay)
			for b := range work {
				w.check(b)
				b.done <- struct{}{}
				// Let the writer (or the reader) that the batch made runnable run now: with
				// every processor busy checking, it would wait for the scheduler's next
				// preemption, and so would the free batches the reader needs.
				runtime.Gosched()
			}
		})
	}

	for b := range order {
		<-b.done
		if writeErr == nil {
			writeErr = bk.write(b)
			if writeErr != nil {
				stop.Store(true)
			}
		}
		st.records += int64(len(b.recs))
		st.valid += int64(b.nOK)
		bk.prog.addRecords(len(b.recs))
		bk.putBatch(b)
	}
	wg.Wait()
	return st, readErr, writeErr
}

// write writes a checked batch's report and valid documents.
func (bk *bulk) write(b *batch) error {
	if bk.validOut != nil && len(b.valid) > 0 {
		if _, err := bk.validOut.Write(b.valid); err != nil {
			return fmt.Errorf("writing %s: %w", bk.opts.validOut, err)
		}
	}
	if len(b.out) == 0 {
		return nil
	}
	var err error
	if bk.outTTY && bk.prog != nil {
		bk.prog.pause(func() {
			if _, err = bk.out.Write(b.out); err == nil {
				err = bk.out.Flush()
			}
		})
	} else {
		_, err = bk.out.Write(b.out)
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// countingReader counts the bytes read, for the progress line.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// worker checks the records of batches; it is used by one goroutine.
type worker struct {
	k      kind
	asJSON bool
	encode bool // -valid: keep the valid records' documents
	lay    *csvLayout
	name   string
	plain  []byte // "FILE:" for plain lines
	jsonPx []byte // `{"file":"FILE","record":` for -json lines
	row    csvRow // scratch of a CSV row's cells and document
}

func newWorker(bk *bulk, name string, lay *csvLayout) *worker {
	w := &worker{k: bk.k, asJSON: bk.opts.asJSON, encode: bk.validOut != nil, lay: lay, name: name}
	w.plain = append([]byte(name), ':')
	w.jsonPx = append(strictjson.AppendString([]byte(`{"file":`), name), `,"record":`...)
	return w
}

// check checks every record of b and writes b's report and valid documents.
func (w *worker) check(b *batch) {
	for _, r := range b.recs {
		var err error
		data := b.buf[r.off:r.end]
		switch {
		case r.tooLong && w.lay != nil:
			err = errRowTooLong
		case r.tooLong:
			err = w.k.tooLong()
		case w.lay != nil:
			data, err = w.row.document(w.lay, data)
		}
		if err == nil {
			if w.encode {
				n := len(b.valid)
				if b.valid, err = w.k.encode(b.valid, data); err == nil {
					b.valid = append(b.valid, '\n')
				} else {
					b.valid = b.valid[:n]
				}
			} else {
				err = w.k.check(data)
			}
		}
		errs := report.Errs(err)
		if err != nil && len(errs) == 0 {
			errs = billing.Errors{{Code: billing.CodeInvalidJSON, Message: err.Error()}}
		}
		if len(errs) == 0 {
			b.nOK++
		}
		b.out = w.appendReport(b.out, r.num, errs)
	}
}

// errRowTooLong is the failure of a CSV row over the size of a document.
var errRowTooLong error = billing.Errors{{Code: billing.CodeTooLong,
	Message: "the row must be at most 1 MiB (" + strconv.Itoa(strictjson.MaxSize) + " bytes)"}}

// appendReport appends a record's report: plain, a line per failure
// ("FILE:RECORD: FIELD: CODE: message"); with -json, one line for the record.
func (w *worker) appendReport(dst []byte, num int64, errs billing.Errors) []byte {
	if !w.asJSON {
		for _, e := range errs {
			dst = append(dst, w.plain...)
			dst = strconv.AppendInt(dst, num, 10)
			dst = append(dst, ": "...)
			dst = append(dst, printable(e.Field)...)
			dst = append(dst, ": "...)
			dst = append(dst, e.Code...)
			dst = append(dst, ": "...)
			dst = append(dst, e.Message...)
			dst = append(dst, '\n')
		}
		return dst
	}
	dst = append(dst, w.jsonPx...)
	dst = strconv.AppendInt(dst, num, 10)
	if len(errs) == 0 {
		return append(dst, `,"valid":true,"errors":[]}`+"\n"...)
	}
	dst = append(dst, `,"valid":false,"errors":[`...)
	for i, e := range errs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"field":`...)
		dst = strictjson.AppendString(dst, e.Field)
		dst = append(dst, `,"pointer":`...)
		dst = strictjson.AppendString(dst, e.Pointer)
		dst = append(dst, `,"code":`...)
		dst = strictjson.AppendString(dst, string(e.Code))
		dst = append(dst, `,"message":`...)
		dst = strictjson.AppendString(dst, e.Message)
		dst = append(dst, '}')
	}
	return append(dst, "]}\n"...)
}

// tooLongDoc is a document one byte over the size limit, to ask a kind's reader for its
// too_long failure.
var tooLongDoc = sync.OnceValue(func() []byte { return make([]byte, strictjson.MaxSize+1) })

// tooLong returns the failure the kind's reader gives a document over its size limit,
// for a line that was skipped without being kept.
func (k kind) tooLong() error {
	err := k.check(tooLongDoc())
	if err == nil {
		return errors.New("a line over 1 MiB")
	}
	return err
}

// isTerminalWriter reports whether w is a terminal.
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f.Fd())
}
