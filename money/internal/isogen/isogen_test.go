package isogen

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const header = "Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate\n"

func TestRead(t *testing.T) {
	d, err := Read(strings.NewReader(header +
		"A,Euro,EUR,978,2,\n" +
		"B,Euro,EUR,978,2,\n" +
		"C,Kuna,HRK,191,,2015-06\n" +
		"C,Kuna ,HRK,191,,2023-01\n" +
		"D,Euro,EUR,978,,2006-10\n" + // withdrawn for D, current elsewhere: current
		"E,Gold,XAU,959,-,\n" +
		"F,Old,ARY,032,,1989 to 1990\n" +
		"G,Mark,DDM,278,,1990-07 to 1990-09\n" +
		"H,Dong,VNC,704,,1989-1990\n" +
		"I,Gold-Franc,XFO,,,2006-10\n" + // no numeric code
		"I,Other name,XFO,,,2006-10\n" + // same date: the first row names it
		"ANTARCTICA,No universal currency,,,,\n" +
		"J,Yen,JPY,392,0,\n"))
	require.NoError(t, err)
	assert.Equal(t, []Currency{{"EUR", 978, 2, "Euro"}, {"JPY", 392, 0, "Yen"}}, d.Currencies)
	assert.Equal(t, []string{"XAU"}, d.Unitless)
	assert.Equal(t, []Withdrawn{
		{"ARY", "1989 to 1990", 32, "Old"}, {"DDM", "1990-07 to 1990-09", 278, "Mark"},
		{"HRK", "2023-01", 191, "Kuna"}, {"VNC", "1989-1990", 704, "Dong"}, {"XFO", "2006-10", 0, "Gold-Franc"},
	}, d.Withdrawn)
	assert.Equal(t, "2023-01", d.Latest)

	out, err := Generate(d, "", "test")
	require.NoError(t, err)
	assert.Contains(t, string(out), `const ISO4217Source = "ISO 4217 List One and withdrawn codes, as of 2023-01"`)
	out, err = Generate(d, "2026-03", "test")
	require.NoError(t, err)
	assert.Contains(t, string(out), `as of 2026-03"`)
	_, err = Generate(d, "March", "test")
	assert.Error(t, err)
}

func TestReadRefuses(t *testing.T) {
	for name, src := range map[string]string{
		"header":       "Entity,Currency,Code\n",
		"empty":        "",
		"bad code":     header + "A,Euro,EU,978,2,\n",
		"lower code":   header + "A,Euro,eur,978,2,\n",
		"bad numeric":  header + "A,Euro,EUR,97,2,\n",
		"bad minor":    header + "A,Euro,EUR,978,two,\n",
		"disagreement": header + "A,Euro,EUR,978,2,\nB,Euro,EUR,978,3,\n",
		"no year":      header + "A,Euro,EUR,978,,soon\n",
		"half row":     header + "A,,,978,,\n",
		"no numeric":   header + "A,Euro,EUR,,2,\n",
		"nothing":      header,
	} {
		_, err := Read(strings.NewReader(src))
		assert.Error(t, err, name)
	}
}

func TestFindHash(t *testing.T) {
	codes := []string{"AAA", "AAB", "ZZZ", "QQQ", "MMM"}
	h, err := FindHash(codes)
	require.NoError(t, err)
	seen := map[uint8]bool{}
	for i, c := range codes {
		slot := (Key(c) * h.Mul) >> h.Shift
		assert.Equal(t, uint8(i+1), h.Slots[slot])
		seen[h.Slots[slot]] = true
	}
	assert.Len(t, seen, len(codes))
}
