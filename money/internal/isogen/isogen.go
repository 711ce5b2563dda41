// Package isogen reads the ISO 4217 code list (List One and the withdrawn codes, as one CSV)
// and writes the Go table of package money. It is used by money's generator command and by
// the test that checks the committed table against its source.
package isogen

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"go/format"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
)

// Header is the first record the source must start with.
var Header = []string{"Entity", "Currency", "AlphabeticCode", "NumericCode", "MinorUnit", "WithdrawalDate"}

// Currency is one accepted currency: a code of List One with a numeric minor unit.
type Currency struct {
	Code    string // the alphabetic code, three upper-case letters
	Numeric int    // the numeric code, 1–999
	Minor   int    // the number of digits after the decimal point
	Name    string // the ISO English name, surrounding white space removed
}

// Withdrawn is a code that ISO 4217 withdrew and no longer lists as current, as the row of
// its latest withdrawal gives it (the first such row when several share that date). The
// source gives no minor unit for a withdrawn code.
type Withdrawn struct {
	Code    string // the alphabetic code
	Date    string // the withdrawal date of its latest withdrawal, as the source writes it
	Numeric int    // the numeric code, 1–999, or 0 when the row has none
	Name    string // the ISO English name, surrounding white space removed
}

// Data is what the generator needs from the source.
type Data struct {
	Currencies []Currency  // accepted, sorted by code
	Unitless   []string    // current codes without a numeric minor unit (funds, metals, test), sorted
	Withdrawn  []Withdrawn // withdrawn and not current, sorted by code
	Latest     string      // the latest withdrawal date anywhere in the source, as YYYY-MM (or YYYY)
}

var (
	codeRE    = regexp.MustCompile(`^[A-Z]{3}$`)
	numericRE = regexp.MustCompile(`^[0-9]{3}$`)
	minorRE   = regexp.MustCompile(`^[0-9]$`)
	// dateRE finds the dates inside a withdrawal date: "2023-01", "1989 to 1990",
	// "1990-07 to 1990-09", "1989-1990".
	dateRE = regexp.MustCompile(`[0-9]{4}(?:-[0-9]{2}\b)?`)
	// sourceDateRE is the form of the provenance date.
	sourceDateRE = regexp.MustCompile(`^[0-9]{4}(?:-[0-9]{2})?$`)
)

// dateKey returns the end of a withdrawal date ("1990-09" for "1990-07 to 1990-09", "1990" for
// "1989 to 1990") and a key that sorts it: a year alone counts as its last month.
func dateKey(s string) (end, key string, err error) {
	all := dateRE.FindAllString(s, -1)
	if len(all) == 0 {
		return "", "", fmt.Errorf("withdrawal date %q holds no year", s)
	}
	end = all[len(all)-1]
	key = end
	if len(key) == 4 {
		key += "-12"
	}
	return end, key, nil
}

