package phonegen

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run returns the accept mask d ends in after the digits of s.
func (d DFA) run(s string) uint16 {
	st := d.Start
	for i := 0; i < len(s); i++ {
		st = d.Next[st*10+int(s[i]-'0')]
	}
	return d.Accept[st]
}

// TestBuildDFA holds the automaton of a few patterns, whole-input and prefix ones, with
// the anchors the metadata uses, to the regexp package on every digit string up to six
// digits long.
func TestBuildDFA(t *testing.T) {
	pats := []tagged{
		{tag: 0, pattern: `[2-9]\d{2,4}`},
		{tag: 1, pattern: `1(?:2|3\d)?`},
		{tag: 2, pattern: `(?:0|90)(?:(1[245]|2[1-35])(\d{2}))?`, prefix: true},
		{tag: 3, pattern: `(000[2569]\d{0,2})$|(?:(?:003768)0?)|0`, prefix: true},
		{tag: 4, pattern: `55|6[01]`, prefix: true},
		{tag: 5, pattern: `NA`},
	}
	d, err := buildDFA(pats)
	require.NoError(t, err)
	res := make([]*regexp.Regexp, len(pats))
	for i, p := range pats {
		if p.prefix {
			res[i] = regexp.MustCompile("^(?:" + p.pattern + ")")
		} else {
			res[i] = regexp.MustCompile("^(?:" + p.pattern + ")$")
		}
	}
	var walk func(s string)
	n := 0
	walk = func(s string) {
		var want uint16
		for i, re := range res {
			if re.MatchString(s) {
				want |= 1 << pats[i].tag
			}
		}
		if got := d.run(s); got != want {
			t.Fatalf("%q: automaton %06b, patterns %06b", s, got, want)
		}
		n++
		if len(s) < 6 {
			for c := byte('0'); c <= '9'; c++ {
				walk(s + string(c))
			}
		}
	}
	walk("")
	assert.Equal(t, 1111111, n)
}

// TestMinimize checks that minimizing keeps every start's language and merges equal
// states: two copies of one automaton share all their states.
func TestMinimize(t *testing.T) {
	d, err := buildDFA([]tagged{{tag: 0, pattern: `[1-3]\d{3}|4(?:5|6\d)`}, {tag: 1, pattern: `4`, prefix: true}})
	require.NoError(t, err)
	// Two disjoint copies of d in one table.
	n := len(d.Accept)
	both := DFA{Next: append([]int(nil), d.Next...), Accept: append([]uint16(nil), d.Accept...)}
	for s := 1; s < n; s++ {
		both.Accept = append(both.Accept, d.Accept[s])
		for c := range 10 {
			next := d.Next[s*10+c]
			if next != 0 {
				next += n - 1
			}
			both.Next = append(both.Next, next)
		}
	}
	m, starts := minimize(both, []int{d.Start, d.Start + n - 1})
	assert.Equal(t, starts[0], starts[1], "the two copies' starts merge")
	assert.Len(t, m.Accept, n)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		m.Start = starts[0]
		assert.Equal(t, d.run(b.String()), m.run(b.String()), b.String())
	}
}

func TestBuildDFARefusesOtherAnchors(t *testing.T) {
	_, err := buildDFA([]tagged{{tag: 0, pattern: `\b1`}})
	assert.ErrorContains(t, err, "only the anchors")
}
