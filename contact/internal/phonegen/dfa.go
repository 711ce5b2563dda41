package phonegen

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// A pattern to compile into a region's automaton, with the tag its matches set.
type tagged struct {
	tag     int // bit index in the accept mask
	pattern string
	prefix  bool // the pattern matches a prefix of the input (leading digits), else the whole input
}

// DFA is a deterministic automaton over the digits 0–9: state 0 is the dead
// state, Start the initial one; Next[s*10+d] is the state after digit d from
// s, and Accept[s] the mask of the tags whose patterns match the digits read
// so far.
type DFA struct {
	Start  int
	Next   []int
	Accept []uint16
}

// nfaState is one thread of a pattern's program: the pattern's index in the
// list and an instruction of its program.
type nfaState struct {
	pat int
	pc  uint32
}

// buildDFA compiles the patterns into one minimal DFA whose accept masks say
// which patterns match the input read so far: whole-input patterns when all
// of it is in their language, prefix patterns when any prefix of it is.
func buildDFA(pats []tagged) (DFA, error) {
	progs := make([]*syntax.Prog, len(pats))
	for i, p := range pats {
		re, err := syntax.Parse(p.pattern, syntax.Perl)
		if err != nil {
			return DFA{}, fmt.Errorf("pattern %q: %v", p.pattern, err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			return DFA{}, fmt.Errorf("pattern %q: %v", p.pattern, err)
		}
		for _, in := range prog.Inst {
			if in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
				return DFA{}, fmt.Errorf("pattern %q: only the anchors ^ and $ are supported", p.pattern)
			}
		}
		progs[i] = prog
	}

	// A subset state: the sorted threads, and the tags of prefix patterns
	// already matched (sticky: every longer input matches them too).
	type subset struct {
		threads []nfaState
		sticky  uint16
		accept  uint16
	}
	key := func(s subset) string {
		var b strings.Builder
		b.WriteString(strconv.Itoa(int(s.sticky)))
		b.WriteByte('/')
		b.WriteString(strconv.Itoa(int(s.accept)))
		for _, t := range s.threads {
			b.WriteByte(';')
			b.WriteString(strconv.Itoa(t.pat))
			b.WriteByte(':')
			b.WriteString(strconv.FormatUint(uint64(t.pc), 10))
		}
		return b.String()
	}
	// walk follows the threads on stack through the steps that read no digit, and returns
	// the threads at a rune instruction, those past a $ before the end of the input
	// (atEnd), the tags of the patterns matched and those of them of prefix patterns.
	// atStart says no digit has been read (^ holds), ended that the input ends here ($
	// holds).
	walk := func(stack []nfaState, atStart, ended bool) (runes, atEnd []nfaState, match, prefixMatch uint16) {
		seen := map[nfaState]bool{}
		for len(stack) > 0 {
			t := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[t] {
				continue
			}
			seen[t] = true
			in := progs[t.pat].Inst[t.pc]
			next := nfaState{t.pat, in.Out}
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				stack = append(stack, next, nfaState{t.pat, in.Arg})
			case syntax.InstCapture, syntax.InstNop:
				stack = append(stack, next)
			case syntax.InstEmptyWidth:
				op := syntax.EmptyOp(in.Arg)
				switch {
				case op&syntax.EmptyBeginText != 0 && !atStart:
				case op&syntax.EmptyEndText != 0 && !ended:
					atEnd = append(atEnd, next)
				default:
					stack = append(stack, next)
				}
			case syntax.InstMatch:
				match |= 1 << pats[t.pat].tag
				if pats[t.pat].prefix {
					prefixMatch |= 1 << pats[t.pat].tag
				}
			case syntax.InstFail:
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				runes = append(runes, t)
			}
		}
		return runes, atEnd, match, prefixMatch
	}
	// closure adds the threads reachable from starts without reading a digit,
	// keeps the rune instructions, and returns the tags matched. atStart says
	// no digit has been read (^ holds). A thread past $ matches only if the
	// input ends here: its pattern's tag is in the accept mask, never sticky.
	closure := func(starts []nfaState, sticky uint16, atStart bool) (subset, uint16) {
		out, atEnd, match, prefixMatch := walk(slices.Clone(starts), atStart, false)
		sticky |= prefixMatch
		// At the end of the input only empty-width steps remain.
		_, _, endMatch, _ := walk(atEnd, atStart, true)
		accept := sticky | match | endMatch
		// Threads of a prefix pattern already matched add nothing.
		out = slices.DeleteFunc(out, func(t nfaState) bool { return sticky&(1<<pats[t.pat].tag) != 0 })
		slices.SortFunc(out, func(a, b nfaState) int {
			if a.pat != b.pat {
				return a.pat - b.pat
			}
			return int(a.pc) - int(b.pc)
		})
		return subset{out, sticky, accept}, accept
	}

	var (
		states []subset
		accept []uint16
		next   []int
		index  = map[string]int{}
	)
	add := func(s subset, acc uint16) int {
		k := key(s)
		if i, ok := index[k]; ok {
			return i
		}
		i := len(states)
		index[k] = i
		states = append(states, s)
		accept = append(accept, acc)
		next = append(next, make([]int, 10)...)
		return i
	}
	add(subset{}, 0) // the dead state
	var starts []nfaState
	for i, p := range progs {
		starts = append(starts, nfaState{i, uint32(p.Start)})
	}
	s0, acc0 := closure(starts, 0, true)
	start := add(s0, acc0)
	for i := 1; i < len(states); i++ {
		cur := states[i]
		for d := range 10 {
			var moved []nfaState
			for _, t := range cur.threads {
				in := progs[t.pat].Inst[t.pc]
				if in.MatchRune(rune('0' + d)) {
					moved = append(moved, nfaState{t.pat, in.Out})
				}
			}
			ns, acc := closure(moved, cur.sticky, false)
			j := 0
			if len(ns.threads) > 0 || acc != 0 {
				j = add(ns, acc)
			}
			next[i*10+d] = j
		}
	}
	d, newStart := minimize(DFA{Next: next, Accept: accept}, []int{start})
	d.Start = newStart[0]
	return d, nil
}

