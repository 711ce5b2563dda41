package scantest_test

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/scantest"
)

// recorder is a testing.TB that records the first Fatalf instead of ending the test.
type recorder struct {
	testing.TB
	msg string
}

type stop struct{}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	panic(stop{})
}

// failure runs check against a recorder and returns what it reported, "" for nothing.
func failure(check func(t testing.TB)) (msg string) {
	r := &recorder{}
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(stop); !ok {
				panic(v)
			}
			msg = r.msg
		}
	}()
	check(r)
	return ""
}

var at = report.At("word")

// word is a well-behaved text type: Scan reads a string or []byte column of lower-case
// letters and Value writes it back.
type word struct{ s string }

func (w *word) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		return at.Fail(billing.CodeRequired, "is NULL")
	default:
		return at.Fail(billing.CodeInvalidType, "must be text")
	}
	if s == "" || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") != "" {
		return at.Fail(billing.CodeInvalidFormat, "must be a word")
	}
	w.s = s
	return nil
}

func (w word) Value() (driver.Value, error) { return w.s, nil }

// trimmed trims what it reads: a value it writes differs from the text read.
type trimmed struct{ word }

func (w *trimmed) Scan(src any) error {
	if s, ok := src.(string); ok {
		src = strings.TrimSpace(s)
	}
	return w.word.Scan(src)
}

// aliasing keeps the driver's bytes.
type aliasing struct{ b []byte }

func (w *aliasing) Scan(src any) error {
	if b, ok := src.([]byte); ok && len(b) > 0 {
		w.b = b
		return nil
	}
	return at.Fail(billing.CodeInvalidFormat, "must be bytes")
}

func (w aliasing) Value() (driver.Value, error) { return string(w.b), nil }

// sloppy fails with a plain error and half-sets the value.
type sloppy struct{ s string }

func (w *sloppy) Scan(src any) error {
	w.s = "half"
	return fmt.Errorf("cannot scan %v", src)
}

func (w sloppy) Value() (driver.Value, error) { return w.s, nil }

func TestText(t *testing.T) {
	for _, src := range scantest.Sources([]byte("word"), 3) {
		assert.Empty(t, failure(func(t testing.TB) { scantest.Text[word](t, "/word", src) }), "%#v", src)
	}
	assert.Contains(t, failure(func(t testing.TB) { scantest.Text[trimmed](t, "/word", " word") }), "written as it was read")
	assert.Contains(t, failure(func(t testing.TB) { scantest.Text[aliasing](t, "/word", []byte("word")) }), "written as it was read")
	assert.Contains(t, failure(func(t testing.TB) { scantest.Text[sloppy](t, "/word", "x") }), "changed the value")
	assert.Contains(t, failure(func(t testing.TB) { scantest.Text[word](t, "/other", "WORD") }), "outside")
}

func TestRefuses(t *testing.T) {
	keep := word{"keep"}
	assert.Empty(t, failure(func(t testing.TB) { scantest.Refuses(t, keep, "WORD", "/word", billing.CodeInvalidFormat) }))
	assert.Contains(t, failure(func(t testing.TB) { scantest.Refuses(t, keep, "word", "/word", billing.CodeInvalidFormat) }), "want a billing.Errors")
	assert.Contains(t, failure(func(t testing.TB) { scantest.Refuses(t, keep, "WORD", "/word", billing.CodeTooLong) }), "want too_long")
}
