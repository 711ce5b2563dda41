package money

import (
	"database/sql/driver"
	"fmt"
)

// Scan sets c from a database value: a string or []byte holding a code [ParseCurrency]
// accepts, or NULL, which sets the zero Currency (no currency). Any other type fails.
// On failure c is left unchanged. It implements database/sql.Scanner.
func (c *Currency) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c = Currency{}
		return nil
	case string:
		p, err := ParseCurrency(v)
		if err != nil {
			return err
		}
		*c = p
		return nil
	case []byte:
		return c.UnmarshalText(v)
	}
	return fmt.Errorf("money: cannot scan a %T into a Currency", src)
}

// Value returns the currency's code for a database, or NULL (nil) for the zero Currency.
// It implements database/sql/driver.Valuer.
func (c Currency) Value() (driver.Value, error) {
	if c.idx == 0 {
		return nil, nil
	}
	return c.Code(), nil
}