// minimize merges equivalent states (Moore's partition refinement) and
// renumbers them: the dead state stays 0, the others in breadth-first order
// from the starts, so that the output does not depend on map order. It
// returns the automaton (Start unset) and the new numbers of the starts.
func minimize(d DFA, starts []int) (DFA, []int) {
	n := len(d.Accept)
	class := make([]int, n)
	// Initial partition: by accept mask, the dead state alone.
	{
		ids := map[string]int{}
		for s := range n {
			k := "a" + strconv.Itoa(int(d.Accept[s]))
			if s == 0 {
				k = "dead"
			}
			id, ok := ids[k]
			if !ok {
				id = len(ids)
				ids[k] = id
			}
			class[s] = id
		}
	}
	for {
		ids := map[string]int{}
		nc := make([]int, n)
		for s := range n {
			var b strings.Builder
			b.WriteString(strconv.Itoa(class[s]))
			for c := range 10 {
				b.WriteByte(',')
				b.WriteString(strconv.Itoa(class[d.Next[s*10+c]]))
			}
			k := b.String()
			id, ok := ids[k]
			if !ok {
				id = len(ids)
				ids[k] = id
			}
			nc[s] = id
		}
		stable := len(ids) == countDistinct(class)
		class = nc
		if stable {
			break
		}
	}
	// Renumber: dead = 0, then breadth-first from the start.
	newID := map[int]int{class[0]: 0}
	rep := []int{0}
	var queue []int
	for _, s := range starts {
		if _, ok := newID[class[s]]; !ok {
			newID[class[s]] = len(rep)
			rep = append(rep, s)
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := range 10 {
			t := d.Next[s*10+c]
			if _, ok := newID[class[t]]; !ok {
				newID[class[t]] = len(rep)
				rep = append(rep, t)
				queue = append(queue, t)
			}
		}
	}
	out := DFA{Next: make([]int, len(rep)*10), Accept: make([]uint16, len(rep))}
	for i, s := range rep {
		out.Accept[i] = d.Accept[s]
		for c := range 10 {
			out.Next[i*10+c] = newID[class[d.Next[s*10+c]]]
		}
	}
	newStarts := make([]int, len(starts))
	for i, s := range starts {
		newStarts[i] = newID[class[s]]
	}
	return out, newStarts
}

func countDistinct(v []int) int {
	seen := map[int]bool{}
	for _, x := range v {
		seen[x] = true
	}
	return len(seen)
}
