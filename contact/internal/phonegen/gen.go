package phonegen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Module is the phone library whose metadata the tables are generated from.
const Module = "github.com/nyaruka/phonenumbers"

// MaxNSN is the longest national significant number libphonenumber parses
// (phonenumbers.MAX_LENGTH_FOR_NSN); the tables give lengths 0 to MaxNSN.
const MaxNSN = 17

// TagNationalPrefix marks, in the automaton of a calling code's main region,
// the numbers that start with a match of the region's national prefix for
// parsing: the parser may strip it, so the slow path decides.
const TagNationalPrefix = NumTags

// Provenance says where the metadata comes from.
type Provenance struct {
	Version         string // the version of Module, like v1.8.1
	MetadataVersion string // the libphonenumber release its metadata follows, like 9.0.32
}

// Source is the provenance as one sentence, the value of the generated
// PhoneMetadataSource constant.
func (p Provenance) Source() string {
	return "libphonenumber metadata " + p.MetadataVersion + ", from " + Module + " " + p.Version
}

// reconciled is the header line of the phone library's metadata source file
// that names the libphonenumber release the library follows.
var reconciled = regexp.MustCompile(`(?m)^// Last reconciled against: v([0-9]+\.[0-9]+\.[0-9]+)\s*$`)

// ReadProvenance asks the go command goCmd, in dir, which version of Module
// the module there requires, and reads from that version's source the
// libphonenumber release it follows.
func ReadProvenance(goCmd, dir string) (Provenance, error) {
	cmd := exec.Command(goCmd, "list", "-m", "-json", Module)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return Provenance{}, fmt.Errorf("go list -m %s: %v\n%s", Module, err, stderr.Bytes())
	}
	var m struct{ Version, Dir string }
	if err := json.Unmarshal(out, &m); err != nil {
		return Provenance{}, fmt.Errorf("go list -m %s: %v", Module, err)
	}
	if m.Version == "" || m.Dir == "" {
		return Provenance{}, fmt.Errorf("go list -m %s: no version or no source directory (run go mod download)", Module)
	}
	src, err := os.ReadFile(filepath.Join(m.Dir, "metadatasource.go"))
	if err != nil {
		return Provenance{}, err
	}
	v := reconciled.FindSubmatch(src)
	if v == nil {
		return Provenance{}, fmt.Errorf("%s %s: metadatasource.go does not say which libphonenumber release it follows", Module, m.Version)
	}
	return Provenance{Version: m.Version, MetadataVersion: string(v[1])}, nil
}

// Code is one assigned country calling code in the tables.
type Code struct {
	Code   int // the calling code, 1–999
	First  int // index of its first (main) region in Tables.Regions
	N      int // number of regions
	Prefix int // 1 + index in Tables.Prefixes of its main region's national prefix, 0 for none
}

// RegionRow is one region in the tables.
type RegionRow struct {
	Code            string // ISO 3166-1 alpha-2, "001" for a non-geographic entity
	CC              int
	Start           int  // the start state of its automaton
	SameMobileFixed bool // fixed-line and mobile patterns are the same
	Leading         bool // it has leading digits (used only when its calling code has several regions)
	// ByLen[n] is the mask of the tags whose descriptions allow a national
	// number of n digits; the leading-digits and national-prefix tags are
	// set for every length.
	ByLen [MaxNSN + 1]uint16
}

// Prefix is the national prefix for parsing of a calling code's main region,
// with what stripping it depends on.
type Prefix struct {
	CC        int
	Pattern   string // the pattern, unanchored, as the metadata gives it
	Transform string // the transform rule, "" for none
	// The general description's possible lengths: First and Last as listed
	// (First -1 when the list says no lengths are possible), Lengths and
	// LocalOnly as masks (bit n: n digits).
	First, Last int
	Lengths     uint32
	LocalOnly   uint32
}

// Tables is everything the generated file holds.
type Tables struct {
	Provenance Provenance
	Codes      []Code
	Regions    []RegionRow
	Prefixes   []Prefix
	Accept     []uint16 // accept mask of each state; state 0 is dead
	Next       []uint16 // Next[10*s+d]: the state after digit d from s
}

// transformRule is the form of a national prefix transform rule the runtime
// supports: digits and group references.
var transformRule = regexp.MustCompile(`^(?:[0-9]|\$[1-9])*$`)

