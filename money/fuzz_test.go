package money

import (
	"encoding/csv"
	"errors"
	"math/big"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
)

// refCurrency is what the reference knows of an accepted code.
type refCurrency struct {
	minor, numeric int
	name           string
}

// reference is a plain model of ISO 4217 for the fuzz tests: the accepted codes, and the codes
// that are only withdrawn. It is read from the source CSV with encoding/csv when the CSV is
// present, independently of the generator; otherwise it is the committed table put in a map.
type reference struct {
	accepted  map[string]refCurrency
	withdrawn map[string]bool // nil when the CSV is absent
}

func loadReference(t testing.TB) reference {
	ref := reference{accepted: map[string]refCurrency{}}
	f, err := os.Open(sourceCSV)
	if err != nil {
		for _, c := range Currencies() {
			ref.accepted[c.Code()] = refCurrency{c.MinorUnits(), c.NumericCode(), c.Name()}
		}
		return ref
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	current := map[string]bool{}
	everWithdrawn := map[string]bool{}
	for _, row := range rows[1:] {
		name, code, numeric, minor, date := strings.TrimSpace(row[1]), row[2], row[3], row[4], row[5]
		if code == "" {
			continue
		}
		if date != "" {
			everWithdrawn[code] = true
			continue
		}
		current[code] = true
		if m, err := strconv.Atoi(minor); err == nil {
			n, _ := strconv.Atoi(numeric)
			ref.accepted[code] = refCurrency{m, n, name}
		}
	}
	ref.withdrawn = map[string]bool{}
	for code := range everWithdrawn {
		if !current[code] {
			ref.withdrawn[code] = true
		}
	}
	return ref
}

func FuzzParseCurrency(f *testing.F) {
	ref := loadReference(f)
	for code := range ref.accepted {
		f.Add(code)
		f.Add(strings.ToLower(code))
	}
	for _, s := range []string{"", "HRK", "hrk", "XAU", "XTS", "XXX", "XDR", "ANG", "ZA", "ZARR", " ZAR", "Z\xffR", "\x00\x00\x00", "ÅR", "zAr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCurrency(s)
		r, ok := lookupCurrency(s)
		if (err == nil) != ok || c != r {
			t.Fatalf("ParseCurrency(%q) = %v, %v; the binary search says %v, %v", s, c, err, r, ok)
		}
		want, accepted := ref.accepted[s]
		if accepted != (err == nil) {
			t.Fatalf("ParseCurrency(%q) error %v; the reference accepts it: %v", s, err, accepted)
		}
		if accepted {
			if c.Code() != s || c.MinorUnits() != want.minor || c.NumericCode() != want.numeric || c.Name() != want.name {
				t.Fatalf("ParseCurrency(%q) = %s %d %d %q, want %+v", s, c.Code(), c.MinorUnits(), c.NumericCode(), c.Name(), want)
			}
			return
		}
		var fe *billing.FieldError
		if !errors.As(err, &fe) || fe.Field != "currency" {
			t.Fatalf("ParseCurrency(%q): %v is not a FieldError on currency", s, err)
		}
		wantCode := billing.CodeInvalidCurrency
		switch {
		case s == "":
			wantCode = billing.CodeRequired
		case !utf8.ValidString(s):
			wantCode = billing.CodeInvalidFormat
		}
		if fe.Code != wantCode {
			t.Fatalf("ParseCurrency(%q) code %s, want %s", s, fe.Code, wantCode)
		}
		upper := strings.Map(func(r rune) rune {
			if 'a' <= r && r <= 'z' {
				return r - 'a' + 'A'
			}
			return r
		}, s)
		_, hint := ref.accepted[upper]
		hint = hint && utf8.ValidString(s) && upper != s
		if got := strings.Contains(fe.Message, "upper case: send"); got != hint {
			t.Fatalf("ParseCurrency(%q): hint %v, want %v (%s)", s, got, hint, fe.Message)
		}
		if ref.withdrawn != nil && !hint {
			if got := strings.Contains(fe.Message, "was withdrawn"); got != ref.withdrawn[s] {
				t.Fatalf("ParseCurrency(%q): withdrawn %v, want %v (%s)", s, got, ref.withdrawn[s], fe.Message)
			}
		}
		if len(fe.Message) > 200 {
			t.Fatalf("ParseCurrency(%q): message of %d bytes", s, len(fe.Message))
		}
	})
}

