// Package report collects the failures of one document: in the order they are found,
// at most one per field path, the most important one winning when a path fails twice.
package report

import billing "github.com/tallykit/billing"

// rank orders codes by precedence inside one field (SPEC §4): lower wins.
// A metadata key's errors outrank its value's, so they sit before the value codes.
func rank(c billing.Code) int {
	switch c {
	case billing.CodeDuplicateField:
		return 0
	case billing.CodeInvalidKey, billing.CodeKeyTooLong:
		return 1
	case billing.CodeInvalidType:
		return 2
	case billing.CodeRequired:
		return 3
	case billing.CodeInvalidCharacters:
		return 4
	case billing.CodeTooLong:
		return 5
	case billing.CodeInvalidFormat:
		return 6
	default:
		return 7
	}
}

// List is an ordered set of failures keyed by path. The zero List is empty and ready to use.
type List struct {
	errs  billing.Errors
	index map[string]int // path → position in errs, built once errs grows past linearScan
}

// linearScan is the size up to which a path is looked up by scanning; past it a map keeps
// a hostile document with many failing entries linear in its size.
const linearScan = 16

func (l *List) find(path string) int {
	if l.index != nil {
		if i, ok := l.index[path]; ok {
			return i
		}
		return -1
	}
	for i, e := range l.errs {
		if e.Field == path {
			return i
		}
	}
	return -1
}

// Add records a failure at path. If path already has one, the failure of higher
// precedence is kept, in the place of the first.
func (l *List) Add(path string, code billing.Code, message string) {
	if i := l.find(path); i >= 0 {
		if rank(code) < rank(l.errs[i].Code) {
			l.errs[i] = billing.NewFieldError(path, code, message)
		}
		return
	}
	l.errs = append(l.errs, billing.NewFieldError(path, code, message))
	switch {
	case l.index != nil:
		l.index[path] = len(l.errs) - 1
	case len(l.errs) > linearScan:
		l.index = make(map[string]int, 2*len(l.errs))
		for i, e := range l.errs {
			l.index[e.Field] = i
		}
	}
}

// AddError records every failure held in err (a *billing.FieldError or billing.Errors),
// with prefix and a dot put before each path when prefix is not empty; a failure of the
// whole inner document (path "") is recorded at prefix itself.
// It reports whether err held any failure; an err of another kind is not recorded.
func (l *List) AddError(prefix string, err error) bool {
	es := billing.AsErrors(err)
	for _, e := range es {
		path := prefix
		if e.Field != "" {
			path = Join(prefix, e.Field)
		}
		l.Add(path, e.Code, e.Message)
	}
	return len(es) > 0
}

// AddAt records the failures held in err at path, whatever field they name themselves.
// Single-value parsers (ids.ParseCustomerID, money.ParseCurrency, …) name the field they
// usually stand for; a document parser uses AddAt to put their code and message at the
// member's real path. It reports whether err held any failure.
func (l *List) AddAt(path string, err error) bool {
	es := billing.AsErrors(err)
	for _, e := range es {
		l.Add(path, e.Code, e.Message)
	}
	return len(es) > 0
}

// Has reports whether path has a failure.
func (l *List) Has(path string) bool {
	return l.find(path) >= 0
}

// Len returns the number of failures recorded.
func (l *List) Len() int { return len(l.errs) }

// Err returns the failures as a billing.Errors, or nil when there are none.
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return l.errs
}

// Join returns the path of member name inside the object at prefix. An empty name is
// kept ("metadata." is the path of an empty metadata key).
func Join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
