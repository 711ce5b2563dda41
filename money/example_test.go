package money_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"golang.org/x/text/language"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/money"
)

// Why the currency matters: the API's balances are minor units, and 500 minor units are
// five hundred yen but five rand.
func Example_jpyAndZAR() {
	jpy := money.MustParseCurrency("JPY")
	zar := money.MustParseCurrency("ZAR")
	a := money.MustNewAmount(500, jpy)
	b := money.MustNewAmount(500, zar)
	fmt.Println(a, "|", a.Display(language.Japanese))
	fmt.Println(b, "|", b.Display(language.MustParse("en-ZA")))
	_, err := a.Add(b)
	fmt.Println(err)
	// Output:
	// JPY 500 | ￥ 500
	// ZAR 5.00 | R 5,00
	// money: currency mismatch: JPY and ZAR
}

func ExampleParseCurrency() {
	for _, code := range []string{"ZAR", "zar", "HRK", "XAU", "ABC", ""} {
		c, err := money.ParseCurrency(code)
		if err != nil {
			fmt.Println(err)
			continue
		}
		digits, _ := c.MinorUnits()
		fmt.Println(c, c.Name(), digits)
	}
	// Output:
	// ZAR Rand 2
	// currency: invalid_currency: currency codes are upper case: send "ZAR"
	// currency: invalid_currency: "HRK" was withdrawn from ISO 4217 (withdrawal date 2023-01); send a current code
	// currency: invalid_currency: "XAU" has no minor unit in ISO 4217 (a precious metal, fund, unit of account or test code); send a currency, like "ZAR"
	// currency: invalid_currency: "ABC" is not a current ISO 4217 currency code; send one like "ZAR"
	// currency: required: a currency is required: send an ISO 4217 code, like "ZAR"
}

func ExampleMustParseCurrency() {
	eur := money.MustParseCurrency("EUR")
	fmt.Println(eur, eur.NumericCode())
	// Output: EUR 978
}

func ExampleCurrencies() {
	all := money.Currencies()
	fmt.Println(len(all), all[0], all[len(all)-1])
	// Output: 165 AED ZWG
}

func ExampleCurrency_String() {
	fmt.Printf("%q %q\n", money.MustParseCurrency("CLF").String(), money.Currency{}.String())
	// Output: "CLF" ""
}

func ExampleCurrency_Name() {
	fmt.Println(money.MustParseCurrency("UYW").Name())
	// Output: Unidad Previsional
}

func ExampleCurrency_NumericCode() {
	fmt.Printf("%03d\n", money.MustParseCurrency("ALL").NumericCode())
	// Output: 008
}

func ExampleCurrency_MinorUnits() {
	for _, code := range []string{"JPY", "ZAR", "BHD", "IQD", "CLF"} {
		digits, ok := money.MustParseCurrency(code).MinorUnits()
		fmt.Println(code, digits, ok)
	}

	// A currency withdrawn since it was stored has no minor unit to go by.
	bgn := money.MustParseStoredCurrency("BGN")
	if _, ok := bgn.MinorUnits(); !ok {
		fmt.Println(bgn, "minor unit unknown")
	}
	// Output:
	// JPY 0 true
	// ZAR 2 true
	// BHD 3 true
	// IQD 3 true
	// CLF 4 true
	// BGN minor unit unknown
}

func ExampleCurrency_IsZero() {
	var c money.Currency
	fmt.Println(c.IsZero(), money.MustParseCurrency("ZAR").IsZero())
	// Output: true false
}

func ExampleCurrency_MarshalText() {
	b, _ := money.MustParseCurrency("ZAR").MarshalText()
	fmt.Println(string(b))
	_, err := money.Currency{}.MarshalText() // the zero Currency has no text
	fmt.Println(errors.Is(err, billing.CodeRequired))
	// Output:
	// ZAR
	// true
}

func ExampleCurrency_AppendText() {
	b, _ := money.MustParseCurrency("ZAR").AppendText([]byte("currency="))
	fmt.Println(string(b))
	// Output: currency=ZAR
}

