package contact

import (
	"fmt"
	"log/slog"
)

// This file is the privacy side of Phone and Email: every way of printing or
// logging them shows them masked. The full values are only returned by their
// explicit accessors (Phone.E164, Email.Address) and by their text and SQL
// forms, which are the wire and storage values.
//
// Mind that fmt cannot call these methods on a Phone or Email held in an
// unexported field of another struct (it prints such fields by reflection):
// a type that holds them must format and log itself.

// String returns the number masked, like +27*******89 (see [Phone.Masked]),
// so that printing a Phone does not disclose it. Use [Phone.E164] for the
// full number.
func (p Phone) String() string { return p.Masked() }

// Masked returns the number with its national digits hidden: the +, the
// country calling code and the last two digits are kept, every other digit
// is replaced by '*' (+27123456789 becomes +27*******89). A national number
// of four digits or fewer is hidden entirely, and so is every digit but the
// last two of a number, read by [ParseStoredPhone], that starts with no
// assigned country calling code. The zero Phone gives "".
func (p Phone) Masked() string {
	if p.e164 == "" {
		return ""
	}
	var buf [16]byte
	return string(p.appendMasked(buf[:0]))
}

func (p Phone) appendMasked(b []byte) []byte {
	keepTo := 1 + int(p.ccLen)
	nsnLen := len(p.e164) - keepTo
	show := 2
	if nsnLen <= 4 {
		show = 0
	}
	b = append(b, p.e164[:keepTo]...)
	for i := keepTo; i < len(p.e164)-show; i++ {
		b = append(b, '*')
	}
	return append(b, p.e164[len(p.e164)-show:]...)
}

// Format writes the masked number for every verb and flag (%v, %+v, %#v, %s,
// %q, width, …), as fmt would write the masked string, so that no format
// directive prints the full number.
func (p Phone) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), p.Masked())
}

// LogValue returns the masked number, so that log/slog never records the
// full number (slog resolves a LogValuer before any handler encodes it).
func (p Phone) LogValue() slog.Value { return slog.StringValue(p.Masked()) }

// String returns the address masked, like j***@example.com (see
// [Email.Masked]). Use [Email.Address] for the full address.
func (e Email) String() string { return e.Masked() }

// Masked returns the first character of the local part, "***", the @ and the
// domain: jane.doe@example.com becomes j***@example.com. The zero Email gives "".
func (e Email) Masked() string {
	if e.addr == "" {
		return ""
	}
	return e.addr[:1] + emailMaskSuffix + e.addr[e.at:]
}

// Format writes the masked address for every verb and flag (%v, %+v, %#v,
// %s, %q, width, …), as fmt would write the masked string, so that no format
// directive prints the full address.
func (e Email) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), e.Masked())
}

// LogValue returns the masked address, so that log/slog never records the
// full address.
func (e Email) LogValue() slog.Value { return slog.StringValue(e.Masked()) }
