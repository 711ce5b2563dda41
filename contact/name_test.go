package contact_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
)

func TestParseNameValid(t *testing.T) {
	tests := []string{
		"Jane Doe",
		"J",
		" Jane ",              // never trimmed
		"O'Brien-Smith, Jr.",  // ASCII punctuation
		"~!@#$%^&*()_+`{}|<>", // every printable ASCII character is allowed
		"Zoë Ångström",
		"李小龍",
		"Анна Каренина",
		"محمد",
		"שלום",
		"Ελένη",
		"😀 Party Co.",        // symbols, emoji included
		"e\u0301",            // decomposed é: accepted and kept decomposed
		"Ａｃｍｅ",               // full-width letters (no width mapping)
		"a\u00a0b",           // no-break space
		"a\u3000b",           // ideographic space
		"l\u00b7l",           // middle dot between two l (Catalan): contextual rule met
		"ශ්\u200dරී",         // zero width joiner after a virama (Sinhala): contextual rule met
		"\u30fbア",            // katakana middle dot with Japanese script
		"x\u0301\u0308",      // combining marks
		"\u2126",             // OHM SIGN, allowed, kept as sent
		"\u1112\u1161\u11ab", // 한 typed as conjoining jamo (NFD): PRECIS composes it
		"\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165", // 한국어 as macOS input sends it
		"\u1100\u1161", // 가 as two jamo
		"\uac00\u11ab", // 가 and a trailing jamo: NFC gives 간
		"Kim \u1112\u1161\u11ab-\u1100\u1161\u11bc", // mixed with ASCII
		strings.Repeat("\u1112\u1161\u11ab", 85),    // 255 code points, 85 after NFC
		strings.Repeat("a", 255),
		strings.Repeat("é", 255),
		strings.Repeat("😀", 255),
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			n, err := contact.ParseName(in)
			require.NoError(t, err)
			assert.False(t, n.IsZero())
			assert.Equal(t, in, n.String(), "the value is never changed")
		})
	}
}