func ExampleCurrency_UnmarshalText() {
	var c money.Currency
	fmt.Println(c.UnmarshalText([]byte("MRU")), c)
	fmt.Println(c.UnmarshalText([]byte("MRO")), c)
	// Output:
	// <nil> MRU
	// currency: invalid_currency: "MRO" was withdrawn from ISO 4217 (withdrawal date 2017-12); send a current code MRU
}

func ExampleCurrency_MarshalJSON() {
	type invoice struct {
		Currency money.Currency  `json:"currency"`
		Original *money.Currency `json:"original"`         // nil: null
		Settled  money.Currency  `json:"settled,omitzero"` // zero: left out
	}
	b, err := json.Marshal(invoice{Currency: money.MustParseCurrency("ZAR")})
	fmt.Println(string(b), err)
	_, err = json.Marshal(invoice{}) // the zero Currency is not encoded
	fmt.Println(errors.Is(err, billing.CodeRequired))
	// Output:
	// {"currency":"ZAR","original":null} <nil>
	// true
}

func ExampleCurrency_UnmarshalJSON() {
	var v struct{ Currency money.Currency }
	err := json.Unmarshal([]byte(`{"Currency":"zar"}`), &v)
	fmt.Println(errors.Is(err, billing.CodeInvalidCurrency), err)
	// Output: true currency: invalid_currency: currency codes are upper case: send "ZAR"
}

func ExampleCurrency_Scan() {
	var c money.Currency
	err := c.Scan([]byte("SLE")) // as a database driver hands a text column over
	fmt.Println(c, err)
	fmt.Println(c.Scan(nil)) // NULL does not fit a plain Currency
	var n sql.Null[money.Currency]
	fmt.Println(n.Scan(nil), n.Valid)
	// Output:
	// SLE <nil>
	// currency: required: is NULL: scan a nullable column into a sql.Null[money.Currency] or a *money.Currency
	// <nil> false
}

func ExampleCurrency_Value() {
	v, err := money.MustParseCurrency("ZAR").Value()
	fmt.Println(v, err)
	_, err = money.Currency{}.Value() // NULL is written by sql.Null[money.Currency] or a nil pointer
	fmt.Println(errors.Is(err, billing.CodeRequired))
	// Output:
	// ZAR <nil>
	// true
}

func ExampleNewAmount() {
	zar := money.MustParseCurrency("ZAR")
	a, err := money.NewAmount(2000, zar)
	fmt.Println(a, err)
	_, err = money.NewAmount(money.MaxMinorUnits+1, zar)
	fmt.Println(err)
	// Output:
	// ZAR 20.00 <nil>
	// amount: out_of_range: must be between -9007199254740991 and 9007199254740991 minor units
}

func ExampleMustNewAmount() {
	fmt.Println(money.MustNewAmount(1250, money.MustParseCurrency("BHD")))
	// Output: BHD 1.250
}

func ExampleParseAmount() {
	zar := money.MustParseCurrency("ZAR")
	for _, s := range []string{"20.00", "20", "20.5", "-1.25", "20.001", "1e3", "+1"} {
		a, err := money.ParseAmount(s, zar)
		var errs billing.Errors
		if errors.As(err, &errs) {
			fmt.Println(s, "→", errs[0].Pointer, errs[0].Code)
			continue
		}
		fmt.Println(s, "→", a.Minor())
	}
	// Output:
	// 20.00 → 2000
	// 20 → 2000
	// 20.5 → 2050
	// -1.25 → -125
	// 20.001 → /amount invalid_format
	// 1e3 → /amount invalid_format
	// +1 → /amount invalid_format
}

func ExampleAmount_Minor() {
	a, _ := money.ParseAmount("1.5", money.MustParseCurrency("KWD"))
	fmt.Println(a.Minor())
	// Output: 1500
}

