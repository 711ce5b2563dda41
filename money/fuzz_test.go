package money

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
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
			ref.accepted[c.String()] = refCurrency{minor(c), c.NumericCode(), c.Name()}
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
			if c.String() != s || minor(c) != want.minor || c.NumericCode() != want.numeric || c.Name() != want.name {
				t.Fatalf("ParseCurrency(%q) = %s %d %d %q, want %+v", s, c.String(), minor(c), c.NumericCode(), c.Name(), want)
			}
			return
		}
		es := report.Errs(err)
		if len(es) != 1 || es[0].Field != "currency" || es[0].Pointer != "/currency" {
			t.Fatalf("ParseCurrency(%q): %v is not one failure at currency", s, err)
		}
		fe := es[0]
		wantCode := billing.CodeInvalidCurrency
		if s == "" {
			wantCode = billing.CodeRequired
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
	if m == nil || len(m[3]) > minor(c) {
		return 0, billing.CodeInvalidFormat
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("the grammar admits " + s)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(minor(c))), nil)))
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
			es := report.Errs(err)
			if len(es) != 1 || es[0].Code != wantCode || es[0].Pointer != "/amount" {
				t.Fatalf("ParseAmount(%q, %s) = %v, %v; want %s", s, c, a, err, wantCode)
			}
			return
		}
		if err != nil || a.Minor() != want || a.Currency() != c {
			t.Fatalf("ParseAmount(%q, %s) = %v (%d), %v; want %d", s, c, a, a.Minor(), err, want)
		}
		// String's number part reads back to the same Amount.
		str := a.String()
		num, ok := strings.CutPrefix(str, c.String()+" ")
		if !ok {
			t.Fatalf("%q does not start with the code", str)
		}
		b, err := ParseAmount(num, c)
		if err != nil || b != a {
			t.Fatalf("ParseAmount(%q) = %v, %v; want %v", num, b, err, a)
		}
		if n := minor(c); n > 0 {
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
				if !errors.Is(err, billing.CodeOutOfRange) || !got.IsZero() {
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
			num, _ := strings.CutPrefix(v.String(), v.Currency().String()+" ")
			back, err := ParseAmount(num, v.Currency())
			if err != nil || back != v {
				t.Fatalf("ParseAmount(%q, %s) = %v, %v; want %v", num, v.Currency(), back, err, v)
			}
		}
	})
}

// The JSON fuzz targets check the strict readers against a plain reference built on
// encoding/json's decoder.

// refDoc is what encoding/json's decoder makes of a document.
type refDoc struct {
	// kind is "null", "invalid" (not well-formed, or deeper than the strict reader allows),
	// "too_long", "value" (not an object) or "object".
	kind  string
	names []string                   // the object's distinct member names, in the order of their first occurrence
	count map[string]int             // how many times each name occurs
	first map[string]json.RawMessage // each name's first value
	// exact is false when a name holds U+FFFD: encoding/json makes one of invalid UTF-8 and of
	// a lone surrogate escape, which the strict reader keeps, so names may compare otherwise.
	exact bool
}

// readRef reads data with encoding/json as a document nested extra levels deep.
func readRef(data []byte, extra int) refDoc {
	if len(data) > strictjson.MaxSize {
		return refDoc{kind: "too_long"}
	}
	if !json.Valid(data) || refDepth(data)+extra > strictjson.MaxDepth {
		return refDoc{kind: "invalid"}
	}
	switch bytes.Trim(data, " \t\r\n")[0] {
	case 'n':
		return refDoc{kind: "null"}
	case '{':
	default:
		return refDoc{kind: "value"}
	}
	d := refDoc{kind: "object", count: map[string]int{}, first: map[string]json.RawMessage{}, exact: true}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		panic(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			panic(err)
		}
		name := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			panic(err)
		}
		if d.count[name] == 0 {
			d.names = append(d.names, name)
			d.first[name] = raw
		}
		d.count[name]++
		if strings.ContainsRune(name, utf8.RuneError) {
			d.exact = false
		}
	}
	return d
}

// refDepth returns how deep objects and arrays nest in well-formed JSON.
func refDepth(data []byte) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}

// failures lists an object's failures as the decisions order them: by member, then the
// members that are absent. codes holds a code for each failing member; names are the
// members the object must hold.
func (d refDoc) failures(names []string, codes map[string]billing.Code) []testkit.Failure {
	var l []testkit.Failure
	for _, name := range d.names {
		if c := codes[name]; c != "" {
			l = append(l, testkit.At(name, c))
		}
	}
	for _, name := range names {
		if d.count[name] == 0 {
			l = append(l, testkit.At(name, billing.CodeRequired))
		}
	}
	return l
}

