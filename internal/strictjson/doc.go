// Package strictjson is the strict JSON reader behind every document parser of the
// module (metadata, customer, account). It reads a document in one pass over its bytes,
// without reflection, and reports what encoding/json lets through: members given twice,
// members the document does not define, values of the wrong type, integers written as
// floats, integers out of range (without going through float64), and strings that are
// not valid UTF-8, which it hands over byte for byte instead of replacing them, so each
// field's rule reports its own code.
//
// # Using it
//
// A document parser passes a function to [Decode]; it gets the top-level [Object], steps
// through its members with Next, switches on the name, and reads each value once. Reading
// a value of the wrong kind records invalid_type at the member's path by itself; the
// caller records its own rule's failures with Fail, FailErr, AddUnder or AddAt, and Decode
// returns them all, in document order, at most one per path:
//
//	type point struct {
//		x, y  int64
//		label string
//		hasY  bool
//	}
//
//	func parsePoint(data []byte) (point, error) {
//		var p point
//		err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
//			for o.Next() {
//				switch string(o.NameBytes()) { // no allocation
//				case "x":
//					p.x, _ = o.Int(-100, 100) // records invalid_type / out_of_range itself
//				case "y":
//					if o.Null() { // null means absent
//						break
//					}
//					p.y, p.hasY = o.Int(-100, 100)
//				case "label":
//					if s, ok := o.String(); ok {
//						if s == "" {
//							o.Fail(billing.CodeRequired, "must not be empty")
//						}
//						p.label = s
//					}
//				case "metadata": // parsed on its own; its paths start with "metadata"
//					if o.Null() {
//						break
//					}
//					if raw, ok := o.Raw(); ok {
//						md, err := metadata.Decode(raw, metadata.CustomerLimits())
//						o.AddUnder(o.Prefix(), err) // in this member's place, in their order
//						_ = md
//					}
//				default:
//					o.Unknown() // unknown_field; leaving the value unread does the same
//				}
//			}
//			if !p.hasY && !o.Failed("y") { // absent members come after the others
//				o.AddAt(o.Prefix().Member("y"), billing.CodeRequired, "is required")
//			}
//		})
//		if err != nil {
//			return point{}, err
//		}
//		return p, nil
//	}
//
// A nested object is read the same way: sub, ok := o.Object(), then for sub.Next() { … };
// its members' paths are "member.name". What the caller leaves unread of an object is
// unknown_field, and the reader finishes it itself before moving on. A duplicate member
// never reaches the caller: Next records duplicate_field at its path (outranking anything
// recorded there for the first occurrence) and skips it, so the first value must not be
// trusted when the result is an error, and with any failure the parser returns none.
//
// The order of the failures is the order of the members they belong to, by where each
// member first occurs: Fail, FailErr and AddUnder place theirs at the current member (a
// duplicate's at the first occurrence), AddAt at the point the reader has reached, which
// after a loop means after every member of that object. Failures of one place keep the
// order they were recorded in, so a metadata member's too_many_keys stays before its keys'.
//
// # The fast path
//
// [Fast] reads the form nearly every request takes (no escape in its strings, no value but
// strings, null, integers and objects) at a fraction of Decode's cost: no pool, no frames,
// no places, names matched by the caller in the document's bytes. It records no failure:
// at anything else it stops, and its caller reads the document again with Decode, which
// reports every failure. So the fast path never decides a failure; FuzzFast holds it to
// Decode wherever it reads a document.
//
// # Writing
//
// [AppendString] is the module's one JSON string writer (metadata, customer and account
// encode their strings with it): it escapes what encoding/json escapes, <, > and & too,
// and writes the same bytes as json.Marshal, with no allocation.
//
// # Decisions
//
//   - Documents over [MaxSize] (1 MiB) fail with too_long at the document's path, alone,
//     before any parsing. Not well-formed JSON, or data after the top-level value, fails
//     with invalid_json, alone: everything recorded before is discarded. A well-formed
//     top-level value that is not an object fails with invalid_type, alone.
//   - Nesting deeper than [MaxDepth] (64) is invalid_json, as encoding/json reports its own
//     depth limit (10000) as a syntax error. This is the one place where input encoding/json
//     accepts is invalid_json here; duplicates and invalid UTF-8 are never invalid_json.
//   - A byte order mark (U+FEFF) before the value is invalid_json: RFC 8259, section 8.1, forbids
//     sending one, and encoding/json rejects it as well.
//   - Numbers are checked for syntax in time linear in their length and never converted
//     to float64; Int looks at no more than 19 digits and allocates nothing but the failure
//     it records, so a 400-digit literal is out_of_range and 1e999999 invalid_type at the
//     cost of one scan.
//   - Control characters (U+0000–U+001F) must be escaped inside strings (RFC 8259, section 7);
//     escaped, they decode (\u0000 is a NUL byte) and the field's rule decides.
//   - Duplicate names are compared after decoding ("a" and "\u0061" are the same member).
//     Up to 32 names an object compares them one by one; past that it keeps a hash table
//     (randomly seeded, no allocation per name), so a hostile object of 100 000 members
//     stays linear.
//   - Work is linear in the input: every byte is scanned once (an escaped string twice),
//     and memory beyond the failures and the names of big objects is constant.
//
// # Why a scanner of our own
//
// encoding/json's Decoder.Token stream was the other choice; BenchmarkReader (bench_test.go)
// reads the same documents three ways: this reader, reading every member as a parser does;
// the token stream, doing nothing but pulling tokens and parsing integers (a lower bound for
// a strict reader built on it, which would still need duplicate detection, paths and
// integer syntax on top); and json.Unmarshal into any.
//
// The token stream is several times slower before doing any of the checks, because it
// boxes every token in an interface and copies every string; worse, it replaces invalid
// UTF-8 and lone surrogates with U+FFFD before the caller sees them, so the field rules
// could not report them at all. This reader allocates once per valid document (its own
// state); strings without escapes are handed out as slices of the input.
package strictjson
