package ids

import "database/sql/driver"

// Value fails with [ErrAPIKeyNotEncoded]: an API key is never stored, and a database
// driver given one must not fall back to its String, the masked form. Store what you
// need of it yourself (a hash of Reveal(), say).
func (k APIKey) Value() (driver.Value, error) { return nil, ErrAPIKeyNotEncoded }
