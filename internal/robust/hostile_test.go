package robust

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
	"github.com/tallykit/billing/metadata"
)

// Codes, shorter for the tables.
const (
	cJSON    = billing.CodeInvalidJSON
	cType    = billing.CodeInvalidType
	cReq     = billing.CodeRequired
	cLong    = billing.CodeTooLong
	cFormat  = billing.CodeInvalidFormat
	cChars   = billing.CodeInvalidCharacters
	cPhone   = billing.CodeInvalidPhone
	cCurr    = billing.CodeInvalidCurrency
	cRange   = billing.CodeOutOfRange
	cKeys    = billing.CodeTooManyKeys
	cKey     = billing.CodeInvalidKey
	cKeyLong = billing.CodeKeyTooLong
	cUnknown = billing.CodeUnknownField
	cDup     = billing.CodeDuplicateField
)

// hostile is one hostile document, built for each document kind, with its exact failures.
type hostile struct {
	name string
	doc  func(k kind) []byte
	want func(k kind) []failure
	// count, when not 0, is the exact length of the failure list, of which want gives the
	// first entries (for documents with a hundred thousand failures).
	count int
	// allocPerByte, when not 0, replaces the bound's allocPerByte for this case.
	allocPerByte int
	// meta, when not nil, is the case as a metadata object alone, for metadata.Decode
	// (CustomerLimits), with its failures metaWant and, when not 0, their count metaCount.
	meta      func() []byte
	metaWant  []failure
	metaCount int
}

// everyKind is a case whose document and failures are the same for every kind.
func everyKind(name string, doc []byte, want ...failure) hostile {
	return hostile{name: name, doc: func(kind) []byte { return doc }, want: func(kind) []failure { return want }}
}

// withMember is a case that adds member ("name":value) to a valid document of each kind,
// after the optional context members; it fails with want where the kind defines the
// member, and with unknown_field where it does not.
func withMember(name, member string, context []string, want ...failure) hostile {
	return hostile{
		name: name,
		doc:  func(k kind) []byte { return docOf(k, append(context[:len(context):len(context)], member)...) },
		want: func(k kind) []failure { return onMember(k, memberName(member), want...) },
	}
}

// filled is a case whose document is a valid document of each kind plus the context
// members and member, where the "%s" of member is replaced by as many repetitions of unit
// (a piece of a JSON string or number) as fit in 1 MiB.
func filled(name string, context []string, member, unit string, want ...failure) hostile {
	build := func(k kind, fill string) []byte {
		return docOf(k, append(context[:len(context):len(context)], fmt.Sprintf(member, fill))...)
	}
	return hostile{
		name: name,
		doc: func(k kind) []byte {
			return build(k, strings.Repeat(unit, (maxDoc-len(build(k, "")))/len(unit)))
		},
		want: func(k kind) []failure { return onMember(k, memberName(member), want...) },
	}
}

// padTo inserts white space after the opening brace of doc until it is n bytes long.
func padTo(doc []byte, n int) []byte {
	out := make([]byte, 0, n)
	out = append(out, '{')
	out = append(out, bytes.Repeat([]byte{' '}, n-len(doc))...)
	return append(out, doc[1:]...)
}

var zar = []string{`"currency":"ZAR"`}

const validRules = `"payment_rules":{"min_amount":1,"max_amount":10,"underpayment_allowed":true,"overpayment_allowed":false}`

