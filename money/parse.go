package money

import (
	billing "github.com/tallykit/billing"
)

// pow10 holds 10^n for every minor unit a currency can have (0–9).
var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// ParseAmount returns the Amount that s, a decimal number in major units of currency c, stands
// for: "20.00", "20.0" and "20" of ZAR are 2000 minor units, "20.5" is 2050, "-1.25" is -125;
// "500" of JPY is 500.
//
// The grammar is that of a JSON number without exponent, restricted to what c can hold:
// an optional "-", an integer part ("0" or digits not starting with "0"), then optionally "."
// and one up to c.MinorUnits() digits. "-0" is 0. So "+1", ".5", "5.", "01", "1e3", "1_000",
// " 20", "--1", "NaN", "Inf", a decimal comma, and "20.001" for ZAR (or "500.0" for JPY,
// which has no digits after the point) are refused: a value is never rounded, so more digits
// after the point than the currency has is an error even when they are zeros.
//
// It fails with a one-entry [billing.Errors]: [billing.CodeRequired] at "currency" when c is
// the zero Currency; at "amount", [billing.CodeRequired] for "",
// [billing.CodeInvalidFormat] when s does not follow the grammar, and
// [billing.CodeOutOfRange] when the amount is beyond ±[MaxMinorUnits] minor units. It reads s
// once, whatever its length, and allocates nothing unless it fails.
func ParseAmount(s string, c Currency) (Amount, error) {
	n, known := c.MinorUnits()
	if !known {
		return Amount{}, c.unknownMinorError()
	}
	i := 0
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg = true
		i = 1
	}
	start := i
	i, v, over := addDigits(s, i, 0, false)
	if i == start || (s[start] == '0' && i-start > 1) {
		return Amount{}, amountFormatError(s, c)
	}
	frac := 0
	if i < len(s) && s[i] == '.' {
		fstart := i + 1
		i, v, over = addDigits(s, fstart, v, over)
		frac = i - fstart
		if frac == 0 {
			return Amount{}, amountFormatError(s, c)
		}
	}
	if i != len(s) {
		return Amount{}, amountFormatError(s, c)
	}
	if frac > n {
		return Amount{}, fractionError(c)
	}
	if !over {
		v *= pow10[n-frac] // v ≤ 2^53 and 10^(n-frac) ≤ 10^9: no overflow
		over = v > MaxMinorUnits
	}
	if over {
		return Amount{}, amountRangeError(c)
	}
	m := int64(v)
	if neg {
		m = -m
	}
	return Amount{minor: m, cur: c}, nil
}

// addDigits reads the decimal digits of s from i on into v, each one making v ten times
// larger plus the digit, and returns the index of the first byte that is not a digit. Once
// v is over MaxMinorUnits it stops growing and over is set: v ≤ MaxMinorUnits < 2^53 before
// each step, so v*10+9 cannot overflow, and a literal of any length costs one pass.
func addDigits(s string, i int, v uint64, over bool) (int, uint64, bool) {
	for ; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			break
		}
		if !over {
			v = v*10 + uint64(d)
			over = v > MaxMinorUnits
		}
	}
	return i, v, over
}

// unknownMinorError is the failure of reading an amount in major units of c, whose minor
// unit is unknown: the zero Currency or a withdrawn one.
func (c Currency) unknownMinorError() error {
	if c.idx == 0 {
		return noCurrencyError()
	}
	return c.withdrawnError()
}

// example returns "20" followed by the currency's digits after the point, as in "20.00".
func example(c Currency) string {
	n, _ := c.MinorUnits()
	if n == 0 {
		return "20"
	}
	b := []byte("20.000000000")
	return string(b[:3+n])
}

func amountFormatError(s string, c Currency) error {
	if s == "" {
		return amountLoc.Fail(billing.CodeRequired,
			"an amount is required: send a decimal number of "+c.String()+`, like "`+example(c)+`"`)
	}
	return amountLoc.Fail(billing.CodeInvalidFormat,
		"must be a decimal number of "+c.String()+` in major units, like "`+example(c)+`" or "-`+example(c)+
			`" (no sign "+", exponent, separators or spaces)`)
}

func fractionError(c Currency) error {
	n, _ := c.MinorUnits()
	if n == 0 {
		return amountLoc.Fail(billing.CodeInvalidFormat,
			c.String()+` has no digits after the decimal point: send a whole number, like "20"`)
	}
	digits := "1 digit"
	if n > 1 {
		digits = string(rune('0'+n)) + " digits"
	}
	return amountLoc.Fail(billing.CodeInvalidFormat,
		c.String()+" has "+digits+` after the decimal point: send at most that many, like "`+example(c)+`"`)
}

func amountRangeError(c Currency) error {
	limit := Amount{minor: MaxMinorUnits, cur: c}.number()
	return amountLoc.Fail(billing.CodeOutOfRange, "must be between -"+limit+" and "+limit+" "+c.String())
}
