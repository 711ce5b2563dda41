package billingtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
)

// member is one member of a JSON object: its name and its value as JSON.
type member struct {
	name  string
	value []byte
}

// object is a JSON object as its members in document order, so that a mutation keeps the
// order (which decides the order of failures) and may repeat a member.
type object []member

// parseObject reads data, one JSON object, into its members, each value kept as it is
// written.
func parseObject(data []byte) (object, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var o object
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, ok := tok.(string)
		if !ok {
			return nil, errors.New("not a JSON object")
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, v); err != nil {
			return nil, err
		}
		o = append(o, member{name, compact.Bytes()})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON object")
	}
	return o, nil
}

// encode writes o as compact JSON.
func (o object) encode() []byte {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, m.name)
		b = append(b, ':')
		b = append(b, m.value...)
	}
	return append(b, '}')
}

// index returns the position of the first member named name, or -1.
func (o object) index(name string) int {
	for i, m := range o {
		if m.name == name {
			return i
		}
	}
	return -1
}

// has reports whether o has a member named name whose value is not null.
func (o object) has(name string) bool {
	i := o.index(name)
	return i >= 0 && string(o[i].value) != "null"
}

// set sets the value of the member named name, in its place, or adds the member last.
func (o *object) set(name string, value []byte) {
	if i := o.index(name); i >= 0 {
		(*o)[i].value = value
		return
	}
	*o = append(*o, member{name, value})
}

// remove removes every member named name.
func (o *object) remove(name string) {
	out := (*o)[:0]
	for _, m := range *o {
		if m.name != name {
			out = append(out, m)
		}
	}
	*o = out
}

// appendString appends s as a JSON string, escaping what JSON requires and nothing else;
// bytes that are not valid UTF-8 are kept as they are (a mutation may want them).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// jsonString returns s as a JSON string.
func jsonString(s string) []byte { return appendString(nil, s) }

// jsonInt returns n as a JSON number.
func jsonInt(n int64) []byte { return strconv.AppendInt(nil, n, 10) }
