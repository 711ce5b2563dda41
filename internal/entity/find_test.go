package entity

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFind holds find and findQuoted, which look only at the members whose name starts
// with the name's first byte, to a plain search of the whole table, for every document and
// every member name, and for names that are no member's (customer is not customer_id).
func TestFind(t *testing.T) {
	plain := func(d Doc, name string) int {
		for i := range members {
			if members[i].in&d != 0 && members[i].name == name {
				return i
			}
		}
		return -1
	}
	names := []string{"", "x", "ids", "phon", "phones", "Phone", "metadata ", "external_referencе", "customer_i",
		"customer_idx", string(make([]byte, 40))}
	for _, m := range members {
		names = append(names, m.name)
	}
	for _, d := range []Doc{CustomerCreate, CustomerObject, CustomerUpdate, AccountCreate, AccountObject, AccountUpdate} {
		for _, name := range names {
			assert.Equal(t, plain(d, name), find(d, []byte(name)), "%q in %b", name, d)
			assert.Equal(t, plain(d, name), findQuoted(d, []byte(name+`": 1}`)), "%q quoted in %b", name, d)
			assert.Equal(t, -1, findQuoted(d, []byte(name)), "%q without its quote in %b", name, d)
		}
	}
	assert.LessOrEqual(t, len(members), 32, "find and Read keep a member per bit of a uint32")
}
