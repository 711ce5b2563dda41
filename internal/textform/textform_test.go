package textform_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/textform"
)

// word is a value of one lower-case ASCII word, the simplest type a Form serves.
type word struct{ s string }

var at = report.At("word")

func parseWord(s string) (word, error) {
	switch {
	case s == "":
		return word{}, at.Fail(billing.CodeRequired, "must be given")
	case strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") != "":
		return word{}, at.Fail(billing.CodeInvalidFormat, "must be a word")
	}
	return word{s}, nil
}

var form = func() *textform.Form[word] {
	f := textform.New(at, parseWord, "test.Word", "word")
	f.Limit, f.TooLong = 8, "too long"
	return f
}()

func code(t *testing.T, err error) billing.Code {
	t.Helper()
	if err == nil {
		return ""
	}
	var es billing.Errors
	require.True(t, errors.As(err, &es), "%T %v", err, err)
	require.Len(t, es, 1)
	assert.Equal(t, "/word", es[0].Pointer)
	return es[0].Code
}

func TestNewMessages(t *testing.T) {
	assert.Equal(t, "is the zero Word, which is no word and has no encoded form: "+
		"say there is none with a nil *test.Word, sql.Null[test.Word] or omitzero", form.Zero)
	assert.Equal(t, "is NULL: scan a nullable column into a sql.Null[test.Word] or a *test.Word", form.Null)
}

func TestEncoders(t *testing.T) {
	b, err := form.AppendText([]byte("x:"), "abc")
	require.NoError(t, err)
	assert.Equal(t, "x:abc", string(b))
	b, err = form.AppendText([]byte("kept"), "")
	assert.Equal(t, billing.CodeRequired, code(t, err))
	assert.Equal(t, "kept", string(b))

	j, err := form.JSON("abc")
	require.NoError(t, err)
	assert.Equal(t, `"abc"`, string(j))
	_, err = form.JSON("")
	assert.Equal(t, billing.CodeRequired, code(t, err))

	v, err := form.Value("abc")
	require.NoError(t, err)
	assert.Equal(t, "abc", v)
	v, err = form.Value("")
	assert.Equal(t, billing.CodeRequired, code(t, err))
	assert.Nil(t, v)
}

func TestDecoders(t *testing.T) {
	keep := word{"keep"}
	tests := []struct {
		name string
		read func(*word) error
		want billing.Code // "" when it reads "abc"
	}{
		{"text", func(w *word) error { return form.ReadText(w, []byte("abc")) }, ""},
		{"empty text", func(w *word) error { return form.ReadText(w, nil) }, billing.CodeRequired},
		{"text over the limit", func(w *word) error { return form.ReadText(w, []byte("abcdefghi")) }, billing.CodeTooLong},
		{"JSON", func(w *word) error { return form.ReadJSON(w, []byte(` "abc" `)) }, ""},
		{"JSON escaped", func(w *word) error { return form.ReadJSON(w, []byte(`"\u0061bc"`)) }, ""},
		{"JSON number", func(w *word) error { return form.ReadJSON(w, []byte(`12`)) }, billing.CodeInvalidType},
		{"not JSON", func(w *word) error { return form.ReadJSON(w, []byte(`"ab`)) }, billing.CodeInvalidJSON},
		{"JSON empty", func(w *word) error { return form.ReadJSON(w, []byte(`""`)) }, billing.CodeRequired},
		{"JSON over the limit", func(w *word) error { return form.ReadJSON(w, []byte(`"abcdefghi"`)) }, billing.CodeTooLong},
		{"column string", func(w *word) error { return form.Set(w, form.Column("abc")) }, ""},
		{"column bytes", func(w *word) error { return form.Set(w, form.Column([]byte("abc"))) }, ""},
		{"column bytes over the limit", func(w *word) error { return form.Set(w, form.Column([]byte("abcdefghi"))) }, billing.CodeTooLong},
		{"column NULL", func(w *word) error { return form.Set(w, form.Column(nil)) }, billing.CodeRequired},
		{"column int64", func(w *word) error { return form.Set(w, form.Column(int64(1))) }, billing.CodeInvalidType},
		{"column time", func(w *word) error { return form.Set(w, form.Column(time.Time{})) }, billing.CodeInvalidType},
		{"column bad", func(w *word) error { return form.Set(w, form.Column("ab c")) }, billing.CodeInvalidFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := keep
			err := tt.read(&w)
			assert.Equal(t, tt.want, code(t, err))
			if tt.want == "" {
				assert.Equal(t, word{"abc"}, w)
			} else {
				assert.Equal(t, keep, w, "a failure leaves the value unchanged")
			}
		})
	}

	// JSON null leaves the value as it was.
	w := keep
	require.NoError(t, form.ReadJSON(&w, []byte(" null ")))
	assert.Equal(t, keep, w)

	// A column of another type is named.
	err := form.Set(&w, form.Column(1.5))
	assert.Contains(t, err.Error(), "not as float64")

	// The bytes of a column are copied.
	b := []byte("abc")
	require.NoError(t, form.Set(&w, form.Column(b)))
	b[0] = 'x'
	assert.Equal(t, word{"abc"}, w)
}