func hostileCases() []hostile {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	bigInt := "1" + strings.Repeat("0", 399)
	manyKeys := 100_000

	cases := []hostile{
		// Size.
		{
			name: "1 MiB + 1 byte",
			doc:  func(k kind) []byte { return padTo(docOf(k), maxDoc+1) },
			want: func(kind) []failure { return []failure{at("", cLong)} },
			meta: func() []byte { return padTo([]byte(`{"a":"b"}`), maxDoc+1) }, metaWant: []failure{at("metadata", cLong)},
		},
		{
			name: "2 MiB",
			doc:  func(k kind) []byte { return padTo(docOf(k), 2*maxDoc) },
			want: func(kind) []failure { return []failure{at("", cLong)} },
			meta: func() []byte { return padTo([]byte(`{"a":"b"}`), 2*maxDoc) }, metaWant: []failure{at("metadata", cLong)},
		},
		{
			name: "exactly 1 MiB, white space padding",
			doc:  func(k kind) []byte { return padTo(docOf(k, `"name":"Ada"`), maxDoc) },
			want: func(kind) []failure { return nil },
			meta: func() []byte { return padTo([]byte(`{"a":"b"}`), maxDoc) },
		},
		{
			name: "1 MiB of [",
			doc:  func(kind) []byte { return bytes.Repeat([]byte("["), maxDoc) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
			meta: func() []byte { return bytes.Repeat([]byte("["), maxDoc) }, metaWant: []failure{at("metadata", cJSON)},
		},
		{
			name: `1 MiB of {"a":`,
			doc:  func(kind) []byte { return bytes.Repeat([]byte(`{"a":`), maxDoc/5) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
			meta: func() []byte { return bytes.Repeat([]byte(`{"a":`), maxDoc/5) }, metaWant: []failure{at("metadata", cJSON)},
		},
		withMember("nesting at the depth limit, balanced", `"name":`+deep(strictjson.MaxDepth-1), nil, at("name", cType)),
		{
			name: "nesting one past the depth limit, balanced",
			doc:  func(k kind) []byte { return docOf(k, `"name":`+deep(strictjson.MaxDepth)) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
		},
		{
			name: "half a MiB of balanced nesting",
			doc:  func(k kind) []byte { return docOf(k, `"name":`+deep(maxDoc/4)) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
		},
		{
			name: "100 000 metadata keys",
			doc: func(k kind) []byte {
				return docOf(k, `"metadata":`+string(testkit.Members(manyKeys, testkit.Key3, `"v"`)))
			},
			// strictjson's duplicate check of a big object keeps about 140 bytes per member
			// (its list of names seen and its hash table, both grown by doubling): 14 bytes
			// per byte of this document, the most of any case without failures.
			allocPerByte: 16,
			want:         func(kind) []failure { return []failure{at("metadata", cKeys)} },
			meta:         func() []byte { return testkit.Members(manyKeys, testkit.Key3, `"v"`) }, metaWant: []failure{at("metadata", cKeys)},
		},
		{
			name: "100 000 metadata keys, every value empty",
			doc: func(k kind) []byte {
				return docOf(k, `"metadata":`+string(testkit.Members(manyKeys, testkit.Key3, `""`)))
			},
			want: func(kind) []failure {
				return []failure{at("metadata", cKeys), at("metadata."+testkit.Key3(0), cReq), at("metadata."+testkit.Key3(1), cReq)}
			},
			count: manyKeys + 1,
			meta:  func() []byte { return testkit.Members(manyKeys, testkit.Key3, `""`) }, metaWant: []failure{at("metadata", cKeys), at("metadata."+testkit.Key3(0), cReq)},
			metaCount: manyKeys + 1,
		},
		{
			name: "one metadata key 100 000 times",
			doc:  func(k kind) []byte { return docOf(k, `"metadata":{`+strings.Repeat(`"a":"v",`, manyKeys)+`"a":"v"}`) },
			want: func(kind) []failure { return []failure{at("metadata.a", cDup)} },
			meta: func() []byte { return []byte(`{` + strings.Repeat(`"a":"v",`, manyKeys) + `"a":"v"}`) }, metaWant: []failure{at("metadata.a", cDup)},
		},
		{
			name: "100 000 unknown members",
			doc: func(k kind) []byte {
				d := docOf(k)
				return append(append(d[:len(d)-1], ','), testkit.Members(manyKeys, testkit.Key3, "1")[1:]...)
			},
			want:  func(kind) []failure { return []failure{at(testkit.Key3(0), cUnknown), at(testkit.Key3(1), cUnknown)} },
			count: manyKeys,
		},
		{
			name: "one unknown member 100 000 times",
			doc: func(k kind) []byte {
				d := docOf(k)
				return append(d[:len(d)-1], []byte(strings.Repeat(`,"x":1`, manyKeys)+"}")...)
			},
			want: func(kind) []failure { return []failure{at("x", cDup)} },
		},

		// A string of about 1 MiB in every string field.
		filled("1 MiB external_reference", nil, `"external_reference":"%s"`, "x", at("external_reference", cLong)),
		filled("1 MiB name", nil, `"name":"%s"`, "x", at("name", cLong)),
		filled("1 MiB name of é", nil, `"name":"%s"`, "é", at("name", cLong)),
		filled(`1 MiB name of \u00e9 escapes`, nil, `"name":"%s"`, `\u00e9`, at("name", cLong)),
		filled(`1 MiB name of escaped surrogate pairs`, nil, `"name":"%s"`, `\ud83d\ude00`, at("name", cLong)),
		filled("1 MiB email", nil, `"email":"%s"`, "x", at("email", cLong)),
		filled("1 MiB phone", nil, `"phone":"+%s"`, "1", at("phone", cFormat)), // no length rule: over 15 digits is the shape
		filled("1 MiB currency", nil, `"currency":"%s"`, "X", at("currency", cCurr)),
		filled("1 MiB id", nil, `"id":"bcus_%s"`, "x", at("id", cLong)),
		filled("1 MiB customer_id", nil, `"customer_id":"bcus_%s"`, "x", at("customer_id", cLong)),
		filled("1 MiB customer reference", nil, `"customer":"%s"`, "x", at("customer", cLong)),
		filled("1 MiB customer ID", nil, `"customer":"bcus_%s"`, "x", at("customer", cLong)),
		filled("1 MiB metadata value", nil, `"metadata":{"k":"%s"}`, "x", at("metadata.k", cLong)),
		{
			name: "1 MiB metadata key",
			doc: func(k kind) []byte {
				return docOf(k, `"metadata":{"`+strings.Repeat("k", maxDoc-len(docOf(k))-32)+`":"v"}`)
			},
			want: func(k kind) []failure {
				return []failure{at("metadata."+strings.Repeat("k", maxDoc-len(docOf(k))-32), cKeyLong)}
			},
		},
		{
			name: "1 MiB member name",
			doc: func(k kind) []byte {
				return docOf(k, `"`+strings.Repeat("n", maxDoc-len(docOf(k))-32)+`":1`)
			},
			want: func(k kind) []failure {
				return []failure{at(strings.Repeat("n", maxDoc-len(docOf(k))-32), cUnknown)}
			},
		},
		filled("1 MiB integer", zar, `"balance":1%s`, "0", at("balance", cRange)),
		filled("1 MiB fraction", zar, `"balance":1.%s`, "0", at("balance", cType)),

		// Numbers.
		withMember("balance 1e999999", `"balance":1e999999`, zar, at("balance", cType)),
		withMember("balance -0", `"balance":-0`, zar),
		withMember("balance 2^53-1", `"balance":9007199254740991`, zar),
		withMember("balance -(2^53-1)", `"balance":-9007199254740991`, zar),
		withMember("balance 2^53", `"balance":9007199254740992`, zar, at("balance", cRange)),
		withMember("balance -2^53", `"balance":-9007199254740992`, zar, at("balance", cRange)),
		withMember("balance of 400 digits", `"balance":`+bigInt, zar, at("balance", cRange)),
		withMember("balance of -400 digits", `"balance":-`+bigInt, zar, at("balance", cRange)),
		withMember("balance 2000.0", `"balance":2000.0`, zar, at("balance", cType)),
		withMember("balance 1E2", `"balance":1E2`, zar, at("balance", cType)),
		everyKind("balance 00", docOf(customerCreate, `"currency":"ZAR"`, `"balance":00`), at("", cJSON)),
		everyKind("balance +1", docOf(customerCreate, `"currency":"ZAR"`, `"balance":+1`), at("", cJSON)),
		everyKind("balance .5", docOf(customerCreate, `"currency":"ZAR"`, `"balance":.5`), at("", cJSON)),
		everyKind("balance NaN", docOf(customerCreate, `"currency":"ZAR"`, `"balance":NaN`), at("", cJSON)),
		withMember("min_amount of 400 digits", `"payment_rules":{"min_amount":`+bigInt+`,"max_amount":10,"underpayment_allowed":true,"overpayment_allowed":true}`, zar,
			at("payment_rules.min_amount", cRange)),
		withMember("max_amount 2^53", `"payment_rules":{"min_amount":1,"max_amount":9007199254740992,"underpayment_allowed":true,"overpayment_allowed":true}`, zar,
			at("payment_rules.max_amount", cRange)),
		withMember("min_amount -0", `"payment_rules":{"min_amount":-0,"max_amount":1,"underpayment_allowed":true,"overpayment_allowed":true}`, zar,
			at("payment_rules.min_amount", cRange)),

		// Invalid UTF-8 and lone surrogates, in keys and values.
		{
			name: "invalid UTF-8 in a metadata key",
			doc:  func(k kind) []byte { return docOf(k, "\"metadata\":{\"a\xffb\":\"v\"}") },
			want: func(kind) []failure { return []failure{at("metadata.a\xffb", cKey)} },
			meta: func() []byte { return []byte("{\"a\xffb\":\"v\"}") }, metaWant: []failure{at("metadata.a\xffb", cKey)},
		},
		{
			name: "lone surrogate in a metadata key",
			doc:  func(k kind) []byte { return docOf(k, `"metadata":{"\ud800":"v"}`) },
			want: func(kind) []failure { return []failure{at("metadata.\xed\xa0\x80", cKey)} },
			meta: func() []byte { return []byte(`{"\ud800":"v"}`) }, metaWant: []failure{at("metadata.\xed\xa0\x80", cKey)},
		},
		{
			name: "invalid UTF-8 in a metadata value",
			doc:  func(k kind) []byte { return docOf(k, "\"metadata\":{\"a\":\"\xc0\xaf\"}") },
			want: func(kind) []failure { return []failure{at("metadata.a", cChars)} },
			meta: func() []byte { return []byte("{\"a\":\"\xc0\xaf\"}") }, metaWant: []failure{at("metadata.a", cChars)},
		},
		{
			name: "lone low surrogate in a metadata value",
			doc:  func(k kind) []byte { return docOf(k, `"metadata":{"a":"x\udc00"}`) },
			want: func(kind) []failure { return []failure{at("metadata.a", cChars)} },
			meta: func() []byte { return []byte(`{"a":"x\udc00"}`) }, metaWant: []failure{at("metadata.a", cChars)},
		},
		withMember("invalid UTF-8 in name", "\"name\":\"Ad\xffa\"", nil, at("name", cChars)),
		withMember("surrogate as raw bytes in name", "\"name\":\"Ad\xed\xa0\x80a\"", nil, at("name", cChars)),
		withMember("lone surrogate in name", `"name":"Ada\ud800"`, nil, at("name", cChars)),
		withMember("reversed surrogate pair in name", `"name":"\ude00\ud83d"`, nil, at("name", cChars)),
		withMember("invalid UTF-8 in external_reference", "\"external_reference\":\"c\xff\"", nil, at("external_reference", cFormat)),
		withMember("lone surrogate in external_reference", `"external_reference":"c\ud800"`, nil, at("external_reference", cFormat)),
		withMember("invalid UTF-8 in email", "\"email\":\"j\xff@example.com\"", nil, at("email", cFormat)),
		withMember("lone surrogate in phone", `"phone":"+2712345678\udfff"`, nil, at("phone", cFormat)),
		withMember("lone surrogate in currency", `"currency":"ZA\ud800"`, nil, at("currency", cCurr)),
		withMember("lone surrogate in id", `"id":"bcus_\ud800"`, nil, at("id", cFormat)),
		withMember("invalid UTF-8 in customer", "\"customer\":\"c\xfe\"", nil, at("customer", cFormat)),
		withMember("invalid UTF-8 in a member name", "\"na\xffme\":\"Ada\"", nil, at("na\xffme", cUnknown)),
		{
			name: "lone surrogate in a member name",
			doc:  func(k kind) []byte { return docOf(k, `"\udbff":"Ada"`) },
			want: func(kind) []failure { return []failure{at("\xed\xaf\xbf", cUnknown)} },
		},

		// NUL, bidi override, byte order mark.
		withMember(`\u0000 in name`, `"name":"A\u0000da"`, nil, at("name", cChars)),
		withMember(`\u0000 in a metadata key`, `"metadata":{"a\u0000":"v"}`, nil, at("metadata.a\x00", cKey)),
		withMember(`\u0000 in a metadata value (allowed)`, `"metadata":{"a":"\u0000"}`, nil),
		withMember(`\u0000 in external_reference`, `"external_reference":"c\u0000"`, nil, at("external_reference", cFormat)),
		{
			name: "raw NUL in a string",
			doc:  func(k kind) []byte { return docOf(k, "\"name\":\"A\x00da\"") },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
			meta: func() []byte { return []byte("{\"a\":\"\x00\"}") }, metaWant: []failure{at("metadata", cJSON)},
		},
		withMember("U+202E in name", "\"name\":\"Ada \u202eevil\"", nil, at("name", cChars)),
		withMember(`\u202e in name`, `"name":"Ada \u202eevil"`, nil, at("name", cChars)),
		withMember("U+202E in a metadata value (allowed)", "\"metadata\":{\"a\":\"\u202e\"}", nil),
		withMember("U+FEFF inside name", "\"name\":\"\ufeffAda\"", nil, at("name", cChars)),
		{
			name: "U+FEFF at the start",
			doc:  func(k kind) []byte { return append([]byte("\ufeff"), docOf(k)...) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
			meta: func() []byte { return []byte("\ufeff{}") }, metaWant: []failure{at("metadata", cJSON)},
		},

		// Duplicate members at every level.
		withMember("duplicate top-level member", `"name":"Ada","currency":"ZAR","name":"Bob"`, nil, at("name", cDup)),
		{
			name: "duplicate required member of another type",
			doc:  func(k kind) []byte { return docOf(k, `"external_reference":"x1"`, `"external_reference":1`) },
			want: func(kind) []failure { return []failure{at("external_reference", cDup)} },
		},
		withMember("member three times", `"name":"A","name":"B","name":"C"`, nil, at("name", cDup)),
		{
			name: "duplicate metadata key",
			doc:  func(k kind) []byte { return docOf(k, `"metadata":{"a":"1","b":"2","a":"1"}`) },
			want: func(kind) []failure { return []failure{at("metadata.a", cDup)} },
			meta: func() []byte { return []byte(`{"a":"1","b":"2","a":"1"}`) }, metaWant: []failure{at("metadata.a", cDup)},
		},
		withMember("duplicate metadata member", `"metadata":{},"metadata":{"a":"1"}`, nil, at("metadata", cDup)),
		withMember("duplicate payment_rules member", `"payment_rules":{"min_amount":1,"max_amount":10,"min_amount":1,"underpayment_allowed":true,"overpayment_allowed":true}`, zar,
			at("payment_rules.min_amount", cDup)),
		{
			// duplicate_field outranks every other code of its path, unknown_field too.
			name: "duplicate payment_rules",
			doc:  func(k kind) []byte { return docOf(k, zar[0], validRules, validRules) },
			want: func(kind) []failure { return []failure{at("payment_rules", cDup)} },
		},
		withMember("duplicate member of a new customer", `"customer":{"external_reference":"c1","email":"a@example.com","email":"a@example.com"}`, nil,
			at("customer.email", cDup)),
		{
			name: "duplicate customer",
			doc:  func(k kind) []byte { return docOf(k, `"customer":"c1"`, `"customer":{"external_reference":"c1"}`) },
			want: func(kind) []failure { return []failure{at("customer", cDup)} },
		},
		withMember("duplicate metadata key of a new customer", `"customer":{"external_reference":"c1","metadata":{"k":"1","k":"2"}}`, nil,
			at("customer.metadata.k", cDup)),

		// Trailing data and other documents that are not objects.
		{
			name: "trailing garbage",
			doc:  func(k kind) []byte { return append(docOf(k), " x"...) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
			meta: func() []byte { return []byte(`{} x`) }, metaWant: []failure{at("metadata", cJSON)},
		},
		{
			name: "a second object",
			doc:  func(k kind) []byte { return append(docOf(k), "{}"...) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
			meta: func() []byte { return []byte(`{}{}`) }, metaWant: []failure{at("metadata", cJSON)},
		},
		{
			name: "trailing NUL",
			doc:  func(k kind) []byte { return append(docOf(k), 0) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
		},
		{
			name: "trailing comma",
			doc:  func(k kind) []byte { d := docOf(k); return append(d[:len(d)-1], ",}"...) },
			want: func(kind) []failure { return []failure{at("", cJSON)} },
		},
		{
			name: "trailing white space (allowed)",
			doc:  func(k kind) []byte { return append(docOf(k), " \t\r\n"...) },
			want: func(kind) []failure { return nil },
		},
		everyKind("empty document", []byte(""), at("", cJSON)),
		everyKind("white space only", []byte(" \n"), at("", cJSON)),
		everyKind("top-level array", []byte(`[]`), at("", cType)),
		everyKind("top-level null", []byte(`null`), at("", cType)),
		everyKind("top-level string", []byte(`"bcus_H4jp6KnU5cPw263v1jyz4"`), at("", cType)),

		// Many failures at once: the whole list, in document order, absent members last.
		{
			name: "every member wrong",
			doc: func(k kind) []byte {
				switch k {
				case customerCreate:
					return []byte(`{"name":" ","email":"a@b","phone":"+15555555555","currency":"zar","balance":1.5,` +
						`"metadata":{"":"v","k":""},"extra":1}`)
				case customerObject:
					return []byte(`{"id":"bacc_1","name":"\ud800","phone":"27123456789","balance":"1",` +
						`"payment_rules":{"min_amount":0,"max_amount":1},"metadata":{"b":1,"a":null}}`)
				case accountCreate:
					return []byte(`{"metadata":[],"customer":{"phone":"+4407911123456","payment_rules":null},` +
						`"balance":9007199254740992,"external_reference":"bacc_1"}`)
				default:
					return []byte(`{"customer_id":"bacc_9Xk2LmQ7rT4vW8yZ1aB3c","currency":"hrk","id":null,` +
						`"payment_rules":{"max_amount":1,"min_amount":2,"underpayment_allowed":1,"overpayment_allowed":false},"email":"a@example.com"}`)
				}
			},
			want: func(k kind) []failure {
				switch k {
				case customerCreate:
					return []failure{at("name", cReq), at("email", cFormat), at("phone", cPhone), at("currency", cCurr),
						at("balance", cType), at("metadata.", cKey), at("metadata.k", cReq), at("extra", cUnknown),
						at("external_reference", cReq)}
				case customerObject:
					return []failure{at("id", cFormat), at("name", cChars), at("phone", cFormat), at("balance", cType),
						at("payment_rules.min_amount", cRange), at("payment_rules.underpayment_allowed", cReq),
						at("payment_rules.overpayment_allowed", cReq), at("metadata.b", cType), at("metadata.a", cType),
						at("external_reference", cReq), at("currency", cReq)}
				case accountCreate:
					return []failure{at("metadata", cType), at("customer.phone", cPhone), at("customer.payment_rules", cUnknown),
						at("customer.external_reference", cReq), at("balance", cRange), at("external_reference", cFormat),
						at("currency", cReq)}
				default:
					return []failure{at("customer_id", cFormat), at("currency", cCurr), at("id", cReq),
						at("payment_rules.max_amount", cRange), at("payment_rules.underpayment_allowed", cType),
						at("email", cUnknown), at("external_reference", cReq)}
				}
			},
		},
	}
	return cases
}

// The cost bounds, linear in the document's size n and in the number of failures f:
//
//	allocated bytes ≤ allocPerByte·n + allocPerFailure·f + allocConst
//	CPU time        ≤ timeFactor · base · (max(n, timeFloor) + timePerFailure·f)
//
// where base is the CPU time per byte that encoding/json's Valid takes over a 1 MiB
// document, measured in the same test run, so that the time bound follows the machine
// instead of absolute numbers. A failure costs its *billing.FieldError, its path and its
// pointer, its slot in the list and in the list's index, once in the parser that finds it
// and once more in each document that re-homes it under its own place (metadata in a
// customer: about 620 bytes a failure in all, some more under the race detector). Both
// bounds hold under the race detector too: it slows encoding/json as much as the parsers,
// and only its sync.Pool needs some slack. Each cost is testkit.Measure's: a warm call,
// the least of a few rounds, counting neither other goroutines nor the collector's own
// work, so that the bounds hold on a busy machine.
const (
	allocPerByte    = 4
	allocPerFailure = 768
	allocConst      = 64<<10 + raceAllocSlack
	timeFactor      = 40
	timeFloor       = 64 << 10
	timePerFailure  = 64
)

// baselinePerByte returns the best CPU time per byte of json.Valid over a 1 MiB document of
// objects, strings and numbers.
func baselinePerByte(t *testing.T) float64 {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < maxDoc-200; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"item number %d","tags":["a","b"],"price":%d.25,"ok":true}`, i, i, i)
	}
	b.WriteString(`]}`)
	doc := []byte(b.String())
	c := testkit.Measure(func() { json.Valid(doc) })
	perByte := float64(max(c.CPU, time.Microsecond)) / float64(len(doc))
	t.Logf("baseline: json.Valid %.2f ns/byte over %d bytes", perByte, len(doc))
	return perByte
}

// parseWithin parses doc, measuring the parse alone, checks its cost against the bounds
// (with perByte bytes allowed per byte of doc) and returns the parser's failures.
//
// The cost is testkit.Measure's: the parse of a warm parser (a first parse may pay a
// one-time cost, such as the phone patterns of a calling code, compiled when a number of
// that code is first checked), the least of a few rounds, allocations and CPU time of the
// parsing goroutine's thread only, so that neither another goroutine, nor the collector,
// nor a busy machine counts.
func parseWithin(t *testing.T, base float64, perByte int, doc []byte, parse func([]byte) error) []failure {
	t.Helper()
	var err error
	c := testkit.Measure(func() { err = parse(doc) })
	n, f := len(doc), len(report.Errs(err))
	allocLimit := uint64(perByte*n + allocPerFailure*f + allocConst)
	timeLimit := time.Duration(timeFactor * base * float64(max(n, timeFloor)+timePerFailure*f))
	t.Logf("%d bytes, %d failures: allocated %d B (%.0f%% of bound), CPU %v (%.0f%% of bound)",
		n, f, c.Bytes, 100*float64(c.Bytes)/float64(allocLimit), c.CPU, 100*float64(c.CPU)/float64(timeLimit))
	assert.LessOrEqual(t, c.Bytes, allocLimit, "allocated bytes over the bound")
	assert.LessOrEqual(t, c.CPU, timeLimit, "CPU time over the bound")
	return testkit.Failures(err)
}

// checkFailures compares got with a case's want (and count).
func checkFailures(t *testing.T, got, want []failure, count int) {
	t.Helper()
	if count == 0 {
		assert.Equal(t, want, got)
		return
	}
	assert.Len(t, got, count)
	if len(got) >= len(want) {
		assert.Equal(t, want, got[:len(want)])
	}
}

func TestHostileDocuments(t *testing.T) {
	cases := hostileCases()
	require.GreaterOrEqual(t, len(cases), 40)
	base := baselinePerByte(t)
	for _, tc := range cases {
		perByte := allocPerByte
		if tc.allocPerByte != 0 {
			perByte = tc.allocPerByte
		}
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range allKinds {
				t.Run(k.String(), func(t *testing.T) {
					doc := tc.doc(k)
					before := bytes.Clone(doc)
					checkFailures(t, parseWithin(t, base, perByte, doc, k.parse), tc.want(k), tc.count)
					assert.Equal(t, before, doc, "the parser changed its input")
				})
			}
			if tc.meta != nil {
				t.Run("metadata", func(t *testing.T) {
					doc := tc.meta()
					parse := func(d []byte) error { _, err := metadata.Decode(d, metadata.CustomerLimits()); return err }
					checkFailures(t, parseWithin(t, base, perByte, doc, parse), tc.metaWant, tc.metaCount)
				})
			}
		})
	}
}

// TestHostileCLI runs every hostile document through billingcheck -json on standard input:
// exit status 1 and the same failures (0 and none for the valid ones).
func TestHostileCLI(t *testing.T) {
	cli(t)
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, k := range allKinds {
				doc, want := tc.doc(k), tc.want(k)
				status, stdout, stderr := runCLI(t, doc, "-json", k.String())
				assert.Empty(t, stderr, "%s: standard error", k)
				if tc.count != 0 {
					// A hundred thousand failures: count them, and decode the first ones
					// only (decoding them all takes seconds under the race detector).
					assert.Equal(t, 1, status, "%s: exit status", k)
					assert.Equal(t, tc.count, bytes.Count(stdout, []byte(`{"field":`)), "%s: failures", k)
					stdout = headOf(stdout, len(want))
				}
				results := decodeCLI(t, stdout)
				require.Len(t, results, 1, "%s: one line per input", k)
				r := results[0]
				assert.Equal(t, "-", r.File, k)
				if len(want) == 0 {
					assert.Equal(t, 0, status, "%s: exit status", k)
					assert.True(t, r.Valid, k)
					assert.NotNil(t, r.Errors, "%s: errors is [] when valid", k)
					assert.Empty(t, r.Errors, k)
					continue
				}
				assert.Equal(t, 1, status, "%s: exit status", k)
				assert.False(t, r.Valid, k)
				assert.Equal(t, asJSON(want), r.failures(), k)
				for _, e := range r.Errors {
					if !assert.NotEmpty(t, e.Message, "%s: %s has a message", k, e.Field) {
						break
					}
				}
			}
		})
	}
}

// headOf returns a -json output line cut after its first n failures, closed again.
func headOf(line []byte, n int) []byte {
	sep := []byte(`,{"field":`)
	i := 0
	for range n {
		j := bytes.Index(line[i+1:], sep)
		if j < 0 {
			return line
		}
		i += 1 + j
	}
	return append(line[:i:i], "]}\n"...)
}

// jsonTypes is one value of every JSON type.
var jsonTypes = []string{`null`, `true`, `1`, `1.5`, `"s"`, `[]`, `{}`}

// field is one member whose every JSON type is tried, with the expected failures for each.
type field struct {
	path    string                    // the failure path of the member
	members func(lit string) []string // the document's members with lit in place
	want    func(lit string) []failure
}

// The expected failures of a member by its class (SPEC §3–§4 and the decisions).
func stringMember(path string, required bool, onS billing.Code) func(string) []failure {
	return func(lit string) []failure {
		switch lit {
		case `null`:
			if required {
				return []failure{at(path, cReq)}
			}
			return nil
		case `"s"`:
			if onS == "" {
				return nil
			}
			return []failure{at(path, onS)}
		}
		return []failure{at(path, cType)}
	}
}

func integerMember(path string, required bool) func(string) []failure {
	return func(lit string) []failure {
		switch lit {
		case `null`:
			if required {
				return []failure{at(path, cReq)}
			}
			return nil
		case `1`:
			return nil
		}
		return []failure{at(path, cType)}
	}
}

func boolMember(path string) func(string) []failure {
	return func(lit string) []failure {
		switch lit {
		case `null`:
			return []failure{at(path, cReq)}
		case `true`:
			return nil
		}
		return []failure{at(path, cType)}
	}
}

func objectMember(path string, onEmpty ...failure) func(string) []failure {
	return func(lit string) []failure {
		switch lit {
		case `null`:
			return nil
		case `{}`:
			return onEmpty
		}
		return []failure{at(path, cType)}
	}
}

// objectOf returns a JSON object of the base members, less those that members give again,
// then members.
func objectOf(base []string, members ...string) string {
	given := map[string]bool{}
	for _, m := range members {
		given[memberName(m)] = true
	}
	var all []string
	for _, m := range base {
		if !given[memberName(m)] {
			all = append(all, m)
		}
	}
	return "{" + strings.Join(append(all, members...), ",") + "}"
}

var rulesMembers = []string{`"min_amount":1`, `"max_amount":10`, `"underpayment_allowed":true`, `"overpayment_allowed":false`}

// fieldsOf returns the members of kind k, top-level and nested, with their expectations.
func fieldsOf(k kind) []field {
	top := func(name string, context ...string) func(string) []string {
		return func(lit string) []string { return append(context[:len(context):len(context)], `"`+name+`":`+lit) }
	}
	byName := map[string]field{
		"id":                 {want: stringMember("id", true, cFormat)},
		"external_reference": {want: stringMember("external_reference", true, "")},
		"customer_id":        {want: stringMember("customer_id", true, cFormat)},
		"name":               {want: stringMember("name", false, "")},
		"email":              {want: stringMember("email", false, cFormat)},
		"phone":              {want: stringMember("phone", false, cFormat)},
		"currency":           {want: stringMember("currency", false, cCurr)},
		"balance":            {members: top("balance", zar...), want: integerMember("balance", false)},
		"metadata":           {want: objectMember("metadata")},
		"payment_rules": {members: top("payment_rules", zar...), want: objectMember("payment_rules",
			at("payment_rules.min_amount", cReq), at("payment_rules.max_amount", cReq),
			at("payment_rules.underpayment_allowed", cReq), at("payment_rules.overpayment_allowed", cReq))},
		"customer": {want: func(lit string) []failure {
			switch lit {
			case `null`:
				return []failure{at("customer", cReq)}
			case `"s"`:
				return nil
			case `{}`:
				return []failure{at("customer.external_reference", cReq)}
			}
			return []failure{at("customer", cType)}
		}},
	}
	var fields []field
	for _, name := range k.members() {
		f := byName[name]
		f.path = name
		if f.members == nil {
			f.members = top(name)
		}
		fields = append(fields, f)
	}
	// An unknown member takes any type.
	fields = append(fields, field{path: "unknown", members: top("unknown"),
		want: func(string) []failure { return []failure{at("unknown", cUnknown)} }})
	// A metadata value is a string, and null is not one.
	fields = append(fields, field{path: "metadata.k",
		members: func(lit string) []string { return []string{`"metadata":{"a":"b","k":` + lit + `}`} },
		want: func(lit string) []failure {
			if lit == `"s"` {
				return nil
			}
			return []failure{at("metadata.k", cType)}
		}})
	if k.defines("payment_rules") {
		for _, m := range []string{"min_amount", "max_amount", "underpayment_allowed", "overpayment_allowed"} {
			want := boolMember("payment_rules." + m)
			if strings.HasSuffix(m, "_amount") {
				want = integerMember("payment_rules."+m, true)
			}
			fields = append(fields, field{path: "payment_rules." + m, want: want, members: func(lit string) []string {
				return append(zar[:1:1], `"payment_rules":`+objectOf(rulesMembers, `"`+m+`":`+lit))
			}})
		}
	}
	if k == accountCreate {
		// Every member of a new customer, under "customer.".
		for _, n := range fieldsOf(customerCreate) {
			fields = append(fields, field{
				path: "customer." + n.path,
				members: func(lit string) []string {
					return []string{`"customer":` + objectOf([]string{`"external_reference":"c1"`}, n.members(lit)...)}
				},
				want: func(lit string) []failure {
					var out []failure
					for _, f := range n.want(lit) {
						out = append(out, at("customer."+f.Field, f.Code))
					}
					return out
				},
			})
		}
	}
	return fields
}

// TestEveryTypeInEveryField puts a value of each JSON type in each member of each kind,
// nested members included, and checks the parser and billingcheck (all documents of a kind
// in one run, one output line each) against SPEC's code for that member and type.
func TestEveryTypeInEveryField(t *testing.T) {
	dir := t.TempDir()
	total := 0
	for _, k := range allKinds {
		var files []string
		var wants [][]failure
		for _, f := range fieldsOf(k) {
			for _, lit := range jsonTypes {
				doc, want := docOf(k, f.members(lit)...), f.want(lit)
				got := testkit.Failures(k.parse(doc))
				assert.Equal(t, want, got, "%s: %s = %s in %s", k, f.path, lit, doc)
				c := testkit.Measure(func() { _ = k.parse(doc) })
				assert.LessOrEqual(t, c.Bytes, uint64(allocConst), "%s: %s = %s: allocated bytes", k, f.path, lit)
				name := filepath.Join(dir, k.String()+"-"+strconv.Itoa(len(files))+".json")
				require.NoError(t, os.WriteFile(name, doc, 0o600))
				files, wants = append(files, name), append(wants, want)
				total++
			}
		}
		status, stdout, stderr := runCLI(t, nil, append([]string{"-json", k.String()}, files...)...)
		assert.Equal(t, 1, status, "%s: some input is invalid", k)
		assert.Empty(t, stderr)
		results := decodeCLI(t, stdout)
		require.Len(t, results, len(files), "%s: one line per file", k)
		for i, r := range results {
			assert.Equal(t, files[i], r.File)
			assert.Equal(t, len(wants[i]) == 0, r.Valid, r.File)
			assert.Equal(t, wants[i], r.failures(), "%s: %s", k, r.File)
		}
	}
	t.Logf("%d documents", total)
}
