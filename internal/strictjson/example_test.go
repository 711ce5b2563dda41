package strictjson_test

import (
	"fmt"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

type point struct {
	x, y  int64
	label string
	hasX  bool
}

func parsePoint(data []byte) (point, error) {
	var p point
	err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			switch string(o.NameBytes()) {
			case "x":
				p.x, p.hasX = o.Int(-100, 100)
			case "y":
				if o.Null() { // null means absent
					break
				}
				p.y, _ = o.Int(-100, 100)
			case "label":
				if s, ok := o.String(); ok {
					if s == "" {
						o.Fail(billing.CodeRequired, "must not be empty")
					}
					p.label = s
				}
			default:
				o.Unknown()
			}
		}
		if !p.hasX && !o.Failed(o.Prefix().Member("x")) { // absent (not merely invalid): after the others
			o.AddAt(o.Prefix().Member("x"), billing.CodeRequired, "is required")
		}
	})
	if err != nil {
		return point{}, err
	}
	return p, nil
}

func ExampleDecode() {
	p, err := parsePoint([]byte(`{"x": 3, "y": null, "label": "origin"}`))
	fmt.Println(p.x, p.label, err)

	_, err = parsePoint([]byte(`{"y": 2.5, "label": "", "z": 1, "label": "again"}`))
	for _, e := range report.Errs(err) {
		fmt.Println(e.Field, e.Code)
	}

	_, err = parsePoint([]byte(`{"x": 1,}`))
	fmt.Println(err)
	// Output:
	// 3 origin <nil>
	// y invalid_type
	// label duplicate_field
	// z unknown_field
	// x required
	// invalid_json: the document is not well-formed JSON (at byte 8)
}