func ExampleAmount_Currency() {
	fmt.Println(money.MustNewAmount(1, money.MustParseCurrency("XCG")).Currency().Name())
	// Output: Caribbean Guilder
}

func ExampleAmount_IsZero() {
	var none money.Amount
	nothing := money.MustNewAmount(0, money.MustParseCurrency("ZAR"))
	fmt.Println(none.IsZero(), nothing.IsZero())
	// Output: true false
}

func ExampleAmount_IsCredit() {
	balance := money.MustNewAmount(-500, money.MustParseCurrency("ZAR"))
	fmt.Println(balance.IsCredit(), balance.IsOwed())
	// Output: true false
}

func ExampleAmount_IsOwed() {
	balance := money.MustNewAmount(2000, money.MustParseCurrency("ZAR"))
	fmt.Println(balance.IsOwed(), balance.IsCredit())
	// Output: true false
}

func ExampleAmount_Add() {
	zar := money.MustParseCurrency("ZAR")
	sum, err := money.MustNewAmount(2000, zar).Add(money.MustNewAmount(50, zar))
	fmt.Println(sum, err)
	_, err = money.MustNewAmount(money.MaxMinorUnits, zar).Add(money.MustNewAmount(1, zar))
	fmt.Println(errors.Is(err, billing.CodeOutOfRange))
	// Output:
	// ZAR 20.50 <nil>
	// true
}

func ExampleAmount_Sub() {
	zar := money.MustParseCurrency("ZAR")
	balance, payment := money.MustNewAmount(2000, zar), money.MustNewAmount(2500, zar)
	left, _ := balance.Sub(payment)
	fmt.Println(left, left.IsCredit())
	// Output: ZAR -5.00 true
}

func ExampleAmount_Neg() {
	fmt.Println(money.MustNewAmount(125, money.MustParseCurrency("ZAR")).Neg())
	// Output: ZAR -1.25
}

func ExampleAmount_Cmp() {
	zar, jpy := money.MustParseCurrency("ZAR"), money.MustParseCurrency("JPY")
	c, err := money.MustNewAmount(100, zar).Cmp(money.MustNewAmount(99, zar))
	fmt.Println(c, err)
	_, err = money.MustNewAmount(100, zar).Cmp(money.MustNewAmount(100, jpy))
	fmt.Println(errors.Is(err, money.ErrCurrencyMismatch))
	// Output:
	// 1 <nil>
	// true
}

func ExampleAmount_String() {
	fmt.Println(money.MustNewAmount(-2000, money.MustParseCurrency("ZAR")))
	fmt.Println(money.MustNewAmount(500, money.MustParseCurrency("JPY")))
	fmt.Println(money.MustNewAmount(1250, money.MustParseCurrency("BHD")))
	// Output:
	// ZAR -20.00
	// JPY 500
	// BHD 1.250
}

func ExampleAmount_Display() {
	a := money.MustNewAmount(123450, money.MustParseCurrency("EUR"))
	fmt.Println(a.Display(language.English))
	fmt.Println(a.Display(language.German))
	// IQD has 3 digits after the point in ISO 4217, whatever x/text says.
	fmt.Println(money.MustNewAmount(12345, money.MustParseCurrency("IQD")).Display(language.English))
	// Output:
	// € 1,234.50
	// € 1.234,50
	// IQD 12.345
}

func ExampleAmount_MarshalJSON() {
	b, _ := json.Marshal(money.MustNewAmount(2000, money.MustParseCurrency("ZAR")))
	fmt.Println(string(b))
	// Output: {"amount":2000,"currency":"ZAR"}
}

func ExampleAmount_Value() {
	zar := money.MustParseCurrency("ZAR")
	a := money.MustNewAmount(2000, zar)
	_, err := a.Value() // an Amount does not fit one column
	fmt.Println(err != nil)
	// Store its two parts instead, and put them together again.
	minor, code := a.Minor(), a.Currency().String()
	back, err := money.NewAmount(minor, money.MustParseCurrency(code))
	fmt.Println(back, err)
	// Output:
	// true
	// ZAR 20.00 <nil>
}

