package money

import (
	"slices"
	"strconv"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// appendNumber appends the amount in major units with exactly as many digits after the point
// as its currency has: "20.00", "-0.05", "500", "1.250". When the currency's minor unit is
// unknown (a withdrawn currency), it appends the minor units and says so: "2000 minor units".
func (a Amount) appendNumber(b []byte) []byte {
	n, known := a.cur.MinorUnits()
	if !known {
		return append(strconv.AppendInt(b, a.minor, 10), " minor units"...)
	}
	u := uint64(a.minor)
	if a.minor < 0 {
		b = append(b, '-')
		u = uint64(-a.minor)
	}
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

// number returns the amount as appendNumber writes it.
func (a Amount) number() string {
	var buf [24]byte
	return string(a.appendNumber(buf[:0]))
}

// String returns the currency code, a space, and the amount in major units with exactly the
// currency's minor-unit digits after the point: "ZAR 20.00", "ZAR -20.00", "JPY 500",
// "BHD 1.250". The number part is what [ParseAmount] reads back to the same Amount.
// The zero Amount's String is "".
//
// An amount in a withdrawn currency, whose minor unit is unknown, is written in minor units:
// "BGN 2000 minor units".
func (a Amount) String() string {
	if a.cur.idx == 0 {
		return ""
	}
	var buf [32]byte
	b := append(buf[:0], a.cur.String()...)
	b = append(b, ' ')
	return string(a.appendNumber(b))
}

// Display returns the amount written for a reader of language tag: the currency's symbol in
// that locale when golang.org/x/text knows one (otherwise the ISO code), a space, then the
// number with the locale's digits, grouping, decimal separator and minus sign
// ("R 1 234,50" for ZAR in en-ZA, "¥ 500" for JPY in en, "€ 1.234,50" for EUR in de).
// The layout, symbol first, is that of golang.org/x/text/currency.
//
// The number of digits after the decimal point is always the currency's ISO 4217 minor unit
// from this package's table, never x/text's (which, for instance, gives IQD no decimals),
// and the value is exact at any magnitude: it is never converted to floating point.
// The zero Amount's Display is "". An amount in a withdrawn currency, whose minor unit is
// unknown, is written as [Amount.String] writes it.
func (a Amount) Display(tag language.Tag) string {
	if a.cur.idx == 0 {
		return ""
	}
	if a.cur.isWithdrawn() {
		return a.String()
	}
	p := message.NewPrinter(tag)
	sym := a.cur.String()
	if u, err := currency.ParseISO(sym); err == nil {
		sym = p.Sprint(currency.Symbol(u))
	}
	return sym + " " + a.localNumber(p)
}

// localNumber writes the amount's number as p's locale does, with exactly the currency's
// digits after the point. x/text formats the integer part (an int64, so exactly) followed by
// that many zeros; the zeros are then replaced by the fraction's digits in the locale's
// digit set (CLDR's numbering systems are runs of ten consecutive code points). An amount
// between -1 and 0 is formatted as -1 and its 1 made a 0, since x/text writes no sign on -0.
// Should a locale's rendering not end with those zeros, the plain number is returned.
func (a Amount) localNumber(p *message.Printer) string {
	n, _ := a.cur.MinorUnits() // known: Display has handled a withdrawn currency
	u := uint64(a.minor)
	if a.minor < 0 {
		u = uint64(-a.minor)
	}
	major, frac := int64(u/pow10[n]), u%pow10[n]
	negZero := a.minor < 0 && major == 0
	switch {
	case negZero:
		major = -1
	case a.minor < 0:
		major = -major
	}
	s := p.Sprint(number.Decimal(major, number.Scale(n)))
	if n == 0 {
		return s
	}
	r := []rune(s)
	zero := r[len(r)-1]
	if len(r) < n+2 || !unicode.IsDigit(zero) || !unicode.IsDigit(zero+9) {
		return a.number()
	}
	for i := len(r) - n; i < len(r); i++ {
		if r[i] != zero {
			return a.number()
		}
	}
	if negZero {
		i := slices.Index(r, zero+1)
		if i < 0 || i >= len(r)-n {
			return a.number()
		}
		r[i] = zero
	}
	for i := len(r) - 1; i >= len(r)-n; i-- {
		r[i] = zero + rune(frac%10)
		frac /= 10
	}
	return string(r)
}