// Read parses the source CSV. It fails on anything it does not understand rather than guess:
// an unexpected header, a malformed code, numeric code or minor unit, or a current code whose rows disagree.
func Read(r io.Reader) (*Data, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(Header)
	records, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(records) == 0 || !slices.Equal(records[0], Header) {
		return nil, errors.New("the source does not start with the header " + strings.Join(Header, ","))
	}
	current := map[string]Currency{}
	unitless := map[string]bool{}
	type withdrawal struct {
		Withdrawn
		key string
	}
	withdrawn := map[string]withdrawal{}
	var latest, latestKey string
	for i, rec := range records[1:] {
		line := i + 2
		for j := range rec {
			rec[j] = strings.TrimSpace(rec[j])
		}
		name, code, numeric, minor, date := rec[1], rec[2], rec[3], rec[4], rec[5]
		if code == "" {
			if numeric != "" || minor != "" || date != "" {
				return nil, fmt.Errorf("line %d: a row without a code has other values", line)
			}
			continue // an entity with no universal currency
		}
		if !codeRE.MatchString(code) {
			return nil, fmt.Errorf("line %d: code %q is not three upper-case letters", line, code)
		}
		if numeric != "" && !numericRE.MatchString(numeric) {
			return nil, fmt.Errorf("line %d: numeric code %q is not three digits", line, numeric)
		}
		if date != "" {
			end, key, err := dateKey(date)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			if key > latestKey {
				latest, latestKey = end, key
			}
			if w, ok := withdrawn[code]; !ok || key > w.key {
				n, _ := strconv.Atoi(numeric) // 0 when the row has none
				withdrawn[code] = withdrawal{Withdrawn{Code: code, Date: date, Numeric: n, Name: name}, key}
			}
			continue
		}
		if numeric == "" {
			return nil, fmt.Errorf("line %d: current code %s has no numeric code", line, code)
		}
		if !minorRE.MatchString(minor) {
			if minor != "-" && minor != "N.A." {
				return nil, fmt.Errorf("line %d: minor unit %q of %s is neither a digit nor \"-\" (N.A.)", line, minor, code)
			}
			unitless[code] = true
			continue
		}
		n, _ := strconv.Atoi(numeric)
		m, _ := strconv.Atoi(minor)
		c := Currency{Code: code, Numeric: n, Minor: m, Name: name}
		if prev, ok := current[code]; ok && prev != c {
			return nil, fmt.Errorf("line %d: %s disagrees with an earlier row: %+v, %+v", line, code, prev, c)
		}
		current[code] = c
	}
	d := &Data{Latest: latest}
	for code, c := range current {
		if unitless[code] {
			return nil, fmt.Errorf("%s is current both with and without a minor unit", code)
		}
		d.Currencies = append(d.Currencies, c)
	}
	for code := range unitless {
		d.Unitless = append(d.Unitless, code)
	}
	for code, w := range withdrawn {
		// A code withdrawn for one entity but still listed for another is current.
		if _, ok := current[code]; ok || unitless[code] {
			continue
		}
		d.Withdrawn = append(d.Withdrawn, w.Withdrawn)
	}
	slices.SortFunc(d.Currencies, func(a, b Currency) int { return strings.Compare(a.Code, b.Code) })
	slices.Sort(d.Unitless)
	slices.SortFunc(d.Withdrawn, func(a, b Withdrawn) int { return strings.Compare(a.Code, b.Code) })
	if len(d.Currencies) == 0 || len(d.Currencies) > 255 {
		return nil, fmt.Errorf("%d accepted currencies: the table holds 1 to 255", len(d.Currencies))
	}
	if n := 1 + len(d.Currencies) + len(d.Withdrawn); n > 1<<16 {
		return nil, fmt.Errorf("%d rows: the table holds at most %d", n, 1<<16)
	}
	return d, nil
}

// Key packs a three-letter code into the integer the lookup hashes: b0<<16 | b1<<8 | b2.
func Key(code string) uint32 {
	return uint32(code[0])<<16 | uint32(code[1])<<8 | uint32(code[2])
}

// Hash is a minimal-search perfect hash of the accepted codes: slot = (Key*Mul) >> Shift,
// in uint32 arithmetic, over a table of 1<<(32-Shift) slots.
type Hash struct {
	Mul   uint32
	Shift uint
	Slots []uint8 // currency index (1-based) per slot, 0 when empty
}

// tries bounds the search for each table size, so that generation always takes the same short time.
const tries = 1 << 14

// FindHash returns a perfect hash for codes (in table order), with the smallest table
// for which the deterministic search finds a multiplier.
func FindHash(codes []string) (Hash, error) {
	keys := make([]uint32, len(codes))
	for i, c := range codes {
		keys[i] = Key(c)
	}
	for bits := uint(8); bits <= 14; bits++ {
		if 1<<bits < len(codes) {
			continue
		}
		shift := 32 - bits
		seen := make([]uint8, 1<<bits)
		x := uint32(0x9E3779B9) // fixed seed: the same source always gives the same table
	search:
		for range tries {
			// xorshift32
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			mul := x | 1
			clear(seen)
			for i, k := range keys {
				slot := (k * mul) >> shift
				if seen[slot] != 0 {
					continue search
				}
				seen[slot] = uint8(i + 1)
			}
			return Hash{Mul: mul, Shift: shift, Slots: seen}, nil
		}
	}
	return Hash{}, errors.New("no perfect hash found")
}

