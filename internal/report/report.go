// Package report collects the failures of one document: in the order they are found,
// at most one per place, the most important one winning when a place fails twice.
package report

import (
	"errors"

	billing "github.com/tallykit/billing"
)

// rank orders codes by precedence inside one field: lower wins. A metadata key's errors
// outrank its value's, so they sit before the value codes.
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

// List is an ordered set of failures keyed by place. The zero List is empty and ready to use.
type List struct {
	errs  billing.Errors
	index map[string]int // pointer → position in errs, built once errs grows past linearScan
}

// linearScan is the size up to which a place is looked up by scanning; past it a map keeps
// a hostile document with many failing entries linear in its size.
const linearScan = 16

func (l *List) find(ptr string) int {
	if l.index != nil {
		if i, ok := l.index[ptr]; ok {
			return i
		}
		return -1
	}
	for i, e := range l.errs {
		if e.Pointer == ptr {
			return i
		}
	}
	return -1
}

// Add records a failure at loc. If loc already has one, the failure of higher
// precedence is kept, in the place of the first.
func (l *List) Add(loc Loc, code billing.Code, message string) {
	if i := l.find(loc.ptr); i >= 0 {
		if rank(code) < rank(l.errs[i].Code) {
			l.errs[i] = loc.Error(code, message)
		}
		return
	}
	l.errs = append(l.errs, loc.Error(code, message))
	switch {
	case l.index != nil:
		l.index[loc.ptr] = len(l.errs) - 1
	case len(l.errs) > linearScan:
		l.index = make(map[string]int, 2*len(l.errs))
		for i, e := range l.errs {
			l.index[e.Pointer] = i
		}
	}
}

// AddUnder records every failure held in err, reported by a parser of a value read on its
// own, under loc, the place of that value ("/metadata" + "/order_id"). It reports whether
// err held any failure.
func (l *List) AddUnder(loc Loc, err error) bool {
	es := Errs(err)
	for _, e := range es {
		l.Add(loc.Under(e), e.Code, e.Message)
	}
	return len(es) > 0
}

// AddAt records the failures held in err at loc, whatever place they name themselves.
// Single-value parsers (ids.ParseCustomerID, money.ParseCurrency, …) name the field they
// usually stand for; a document parser uses AddAt to put their code and message at the
// member's real place. It reports whether err held any failure.
func (l *List) AddAt(loc Loc, err error) bool {
	es := Errs(err)
	for _, e := range es {
		l.Add(loc, e.Code, e.Message)
	}
	return len(es) > 0
}

// Has reports whether loc has a failure.
func (l *List) Has(loc Loc) bool { return l.find(loc.ptr) >= 0 }

// Len returns the number of failures recorded.
func (l *List) Len() int { return len(l.errs) }

// Err returns the failures as a billing.Errors, or nil when there are none.
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return l.errs
}

// Errs returns the failures that err holds (nil for a nil err or another kind of error).
func Errs(err error) billing.Errors {
	if err == nil {
		return nil
	}
	var es billing.Errors
	if errors.As(err, &es) {
		return es
	}
	return nil
}
