package billingtest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tallykit/billing/contact"
)

// Script is a writing system that [Gen.NameIn] writes names in.
type Script string

// The scripts of generated names.
const (
	ScriptLatin      Script = "latin"      // José Ødegaard-Müller, with letters of Latin-1 and Latin Extended-A
	ScriptCyrillic   Script = "cyrillic"   // Ольга Иванова
	ScriptGreek      Script = "greek"      // Νίκος Παπαδόπουλος
	ScriptArabic     Script = "arabic"     // right to left, without diacritics
	ScriptHebrew     Script = "hebrew"     // right to left, final forms at the ends of words
	ScriptDevanagari Script = "devanagari" // vowel signs and conjuncts with virama (combining marks)
	ScriptHan        Script = "han"        // CJK unified ideographs, written without spaces
	ScriptHangul     Script = "hangul"     // precomposed syllables (NFC): 김민준
	ScriptHangulNFD  Script = "hangul-nfd" // the same as conjoining jamo (NFD), as some keyboards send it
	ScriptThai       Script = "thai"       // leading vowels, above vowels and tone marks
)

var scripts = []Script{ScriptLatin, ScriptCyrillic, ScriptGreek, ScriptArabic, ScriptHebrew,
	ScriptDevanagari, ScriptHan, ScriptHangul, ScriptHangulNFD, ScriptThai}

// Scripts returns every [Script], in the order of the constants. The slice is new on
// each call.
func Scripts() []Script { return append([]Script(nil), scripts...) }