func ExampleAmount_UnmarshalJSON() {
	var a money.Amount
	fmt.Println(json.Unmarshal([]byte(`{"amount":1250,"currency":"BHD"}`), &a), a)
	fmt.Println(json.Unmarshal([]byte(`{"amount":12.5,"currency":"BHD"}`), &a))
	// Output:
	// <nil> BHD 1.250
	// amount: invalid_type: must be an integer, without a fraction or an exponent
}

func ExampleNewPaymentRules() {
	r, err := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
	fmt.Println(r.MinAmount(), r.MaxAmount(), r.UnderpaymentAllowed(), r.OverpaymentAllowed(), err)
	_, err = money.NewPaymentRules(0, -1, 0)
	fmt.Println(err)
	_, err = money.NewPaymentRules(500, 100, 0)
	fmt.Println(err)
	// Output:
	// 1000 500000 true false <nil>
	// 2 errors:
	// 	payment_rules.min_amount: out_of_range: must be between 1 and 9007199254740991 minor units
	// 	payment_rules.max_amount: out_of_range: must be between 1 and 9007199254740991 minor units
	// payment_rules.max_amount: out_of_range: must be at least min_amount (500)
}

func ExampleMustNewPaymentRules() {
	r := money.MustNewPaymentRules(1000, 500000, money.AllowUnderpayment|money.AllowOverpayment)
	fmt.Println(r.UnderpaymentAllowed(), r.OverpaymentAllowed())
	// Output: true true
}

func ExampleAllowance() {
	for _, allow := range []money.Allowance{0, money.AllowUnderpayment, money.AllowOverpayment,
		money.AllowUnderpayment | money.AllowOverpayment} {
		r := money.MustNewPaymentRules(1000, 500000, allow)
		fmt.Println(r.UnderpaymentAllowed(), r.OverpaymentAllowed())
	}
	// Output:
	// false false
	// true false
	// false true
	// true true
}

func ExampleDecodePaymentRules() {
	r, err := money.DecodePaymentRules([]byte(
		`{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`))
	fmt.Println(r.MinAmount(), r.MaxAmount(), err)

	_, err = money.DecodePaymentRules([]byte(`{"max_amount":100,"min_amount":500,"underpayment_allowed":"yes"}`))
	var errs billing.Errors
	if errors.As(err, &errs) {
		for _, fe := range errs {
			fmt.Println(fe.Pointer, fe.Code)
		}
	}
	// Output:
	// 1000 500000 <nil>
	// /payment_rules/max_amount out_of_range
	// /payment_rules/underpayment_allowed invalid_type
	// /payment_rules/overpayment_allowed required
}

func ExamplePaymentRules_MinAmount() {
	r, _ := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
	fmt.Println(r.MinAmount())
	// Output: 1000
}

func ExamplePaymentRules_MaxAmount() {
	r, _ := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
	fmt.Println(r.MaxAmount())
	// Output: 500000
}

func ExamplePaymentRules_UnderpaymentAllowed() {
	r, _ := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
	fmt.Println(r.UnderpaymentAllowed())
	// Output: true
}

func ExamplePaymentRules_OverpaymentAllowed() {
	r, _ := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
	fmt.Println(r.OverpaymentAllowed())
	// Output: false
}

func ExamplePaymentRules_IsZero() {
	var none money.PaymentRules
	fmt.Println(none.IsZero(), money.MustNewPaymentRules(1, 1, 0).IsZero())
	// Output: true false
}

