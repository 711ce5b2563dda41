package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
)

// CSV input (RFC 4180) is read by a reader of its own rather than encoding/csv, so that a
// row that is not well-formed costs that row alone: the reader finds where each row ends
// (a line feed outside quotes), keeping no more than one row; a worker then splits the
// row into cells and says what is wrong with it, if anything. The row's end follows
// from the quoting rules alone: a quotation mark opens a quoted cell only at the start
// of a cell, and a quoted cell ends at a quotation mark not followed by another one. So a
// stray quotation mark inside an unquoted cell spoils its row only, and an unclosed
// quoted cell runs to the next quotation mark, as the format says.

// csvState is where the row scan is.
type csvState uint8

const (
	csvCellStart csvState = iota // at the start of a cell
	csvUnquoted                  // inside a cell that does not start with a quotation mark
	csvQuoted                    // inside a quoted cell
	csvQuote                     // just after a quotation mark inside a quoted cell
)

// csvSplitter splits CSV into rows: the first row that is not blank is the header, each
// other one a record, numbered from 1. Blank lines (white space alone) are skipped and
// not counted; a UTF-8 byte order mark at the start is skipped.
type csvSplitter struct {
	recordScan
	started   bool
	st        csvState
	skipBlank bool // the skipped row is white space so far
	rows      int64

	wantHeader bool
	head       []byte
	headLong   bool
}

func newCSVSplitter(r io.Reader) *csvSplitter {
	return &csvSplitter{recordScan: recordScan{chunkReader: newChunkReader(r)}}
}

// header reads the header row; it returns nil for an input without one (empty, or blank
// lines only).
func (s *csvSplitter) header() ([]byte, error) {
	s.wantHeader = true
	var b batch // of size 0: full, so fill returns, at the end of every row
	for s.wantHeader {
		more, err := s.fill(&b)
		if err != nil {
			return nil, err
		}
		if s.headLong {
			return nil, errors.New("the header row is longer than 1 MiB")
		}
		if !more {
			break
		}
	}
	s.wantHeader = false
	return s.head, nil
}

// readFirst reads the first chunk, at least three bytes unless the input is shorter, and
// skips a byte order mark.
func (s *csvSplitter) readFirst() {
	s.started = true
	n, err := io.ReadAtLeast(s.r, s.chunk, 3)
	s.p, s.n = 0, n
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		s.eof = true
	case err != nil:
		s.eof, s.err = true, err
	}
	if bytes.HasPrefix(s.chunk[:n], []byte("\xef\xbb\xbf")) {
		s.p = 3
	}
}

func (s *csvSplitter) fill(b *batch) (bool, error) {
	if !s.started {
		s.readFirst()
	}
	return s.fillWith(b, s)
}

// start skips blank lines at the scan position and opens a row at the first line that
// is not blank, or at white space whose line has not ended within the chunk.
func (s *csvSplitter) start(b *batch) {
	c := s.chunk[s.p:s.n]
	if nl := bytes.LastIndexByte(c[:skipSpace(c)], '\n'); nl >= 0 {
		s.p += nl + 1
		return
	}
	s.open, s.off, s.st = true, len(b.buf), csvCellStart
	s.keep(b)
}

// keep adds the open row's bytes up to its end or the end of the chunk.
func (s *csvSplitter) keep(b *batch) {
	c := s.chunk[s.p:s.n]
	i := s.rowEnd(c)
	if i < 0 && len(b.buf)-s.off+len(c) > maxRecord {
		s.skipBlank = skipSpace(b.buf[s.off:]) == len(b.buf)-s.off && skipSpace(c) == len(c)
		s.drop(b)
		if s.wantHeader && !s.skipBlank {
			s.headLong = true // no need to read to its end: the input is refused
			s.wantHeader = false
		}
		return
	}
	if s.keepTo(b, c, i) {
		s.close(b)
	}
}

// close ends the open row at the end of b.buf: a blank line is dropped, the first row is
// the header, any other row a record.
func (s *csvSplitter) close(b *batch) {
	end := len(b.buf)
	if end > s.off && b.buf[end-1] == '\r' {
		end--
	}
	row := b.buf[s.off:end]
	s.open = false
	switch {
	case skipSpace(row) == len(row):
		b.buf = b.buf[:s.off]
	case s.wantHeader:
		s.head = bytes.Clone(row)
		s.wantHeader = false
		b.buf = b.buf[:s.off]
	default:
		s.rows++
		b.buf = b.buf[:end]
		b.recs = append(b.recs, record{num: s.rows, off: s.off, end: end})
	}
}

