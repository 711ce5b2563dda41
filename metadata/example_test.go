package metadata_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/metadata"
)

func ExampleDecode() {
	md, err := metadata.Decode([]byte(`{"order_id":"6735","channel":"web"}`), metadata.CustomerLimits())
	fmt.Println(md.Keys(), err)

	_, err = metadata.Decode([]byte(`{"order_id":"","":"x","a/b":1,"order_id":"7"}`), metadata.CustomerLimits())
	var errs billing.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Printf("%q %q %s\n", e.Field, e.Pointer, e.Code)
		}
	}
	// Output:
	// [channel order_id] <nil>
	// "metadata.order_id" "/metadata/order_id" duplicate_field
	// "metadata." "/metadata/" invalid_key
	// "metadata.a/b" "/metadata/a~1b" invalid_type
}

func ExampleNew() {
	md, err := metadata.New(map[string]string{"plan": "gold", "region": "za"}, metadata.AccountLimits())
	fmt.Println(md.Len(), err)

	_, err = metadata.New(map[string]string{"note": "", "": "x"}, metadata.Limits{MaxKeys: 1, MaxKeyLength: 40, MaxValueLength: 500})
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// 3 errors:
	//	metadata: too_many_keys: holds 2 keys, more than the 1 allowed
	//	metadata.: invalid_key: a metadata key must not be empty
	//	metadata.note: required: must not be empty
}

func ExampleMustNew() {
	md := metadata.MustNew(map[string]string{"source": "import"}, metadata.CustomerLimits())
	fmt.Println(md.Get("source"))

	defer func() { fmt.Println(recover()) }()
	metadata.MustNew(map[string]string{"source": ""}, metadata.CustomerLimits())
	// Output:
	// import true
	// billing: metadata.source: required: must not be empty
}

func ExampleCustomerLimits() {
	fmt.Printf("%+v\n", metadata.CustomerLimits())
	// Output: {MaxKeys:20 MaxKeyLength:40 MaxValueLength:500}
}

func ExampleAccountLimits() {
	fmt.Printf("%+v\n", metadata.AccountLimits())
	// Output: {MaxKeys:10 MaxKeyLength:40 MaxValueLength:500}
}

func ExampleLimits() {
	// Another page of the API bounds keys at 50 characters: a service that follows it
	// builds its own Limits.
	wide := metadata.CustomerLimits()
	wide.MaxKeyLength = 50
	key := "a_key_that_is_forty_five_characters_long_xxxx"
	fmt.Println(metadata.CustomerLimits().Validate(map[string]string{key: "v"}) != nil)
	fmt.Println(wide.Validate(map[string]string{key: "v"}))
	// Output:
	// true
	// <nil>
}

func ExampleLimits_Validate() {
	err := metadata.CustomerLimits().Validate(map[string]string{"order_id": "6735"})
	fmt.Println(err)
	err = metadata.CustomerLimits().Validate(map[string]string{"order_id": "\xff"})
	fmt.Println(err)
	// Output:
	// <nil>
	// metadata.order_id: invalid_characters: must be valid UTF-8
}

func ExampleLimits_ValidateMetadata() {
	m := map[string]string{}
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"} {
		m[k] = "v"
	}
	md := metadata.MustNew(m, metadata.CustomerLimits())
	fmt.Println(metadata.AccountLimits().ValidateMetadata(md))
	// Output: metadata: too_many_keys: holds 11 keys, more than the 10 allowed
}

func ExampleMetadata_Get() {
	md := metadata.MustNew(map[string]string{"order_id": "6735"}, metadata.CustomerLimits())
	v, ok := md.Get("order_id")
	fmt.Println(v, ok)
	_, ok = md.Get("missing")
	fmt.Println(ok)
	// Output:
	// 6735 true
	// false
}

func ExampleMetadata_Len() {
	fmt.Println(metadata.Metadata{}.Len(), metadata.MustNew(map[string]string{"a": "1"}, metadata.CustomerLimits()).Len())
	// Output: 0 1
}

