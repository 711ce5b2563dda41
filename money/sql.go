package money

import (
	"database/sql/driver"
	"errors"
	"reflect"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/strictjson"
)

// Scan sets c from a database value: a string or []byte (a text column, such as char(3))
// holding a code [ParseStoredCurrency] accepts: a row written earlier stays readable when
// its currency has been withdrawn from ISO 4217 since. It implements database/sql.Scanner.
//
// It fails with a one-entry [billing.Errors] at "currency": ParseStoredCurrency's failures
// (a code padded with spaces, as a char(n) column wider than 3 pads it, is refused, never
// trimmed); [billing.CodeRequired] for NULL, which a plain Currency cannot hold (scan a nullable
// column into a sql.Null[Currency] or a *Currency); [billing.CodeInvalidType] for any other
// type. On failure c is left unchanged.
func (c *Currency) Scan(src any) error {
	switch v := src.(type) {
	case string:
		p, err := ParseStoredCurrency(v)
		if err != nil {
			return err
		}
		*c = p
		return nil
	case []byte:
		return c.Scan(string(v))
	case nil:
		return currencyLoc.Fail(billing.CodeRequired,
			"is NULL: scan a nullable column into a sql.Null[money.Currency] or a *money.Currency")
	}
	// reflect.TypeOf, unlike fmt, keeps src from escaping: a []byte column is passed as an
	// interface without an allocation.
	return currencyLoc.Fail(billing.CodeInvalidType, "must be stored as text, like char(3), not as "+reflect.TypeOf(src).String())
}

// Value returns the currency's code for a database, a string. It fails as
// [Currency.AppendText] does for the zero Currency: write NULL with a sql.Null[Currency] or
// a nil *Currency. It implements database/sql/driver.Valuer.
func (c Currency) Value() (driver.Value, error) {
	if c.idx == 0 {
		return nil, currencyLoc.Fail(billing.CodeRequired, zeroCurrencyMessage)
	}
	return c.info().code, nil
}

// errAmountValue is the failure of [Amount.Value].
var errAmountValue = errors.New("money: an Amount does not fit one database column: " +
	"store Minor() in an integer column (bigint) and Currency() in a text column (char(3)), " +
	"and read them back with NewAmount")

// Value fails, always: an Amount is two values, minor units and a currency, and no column
// holds both. Store its parts in two columns, [Amount.Minor] in an integer column (bigint)
// and [Amount.Currency] in a text one (char(3)), and read them back with [NewAmount].
// The Value method is there so that a database driver never stores an Amount through its
// String form, which would not read back. Its error is a plain error, not a
// [billing.Errors]: it is a mistake of the program, not a failure of its input.
// It implements database/sql/driver.Valuer.
func (a Amount) Value() (driver.Value, error) {
	return nil, errAmountValue
}

// Scan sets r from a database value: the JSON object of [PaymentRules.MarshalJSON], as a
// string or []byte (a json or jsonb column), read by [DecodePaymentRules]. It implements
// database/sql.Scanner.
//
// It fails with a [billing.Errors] at "payment_rules" and its members: DecodePaymentRules's
// failures; [billing.CodeRequired] for NULL, which a plain PaymentRules cannot hold (scan a
// nullable column into a sql.Null[PaymentRules] or a *PaymentRules); and
// [billing.CodeInvalidType] for any other type. On failure r is left unchanged.
func (r *PaymentRules) Scan(src any) error {
	data, err := strictjson.Column(src, rulesLoc, "money.PaymentRules")
	return strictjson.Set(r, data, err, DecodePaymentRules)
}

// Value returns the rules for a database: their JSON object (as [PaymentRules.MarshalJSON]
// writes it) as a string, for a json or jsonb column. It fails with a one-entry
// [billing.Errors] of code [billing.CodeRequired] at "payment_rules" for the zero
// PaymentRules: write NULL with a sql.Null[PaymentRules] or a nil *PaymentRules.
// It implements database/sql/driver.Valuer.
func (r PaymentRules) Value() (driver.Value, error) {
	if r.min == 0 {
		return nil, rulesLoc.Fail(billing.CodeRequired, zeroRulesMessage)
	}
	return string(r.appendJSON(make([]byte, 0, 128))), nil
}