// skipToEnd skips the bytes of a row over the limit up to its end, where it becomes a
// too_long record (or nothing, for a line of white space alone).
func (s *csvSplitter) skipToEnd(b *batch) {
	c := s.chunk[s.p:s.n]
	i := s.rowEnd(c)
	seg := c
	if i >= 0 {
		seg = c[:i]
	}
	if s.skipBlank && skipSpace(seg) != len(seg) {
		s.skipBlank = false
	}
	if i < 0 {
		s.p = s.n
		return
	}
	s.p += i + 1
	s.endSkip(b)
}

func (s *csvSplitter) endSkip(b *batch) {
	s.skip = false
	switch {
	case s.skipBlank:
	case s.wantHeader:
		s.headLong = true
		s.wantHeader = false
	default:
		s.rows++
		b.recs = append(b.recs, record{num: s.rows, off: len(b.buf), end: len(b.buf), tooLong: true})
	}
}

// finish ends the last row when the input does not end with a line feed (or ends inside
// a quoted cell, which the row's check reports).
func (s *csvSplitter) finish(b *batch) {
	switch {
	case s.open:
		s.close(b)
	case s.skip:
		s.endSkip(b)
	}
}

// rowEnd scans c, which continues the open row from state s.st, and returns the index of
// the line feed that ends the row, or -1 when the row goes on past c. Searches for the
// bytes that matter (line feed, quotation mark) look at many bytes at a time.
func (s *csvSplitter) rowEnd(c []byte) int {
	i := 0
	for i < len(c) {
		switch s.st {
		case csvCellStart:
			if c[i] == '"' {
				s.st = csvQuoted
				i++
				continue
			}
			s.st = csvUnquoted
		case csvUnquoted:
			rest := c[i:]
			nl := bytes.IndexByte(rest, '\n')
			seg := rest
			if nl >= 0 {
				seg = rest[:nl]
			}
			q := bytes.IndexByte(seg, '"')
			if q < 0 {
				if nl >= 0 {
					s.st = csvCellStart
					return i + nl
				}
				if seg[len(seg)-1] == ',' {
					s.st = csvCellStart
				}
				return -1
			}
			if q > 0 && seg[q-1] == ',' {
				s.st = csvQuoted // a quoted cell starts after the comma
			} // else a quotation mark inside an unquoted cell: the row's check reports it
			i += q + 1
		case csvQuoted:
			q := bytes.IndexByte(c[i:], '"')
			if q < 0 {
				return -1
			}
			i += q + 1
			s.st = csvQuote
		case csvQuote:
			switch c[i] {
			case '"':
				s.st = csvQuoted // an escaped quotation mark
			case ',':
				s.st = csvCellStart
			case '\n':
				s.st = csvCellStart
				return i
			default:
				s.st = csvUnquoted // a carriage return before the line feed, or a character the row's check reports
			}
			i++
		}
	}
	return -1
}

// csvMembers returns the members a CSV header may name for the kind, besides metadata
// keys, or nil for a kind that -csv does not read.
func csvMembers(kind string) []string {
	switch kind {
	case "customer-create":
		return []string{"external_reference", "name", "email", "phone", "currency", "balance"}
	case "account-create":
		return []string{"customer", "external_reference", "name", "currency", "balance"}
	}
	return nil
}

// csvColumn is one column of a CSV input.
type csvColumn struct {
	member  []byte // `"name":`, the member (or metadata key) the column's cells are written as
	meta    bool   // a metadata key
	balance bool   // the balance: an integer cell is written as a JSON number
}

// csvLayout is what the header of a CSV input says.
type csvLayout struct{ cols []csvColumn }

const metaPrefix = "metadata."

// newCSVLayout reads a header row: each cell names a member of the kind's request or a
// metadata key as metadata.KEY. An unknown or repeated name, or a key that breaks the key
// rules, is an error that names it.
func newCSVLayout(k kind, head []byte) (*csvLayout, error) {
	var row csvRow
	if p := row.split(head); p != "" {
		return nil, fmt.Errorf("the header row is not well-formed CSV: %s", p)
	}
	members := csvMembers(k.name)
	limits := metadata.CustomerLimits()
	if k.name == "account-create" {
		limits = metadata.AccountLimits()
	}
	lay := &csvLayout{}
	seen := map[string]bool{}
	for j := range row.cells {
		name := string(row.cell(j))
		if seen[name] {
			return nil, fmt.Errorf("repeated header %q: each member or metadata key has one column", name)
		}
		seen[name] = true
		switch {
		case slices.Contains(members, name):
			lay.cols = append(lay.cols, csvColumn{member: memberName(name), balance: name == "balance"})
		case strings.HasPrefix(name, metaPrefix):
			key := name[len(metaPrefix):]
			if err := limits.Validate(map[string]string{key: "x"}); err != nil {
				e := report.Errs(err)[0]
				return nil, fmt.Errorf("header %q: the metadata key %s: %s", name, e.Code, e.Message)
			}
			lay.cols = append(lay.cols, csvColumn{member: memberName(key), meta: true})
		default:
			return nil, fmt.Errorf("unknown header %q: want %s, or metadata.KEY", name, strings.Join(members, ", "))
		}
	}
	return lay, nil
}