// Build compiles the metadata into the tables.
func Build(m *Metadata, prov Provenance) (*Tables, error) {
	t := &Tables{Provenance: prov}
	var (
		all    = DFA{Next: make([]int, 10), Accept: []uint16{0}} // every region's automaton, state 0 dead
		starts []int
	)
	for _, c := range m.Codes {
		if len(c.Regions) > 255 {
			return nil, fmt.Errorf("+%d has %d regions", c.Code, len(c.Regions))
		}
		code := Code{Code: c.Code, First: len(t.Regions), N: len(c.Regions)}
		for i, r := range c.Regions {
			if r.CountryCode != c.Code {
				return nil, fmt.Errorf("+%d lists %s, whose calling code is %d", c.Code, r.Code, r.CountryCode)
			}
			row := RegionRow{Code: r.Code, CC: c.Code, SameMobileFixed: r.SameMobileFixed, Leading: r.LeadingDigits != ""}
			var pats []tagged
			for tag, d := range r.Descs {
				if d.Pattern != "" && d.Pattern != "NA" {
					pats = append(pats, tagged{tag: tag, pattern: d.Pattern})
				}
				lengths, any, err := lengthMask(d.Lengths)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %v", r.Code, TagNames[tag], err)
				}
				for n := range row.ByLen {
					if any || lengths&(1<<n) != 0 {
						row.ByLen[n] |= 1 << tag
					}
				}
			}
			if r.LeadingDigits != "" {
				pats = append(pats, tagged{tag: TagLeadingDigits, pattern: r.LeadingDigits, prefix: true})
			}
			for n := range row.ByLen {
				row.ByLen[n] |= 1<<TagLeadingDigits | 1<<TagNationalPrefix
			}
			if i == 0 && r.NationalPrefixForParsing != "" {
				p, err := prefixOf(c.Code, r)
				if err != nil {
					return nil, err
				}
				t.Prefixes = append(t.Prefixes, p)
				if len(t.Prefixes) > 255 {
					return nil, errors.New("more than 255 national prefixes")
				}
				code.Prefix = len(t.Prefixes)
				pats = append(pats, tagged{tag: TagNationalPrefix, pattern: r.NationalPrefixForParsing, prefix: true})
			}
			d, err := buildDFA(pats)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", r.Code, err)
			}
			// Append d to all, its states renumbered after all's.
			base := len(all.Accept) - 1
			renumber := func(s int) int {
				if s == 0 {
					return 0
				}
				return s + base
			}
			for s := 1; s < len(d.Accept); s++ {
				all.Accept = append(all.Accept, d.Accept[s])
				for digit := range 10 {
					all.Next = append(all.Next, renumber(d.Next[s*10+digit]))
				}
			}
			starts = append(starts, renumber(d.Start))
			t.Regions = append(t.Regions, row)
		}
		t.Codes = append(t.Codes, code)
	}
	// One automaton for all regions: states that behave alike are shared.
	shared, newStarts := minimize(all, starts)
	if len(shared.Accept) > 1<<16 {
		return nil, fmt.Errorf("%d states do not fit the tables' uint16", len(shared.Accept))
	}
	for i := range t.Regions {
		t.Regions[i].Start = newStarts[i]
	}
	t.Accept = shared.Accept
	t.Next = make([]uint16, len(shared.Next))
	for i, s := range shared.Next {
		t.Next[i] = uint16(s)
	}
	return t, nil
}

// lengthMask returns the lengths of a description's list as a mask, and
// whether the list is empty (every length is possible). -1, the metadata's
// "no numbers of this type", adds nothing.
func lengthMask(lengths []int32) (mask uint32, any bool, err error) {
	for _, l := range lengths {
		switch {
		case l == -1:
		case l < 1 || l > MaxNSN:
			return 0, false, fmt.Errorf("possible length %d", l)
		default:
			mask |= 1 << l
		}
	}
	return mask, len(lengths) == 0, nil
}

// prefixOf reads the national prefix of the main region r of calling code cc.
func prefixOf(cc int, r *Region) (Prefix, error) {
	if _, err := regexp.Compile("^(?:" + r.NationalPrefixForParsing + ")"); err != nil {
		return Prefix{}, fmt.Errorf("%s: national prefix for parsing: %v", r.Code, err)
	}
	if !transformRule.MatchString(r.TransformRule) {
		return Prefix{}, fmt.Errorf("%s: national prefix transform rule %q", r.Code, r.TransformRule)
	}
	g := r.Descs[TagGeneral]
	if len(g.Lengths) == 0 {
		return Prefix{}, fmt.Errorf("%s: the general description lists no possible lengths", r.Code)
	}
	lengths, _, err := lengthMask(g.Lengths)
	if err != nil {
		return Prefix{}, fmt.Errorf("%s: %v", r.Code, err)
	}
	local, _, err := lengthMask(g.LocalOnly)
	if err != nil {
		return Prefix{}, fmt.Errorf("%s: local-only %v", r.Code, err)
	}
	return Prefix{
		CC:        cc,
		Pattern:   r.NationalPrefixForParsing,
		Transform: r.TransformRule,
		First:     int(g.Lengths[0]),
		Last:      int(g.Lengths[len(g.Lengths)-1]),
		Lengths:   lengths,
		LocalOnly: local,
	}, nil
}