func TestParseNameInvalid(t *testing.T) {
	tests := []struct {
		name, in string
		code     billing.Code
	}{
		{"empty", "", billing.CodeRequired},
		{"spaces", "   ", billing.CodeRequired},
		{"one space", " ", billing.CodeRequired},
		{"ideographic space", "\u3000", billing.CodeRequired},
		{"tab only", "\t", billing.CodeRequired}, // white space only wins over the control
		{"mixed white space", " \t\n\u00a0\u2028\u3000\u0085", billing.CodeRequired},
		{"bidi override", "\u202e", billing.CodeInvalidCharacters},
		{"bidi override inside", "Jane\u202eeoD", billing.CodeInvalidCharacters},
		{"NUL", "\u0000", billing.CodeInvalidCharacters},
		{"NUL inside", "Jane\u0000Doe", billing.CodeInvalidCharacters},
		{"tab inside", "Jane\tDoe", billing.CodeInvalidCharacters},
		{"newline inside", "Jane\nDoe", billing.CodeInvalidCharacters},
		{"DEL", "Jane\x7f", billing.CodeInvalidCharacters},
		{"C1 control", "Jane\u0085Doe", billing.CodeInvalidCharacters},
		{"lone surrogate (WTF-8)", "\xed\xa0\x80", billing.CodeInvalidCharacters},
		{"lone surrogate inside", "Jane\xed\xa0\x80", billing.CodeInvalidCharacters},
		{"invalid UTF-8", "Jane\xff", billing.CodeInvalidCharacters},
		{"invalid UTF-8 with spaces", "  \xff  ", billing.CodeInvalidCharacters},
		{"zero width space", "Ja\u200bne", billing.CodeInvalidCharacters},
		{"soft hyphen", "Ja\u00adne", billing.CodeInvalidCharacters},
		{"byte order mark", "\ufeffJane", billing.CodeInvalidCharacters},
		{"line separator inside", "Jane\u2028Doe", billing.CodeInvalidCharacters},
		{"private use", "\ue000", billing.CodeInvalidCharacters},
		{"unassigned", "\u0378", billing.CodeInvalidCharacters},
		{"noncharacter", "\uffff", billing.CodeInvalidCharacters},
		{"tag character", "\U000E0041", billing.CodeInvalidCharacters},
		{"lone leading jamo", "\u1100", billing.CodeInvalidCharacters},
		{"lone trailing jamo", "a\u11ab", billing.CodeInvalidCharacters},
		{"jamo over 255 code points", strings.Repeat("\u1112\u1161\u11ab", 86), billing.CodeTooLong}, // counted as sent
		{"no-break space only", "\u00a0", billing.CodeRequired},
		{"white space with invalid UTF-8", " \xed\xa0\x80 ", billing.CodeInvalidCharacters},
		{"lone low surrogate (WTF-8)", "\xed\xbf\xbf", billing.CodeInvalidCharacters},
		{"too long with white space only", strings.Repeat(" ", 300), billing.CodeRequired},
		{"lone zero width joiner", "a\u200d", billing.CodeInvalidCharacters},
		{"middle dot out of context", "a\u00b7b", billing.CodeInvalidCharacters},
		{"Greek ano teleia (normalises to a middle dot)", "a\u0387b", billing.CodeInvalidCharacters},
		{"mixed Arabic-Indic digits", "\u0660\u06f0", billing.CodeInvalidCharacters},
		{"256 ASCII", strings.Repeat("a", 256), billing.CodeTooLong},
		{"256 é", strings.Repeat("é", 256), billing.CodeTooLong},
		{"256 emoji", strings.Repeat("😀", 256), billing.CodeTooLong},
		{"too long with a bad character", strings.Repeat("a", 300) + "\u202e", billing.CodeInvalidCharacters},
		{"too long with invalid UTF-8", strings.Repeat("a", 300) + "\xff", billing.CodeInvalidCharacters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := contact.ParseName(tt.in)
			requireFieldError(t, err, "name", tt.code, "")
			if len(tt.in) > 1 {
				assert.NotContains(t, err.Error(), tt.in, "the message does not quote the name")
			}
			assert.True(t, n.IsZero())
		})
	}
}

func TestNameZero(t *testing.T) {
	var n contact.Name
	assert.True(t, n.IsZero())
	assert.Equal(t, "", n.String())

	// The zero Name has no encoded form.
	text, err := n.MarshalText()
	requireFieldError(t, err, "name", billing.CodeRequired, "")
	assert.Nil(t, text)
	b, err := n.AppendText([]byte("name="))
	requireFieldError(t, err, "name", billing.CodeRequired, "")
	assert.Equal(t, "name=", string(b))
	_, err = json.Marshal(struct{ Name contact.Name }{})
	assert.ErrorIs(t, err, billing.CodeRequired)
	out, err := json.Marshal(struct {
		Name contact.Name `json:"name,omitzero"`
	}{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(out))
}

func TestNameText(t *testing.T) {
	n, err := contact.ParseName("Zoë Ångström")
	require.NoError(t, err)
	text, err := n.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "Zoë Ångström", string(text))
	b, err := n.AppendText([]byte("name="))
	require.NoError(t, err)
	assert.Equal(t, "name=Zoë Ångström", string(b))

	var m contact.Name
	require.NoError(t, m.UnmarshalText(text))
	assert.Equal(t, n, m)
	require.Error(t, m.UnmarshalText([]byte("\u202e")))
	assert.Equal(t, n, m, "a failed UnmarshalText leaves the value alone")
	requireFieldError(t, m.UnmarshalText(nil), "name", billing.CodeRequired, "")

	out, err := json.Marshal(map[string]contact.Name{"name": n})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Zoë Ångström"}`, string(out))
	v := struct {
		Name contact.Name `json:"name"`
	}{n}
	require.NoError(t, json.Unmarshal([]byte(`{"name":null}`), &v))
	assert.Equal(t, n, v.Name, "null leaves the value alone")
	requireFieldError(t, json.Unmarshal([]byte(`{"name":"  "}`), &v), "name", billing.CodeRequired, "")
	assert.Equal(t, n, v.Name)
}
