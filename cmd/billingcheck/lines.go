package main

import (
	"bytes"
	"io"
	"math/bits"

	"github.com/tallykit/billing/internal/ascii"
	"github.com/tallykit/billing/internal/strictjson"
)

// readSize is how much one read of an input asks for.
const readSize = 64 << 10

// maxRecord is the most bytes of one record kept: one byte over a document's limit, so
// that the reader reports too_long, plus a final carriage return.
const maxRecord = strictjson.MaxSize + 1

// chunkReader reads an input a chunk at a time.
type chunkReader struct {
	r     io.Reader
	chunk []byte
	p, n  int // chunk[p:n] is not scanned yet
	eof   bool
	err   error // the read error that ended the input, if any
}

func newChunkReader(r io.Reader) chunkReader {
	return chunkReader{r: r, chunk: make([]byte, readSize)}
}

// read replaces the chunk with the next bytes of the input.
func (c *chunkReader) read() {
	n, err := c.r.Read(c.chunk)
	c.p, c.n = 0, n
	if err != nil {
		c.eof = true
		if err != io.EOF {
			c.err = err
		}
	}
}

// recordScan is what the two splitters share: the input read a chunk at a time, the
// record being kept or skipped, and the loop that calls the splitter's steps.
type recordScan struct {
	chunkReader
	open bool // the current record is being kept in b.buf[off:]
	off  int
	skip bool // the current record is over the limit: skipped to its end
}

// scanSteps are what a splitter does at the scan position.
type scanSteps interface {
	start(b *batch)     // between records: skip what is no record, or open one
	keep(b *batch)      // add the open record's bytes up to its end or the chunk's
	skipToEnd(b *batch) // skip the bytes of a record over the limit up to its end
	finish(b *batch)    // end the last record at the end of the input
}

// fillWith is the fill of a splitter whose steps are sp: it adds records to b until b is
// full or the input is used up for now, and reports whether more input may follow, and
// the read error that ended the input, if any.
func (s *recordScan) fillWith(b *batch, sp scanSteps) (bool, error) {
	for {
		if s.p == s.n {
			if s.eof {
				sp.finish(b)
				return false, s.err
			}
			if !s.open && len(b.recs) > 0 {
				return true, nil // ship what is complete before a read that may wait
			}
			s.read()
			continue
		}
		switch {
		case s.skip:
			sp.skipToEnd(b)
		case s.open:
			sp.keep(b)
		default:
			sp.start(b)
		}
		if !s.open && b.full() {
			return true, nil
		}
	}
}

// keepTo adds c, the rest of the chunk, to the open record up to index i, the byte that
// ends the record (consumed, not kept), or all of c when i < 0. It reports whether the
// record ended.
func (s *recordScan) keepTo(b *batch, c []byte, i int) bool {
	if i < 0 {
		b.buf = append(b.buf, c...)
		s.p = s.n
		return false
	}
	b.buf = append(b.buf, c[:i]...)
	s.p += i + 1
	return true
}

// drop gives up the open record, which the rest of the chunk would take over the limit:
// the bytes kept are dropped, and the record is skipped up to its end.
func (s *recordScan) drop(b *batch) {
	b.buf = b.buf[:s.off]
	s.open, s.skip = false, true
	s.p = s.n
}

// lineSplitter splits JSON Lines into records: each line that holds more than white space
// is one record, numbered by its line, without its line ending ("\n" or "\r\n"). A line
// over the document size limit is not kept: its bytes are skipped up to the next line
// feed and it becomes a too_long record. Runs of white space between records are skipped
// eight bytes at a time, so a file of blank lines costs little more than reading it.
type lineSplitter struct {
	recordScan
	line int64 // number of the line the scan is in, from 1
	lead int64 // white space skipped at the start of the current line: part of its length
	num  int64 // number of the open or skipped record
}

func newLineSplitter(r io.Reader) *lineSplitter {
	return &lineSplitter{recordScan: recordScan{chunkReader: newChunkReader(r)}, line: 1}
}

func (s *lineSplitter) fill(b *batch) (bool, error) { return s.fillWith(b, s) }

// start skips the white space at the scan position, counting the lines it ends, and
// opens a record at the first other byte.
func (s *lineSplitter) start(b *batch) {
	c := s.chunk[s.p:s.n]
	if q := skipSpace(c); q > 0 {
		if nl := bytes.Count(c[:q], newline); nl > 0 {
			s.line += int64(nl)
			s.lead = int64(q - bytes.LastIndexByte(c[:q], '\n') - 1)
		} else {
			s.lead += int64(q)
		}
		s.p += q
		return
	}
	s.open, s.off, s.num = true, len(b.buf), s.line
	s.keep(b)
}

var newline = []byte{'\n'}

// keep adds the open record's bytes up to the end of its line or of the chunk.
func (s *lineSplitter) keep(b *batch) {
	c := s.chunk[s.p:s.n]
	i := bytes.IndexByte(c, '\n')
	if i < 0 && s.lead+int64(len(b.buf)-s.off+len(c)) > maxRecord {
		s.drop(b)
		return
	}
	if s.keepTo(b, c, i) {
		s.close(b)
		s.line++
	}
}

// close ends the open record at the end of b.buf.
func (s *lineSplitter) close(b *batch) {
	off, end := s.off, len(b.buf)
	if end > off && b.buf[end-1] == '\r' {
		end--
	}
	tooLong := s.lead+int64(end-off) > strictjson.MaxSize
	if tooLong {
		end = off
	}
	b.buf = b.buf[:end]
	b.recs = append(b.recs, record{num: s.num, off: off, end: end, tooLong: tooLong})
	s.open, s.lead = false, 0
}

// skipToEnd skips the bytes of a line over the limit up to its end, where it becomes a
// too_long record.
func (s *lineSplitter) skipToEnd(b *batch) {
	i := bytes.IndexByte(s.chunk[s.p:s.n], '\n')
	if i < 0 {
		s.p = s.n
		return
	}
	s.p += i + 1
	b.recs = append(b.recs, record{num: s.num, off: len(b.buf), end: len(b.buf), tooLong: true})
	s.skip, s.lead = false, 0
	s.line++
}

// finish ends the last line when the input does not end with a line feed.
func (s *lineSplitter) finish(b *batch) {
	switch {
	case s.open:
		s.close(b)
	case s.skip:
		b.recs = append(b.recs, record{num: s.num, off: len(b.buf), end: len(b.buf), tooLong: true})
		s.skip = false
	}
}

// skipSpace returns the number of JSON white space bytes (space, tab, line feed, carriage
// return) at the start of c, looking at eight bytes at a time.
func skipSpace(c []byte) int {
	i := 0
	for ; len(c)-i >= 8; i += 8 {
		w := ascii.Load64(c, i)
		if ascii.NonASCII(w) != 0 {
			break
		}
		ws := ascii.InRange(w, '\t', '\n') | ascii.InRange(w, '\r', '\r') | ascii.InRange(w, ' ', ' ')
		if ws != ascii.All {
			return i + bits.TrailingZeros64(^ws&ascii.All)>>3
		}
	}
	for i < len(c) && isSpace(c[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