// memberCodes gives the codes of the members that are unknown, given twice or null; check
// gives the others'.
func (d refDoc) memberCodes(names []string, check func(name string, raw json.RawMessage) billing.Code) map[string]billing.Code {
	codes := map[string]billing.Code{}
	for _, name := range d.names {
		raw := d.first[name]
		switch {
		case d.count[name] > 1:
			codes[name] = billing.CodeDuplicateField
		case !slices.Contains(names, name):
			codes[name] = billing.CodeUnknownField
		case string(raw) == "null":
			codes[name] = billing.CodeRequired
		default:
			codes[name] = check(name, raw)
		}
	}
	return codes
}

var refInteger = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// refInt reads raw as an integer in lo…hi.
func refInt(raw json.RawMessage, lo, hi int64) (int64, billing.Code) {
	if !refInteger.Match(raw) {
		return 0, billing.CodeInvalidType // a string, a bool, a fraction, an exponent, …
	}
	n, _ := new(big.Int).SetString(string(raw), 10)
	if n.Cmp(big.NewInt(lo)) < 0 || n.Cmp(big.NewInt(hi)) > 0 {
		return 0, billing.CodeOutOfRange
	}
	return n.Int64(), ""
}

// refBool reads raw as a boolean.
func refBool(raw json.RawMessage) (bool, billing.Code) {
	switch string(raw) {
	case "true":
		return true, ""
	case "false":
		return false, ""
	}
	return false, billing.CodeInvalidType
}

// refRules is the reference PaymentRules.UnmarshalJSON for an object.
func refRules(d refDoc) (PaymentRules, []testkit.Failure) {
	names := []string{"min_amount", "max_amount", "underpayment_allowed", "overpayment_allowed"}
	var v PaymentRules
	codes := d.memberCodes(names, func(name string, raw json.RawMessage) billing.Code {
		var code billing.Code
		switch name {
		case "min_amount":
			v.min, code = refInt(raw, 1, MaxMinorUnits)
		case "max_amount":
			v.max, code = refInt(raw, 1, MaxMinorUnits)
		case "underpayment_allowed":
			v.under, code = refBool(raw)
		default:
			v.over, code = refBool(raw)
		}
		return code
	})
	if d.count["min_amount"] == 1 && d.count["max_amount"] == 1 &&
		codes["min_amount"] == "" && codes["max_amount"] == "" && v.max < v.min {
		codes["max_amount"] = billing.CodeOutOfRange
	}
	fs := d.failures(names, codes)
	for i := range fs {
		fs[i].Field = "payment_rules." + fs[i].Field
	}
	return v, fs
}

// sameFailures reports whether a and b hold the same failures, messages included.
func sameFailures(a, b error) bool {
	x, y := report.Errs(a), report.Errs(b)
	return slices.EqualFunc(x, y, func(e, f *billing.FieldError) bool { return *e == *f })
}

// checkWhole checks what the UnmarshalJSON of Amount and PaymentRules do with a document
// that is not an object of members, whose failure is at path: it reports whether it checked
// the document.
func checkWhole(t *testing.T, data []byte, d refDoc, err error, unchanged bool, path string) bool {
	t.Helper()
	var want []testkit.Failure
	switch d.kind {
	case "null":
		if err != nil || !unchanged {
			t.Fatalf("UnmarshalJSON(%q) = %v, unchanged %v; null must leave the value", data, err, unchanged)
		}
		return true
	case "too_long":
		want = []testkit.Failure{testkit.At(path, billing.CodeTooLong)}
	case "invalid":
		want = []testkit.Failure{testkit.At(path, billing.CodeInvalidJSON)}
	case "value":
		want = []testkit.Failure{testkit.At(path, billing.CodeInvalidType)}
	default:
		return false
	}
	if got := testkit.Failures(err); !slices.Equal(got, want) || !unchanged {
		t.Fatalf("UnmarshalJSON(%q) = %v (unchanged %v); want %v", data, got, unchanged, want)
	}
	return true
}

func FuzzPaymentRulesUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		`{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`,
		`{"overpayment_allowed":true,"underpayment_allowed":false,"max_amount":1,"min_amount":1}`,
		`{"min_amount":9007199254740991,"max_amount":9007199254740991,"underpayment_allowed":true,"overpayment_allowed":true}`,
		`{"max_amount":100,"x":1,"min_amount":500,"underpayment_allowed":1}`,
		`{"min_amount":1.0,"max_amount":1e1,"underpayment_allowed":"yes","overpayment_allowed":null}`,
		`{"min_amount":1,"max_amount":2,"min_amount":1,"underpayment_allowed":true,"overpayment_allowed":true}`,
		`{"min_amount":5,"max_amount":3,"min_amount":1,"underpayment_allowed":true,"overpayment_allowed":true}`,
		`{"\u006din_amount":-0,"max_amount":99999999999999999999999,"":{},"\xff":[[]]}`,
		`{}`, `null`, ` null `, `[]`, `"x"`, `true`, `{"min_amount":1`, `{"a":1} {}`, "\ufeff{}", `{"a":"\ud800"}`,
		`{"a":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`,
	} {
		f.Add([]byte(s))
	}
	was := PaymentRules{min: 7, max: 9, under: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := was
		err := r.UnmarshalJSON(data)
		// UnmarshalJSON is DecodePaymentRules but for null.
		decoded, decodeErr := DecodePaymentRules(data)
		if !strictjson.IsNull(data) && (decoded != r && err == nil || err != nil && !sameFailures(err, decodeErr)) {
			t.Fatalf("UnmarshalJSON(%q) = %+v, %v; DecodePaymentRules %+v, %v", data, r, err, decoded, decodeErr)
		}
		// Where the fast path reads rules, the strict path reads the same without a failure.
		if quick, ok := decodeRulesQuickly(data); ok {
			if strict, err := decodeRulesStrictly(data); err != nil || strict != quick {
				t.Fatalf("%q: the fast path reads %+v, the strict path %+v, %v", data, quick, strict, err)
			}
		}
		d := readRef(data, 0)
		if checkWhole(t, data, d, err, r == was, "payment_rules") {
			return
		}
		want, wantErr := refRules(d)
		if wantErr == nil {
			if err != nil || r != want {
				t.Fatalf("UnmarshalJSON(%q) = %+v, %v; encoding/json reads %+v", data, r, err, want)
			}
			// What MarshalJSON writes reads back the same, and encoding/json reads it too.
			b, err := r.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var back PaymentRules
			if err := back.UnmarshalJSON(b); err != nil || back != r {
				t.Fatalf("%s reads back as %+v, %v; want %+v", b, back, err, r)
			}
			var plain struct {
				Min   int64 `json:"min_amount"`
				Max   int64 `json:"max_amount"`
				Under bool  `json:"underpayment_allowed"`
				Over  bool  `json:"overpayment_allowed"`
			}
			if err := json.Unmarshal(b, &plain); err != nil || plain.Min != r.MinAmount() || plain.Max != r.MaxAmount() ||
				plain.Under != r.UnderpaymentAllowed() || plain.Over != r.OverpaymentAllowed() {
				t.Fatalf("encoding/json reads %s as %+v, %v", b, plain, err)
			}
			return
		}
		if err == nil || r != was {
			t.Fatalf("UnmarshalJSON(%q) = %+v, %v; want failures %v", data, r, err, wantErr)
		}
		got := testkit.Failures(err)
		if d.exact && !slices.Equal(got, wantErr) {
			t.Fatalf("UnmarshalJSON(%q) fails with %v; want %v", data, got, wantErr)
		}
	})
}

// refCurrencyCode is the reference for a currency member's value: the code it fails with.
// encoding/json replaces invalid UTF-8 and lone surrogates with U+FFFD, which is in no code
// either: the string it decodes fails with the same code as the bytes.
func refCurrencyCode(raw json.RawMessage) (Currency, billing.Code) {
	if raw[0] != '"' {
		return Currency{}, billing.CodeInvalidType
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		panic(err)
	}
	c, err := ParseCurrency(s)
	if err != nil {
		return Currency{}, report.Errs(err)[0].Code
	}
	return c, ""
}

func FuzzAmountUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		`{"amount":2000,"currency":"ZAR"}`, `{"currency":"BHD","amount":-1250}`, `{"amount":-0,"currency":"JPY"}`,
		`{"amount":9007199254740992,"currency":"ZAR"}`, `{"amount":2e3,"currency":"zar"}`, `{"amount":1,"currency":"Z\xffR"}`,
		`{"amount":1,"currency":"\ud800AR"}`, `{"amount":1,"currency":"\u005aAR","amount":1}`, `{"amount":null,"x":[{}]}`,
		`{}`, `null`, `[]`, `{"amount":1`,
	} {
		f.Add([]byte(s))
	}
	was := MustNewAmount(7, MustParseCurrency("EUR"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := was
		err := a.UnmarshalJSON(data)
		d := readRef(data, 0)
		if checkWhole(t, data, d, err, a == was, "") {
			return
		}
		names := []string{"amount", "currency"}
		var want Amount
		codes := d.memberCodes(names, func(name string, raw json.RawMessage) billing.Code {
			var code billing.Code
			if name == "amount" {
				want.minor, code = refInt(raw, -MaxMinorUnits, MaxMinorUnits)
				return code
			}
			want.cur, code = refCurrencyCode(raw)
			return code
		})
		wantErr := d.failures(names, codes)
		if wantErr == nil {
			if err != nil || a != want {
				t.Fatalf("UnmarshalJSON(%q) = %v, %v; encoding/json reads %v", data, a, err, want)
			}
			b, err := a.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var back Amount
			if err := back.UnmarshalJSON(b); err != nil || back != a {
				t.Fatalf("%s reads back as %v, %v; want %v", b, back, err, a)
			}
			return
		}
		if err == nil || a != was {
			t.Fatalf("UnmarshalJSON(%q) = %v, %v; want failures %v", data, a, err, wantErr)
		}
		got := testkit.Failures(err)
		if d.exact && !slices.Equal(got, wantErr) {
			t.Fatalf("UnmarshalJSON(%q) fails with %v; want %v", data, got, wantErr)
		}
	})
}

func FuzzCurrencyUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		`"ZAR"`, ` "JPY" `, `"\u005aAR"`, `"zar"`, `"XAU"`, `""`, `710`, `true`, `["ZAR"]`, `{"currency":"ZAR"}`,
		"\"Z\xffR\"", `"\ud800AR"`, `"\uFFFDAR"`, `"\ud83d\ude00A"`, `null`, ` null `, `nul`, ``, `"ZAR`,
		`"ZAR","x":1`, `"ZAR","currency":"USD"`, `"ZAR"}`, `"ZAR"} {`, `"ZAR" "USD"`,
		`"~~~"`, `"A\B"`, `"A"B"`, "\"A\x7fB\"", "\"A\tB\"", `"Zar"`, `"HRK"`, `"XTS"`,
		strings.Repeat("[", 64) + strings.Repeat("]", 64),
	} {
		f.Add([]byte(s))
	}
	was := MustParseCurrency("EUR")
	f.Fuzz(func(t *testing.T, data []byte) {
		c := was
		err := c.UnmarshalJSON(data)
		// The fast path agrees with the reader.
		slow := was
		slowErr := slow.unmarshalJSON(data)
		if c != slow || !sameFailures(err, slowErr) {
			t.Fatalf("UnmarshalJSON(%q) = %v, %v; without the fast path %v, %v", data, c, err, slow, slowErr)
		}
		// Every failure is one, at currency.
		es := report.Errs(err)
		if err != nil && (len(es) != 1 || es[0].Field != "currency" || es[0].Pointer != "/currency") {
			t.Fatalf("UnmarshalJSON(%q) = %v; want one failure at currency", data, err)
		}
		// The value is read as a member of an object: one level deeper, and 13 bytes longer.
		d := readRef(data, 1)
		if d.kind == "invalid" || d.kind == "too_long" || len(data)+13 > strictjson.MaxSize {
			if len(es) != 1 || (es[0].Code != billing.CodeInvalidJSON && es[0].Code != billing.CodeTooLong) || c != was {
				t.Fatalf("UnmarshalJSON(%q) = %v, %v; want invalid_json", data, c, err)
			}
			return
		}
		if d.kind == "null" {
			if err != nil || c != was {
				t.Fatalf("UnmarshalJSON(%q) = %v, %v; null must leave it", data, c, err)
			}
			return
		}
		want, code := refCurrencyCode(json.RawMessage(bytes.Trim(data, " \t\r\n")))
		if code == "" {
			if err != nil || c != want {
				t.Fatalf("UnmarshalJSON(%q) = %v, %v; encoding/json reads %v", data, c, err, want)
			}
			b, err := c.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var back Currency
			if err := back.UnmarshalJSON(b); err != nil || back != c {
				t.Fatalf("%s reads back as %v, %v", b, back, err)
			}
			return
		}
		if len(es) != 1 || c != was {
			t.Fatalf("UnmarshalJSON(%q) = %v, %v; want a failure at currency", data, c, err)
		}
		if es[0].Code != code {
			t.Fatalf("UnmarshalJSON(%q) fails with %s; want %s", data, es[0].Code, code)
		}
	})
}
