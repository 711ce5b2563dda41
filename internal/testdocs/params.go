package testdocs

import (
	"fmt"
	"math"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/strictjson"
)

// The readers below read a document's members as Go values without judging them, keeping
// every string byte for byte (encoding/json would replace invalid UTF-8), so that a test
// can hand them to a NewCreateRequest. Each clears *ok when the member cannot be told as a
// Go value: a JSON type its field cannot hold, an integer beyond int64.

// ReadString reads an optional string member: nil for null.
func ReadString(o strictjson.Object, ok *bool) *string {
	if o.Null() {
		return nil
	}
	s, good := o.String()
	*ok = *ok && good
	return &s
}

// ReadInt reads an optional integer member: nil for null.
func ReadInt(o strictjson.Object, ok *bool) *int64 {
	if o.Null() {
		return nil
	}
	v, good := o.Int(math.MinInt64, math.MaxInt64)
	*ok = *ok && good
	return &v
}

// ReadMap reads an optional object of strings (metadata): nil for null.
func ReadMap(o strictjson.Object, ok *bool) map[string]string {
	if o.Null() {
		return nil
	}
	sub, good := o.Object()
	*ok = *ok && good
	m := map[string]string{}
	for sub.Next() {
		s, good := sub.String()
		*ok = *ok && good
		m[sub.Name()] = s
	}
	return m
}

// CustomerParams reads the members of a customer create request, the whole document or an
// account request's nested customer, into CreateParams. It reports false when they cannot
// be told as Go values: see the readers above, and an unknown member.
func CustomerParams(o strictjson.Object) (customer.CreateParams, bool) {
	var p customer.CreateParams
	strs := map[string]**string{"name": &p.Name, "email": &p.Email, "phone": &p.Phone, "currency": &p.Currency}
	ok := true
	for o.Next() {
		if f, isString := strs[o.Name()]; isString {
			*f = ReadString(o, &ok)
			continue
		}
		switch o.Name() {
		case "external_reference":
			if s := ReadString(o, &ok); s != nil {
				p.ExternalReference = *s
			}
		case "balance":
			p.Balance = ReadInt(o, &ok)
		case "metadata":
			p.Metadata = ReadMap(o, &ok)
		default:
			ok = false
		}
	}
	return p, ok
}

// ManyKeys returns metadata of n entries, "k00": "v", "k01": "v", …, to reach a limit.
func ManyKeys(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("k%02d", i)] = "v"
	}
	return m
}
