// Package corpusgen builds the corpus file that package billingtest embeds from the module's
// testdata directory: every document of each kind with its expected failures, and every
// apply case. The testdata directory stays the one source; the file is its copy inside
// the package, where an embed directive can reach it, and a test of billingtest rebuilds
// it and fails on any difference.
//
// The file is JSON, one case per line, in the order of the kinds below and of the file
// names. A document that is valid UTF-8 is a JSON string; one that is not (some documents
// hold invalid bytes on purpose) is an object {"base64": "…"}, so that every byte is kept.
package corpusgen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
)

// Kinds are the document kinds, in the order of the file.
var Kinds = []string{"customer-create", "account-create", "customer", "account", "customer-update", "account-update"}

// Entities are the entities of the apply cases, in the order of the file.
var Entities = []string{"customer", "account"}

// Failure is one expected failure, as the testdata files and the corpus file write it.
type Failure struct {
	Field   string `json:"field"`
	Pointer string `json:"pointer"`
	Code    string `json:"code"`
}

// Corpus is the content of the corpus file.
type Corpus struct {
	Kinds map[string][]Case      `json:"kinds"`
	Apply map[string][]ApplyCase `json:"apply"`
}

// Case is one document with its expected failures.
type Case struct {
	Name string    `json:"name"`
	Doc  Bytes     `json:"doc"`
	Want []Failure `json:"want"`
}

// ApplyCase is a stored object, an update, and the new object or the failures of applying
// the update.
type ApplyCase struct {
	Name   string    `json:"name"`
	Stored Bytes     `json:"stored"`
	Update Bytes     `json:"update"`
	Result Bytes     `json:"result,omitempty"`
	Want   []Failure `json:"want"`
}

// Bytes is a document. It is written as a JSON string when it is valid UTF-8 and as an
// object {"base64": "…"} when it is not, so that no byte is lost.
type Bytes []byte

// MarshalJSON writes b as a string, or as {"base64":…} when b is not valid UTF-8.
func (b Bytes) MarshalJSON() ([]byte, error) {
	if utf8.Valid(b) {
		return marshal(string(b))
	}
	return marshal(struct {
		Base64 []byte `json:"base64"`
	}{b})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (b *Bytes) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '{' {
		var v struct {
			Base64 []byte `json:"base64"`
		}
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*b = v.Base64
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*b = []byte(s)
	return nil
}

// marshal is json.Marshal without the escaping of <, > and &, which would only make the
// file harder to read.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Read reads the corpus from testdata, a file system rooted at the module's testdata
// directory. It fails when a document has no expected failures, when an expected failure
// lacks a member or has an unknown code, and when an apply case has not exactly one of a
// new object and failures.
func Read(testdata fs.FS) (Corpus, error) {
	c := Corpus{Kinds: map[string][]Case{}, Apply: map[string][]ApplyCase{}}
	for _, kind := range Kinds {
		cases, err := readKind(testdata, kind)
		if err != nil {
			return Corpus{}, err
		}
		c.Kinds[kind] = cases
	}
	for _, entity := range Entities {
		cases, err := readApply(testdata, entity)
		if err != nil {
			return Corpus{}, err
		}
		c.Apply[entity] = cases
	}
	return c, nil
}

func readKind(testdata fs.FS, kind string) ([]Case, error) {
	return readCases(testdata, kind, ".json", func(name string) (Case, bool, error) {
		if strings.HasSuffix(name, ".errors") {
			return Case{}, false, nil // the failures of another case
		}
		doc, err := fs.ReadFile(testdata, path.Join(kind, name+".json"))
		if err != nil {
			return Case{}, false, err
		}
		want, err := readFailures(testdata, path.Join(kind, name+".errors.json"))
		return Case{Name: name, Doc: doc, Want: want}, true, err
	})
}

func readApply(testdata fs.FS, entity string) ([]ApplyCase, error) {
	dir := path.Join("apply", entity)
	return readCases(testdata, dir, ".stored.json", func(name string) (c ApplyCase, _ bool, err error) {
		c.Name = name
		if c.Stored, err = fs.ReadFile(testdata, path.Join(dir, name+".stored.json")); err != nil {
			return c, false, err
		}
		if c.Update, err = fs.ReadFile(testdata, path.Join(dir, name+".update.json")); err != nil {
			return c, false, err
		}
		result, errResult := fs.ReadFile(testdata, path.Join(dir, name+".want.json"))
		want, errWant := readFailures(testdata, path.Join(dir, name+".errors.json"))
		switch {
		case errResult == nil && errors.Is(errWant, fs.ErrNotExist):
			c.Result, c.Want = result, []Failure{}
		case errResult != nil && errWant == nil && len(want) > 0:
			c.Want = want
		default:
			return c, false, fmt.Errorf("%s/%s: an apply case has either a .want.json or a non-empty .errors.json (%v, %v)",
				dir, name, errResult, errWant)
		}
		return c, true, nil
	})
}

// readCases reads a case with read for each file of dir whose name ends in suffix, read
// being given the name without it; read may skip a file. It fails when dir has no case.
func readCases[C any](testdata fs.FS, dir, suffix string, read func(name string) (C, bool, error)) ([]C, error) {
	entries, err := fs.ReadDir(testdata, dir)
	if err != nil {
		return nil, err
	}
	var cases []C
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), suffix)
		if e.IsDir() || !ok {
			continue
		}
		c, keep, err := read(name)
		if err != nil {
			return nil, err
		}
		if keep {
			cases = append(cases, c)
		}
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("%s: no cases", dir)
	}
	return cases, nil
}