func memberName(name string) []byte {
	return append(appendRawString(nil, []byte(name)), ':')
}

// csvRow is a worker's scratch for one row: its cells, unquoted, and the JSON document
// made of them.
type csvRow struct {
	buf   []byte // the cells' bytes, one after the other
	cells []int  // where each cell ends in buf
	doc   []byte
}

// cell returns cell j of the row last split.
func (r *csvRow) cell(j int) []byte {
	start := 0
	if j > 0 {
		start = r.cells[j-1]
	}
	return r.buf[start:r.cells[j]]
}

// split splits a row (without its line ending) into cells, and returns what is wrong
// with it when it is not well-formed CSV.
func (r *csvRow) split(row []byte) string {
	r.buf, r.cells = r.buf[:0], r.cells[:0]
	i := 0
	for col := 1; ; col++ {
		if i < len(row) && row[i] == '"' {
			i++
			for {
				q := bytes.IndexByte(row[i:], '"')
				if q < 0 {
					return fmt.Sprintf("cell %d opens a quotation mark that is never closed", col)
				}
				r.buf = append(r.buf, row[i:i+q]...)
				i += q + 1
				if i < len(row) && row[i] == '"' {
					r.buf = append(r.buf, '"')
					i++
					continue
				}
				break
			}
			r.cells = append(r.cells, len(r.buf))
			if i == len(row) {
				return ""
			}
			if row[i] != ',' {
				return fmt.Sprintf("cell %d has characters after its closing quotation mark", col)
			}
			i++
			continue
		}
		end := len(row)
		if j := bytes.IndexByte(row[i:], ','); j >= 0 {
			end = i + j
		}
		if bytes.IndexByte(row[i:end], '"') >= 0 {
			return fmt.Sprintf(`cell %d holds a quotation mark but does not start with one (quote the cell and write the mark as "")`, col)
		}
		r.buf = append(r.buf, row[i:end]...)
		r.cells = append(r.cells, len(r.buf))
		if end == len(row) {
			return ""
		}
		i = end + 1
	}
}

// document splits a data row and writes it as the JSON document of its request: the
// members with a cell that is not empty, in the order of the columns, the metadata keys
// together as one metadata object where the first of them is. Cells are written as JSON
// strings byte for byte (invalid UTF-8 included, for the member's rule to report), except
// a balance in JSON integer syntax, written as a number. A row that is not well-formed, or
// has a number of cells other than the header's, is invalid_format of the whole record.
func (r *csvRow) document(lay *csvLayout, row []byte) ([]byte, error) {
	if p := r.split(row); p != "" {
		return nil, report.Loc{}.Fail(billing.CodeInvalidFormat, "is not well-formed CSV: "+p)
	}
	if len(r.cells) != len(lay.cols) {
		return nil, report.Loc{}.Fail(billing.CodeInvalidFormat,
			fmt.Sprintf("has %d cells, but the header has %d", len(r.cells), len(lay.cols)))
	}
	d := append(r.doc[:0], '{')
	comma, metaDone := false, false
	for j, c := range lay.cols {
		v := r.cell(j)
		if len(v) == 0 || c.meta && metaDone {
			continue
		}
		if comma {
			d = append(d, ',')
		}
		comma = true
		switch {
		case c.meta:
			metaDone = true
			d = append(d, `"metadata":{`...)
			for jj := j; jj < len(lay.cols); jj++ {
				if v := r.cell(jj); lay.cols[jj].meta && len(v) > 0 {
					if jj > j {
						d = append(d, ',')
					}
					d = append(d, lay.cols[jj].member...)
					d = appendRawString(d, v)
				}
			}
			d = append(d, '}')
		case c.balance && isJSONInteger(v):
			d = append(d, c.member...)
			d = append(d, v...)
		default:
			d = append(d, c.member...)
			d = appendRawString(d, v)
		}
		if len(d) > strictjson.MaxSize {
			break // the reader reports too_long before anything else
		}
	}
	d = append(d, '}')
	r.doc = d
	return d, nil
}

// isJSONInteger reports whether v is an integer in JSON syntax: -?(0|[1-9][0-9]*).
func isJSONInteger(v []byte) bool {
	if len(v) > 0 && v[0] == '-' {
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 1 && v[0] == '0' {
		return false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// appendRawString appends s as a JSON string, escaping the quotation mark, the backslash
// and the control characters below U+0020, and writing every other byte as it is: unlike
// an encoder of valid text, it keeps invalid UTF-8, so that the member's rule reads the
// cell exactly as it was.
func appendRawString(b, s []byte) []byte {
	b = append(b, '"')
	start := 0
	for i, c := range s {
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigit[c>>4], hexDigit[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigit = "0123456789abcdef"
