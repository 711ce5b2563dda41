package entity

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFind holds find, which looks only at the members of a name's length, to a plain
// search of the whole table, for every document and every member name, and for names
// that are no member's.
func TestFind(t *testing.T) {
	plain := func(d Doc, name string) int {
		for i := range members {
			if members[i].in&d != 0 && members[i].name == name {
				return i
			}
		}
		return -1
	}
	names := []string{"", "x", "ids", "phon", "phones", "Phone", "metadata ", "external_referencе", string(make([]byte, 40))}
	for _, m := range members {
		names = append(names, m.name)
	}
	for _, d := range []Doc{CustomerCreate, CustomerObject, CustomerUpdate, AccountCreate, AccountObject, AccountUpdate} {
		for _, name := range names {
			assert.Equal(t, plain(d, name), find(d, []byte(name)), "%q in %b", name, d)
		}
	}
	assert.LessOrEqual(t, len(members), 32, "find and Read keep a member per bit of a uint32")
}
