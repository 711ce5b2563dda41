package metadata

import (
	"unicode/utf8"
)

// MarshalJSON writes m as a JSON object with its keys in sorted order, escaping what
// encoding/json escapes (quotes, backslashes, control characters, <, >, &, U+2028,
// U+2029), so its output is byte for byte what json.Marshal writes for m.Map(). The zero
// Metadata is {}.
func (m Metadata) MarshalJSON() ([]byte, error) {
	return m.appendJSON(nil), nil
}

func (m Metadata) appendJSON(b []byte) []byte {
	size := 2
	for _, e := range m.entries {
		size += len(e.key) + len(e.value) + 6
	}
	if b == nil {
		b = make([]byte, 0, size)
	}
	b = append(b, '{')
	for i, e := range m.entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, e.key)
		b = append(b, ':')
		b = appendString(b, e.value)
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s, valid UTF-8, as a JSON string.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
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
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// UnmarshalJSON reads a JSON object with [Parse] under [CustomerLimits], the loosest of
// the named limits, so that any metadata the API accepts reads back; an entity parser
// applies its own Limits with Parse, or checks a Metadata with [Limits.ValidateMetadata].
// The literal null leaves m unchanged, as encoding/json expects. On failure m is unchanged
// and the error is a billing.Errors with paths under "metadata".
func (m *Metadata) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	md, err := Parse(data, CustomerLimits())
	if err != nil {
		return err
	}
	*m = md
	return nil
}