// readFailures reads an .errors.json file: an array of objects with exactly the members
// field, pointer and code.
func readFailures(testdata fs.FS, name string) ([]Failure, error) {
	data, err := fs.ReadFile(testdata, name)
	if err != nil {
		return nil, err
	}
	var raw []map[string]*string
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	out := []Failure{}
	for i, m := range raw {
		field, pointer, code := m["field"], m["pointer"], m["code"]
		if len(m) != 3 || field == nil || pointer == nil || code == nil {
			return nil, fmt.Errorf("%s: failure %d must have exactly the string members field, pointer and code", name, i)
		}
		if !slices.Contains(billing.Codes(), billing.Code(*code)) {
			return nil, fmt.Errorf("%s: failure %d: unknown code %q", name, i, *code)
		}
		out = append(out, Failure{Field: *field, Pointer: *pointer, Code: *code})
	}
	return out, nil
}

// Generate returns the corpus file for c: a JSON object with the members "kinds" and
// "apply", each case on a line of its own.
func Generate(c Corpus) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\"comment\":\"Generated from the module's testdata directory by go generate ./billingtest. DO NOT EDIT.\",\n")
	writeGroup := func(member string, keys []string, cases func(string) (int, func(int) any)) error {
		fmt.Fprintf(&b, "%q:{", member)
		for i, key := range keys {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "\n%q:[", key)
			n, at := cases(key)
			for j := range n {
				line, err := marshal(at(j))
				if err != nil {
					return err
				}
				if j > 0 {
					b.WriteString(",")
				}
				b.WriteString("\n")
				b.Write(line)
			}
			b.WriteString("]")
		}
		b.WriteString("}")
		return nil
	}
	err := writeGroup("kinds", Kinds, func(k string) (int, func(int) any) {
		return len(c.Kinds[k]), func(i int) any { return c.Kinds[k][i] }
	})
	if err != nil {
		return nil, err
	}
	b.WriteString(",\n")
	err = writeGroup("apply", Entities, func(e string) (int, func(int) any) {
		return len(c.Apply[e]), func(i int) any { return c.Apply[e][i] }
	})
	if err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// Build reads the corpus from testdata and returns its file.
func Build(testdata fs.FS) ([]byte, error) {
	c, err := Read(testdata)
	if err != nil {
		return nil, err
	}
	return Generate(c)
}