// Generate writes the Go source of package money's table. date is the source's date for the
// provenance constant; when it is empty, the latest withdrawal date in the source is used.
// command is how the generator was run, for the "Code generated" header.
func Generate(d *Data, date, command string) ([]byte, error) {
	if date == "" {
		date = d.Latest
	}
	if !sourceDateRE.MatchString(date) {
		return nil, fmt.Errorf("source date %q is not YYYY-MM", date)
	}
	codes := make([]string, len(d.Currencies))
	for i, c := range d.Currencies {
		codes[i] = c.Code
	}
	h, err := FindHash(codes)
	if err != nil {
		return nil, err
	}
	keys := make([]uint32, len(codes))
	for i, c := range codes {
		keys[i] = Key(c)
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, map[string]any{
		"Command": command,
		"Date":    date,
		"Data":    d,
		"Keys":    keys,
		"Hash":    h,
	})
	if err != nil {
		return nil, err
	}
	out, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the generated source: %v", err)
	}
	return out, nil
}

var tmpl = template.Must(template.New("table").Funcs(template.FuncMap{
	"hex": func(v uint32) string { return fmt.Sprintf("%#06x", v) },
	"rows": func(s []uint8) [][]uint8 {
		var out [][]uint8
		for len(s) > 0 {
			n := min(32, len(s))
			out = append(out, s[:n])
			s = s[n:]
		}
		return out
	},
	"quote": strconv.Quote,
}).Parse(`// Code generated by {{.Command}}; DO NOT EDIT.

package money

// ISO4217Source names the data the currency table was generated from and its date.
// The source has no date of its own: the date is that of the latest withdrawal it records,
// the most recent change to the list it shows.
const ISO4217Source = {{quote (print "ISO 4217 List One and withdrawn codes, as of " .Date)}}

// currencyCount is the number of accepted currencies.
const currencyCount = {{len .Data.Currencies}}

// withdrawnCount is the number of withdrawn codes.
const withdrawnCount = {{len .Data.Withdrawn}}

// currencies holds, after an empty entry at index 0 that stands for the zero Currency, the
// accepted currencies in the order of their codes (indexes 1 to currencyCount), then the
// codes ISO 4217 withdrew and no longer lists as current, in the order of their codes, each
// with the date of its latest withdrawal as the source writes it and no minor unit.
var currencies = [1 + currencyCount + withdrawnCount]currencyInfo{
	{},
{{- range .Data.Currencies}}
	{code: {{quote .Code}}, numeric: {{.Numeric}}, minor: {{.Minor}}, name: {{quote .Name}}},
{{- end}}
{{- range .Data.Withdrawn}}
	{code: {{quote .Code}}, numeric: {{.Numeric}}, name: {{quote .Name}}, withdrawn: {{quote .Date}}},
{{- end}}
}

// currencyKeys holds each accepted code packed as b0<<16 | b1<<8 | b2, at the index of its
// entry in currencies. Index 0 holds a value no three bytes pack to.
var currencyKeys = [1 + currencyCount]uint32{
	0xffffffff,
{{- range .Keys}}
	{{hex .}},
{{- end}}
}

// The perfect hash of the accepted codes: slot = (key * currencyHashMul) >> currencyHashShift.
const (
	currencyHashMul   = {{hex .Hash.Mul}}
	currencyHashShift = {{.Hash.Shift}}
)

// currencyHash maps a slot to the index of the code that hashes there, or to 0.
var currencyHash = [{{len .Hash.Slots}}]uint8{
{{- range rows .Hash.Slots}}
	{{range .}}{{.}}, {{end}}
{{- end}}
}

// unitlessCodes holds the current codes that have no minor unit (funds, precious metals,
// units of account, test and no-currency codes), sorted. They are not accepted.
var unitlessCodes = [...]string{
{{- range .Data.Unitless}}
	{{quote .}},
{{- end}}
}
`))
