package metadata

import (
	"slices"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/strictjson"
)

// span locates a key and its value in the buffer Parse fills.
type span struct{ keyEnd, valueEnd int32 }

// Parse reads a JSON object of string values and checks it against l, reporting every
// failure of the document in one billing.Errors, in document order:
//
//   - too_many_keys at "metadata" when the object has more than l.MaxKeys distinct keys,
//     first, while every entry is still checked;
//   - at "metadata.<key>" (the key appended as it is, "metadata." for an empty key):
//     duplicate_field for a key given twice, the key rules (invalid_key, key_too_long),
//     invalid_type for a value that is not a string (null included), then the value rules
//     (required, invalid_characters, too_long), the first that applies;
//   - at "metadata", alone: invalid_type when data is well-formed JSON but not an object,
//     invalid_json when it is not well-formed, too_long over 1 MiB.
//
// A lone surrogate escape ("\ud800") counts as invalid UTF-8. The literal null gives the
// zero Metadata and no error. On failure Parse returns the zero Metadata.
//
// Document parsers call Parse on the raw bytes of their metadata member and add the
// failures, whose paths already start with "metadata", under their own prefix.
func Parse(data []byte, l Limits) (Metadata, error) {
	if strictjson.IsNull(data) {
		return Metadata{}, nil
	}
	var (
		buf   []byte // keys and values, one after the other
		spans []span
		stack [24]span
		n     int // distinct keys
		bad   bool
	)
	spans = stack[:0]
	err := strictjson.Decode(data, Path, func(o strictjson.Object) {
		for o.Next() {
			n++
			if l.tooMany(n) {
				bad = true // the result is an error: keep checking, stop collecting
			}
			key := o.NameBytes()
			if c, msg := checkKey(key, l.MaxKeyLength); c != "" {
				o.Fail(c, msg)
				o.Skip()
				bad = true
				continue
			}
			value, ok := o.StringBytes()
			if !ok {
				bad = true
				continue
			}
			if c, msg := checkValue(value, l.MaxValueLength); c != "" {
				o.Fail(c, msg)
				bad = true
				continue
			}
			if !bad {
				if buf == nil {
					buf = make([]byte, 0, len(data)) // decoded keys and values are never longer
				}
				buf = append(buf, key...)
				keyEnd := int32(len(buf))
				buf = append(buf, value...)
				spans = append(spans, span{keyEnd: keyEnd, valueEnd: int32(len(buf))})
			}
		}
	})
	if l.tooMany(n) {
		errs := billing.AsErrors(err)
		if len(errs) == 0 || errs[0].Field != Path { // not a failure of the whole document
			out := make(billing.Errors, 0, len(errs)+1)
			out = append(out, billing.NewFieldError(Path, billing.CodeTooManyKeys, l.tooManyMessage(n)))
			err = append(out, errs...)
		}
	}
	if err != nil || bad {
		if err == nil { // cannot happen: every bad entry recorded a failure
			err = billing.Errors{billing.NewFieldError(Path, billing.CodeInvalidType, msgValueType)}
		}
		return Metadata{}, err
	}
	if len(spans) == 0 {
		return Metadata{}, nil
	}
	all := string(buf) // one allocation for every key and value
	entries := make([]entry, len(spans))
	start := int32(0)
	for i, s := range spans {
		entries[i] = entry{key: all[start:s.keyEnd], value: all[s.keyEnd:s.valueEnd]}
		start = s.valueEnd
	}
	slices.SortFunc(entries, compareEntries)
	return Metadata{entries: entries}, nil
}