// Generate writes the Go source of package contact's phone tables. command
// is how the file says it is made.
func Generate(t *Tables, command string) ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by %q; DO NOT EDIT.\n\n", command)
	p("package contact\n\n")
	p("// PhoneMetadataSource names the phone metadata that ParsePhone and\n")
	p("// Phone.IsValid hold numbers to: the libphonenumber release and the\n")
	p("// version of the Go module it was read from when this file was generated.\n")
	p("const PhoneMetadataSource = %q\n\n", t.Provenance.Source())

	p("// phoneCodes is indexed by country calling code; the zero entry is a code\n")
	p("// that is not assigned.\n")
	p("var phoneCodes = [1000]phoneCode{\n")
	for _, c := range t.Codes {
		var names []string
		for _, r := range t.Regions[c.First : c.First+c.N] {
			names = append(names, r.Code)
		}
		p("\t%d: {first: %d, n: %d, prefix: %d}, // %s\n", c.Code, c.First, c.N, c.Prefix, strings.Join(names, " "))
	}
	p("}\n\n")

	p("// phoneRegions lists the regions of every calling code, in the metadata's\n")
	p("// order (the main region first), calling codes ascending.\n")
	p("var phoneRegions = [...]phoneRegion{\n")
	for _, r := range t.Regions {
		var flags []string
		if r.SameMobileFixed {
			flags = append(flags, "phoneSameMobileFixed")
		}
		if r.Leading {
			flags = append(flags, "phoneLeadingDigits")
		}
		f := "0"
		if len(flags) > 0 {
			f = strings.Join(flags, " | ")
		}
		p("\t{code: %q, start: %d, flags: %s, byLen: [%d]uint16{", r.Code, r.Start, f, MaxNSN+1)
		for n, m := range r.ByLen {
			if n > 0 {
				p(", ")
			}
			p("%#x", m)
		}
		p("}}, // +%d\n", r.CC)
	}
	p("}\n\n")

	p("// phonePrefixes are the national prefixes for parsing of the main regions\n")
	p("// that have one, with the general description's possible lengths.\n")
	p("var phonePrefixes = [...]phonePrefix{\n")
	for _, x := range t.Prefixes {
		p("\t{pattern: %q, transform: %q, first: %d, last: %d, lengths: %#x, localOnly: %#x}, // +%d\n",
			x.Pattern, x.Transform, x.First, x.Last, x.Lengths, x.LocalOnly, x.CC)
	}
	p("}\n\n")

	p("// phoneAccept is the mask of tags (phoneTag…) each state of the automaton\n")
	p("// accepts; state 0 is dead.\n")
	p("var phoneAccept = [%d]uint16{\n", len(t.Accept))
	for i := 0; i < len(t.Accept); i += 16 {
		p("\t")
		for j := i; j < len(t.Accept) && j < i+16; j++ {
			p("%#x, ", t.Accept[j])
		}
		p("\n")
	}
	p("}\n\n")

	p("// phoneNext is the automaton's transitions: phoneNext[10*s+d] is the state\n")
	p("// after digit d from state s.\n")
	p("var phoneNext = [%d]uint16{\n", len(t.Next))
	for s := 0; s < len(t.Next)/10; s++ {
		p("\t")
		for d := range 10 {
			p("%d, ", t.Next[s*10+d])
		}
		p("// %d\n", s)
	}
	p("}\n")
	return format.Source(b.Bytes())
}

// GenerateFromModule reads the provenance with the go command goCmd in dir
// and the metadata phonenumbers embeds, and returns the generated file.
func GenerateFromModule(goCmd, dir, command string) ([]byte, error) {
	prov, err := ReadProvenance(goCmd, dir)
	if err != nil {
		return nil, err
	}
	m, err := ReadMetadata()
	if err != nil {
		return nil, err
	}
	t, err := Build(m, prov)
	if err != nil {
		return nil, err
	}
	return Generate(t, command)
}