func ExamplePaymentRules_Check() {
	zar := money.MustParseCurrency("ZAR")
	r, _ := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
	balance := money.MustNewAmount(20000, zar) // the holder owes ZAR 200.00
	for _, minor := range []int64{20000, 5000, 500, 30000} {
		err := r.Check(money.MustNewAmount(minor, zar), balance)
		fmt.Println(errors.Is(err, money.ErrOverpaymentNotAllowed), err)
	}
	fmt.Println(money.PaymentRules{}.Check(money.MustNewAmount(20000, zar), balance))
	// Output:
	// false <nil>
	// false <nil>
	// false money: payment below the minimum: ZAR 5.00 is less than the minimum of ZAR 10.00
	// true money: overpayment not allowed: ZAR 300.00 is more than the balance of ZAR 200.00
	// money: not payable: no payment rules
}

func ExamplePaymentRules_CheckUntracked() {
	zar := money.MustParseCurrency("ZAR")
	r, _ := money.NewPaymentRules(1000, 500000, 0)
	fmt.Println(r.CheckUntracked(money.MustNewAmount(30000, zar), zar))
	fmt.Println(r.CheckUntracked(money.MustNewAmount(30000, zar), money.MustParseCurrency("USD")))
	// Output:
	// <nil>
	// money: currency mismatch: ZAR and USD
}

func ExamplePaymentRules_MarshalJSON() {
	r, _ := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	_, err := json.Marshal(money.PaymentRules{}) // no rules: leave the member out instead
	fmt.Println(errors.Is(err, billing.CodeRequired))
	// Output:
	// {"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}
	// true
}

func ExamplePaymentRules_UnmarshalJSON() {
	var entity struct {
		PaymentRules *money.PaymentRules `json:"payment_rules"`
	}
	err := json.Unmarshal([]byte(`{"payment_rules":null}`), &entity)
	fmt.Println(entity.PaymentRules, err) // null: no rules

	err = json.Unmarshal([]byte(`{"payment_rules":{"min_amount":500,"max_amount":100,"underpayment_allowed":true}}`), &entity)
	var errs billing.Errors
	if errors.As(err, &errs) {
		for _, fe := range errs {
			fmt.Println(fe.Field, fe.Code)
		}
	}
	// Output:
	// <nil> <nil>
	// payment_rules.max_amount out_of_range
	// payment_rules.overpayment_allowed required
}

func ExamplePaymentRules_Scan() {
	var r money.PaymentRules
	err := r.Scan([]byte(`{"min_amount":1000,"max_amount":500000,"underpayment_allowed":false,"overpayment_allowed":true}`))
	fmt.Println(r.MinAmount(), r.OverpaymentAllowed(), err)
	var n sql.Null[money.PaymentRules] // a nullable jsonb column
	fmt.Println(n.Scan(nil), n.Valid)
	// Output:
	// 1000 true <nil>
	// <nil> false
}

func ExamplePaymentRules_Value() {
	v, err := money.MustNewPaymentRules(1000, 500000, money.AllowUnderpayment).Value()
	fmt.Println(v, err)
	// Output: {"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false} <nil>
}

func ExampleParseStoredCurrency() {
	c, err := money.ParseStoredCurrency("BGN") // read from a row written before 2026
	date, withdrawn := c.Withdrawn()
	fmt.Println(c, withdrawn, date, err)
	_, err = money.ParseCurrency("BGN") // a request stays strict
	fmt.Println(err)
	// Output:
	// BGN true 2026-01 <nil>
	// currency: invalid_currency: "BGN" was withdrawn from ISO 4217 (withdrawal date 2026-01); send a current code
}

func ExampleMustParseStoredCurrency() {
	a := money.MustNewAmount(2000, money.MustParseStoredCurrency("HRK"))
	fmt.Println(a)
	// Output: HRK 2000 minor units
}

func ExampleCurrency_Withdrawn() {
	for _, code := range []string{"BGN", "ZAR"} {
		c := money.MustParseStoredCurrency(code) // as a stored row holds it
		if date, ok := c.Withdrawn(); ok {
			fmt.Println(c, c.Name(), "withdrawn", date)
			continue
		}
		fmt.Println(c, c.Name(), "current")
	}
	// Output:
	// BGN Bulgarian Lev withdrawn 2026-01
	// ZAR Rand current
}
