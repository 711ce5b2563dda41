package money

import (
	"strconv"
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// appendNumber appends the amount in major units with exactly as many digits after the point
// as its currency has: "20.00", "-0.05", "500", "1.250".
func (a Amount) appendNumber(b []byte) []byte {
	u := uint64(a.minor)
	if a.minor < 0 {
		b = append(b, '-')
		u = uint64(-a.minor)
	}
	n := a.cur.MinorUnits()
	p := pow10[n]
	b = strconv.AppendUint(b, u/p, 10)
	if n > 0 {
		b = append(b, '.')
		f := u % p
		for d := n - 1; d >= 0; d-- {
			b = append(b, byte('0'+f/pow10[d]%10))
		}
	}
	return b
}

// number returns the amount in major units, as appendNumber writes it.
func (a Amount) number() string {
	var buf [24]byte
	return string(a.appendNumber(buf[:0]))
}

// String returns the currency code, a space, and the amount in major units with exactly the
// currency's minor-unit digits after the point: "ZAR 20.00", "ZAR -20.00", "JPY 500",
// "BHD 1.250". The number part is what [ParseAmount] reads back to the same Amount.
// The zero Amount's String is "".
func (a Amount) String() string {
	if a.cur.idx == 0 {
		return ""
	}
	var buf [32]byte
	b := append(buf[:0], a.cur.Code()...)
	b = append(b, ' ')
	return string(a.appendNumber(b))
}

// Format returns the amount written for a reader of language tag: the currency's symbol in
// that locale when golang.org/x/text knows one (otherwise the ISO code), a space, then the
// number with the locale's digits, grouping, decimal separator and minus sign
// ("R 1 234,50" for ZAR in en-ZA, "¥ 500" for JPY in en, "€ 1.234,50" for EUR in de).
// The layout, symbol first, is that of golang.org/x/text/currency.
//
// The number of digits after the decimal point is always the currency's ISO 4217 minor unit
// from this package's table, never x/text's (which, for instance, gives IQD no decimals),
// and the value is exact at any magnitude: it is never converted to floating point.
// The zero Amount's Format is "".
func (a Amount) Format(tag language.Tag) string {
	if a.cur.idx == 0 {
		return ""
	}
	p := message.NewPrinter(tag)
	sym := a.cur.Code()
	if u, err := currency.ParseISO(sym); err == nil {
		sym = p.Sprint(currency.Symbol(u))
	}

	// The locale's affixes and decimal separator, read from how it writes 1.5 and -1.5.
	one, five := p.Sprint(number.Decimal(1)), p.Sprint(number.Decimal(5))
	prefix, sep, suffix, ok := split(p.Sprint(number.Decimal(1.5, number.Scale(1))), one, five)
	if !ok {
		prefix, sep, suffix = "", ".", ""
	}
	if a.minor < 0 {
		prefix, _, suffix, ok = split(p.Sprint(number.Decimal(-1.5, number.Scale(1))), one, five)
		if !ok {
			prefix, suffix = "-", ""
		}
	}

	u := uint64(a.minor)
	if a.minor < 0 {
		u = uint64(-a.minor)
	}
	n := a.cur.MinorUnits()
	var b strings.Builder
	b.WriteString(sym)
	b.WriteByte(' ')
	b.WriteString(prefix)
	// Both parts are integers well inside int64, which x/text formats exactly.
	b.WriteString(p.Sprint(number.Decimal(int64(u / pow10[n]))))
	if n > 0 {
		b.WriteString(sep)
		b.WriteString(p.Sprint(number.Decimal(int64(u%pow10[n]), number.MinIntegerDigits(n), number.NoSeparator())))
	}
	b.WriteString(suffix)
	return b.String()
}

// split cuts a locale's rendering of ±1.5 into what precedes the 1, what lies between the 1
// and the 5 (the decimal separator), and what follows the 5.
func split(s, one, five string) (prefix, sep, suffix string, ok bool) {
	i := strings.Index(s, one)
	j := strings.LastIndex(s, five)
	if i < 0 || j < i+len(one) {
		return "", "", "", false
	}
	return s[:i], s[i+len(one) : j], s[j+len(five):], true
}
