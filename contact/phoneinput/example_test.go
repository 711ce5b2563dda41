package phoneinput_test

import (
	"fmt"

	"github.com/tallykit/billing/contact/phoneinput"
)

func ExampleNormalize() {
	for _, in := range []struct{ typed, region string }{
		{"082 123 4567", "ZA"},
		{"(415) 555-2671", "US"},
		{"+44 20 7183 8750", ""},
		{"+1 415 555 2671 ext. 123", "US"},
	} {
		p, err := phoneinput.Normalize(in.typed, in.region)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p.E164(), p.Region(), p.Type())
	}
	// Output:
	// +27821234567 ZA mobile
	// +14155552671 US fixed_line_or_mobile
	// +442071838750 GB fixed_line
	// phone: invalid_format: must not have an extension; send the number alone
}