// Letters of each script, as strings of code points to pick from. Every one is a letter or
// a mark that the PRECIS FreeformClass profile accepts in the position it is used in.
var (
	latinUpper   = []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZÁÀÂÄÃÅÆÇÉÈÊËÍÌÎÏÐÑÓÒÔÖÕØÚÙÛÜÝÞŁŚŠŽŻŒ")
	latinLower   = []rune("abcdefghijklmnopqrstuvwxyzáàâäãåæçéèêëíìîïðñóòôöõøúùûüýþÿßāăąćčďđēėęěğīįıłńňōőœřśşšťūůűųźżž")
	cyrUpper     = []rune("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ")
	cyrLower     = []rune("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
	greekUpper   = []rune("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")
	greekLower   = []rune("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ")
	arabic       = []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
	hebrew       = []rune("אבגדהוזחטיכלמנסעפצקרשת")
	hebrewFinal  = map[rune]rune{'כ': 'ך', 'מ': 'ם', 'נ': 'ן', 'פ': 'ף', 'צ': 'ץ'}
	devaVowels   = []rune("अआइईउऊएऐओऔ")
	devaConsonan = []rune("कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह")
	devaSigns    = []rune("ािीुूेैोौं")
	thaiLeading  = []rune("เแโใไ")
	thaiCons     = []rune("กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ")
	thaiAbove    = []rune("ิีึื่้")
)

const (
	devaVirama = '\u094D'
	thaiAA     = 'า'
	maxName    = 255 // code points
)

// word writes one word of script s, of about n letters.
func (g *Gen) word(b *strings.Builder, s Script, n int) {
	switch s {
	case ScriptLatin:
		b.WriteRune(pickRune(g, latinUpper))
		for range n - 1 {
			b.WriteRune(pickRune(g, latinLower))
		}
	case ScriptCyrillic:
		b.WriteRune(pickRune(g, cyrUpper))
		for range n - 1 {
			b.WriteRune(pickRune(g, cyrLower))
		}
	case ScriptGreek:
		b.WriteRune(pickRune(g, greekUpper))
		for i := range n - 1 {
			if r := pickRune(g, greekLower); r == 'σ' && i == n-2 {
				b.WriteRune('ς') // final sigma
			} else {
				b.WriteRune(r)
			}
		}
	case ScriptArabic:
		for range n {
			b.WriteRune(pickRune(g, arabic))
		}
	case ScriptHebrew:
		for i := range n {
			r := pickRune(g, hebrew)
			if f, ok := hebrewFinal[r]; ok && i == n-1 {
				r = f
			}
			b.WriteRune(r)
		}
	case ScriptDevanagari:
		if g.chance(3) {
			b.WriteRune(pickRune(g, devaVowels))
		}
		for range n {
			b.WriteRune(pickRune(g, devaConsonan))
			switch g.intn(6) {
			case 0, 1, 2:
				b.WriteRune(pickRune(g, devaSigns))
			case 3:
				b.WriteRune(devaVirama) // a conjunct with the next consonant
				b.WriteRune(pickRune(g, devaConsonan))
			}
		}
	case ScriptHan:
		for range n {
			b.WriteRune(g.ideograph())
		}
	case ScriptHangul, ScriptHangulNFD:
		for range n {
			syllable := g.syllable()
			if s == ScriptHangul {
				b.WriteRune(syllable)
				continue
			}
			// The canonical decomposition of a Hangul syllable (Unicode 3.12).
			i := syllable - 0xAC00
			b.WriteRune(0x1100 + i/588)
			b.WriteRune(0x1161 + i%588/28)
			if t := i % 28; t != 0 {
				b.WriteRune(0x11A7 + t)
			}
		}
	case ScriptThai:
		for range n {
			if g.chance(4) {
				b.WriteRune(pickRune(g, thaiLeading))
			}
			b.WriteRune(pickRune(g, thaiCons))
			switch g.intn(4) {
			case 0:
				b.WriteRune(pickRune(g, thaiAbove))
			case 1:
				b.WriteRune(thaiAA)
			}
		}
	default:
		panic(fmt.Sprintf("billingtest: unknown script %q", s))
	}
}

func pickRune(g *Gen, rs []rune) rune { return rs[g.intn(len(rs))] }

// nameText returns the text of a name in script s: one to three words, or, one time in
// eight, exactly 255 code points.
func (g *Gen) nameText(s Script) string {
	var b strings.Builder
	sep := " "
	switch {
	case s == ScriptHan:
		sep = ""
		if g.chance(4) {
			sep = "\u3000" // an ideographic space, which is white space but allowed inside
		}
	case g.chance(8):
		sep = "\u00a0" // a no-break space
	}
	long := g.chance(8)
	words := 1 + g.intn(3)
	for i, n := 0, 0; long && n < maxName || !long && i < words; i++ {
		start := b.Len()
		if i > 0 {
			b.WriteString(sep)
		}
		lo, hi := 2, 8
		if s == ScriptHan || s == ScriptHangul || s == ScriptHangulNFD {
			lo, hi = 1, 3
		}
		g.word(&b, s, lo+g.intn(hi-lo+1))
		if s == ScriptLatin && g.chance(10) {
			b.WriteString(g.pick([]string{"-", "'"}))
			g.word(&b, s, 2+g.intn(6))
		}
		n += utf8.RuneCountInString(b.String()[start:])
	}
	if !long {
		return b.String()
	}
	rs := []rune(b.String())[:maxName]
	switch last := rs[maxName-1]; {
	case last == ' ' || last == '\u00a0' || last == '\u3000' || last == '-' || last == '\'' || last == devaVirama,
		last >= 0x1100 && last <= 0x1112: // a Hangul leading consonant without its vowel
		rs[maxName-1] = g.letter(s)
	}
	return string(rs)
}

// endLetters holds, for each script written with an alphabet, the letters that may end a
// name: base letters and consonants, no marks.
var endLetters = map[Script][]rune{
	ScriptLatin: latinLower, ScriptCyrillic: cyrLower, ScriptGreek: greekLower, ScriptArabic: arabic,
	ScriptHebrew: hebrew, ScriptDevanagari: devaConsonan, ScriptThai: thaiCons,
}

// letter returns one letter of script s that may end a name: a base letter, a consonant,
// an ideograph or a precomposed syllable.
func (g *Gen) letter(s Script) rune {
	switch s {
	case ScriptHan:
		return g.ideograph()
	case ScriptHangul, ScriptHangulNFD:
		return g.syllable()
	}
	return pickRune(g, endLetters[s])
}

// ideograph returns a CJK unified ideograph.
func (g *Gen) ideograph() rune { return rune(0x4E00 + g.intn(0x9FFF-0x4E00+1)) }

// syllable returns a precomposed Hangul syllable.
func (g *Gen) syllable() rune { return rune(0xAC00 + g.intn(11172)) }

// NameIn returns a valid name written in script s: one to three words of random letters
// of the script, or, one time in eight, a name of exactly 255 code points, the longest
// allowed. Words are separated by spaces, sometimes no-break spaces, and Han names
// sometimes by an ideographic space. Every name is checked with contact.ParseName.
// NameIn panics for a script not in [Scripts].
func (g *Gen) NameIn(s Script) contact.Name {
	text := g.nameText(s)
	n, err := contact.ParseName(text)
	if err != nil {
		panic(fmt.Sprintf("billingtest: generated a name that contact.ParseName refuses (%+q): %v", text, err))
	}
	return n
}

// Name returns a valid name in one of [Scripts], chosen at random, as [Gen.NameIn]
// writes it.
func (g *Gen) Name() contact.Name { return g.NameIn(scripts[g.intn(len(scripts))]) }