func ExampleMetadata_IsZero() {
	var zero metadata.Metadata // the empty set {}, a value like any other
	empty, _ := metadata.Decode([]byte(`{}`), metadata.CustomerLimits())
	out, _ := json.Marshal(zero)
	fmt.Println(zero.IsZero(), empty.IsZero(), zero.Equal(empty), string(out))

	// Absent metadata is said by what holds it, here a pointer.
	var req struct {
		Metadata *metadata.Metadata `json:"metadata,omitempty"`
	}
	out, _ = json.Marshal(req)
	fmt.Println(string(out))
	req.Metadata = &zero
	out, _ = json.Marshal(req)
	fmt.Println(string(out))
	// Output:
	// true true true {}
	// {}
	// {"metadata":{}}
}

func ExampleMetadata_Keys() {
	md := metadata.MustNew(map[string]string{"b": "2", "a": "1", "C": "3"}, metadata.CustomerLimits())
	fmt.Println(md.Keys())
	// Output: [C a b]
}

func ExampleMetadata_All() {
	md := metadata.MustNew(map[string]string{"b": "2", "a": "1"}, metadata.CustomerLimits())
	for k, v := range md.All() {
		fmt.Println(k, v)
	}
	// Output:
	// a 1
	// b 2
}

func ExampleMetadata_Map() {
	md := metadata.MustNew(map[string]string{"a": "1"}, metadata.CustomerLimits())
	m := md.Map()
	m["a"] = "changed" // a copy: md is unchanged
	fmt.Println(md.Get("a"))
	// Output: 1 true
}

func ExampleMetadata_Equal() {
	a := metadata.MustNew(map[string]string{"a": "1"}, metadata.CustomerLimits())
	b, _ := metadata.Decode([]byte(`{"a":"1"}`), metadata.AccountLimits())
	fmt.Println(a.Equal(b))
	// Output: true
}

func ExampleMetadata_MarshalJSON() {
	md := metadata.MustNew(map[string]string{"zone": "b", "area": "<a>"}, metadata.CustomerLimits())
	out, _ := json.Marshal(md)
	fmt.Println(string(out))
	// Output: {"area":"\u003ca\u003e","zone":"b"}
}

func ExampleMetadata_UnmarshalJSON() {
	var req struct {
		Metadata metadata.Metadata `json:"metadata"`
	}
	err := json.Unmarshal([]byte(`{"metadata":{"order_id":"6735"}}`), &req)
	fmt.Println(req.Metadata.Keys(), err)
	err = json.Unmarshal([]byte(`{"metadata":null}`), &req) // null leaves it unchanged
	fmt.Println(req.Metadata.Keys(), err)
	err = json.Unmarshal([]byte(`{"metadata":{"order_id":42}}`), &req)
	fmt.Println(err)
	// Output:
	// [order_id] <nil>
	// [order_id] <nil>
	// metadata.order_id: invalid_type: must be a string
}

func ExampleMetadata_Value() {
	md := metadata.MustNew(map[string]string{"b": "2", "a": "1"}, metadata.CustomerLimits())
	v, _ := md.Value()
	fmt.Println(v)
	v, _ = metadata.Metadata{}.Value()
	fmt.Println(v)
	// Output:
	// {"a":"1","b":"2"}
	// {}
}

func ExampleMetadata_Scan() {
	var md metadata.Metadata
	err := md.Scan([]byte(`{"order_id":"6735"}`)) // a jsonb column
	fmt.Println(md.Keys(), err)
	err = md.Scan(nil) // SQL NULL is not a Metadata
	fmt.Println(err)

	var nullable sql.Null[metadata.Metadata] // a nullable column
	err = nullable.Scan(nil)
	fmt.Println(nullable.Valid, err)
	err = nullable.Scan("{}")
	fmt.Println(nullable.Valid, nullable.V.IsZero(), err)
	// Output:
	// [order_id] <nil>
	// metadata: required: is NULL: scan a nullable column into a sql.Null[metadata.Metadata] or a *metadata.Metadata
	// false <nil>
	// true true <nil>
}

