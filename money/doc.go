// Package money holds the billing API's money values: [Currency], an ISO 4217 currency with
// its exact minor unit; [Amount], a whole number of minor units of a currency that never
// overflows; and [PaymentRules], which decide whether a payment may be applied to an entity.
//
// Every balance the API exchanges is an integer in the smallest unit of its currency, so the
// number of digits after the decimal point must be exactly ISO's: 2000 is ZAR 20.00, but
// 2000 of JPY is JPY 2000 and 2000 of BHD is BHD 2.000. Tables built from CLDR, such as
// golang.org/x/text/currency's, give some currencies other digits (IQD 0 instead of 3) and
// miss recent codes (MRU, SLE, ZWG), so validity and minor units come only from this
// package's table; x/text only writes symbols and numbers for a locale, in [Amount.Display].
//
//	zar, err := money.ParseCurrency("ZAR")        // "zar" fails, with a hint to send "ZAR"
//	a, err := money.ParseAmount("20.00", zar)     // 2000 minor units
//	fmt.Println(a, a.Display(language.German))    // ZAR 20.00 ZAR 20,00
//	b, err := a.Add(money.MustNewAmount(50, zar)) // ZAR 20.50; past ±(2^53−1) an error, never a wrap
//
// The table is generated from the ISO 4217 list kept in the module, beside its generator, as
// internal/gen/iso4217-codes-all.csv; a test regenerates it from there and fails on any
// difference, and [ISO4217Source] gives its date. It accepts the 165 current codes that have
// a minor unit and refuses the others: codes without one (XAU, XDR, XTS) and withdrawn codes
// (HRK, with the date they were withdrawn). Data stored before a withdrawal stays readable:
// [ParseStoredCurrency] and [Currency.Scan] also read a withdrawn code, whose minor unit is
// unknown, so that what needs one ([ParseAmount], [PaymentRules.Check]) refuses it.
//
// The zero value of each type is not a valid value: the zero Currency is no currency, the
// zero Amount has no currency, the zero PaymentRules is no rules (nothing is payable). None
// has a text, JSON or database form: encoding one fails with billing.CodeRequired. Absence is
// said by the container: a pointer, sql.Null, or a struct field tagged `json:",omitzero"`.
//
// Parsers and constructors fail with a [billing.Errors] at the member the value stands for
// ("currency", "amount", "payment_rules.min_amount"), matchable with errors.Is on a
// [billing.Code]. Arithmetic across currencies fails with [ErrCurrencyMismatch], and each
// refusal of [PaymentRules.Check] is a sentinel error of its own. All values are immutable
// and safe for concurrent use.
package money
