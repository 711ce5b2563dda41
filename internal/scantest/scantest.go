// Package scantest holds the property every sql.Scanner of the module's value types keeps,
// whatever column a driver hands it: Scan never panics; it either fails with a
// billing.Errors, at the place of the value, and leaves the value as it was, or it reads a
// value that Value writes back as it was read. The fuzz targets of the value packages
// check it on every kind of source built from their input.
package scantest

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	billing "github.com/tallykit/billing"
)

// Sources returns a source of each kind database/sql hands a Scanner, built from the fuzz
// input data and n: data as string and as []byte, n as int64, float64 and bool, a
// time.Time, and nil (SQL NULL).
func Sources(data []byte, n int64) []any {
	return []any{
		string(data),
		bytes.Clone(data),
		n,
		float64(n),
		n%2 == 0,
		time.Unix(n%(1<<40), 0).UTC(),
		nil,
	}
}

// Scanner is a value type T whose pointer is a sql.Scanner, and whose value is a
// driver.Valuer.
type Scanner[T any] interface {
	*T
	sql.Scanner
	driver.Valuer
}

// Text checks Scan of a T whose column is text: on success, Value returns the very string
// that was read (src itself, or its bytes as a string), even after the driver reuses the
// bytes. at is the JSON Pointer of the value's place ("/phone"), where every failure must be.
func Text[T any, P Scanner[T]](t testing.TB, at string, src any) {
	t.Helper()
	if _, read, w, ok := scan[T, P](t, at, src); ok {
		if s, isString := w.(string); !isString || s != read {
			t.Fatalf("Scan(%q) then Value() = %#v: a value must be written as it was read", read, w)
		}
	}
}

// Document checks Scan of a T whose column is a JSON document (json, jsonb), which a
// database may store in another form than it was written: on success, what Value writes
// scans back to a T that equal reports equal to the one read. at is as for [Text].
func Document[T any, P Scanner[T]](t testing.TB, at string, src any, equal func(a, b T) bool) {
	t.Helper()
	if v, read, w, ok := scan[T, P](t, at, src); ok {
		var back T
		if err := P(&back).Scan(w); err != nil {
			t.Fatalf("Scan(%q) then Value() = %#v, which does not scan back: %v", read, w, err)
		}
		if !equal(v, back) {
			t.Fatalf("Scan(%q) then Value() = %#v scans back to another value", read, w)
		}
	}
}

// scan scans src into a zero T and checks what every Scan keeps: a failure is a
// billing.Errors at or under at that leaves the T zero (see failed); a success reads a text
// column, and Value of the value read succeeds, once the driver has reused the bytes of a
// []byte src. It returns the value, the text read, what Value wrote, and whether Scan
// succeeded.
func scan[T any, P Scanner[T]](t testing.TB, at string, src any) (v T, read string, w driver.Value, ok bool) {
	t.Helper()
	read, isText := text(src)
	err := P(&v).Scan(src)
	if err != nil {
		failed(t, at, src, err, &v)
		return v, read, nil, false
	}
	if !isText {
		t.Fatalf("Scan(%T) succeeded: only text columns hold a value", src)
	}
	if b, isBytes := src.([]byte); isBytes {
		clear(b) // the driver reuses its buffer
	}
	w, err = P(&v).Value()
	if err != nil {
		t.Fatalf("Scan(%q) succeeded but Value fails: %v", read, err)
	}
	return v, read, w, true
}

// text returns the string a text column src holds.
func text(src any) (string, bool) {
	switch s := src.(type) {
	case string:
		return s, true
	case []byte:
		return string(s), true
	}
	return "", false
}

// failed checks that err, the failure of Scan(src), is a billing.Errors whose failures are
// all at or under at, that NULL and the sources that are not text are refused for what
// they are, and that the value scanned into, v, was left as it was: zero.
func failed(t testing.TB, at string, src any, err error, v any) {
	t.Helper()
	if !reflect.ValueOf(v).Elem().IsZero() {
		t.Fatalf("Scan(%#v) failed but changed the value: %v", src, err)
	}
	var es billing.Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("Scan(%#v) failed with %T %v, not a billing.Errors", src, err, err)
	}
	for _, e := range es {
		if e.Pointer != at && !strings.HasPrefix(e.Pointer, at+"/") {
			t.Fatalf("Scan(%#v): failure at %q, outside %q: %v", src, e.Pointer, at, e)
		}
	}
	if _, isText := text(src); !isText {
		want := billing.CodeInvalidType
		if src == nil {
			want = billing.CodeRequired
		}
		if len(es) != 1 || es[0].Code != want || es[0].Pointer != at {
			t.Fatalf("Scan(%#v) = %v, want one %s at %q", src, err, want, at)
		}
	}
}

// Refuses checks that scanning the bad column src into a T that holds keep fails with
// failures of code, the first at the place at (a JSON Pointer) and named by the error's
// text, and leaves keep as it was: a bad column is refused, never read as another value.
func Refuses[T any, P Scanner[T]](t testing.TB, keep T, src any, at string, code billing.Code) {
	t.Helper()
	v := keep
	err := P(&v).Scan(src)
	var es billing.Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("Scan(%q) = %v, want a billing.Errors", src, err)
	}
	if es[0].Code != code || es[0].Pointer != at {
		t.Fatalf("Scan(%q) = %v, want %s at %q", src, err, code, at)
	}
	if field := es[0].Field; !strings.Contains(err.Error(), field+": ") {
		t.Fatalf("Scan(%q): the error %q does not name %q", src, err, field)
	}
	if !reflect.DeepEqual(v, keep) {
		t.Fatalf("Scan(%q) failed but changed the value", src)
	}
}