func ExampleDecodePatch() {
	stored := metadata.MustNew(map[string]string{"tier": "silver", "old": "x"}, metadata.CustomerLimits())
	p, err := metadata.DecodePatch([]byte(`{"tier":"gold","old":null,"gone":null}`), metadata.CustomerLimits())
	if err != nil {
		panic(err)
	}
	m, err := p.Apply(stored, metadata.CustomerLimits())
	fmt.Println(m.Map(), err)
	// Output: map[tier:gold] <nil>
}

func ExampleNewPatch() {
	p, err := metadata.NewPatch(map[string]string{"tier": "gold"}, []string{"old"}, metadata.AccountLimits())
	b, _ := p.MarshalJSON()
	fmt.Println(string(b), err, p.Sets())
	// Output: {"old":null,"tier":"gold"} <nil> true
}

func ExamplePatch_All() {
	p, _ := metadata.DecodePatch([]byte(`{"b":null,"a":"1"}`), metadata.CustomerLimits())
	for key, change := range p.All() {
		fmt.Println(key, change.Value, change.Remove)
	}
	// Output:
	// a 1 false
	// b  true
}

func ExampleBuilder() {
	// The rows of a key–value table, read one at a time.
	rows := [][2]string{{"region", "za"}, {"plan", "gold"}}
	var b metadata.Builder
	b.Grow(len(rows))
	for _, r := range rows {
		b.Add(r[0], r[1])
	}
	md, err := b.Build(metadata.AccountLimits())
	fmt.Println(md.Keys(), err)

	b.Add("plan", "gold")
	b.Add("plan", "silver")
	b.Add("note", "")
	_, err = b.Build(metadata.AccountLimits())
	fmt.Println(err)
	// Output:
	// [plan region] <nil>
	// 2 errors:
	//	metadata.note: required: must not be empty
	//	metadata.plan: duplicate_field: is given more than once
}

func ExamplePatchBuilder() {
	var b metadata.PatchBuilder
	b.Set("tier", "gold")
	b.Remove("old")
	p, err := b.Build(metadata.CustomerLimits())
	out, _ := p.MarshalJSON()
	fmt.Println(string(out), err)

	b.Set("tier", "gold")
	b.Remove("tier")
	_, err = b.Build(metadata.CustomerLimits())
	fmt.Println(err)
	// Output:
	// {"old":null,"tier":"gold"} <nil>
	// metadata.tier: duplicate_field: is both set and removed: do one or the other
}

func ExamplePatchBuilder_Apply() {
	stored := metadata.MustNew(map[string]string{"tier": "silver", "old": "x"}, metadata.CustomerLimits())

	// The changes of an update, applied at once without a Patch.
	var b metadata.PatchBuilder
	b.Set("tier", "gold")
	b.Remove("old")
	b.Remove("gone") // removing a key the metadata does not hold is no error
	m, err := b.Apply(stored, metadata.CustomerLimits())
	fmt.Println(m.Map(), err, stored.Map())

	// Apply leaves b empty: the next update starts afresh.
	l := metadata.Limits{MaxKeys: 2, MaxKeyLength: 40, MaxValueLength: 500}
	b.Set("region", "za")
	b.Set("plan", "gold")
	_, err = b.Apply(m, l)
	fmt.Println(err)
	b.Set("plan", "gold")
	b.Remove("plan")
	_, err = b.Apply(m, l)
	fmt.Println(err)
	// Output:
	// map[tier:gold] <nil> map[old:x tier:silver]
	// metadata: too_many_keys: would hold 3 keys after the update (1 stored, 2 added), more than the 2 allowed: remove keys in the same update
	// metadata.plan: duplicate_field: is both set and removed: do one or the other
}
