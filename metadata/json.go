package metadata

import "github.com/tallykit/billing/internal/strictjson"

// MarshalJSON writes m as a JSON object with its keys in sorted order, escaping what
// encoding/json escapes (quotes, backslashes, control characters, <, >, &, U+2028,
// U+2029), so its output is byte for byte what json.Marshal writes for m.Map(), and what
// the customer and account documents write for their metadata. The zero Metadata is
// written {}. It never fails.
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
		b = appendKey(b, i, e.key)
		b = strictjson.AppendString(b, e.value)
	}
	return append(b, '}')
}

// appendKey appends what comes before the value of the i-th member (from 0) of an object:
// the comma after the member before it, and the member's name as a JSON string and a colon.
func appendKey(b []byte, i int, key string) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	b = strictjson.AppendString(b, key)
	return append(b, ':')
}

// UnmarshalJSON reads a JSON object with [Decode] under [CustomerLimits], the loosest of
// the named limits, so that any metadata the API accepts reads back; check a Metadata
// against an entity's own limits with [Limits.ValidateMetadata]. The literal null leaves m
// unchanged, as encoding/json expects. On failure m is unchanged and the error is the
// billing.Errors of Decode, at "metadata" and "metadata.<key>".
func (m *Metadata) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(m, data, decodeCustomer)
}

// decodeCustomer is Decode under CustomerLimits, the reader of UnmarshalJSON and Scan.
func decodeCustomer(data []byte) (Metadata, error) { return Decode(data, CustomerLimits()) }
