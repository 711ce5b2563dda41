package billingtest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/billingtest/internal/corpusgen"
)

//go:generate go run ./internal/gen

// corpusJSON is the module's testdata, generated into this package by go generate:
// testdata stays the one source, and a test fails when this copy differs from it.
//
//go:embed zz_generated_corpus.json
var corpusJSON []byte

// The kinds of documents, as the billingcheck command names them.
const (
	KindCustomerCreate = "customer-create" // a customer create request (customer.DecodeCreateRequest)
	KindAccountCreate  = "account-create"  // an account create request (account.DecodeCreateRequest)
	KindCustomer       = "customer"        // a customer object (customer.Decode)
	KindAccount        = "account"         // an account object (account.Decode)
	KindCustomerUpdate = "customer-update" // a customer update request (customer.DecodeUpdateRequest)
	KindAccountUpdate  = "account-update"  // an account update request (account.DecodeUpdateRequest)
)

var kinds = []string{KindCustomerCreate, KindAccountCreate, KindCustomer, KindAccount, KindCustomerUpdate, KindAccountUpdate}

// Kinds returns every kind of document, in the order of the constants: the create
// requests, the objects, the update requests. The slice is new on each call.
func Kinds() []string { return slices.Clone(kinds) }

// Failure is one failure a document must produce: the dot path of the member (Field),
// the same place as an RFC 6901 JSON Pointer (Pointer), and the code. The whole document
// is the empty path and the empty pointer. Messages are not part of the contract.
//
// A path or pointer that holds invalid UTF-8 (a metadata key with a bad byte) is written
// with U+FFFD in place of each bad byte, as JSON must carry it; [Failures] converts the
// failures of an error the same way, so the two compare equal.
type Failure struct {
	Field   string
	Pointer string
	Code    billing.Code
}

// String returns the pointer, quoted, and the code: "/phone" invalid_phone, or
// "" invalid_json for the whole document.
func (f Failure) String() string { return strconv.Quote(f.Pointer) + " " + string(f.Code) }

// Case is one document of the contract with the failures it must produce, in order.
// Want is empty for a valid document.
type Case struct {
	Name string // the file name in the module's testdata, without .json: "invalid-phone-fictional-555"
	Doc  []byte // the document, exactly the bytes a client would send
	Want []Failure
}

// Valid reports whether c's document is valid: it must produce no failure.
func (c Case) Valid() bool { return len(c.Want) == 0 }

// ApplyCase is an update applied to a stored object: the object and the update (each
// valid on its own), and what applying it must give: the new object (Result, exactly the
// library's encoding, with Want empty) or the failures (Want, with Result nil).
type ApplyCase struct {
	Name   string
	Stored []byte // a customer or account object, as customer.Decode or account.Decode reads it
	Update []byte // an update request that has no failures of its own
	Result []byte // the new object when applying succeeds: compact JSON, members in order
	Want   []Failure
}

// TooLongCaseName is the name of the case that every kind has beyond its files: a valid
// document padded with spaces to one byte over 1 MiB (1,048,577 bytes), which must fail
// with too_long at the whole document alone, checked before the JSON is read.
const TooLongCaseName = "invalid-too-long-document-over-1-mib"

// maxDocument is the largest document a parser reads: 1 MiB.
const maxDocument = 1 << 20

// loadCorpus reads the embedded corpus once.
var loadCorpus = sync.OnceValue(func() corpusgen.Corpus {
	var c corpusgen.Corpus
	if err := json.Unmarshal(corpusJSON, &c); err != nil {
		panic("billingtest: the embedded corpus does not read: " + err.Error())
	}
	return c
})

func failuresOf(fs []corpusgen.Failure) []Failure {
	out := make([]Failure, len(fs))
	for i, f := range fs {
		out[i] = Failure{Field: f.Field, Pointer: f.Pointer, Code: billing.Code(f.Code)}
	}
	return out
}

// checkKind panics when kind is not one of [Kinds].
func checkKind(kind string) {
	if !slices.Contains(kinds, kind) {
		panic(fmt.Sprintf("billingtest: unknown kind %q: the kinds are %s", kind, strings.Join(kinds, ", ")))
	}
}

// Cases returns every document of kind (one of [Kinds]) with the failures it must
// produce: the library's own contract documents, the same that its tests and its
// billingcheck command are held to, in the order of their names, then the case named
// [TooLongCaseName]. The result is new on each call: the caller may change it.
//
// The documents include some that are not well-formed JSON and some with invalid UTF-8
// on purpose; treat them as bytes. Cases panics when kind is not one of [Kinds].
func Cases(kind string) []Case {
	checkKind(kind)
	src := loadCorpus().Kinds[kind]
	out := make([]Case, 0, len(src)+1)
	var example []byte
	for _, c := range src {
		out = append(out, Case{Name: c.Name, Doc: bytes.Clone(c.Doc), Want: failuresOf(c.Want)})
		if c.Name == "docs-example" || example == nil && len(c.Want) == 0 {
			example = c.Doc
		}
	}
	doc := make([]byte, maxDocument+1)
	n := copy(doc, bytes.TrimRightFunc(example, unicode.IsSpace))
	for i := n; i < len(doc); i++ {
		doc[i] = ' '
	}
	return append(out, Case{Name: TooLongCaseName, Doc: doc, Want: []Failure{{Code: billing.CodeTooLong}}})
}

// ApplyCases returns every case of applying an update to a stored object of entity,
// "customer" or "account" (customer.Customer.Apply, account.Account.Apply), in the order
// of their names. Applying fails only at "currency" (required, conflict) and "metadata"
// (too_many_keys). The result is new on each call. ApplyCases panics for any other entity.
func ApplyCases(entity string) []ApplyCase {
	if entity != "customer" && entity != "account" {
		panic(fmt.Sprintf("billingtest: unknown entity %q: the entities are customer and account", entity))
	}
	src := loadCorpus().Apply[entity]
	out := make([]ApplyCase, len(src))
	for i, c := range src {
		out[i] = ApplyCase{Name: c.Name, Stored: bytes.Clone(c.Stored), Update: bytes.Clone(c.Update),
			Result: bytes.Clone(c.Result), Want: failuresOf(c.Want)}
	}
	return out
}

// Failures returns the failures that err holds, in order, as a [Case] writes them: each
// path and pointer with U+FFFD in place of each invalid byte. It reads err with
// errors.As into a billing.Errors (a lone *billing.FieldError counts as one failure).
// It returns nil and true for a nil err, and nil and false for an error that holds no
// failure: one that is not a validation failure of this library's shape.
func Failures(err error) ([]Failure, bool) {
	if err == nil {
		return nil, true
	}
	var errs billing.Errors
	if !errors.As(err, &errs) {
		var fe *billing.FieldError
		if !errors.As(err, &fe) {
			return nil, false
		}
		errs = billing.Errors{fe}
	}
	out := make([]Failure, 0, len(errs))
	for _, e := range errs {
		if e == nil {
			continue
		}
		out = append(out, Failure{
			Field:   validUTF8(e.Field),
			Pointer: validUTF8(e.Pointer),
			Code:    e.Code,
		})
	}
	if len(out) == 0 {
		return nil, false
	}
	return out, true
}

// validUTF8 returns s with U+FFFD in place of each byte that is not part of valid UTF-8,
// as encoding/json writes such a string.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
