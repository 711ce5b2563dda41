// Package money holds the billing API's money values: [Currency], an ISO 4217 currency with
// its exact minor unit; [Amount], a whole number of minor units of a currency that never
// overflows; and [PaymentRules], the bounds and permissions that decide whether a payment may
// be applied to a customer or an account.
//
// Every balance the API exchanges is an integer in the smallest unit of its currency, so the
// number of digits after the decimal point must be exactly ISO's: 2000 is ZAR 20.00, but
// 2000 of JPY is JPY 2000 and 2000 of BHD is BHD 2.000.
//
//	zar, err := money.ParseCurrency("ZAR")        // "zar" fails, with a hint to send "ZAR"
//	a, err := money.ParseAmount("20.00", zar)     // 2000 minor units
//	fmt.Println(a)                                // ZAR 20.00
//	fmt.Println(a.Format(language.German))        // ZAR 20,00
//	b, err := a.Add(money.MustNewAmount(50, zar)) // ZAR 20.50; past ±(2^53−1) an error, never a wrap
//
// # Data
//
// The table of currencies is generated (zz_generated_currencies.go, by go generate) from the
// ISO 4217 code list, List One and the withdrawn codes, kept beside the module as
// ../shared/data/iso4217-codes-all.csv; a test regenerates it from there and fails on any
// difference. [ISO4217Source] names the data and its date, which is the latest withdrawal
// date the list records (the list itself carries no date). The accepted currencies are the
// current List One codes that have a numeric minor unit: 165 of them, among which MRU, SLE,
// VED, XCG, ZWG and UYW (4 digits). Codes without a minor unit (precious metals such as XAU,
// units of account such as XDR, the test code XTS and XXX) are refused, and so are withdrawn
// codes (HRK, SLL, ZWL, ANG…), with a message saying when they were withdrawn. A code withdrawn
// for one entity but still current for another (EUR, for Serbia and Montenegro) is current.
//
// # Why not golang.org/x/text/currency for the table
//
// x/text/currency's table comes from CLDR, not ISO 4217, and is frozen at an old release: it
// does not know MRU, SLE, VED, XCG, ZWG, UYW or XAD; it accepts what a balance cannot be in
// (XTS, XAU, the withdrawn HRK, and lower case "zar"); and its digits are CLDR's display
// digits, not ISO's minor units (it gives IQD, RSD, IDR and COP 0 digits, where ISO gives
// 3, 2, 2 and 2). A balance read with the wrong number of digits is off by a factor of 100 or
// 1000. So validity and minor units come only from this package's table; x/text is used for
// what it is right about, locale-aware symbols and number formatting, in [Amount.Format].
//
// # Zero values
//
// The zero [Currency] is not a valid currency: it means "no currency" (its JSON is null, its
// database value NULL). The zero [Amount] has no currency and is not a valid amount; an
// amount of nothing is a valid Amount of 0 minor units in a currency. The zero [PaymentRules]
// means "no rules", with which nothing is payable.
//
// # Errors
//
// Parsers and constructors fail with the module's error vocabulary: a [*billing.FieldError]
// (or a [billing.Errors] when several fields fail) whose code is one of [billing.Code]'s,
// matchable with errors.Is (billing.ErrInvalidCurrency, billing.ErrOutOfRange, …). Arithmetic
// on amounts in different currencies fails with [ErrCurrencyMismatch], and beyond the range
// with billing.ErrOutOfRange. Each refusal of [PaymentRules.Check] is its own sentinel error.
//
// All values are immutable and safe for concurrent use. Importing this package does not link
// the phone-number library the customer package uses.
package money