// amountRE is the reference grammar of ParseAmount.
var amountRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.([0-9]+))?$`)

// refParseAmount is ParseAmount written plainly with math/big.
func refParseAmount(s string, c Currency) (int64, billing.Code) {
	if s == "" {
		return 0, billing.CodeRequired
	}
	m := amountRE.FindStringSubmatch(s)
	if m == nil || len(m[3]) > c.MinorUnits() {
		return 0, billing.CodeInvalidFormat
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("the grammar admits " + s)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(c.MinorUnits())), nil)))
	if !r.IsInt() {
		panic("not whole: " + s)
	}
	v := r.Num()
	if v.CmpAbs(big.NewInt(MaxMinorUnits)) > 0 {
		return 0, billing.CodeOutOfRange
	}
	return v.Int64(), ""
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"20.00", "20", "20.5", "-1.25", "0", "-0", "-0.00", "1234567.89", "90071992547409.91",
		"90071992547409.92", "1e3", "NaN", "Inf", "1_000", " 20", "--1", "+1", ".5", "5.", "01", "", "-", "1.0001",
		strings.Repeat("9", 100), "9007199254740991", "9007199254740992", "0.000000001"} {
		for _, idx := range []uint8{0, 1, 13, 36, 80, 163} {
			f.Add(s, idx)
		}
	}
	all := Currencies()
	f.Fuzz(func(t *testing.T, s string, idx uint8) {
		c := all[int(idx)%len(all)]
		a, err := ParseAmount(s, c)
		want, wantCode := refParseAmount(s, c)
		if wantCode != "" {
			var fe *billing.FieldError
			if !errors.As(err, &fe) || fe.Code != wantCode || fe.Field != "amount" {
				t.Fatalf("ParseAmount(%q, %s) = %v, %v; want %s", s, c, a, err, wantCode)
			}
			return
		}
		if err != nil || a.Minor() != want || a.Currency() != c {
			t.Fatalf("ParseAmount(%q, %s) = %v (%d), %v; want %d", s, c, a, a.Minor(), err, want)
		}
		// String's number part reads back to the same Amount.
		str := a.String()
		num, ok := strings.CutPrefix(str, c.Code()+" ")
		if !ok {
			t.Fatalf("%q does not start with the code", str)
		}
		b, err := ParseAmount(num, c)
		if err != nil || b != a {
			t.Fatalf("ParseAmount(%q) = %v, %v; want %v", num, b, err, a)
		}
		if n := c.MinorUnits(); n > 0 {
			if i := strings.IndexByte(num, '.'); i < 0 || len(num)-i-1 != n {
				t.Fatalf("%q does not have %d digits after the point", num, n)
			}
		} else if strings.Contains(num, ".") {
			t.Fatalf("%q has a point, %s has no minor unit digits", num, c)
		}
	})
}

func FuzzAddSub(f *testing.F) {
	for _, p := range [][2]int64{{0, 0}, {1, -1}, {MaxMinorUnits, 1}, {-MaxMinorUnits, -1}, {MaxMinorUnits, -MaxMinorUnits},
		{MaxMinorUnits + 1, 0}, {-1 << 63, 1<<63 - 1}, {4503599627370496, 4503599627370496}} {
		f.Add(p[0], p[1], false)
		f.Add(p[0], p[1], true)
	}
	zar, jpy := MustParseCurrency("ZAR"), MustParseCurrency("JPY")
	maxBig := big.NewInt(MaxMinorUnits)
	inRange := func(x *big.Int) bool { return x.CmpAbs(maxBig) <= 0 }
	f.Fuzz(func(t *testing.T, x, y int64, mismatch bool) {
		// NewAmount fails exactly outside the range.
		for _, v := range []int64{x, y} {
			_, err := NewAmount(v, zar)
			if (err == nil) != inRange(big.NewInt(v)) {
				t.Fatalf("NewAmount(%d): %v", v, err)
			}
		}
		// Bring both into the range and compute with math/big.
		x %= MaxMinorUnits + 1
		y %= MaxMinorUnits + 1
		a := MustNewAmount(x, zar)
		bc := zar
		if mismatch {
			bc = jpy
		}
		b := MustNewAmount(y, bc)
		bx, by := big.NewInt(x), big.NewInt(y)
		for _, op := range []struct {
			name string
			f    func(Amount, Amount) (Amount, error)
			ref  *big.Int
		}{
			{"Add", Amount.Add, new(big.Int).Add(bx, by)},
			{"Sub", Amount.Sub, new(big.Int).Sub(bx, by)},
		} {
			got, err := op.f(a, b)
			switch {
			case mismatch:
				if !errors.Is(err, ErrCurrencyMismatch) || !got.IsZero() {
					t.Fatalf("%d %s %d across currencies = %v, %v", x, op.name, y, got, err)
				}
			case !inRange(op.ref):
				if !errors.Is(err, billing.ErrOutOfRange) || !got.IsZero() {
					t.Fatalf("%d %s %d = %v, %v; want out_of_range (%s)", x, op.name, y, got, err, op.ref)
				}
			default:
				if err != nil || got.Minor() != op.ref.Int64() || got.Currency() != zar {
					t.Fatalf("%d %s %d = %v, %v; want %s", x, op.name, y, got, err, op.ref)
				}
			}
		}
		cmp, err := a.Cmp(b)
		if mismatch {
			if !errors.Is(err, ErrCurrencyMismatch) {
				t.Fatalf("Cmp across currencies: %v", err)
			}
		} else if err != nil || cmp != bx.Cmp(by) {
			t.Fatalf("Cmp(%d, %d) = %d, %v", x, y, cmp, err)
		}
		if n := a.Neg(); n.Minor() != -x || n.Neg() != a {
			t.Fatalf("Neg(%d) = %v", x, n)
		}
		// String's number part reads back, in a currency with digits after the point and one without.
		for _, v := range []Amount{a, MustNewAmount(y, jpy), MustNewAmount(x, MustParseCurrency("CLF"))} {
			num, _ := strings.CutPrefix(v.String(), v.Currency().Code()+" ")
			back, err := ParseAmount(num, v.Currency())
			if err != nil || back != v {
				t.Fatalf("ParseAmount(%q, %s) = %v, %v; want %v", num, v.Currency(), back, err, v)
			}
		}
	})
}
