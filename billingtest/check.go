package billingtest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	billing "github.com/tallykit/billing"
)

// Check runs every case of kind ([Cases]) through parse, which returns nil for a valid
// document or the failures of an invalid one, and reports with t.Errorf each case where
// parse disagrees with the contract (see [Case.Diff]: the verdict, the codes, the paths
// and pointers, the order), then one line that counts them. When every case agrees it
// logs the count with t.Logf.
//
// parse's error is read with errors.As into a billing.Errors, so it may wrap one.
// A validator that is not this library (a service's HTTP handler, a port to another
// language) states its failures as a billing.Errors too: billing.NewFieldError builds each
// from the member names, with its path and pointer. A panic in parse is reported as the
// case's difference, and the other cases still run.
//
// Check calls t.Fatalf when kind is not one of [Kinds].
func Check(t testing.TB, kind string, parse func([]byte) error) {
	t.Helper()
	run(t, "Check", kind, func(c Case) string { return c.Diff(parse(c.Doc)) })
}

// CheckVerdicts is [Check] for a validator that only says whether a document is valid,
// such as a front end's form check or a schema validator: it runs every case of kind
// through valid and reports each case where the verdict differs from the contract,
// with the failures the document must produce, then one line that counts them.
//
// CheckVerdicts calls t.Fatalf when kind is not one of [Kinds].
func CheckVerdicts(t testing.TB, kind string, valid func([]byte) bool) {
	t.Helper()
	run(t, "CheckVerdicts", kind, func(c Case) string {
		switch got := valid(c.Doc); {
		case got && !c.Valid():
			return "accepted an invalid document; want " + list(c.Want)
		case !got && c.Valid():
			return "refused a valid document"
		}
		return ""
	})
}

// run is the body of the checker fn: it describes with diff each case of kind, reports
// with t.Errorf every case with a difference (a panic in diff is one), then one line
// that counts them.
func run(t testing.TB, fn, kind string, diff func(Case) string) {
	t.Helper()
	if !slices.Contains(kinds, kind) {
		t.Fatalf("billingtest.%s: unknown kind %q: the kinds are %s", fn, kind, strings.Join(kinds, ", "))
	}
	cases := Cases(kind)
	differ := 0
	for _, c := range cases {
		if d := diffRecovered(diff, c); d != "" {
			differ++
			t.Errorf("%s/%s: %s", kind, c.Name, d)
		}
	}
	if differ > 0 {
		t.Errorf("billingtest.%s %s: %d of %d cases differ", fn, kind, differ, len(cases))
		return
	}
	t.Logf("billingtest.%s %s: %d cases, all agree", fn, kind, len(cases))
}

// diffRecovered returns diff(c), or a description of what it panicked with.
func diffRecovered(diff func(Case) string, c Case) (d string) {
	defer func() {
		if p := recover(); p != nil {
			d = fmt.Sprintf("panicked: %v", p)
		}
	}()
	return diff(c)
}

// Diff compares err, what a parser returned for c.Doc, with the failures c must produce,
// and describes the difference for a person; it returns "" when they agree. The failures
// agree when they are the same, each with the same path, pointer and code, in the same
// order. Otherwise Diff says whether the verdict differs (a valid document refused, an
// invalid one accepted), or lists what is missing, unexpected, at another code or path,
// or out of order, followed by both lists.
//
// err is read as [Failures] reads it; an error that holds no failure is a difference.
func (c Case) Diff(err error) string {
	got, ok := Failures(err)
	if !ok {
		var errs billing.Errors
		if errors.As(err, &errs) {
			return "returned an empty billing.Errors as a non-nil error (return nil when there is no failure)"
		}
		return fmt.Sprintf("returned an error that is not a billing.Errors: %v", err)
	}
	want := c.Want
	switch {
	case slices.Equal(got, want):
		return ""
	case len(want) == 0:
		return "refused a valid document: got " + list(got)
	case len(got) == 0:
		return "accepted an invalid document; want " + list(want)
	}
	var lines []string
	used := make([]bool, len(got))
	matched := make([]int, 0, len(want)) // the index in got of each want matched, in want's order
	for _, w := range want {
		j := slices.IndexFunc(got, func(g Failure) bool { return g.Pointer == w.Pointer })
		for j >= 0 && used[j] {
			next := slices.IndexFunc(got[j+1:], func(g Failure) bool { return g.Pointer == w.Pointer })
			if next < 0 {
				j = -1
				break
			}
			j += 1 + next
		}
		if j < 0 {
			lines = append(lines, "missing "+w.String())
			continue
		}
		used[j] = true
		matched = append(matched, j)
		g := got[j]
		if g.Code != w.Code {
			lines = append(lines, fmt.Sprintf("%q: code %s, want %s", w.Pointer, g.Code, w.Code))
		}
		if g.Field != w.Field {
			lines = append(lines, fmt.Sprintf("%q: path %q, want %q", w.Pointer, g.Field, w.Field))
		}
	}
	for j, g := range got {
		if !used[j] {
			lines = append(lines, "unexpected "+g.String())
		}
	}
	if !slices.IsSorted(matched) {
		lines = append(lines, "out of order")
	}
	return "failures differ:\n\t" + strings.Join(lines, "\n\t") + "\n\twant " + list(want) + "\n\tgot  " + list(got)
}

// list writes failures as [f1, f2, …].
func list(fs []Failure) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = f.String()
	}
	return "[" + strings.Join(s, ", ") + "]"
}
