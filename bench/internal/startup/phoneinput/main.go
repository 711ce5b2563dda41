// Command phoneinput is a program that imports the customer package and
// contact/phoneinput, which reads typed phone numbers with the full phone
// library (github.com/nyaruka/phonenumbers), and does nothing else:
// BenchmarkStartup shows what linking that library costs at start-up.
package main

import (
	"github.com/tallykit/billing/contact/phoneinput"
	"github.com/tallykit/billing/customer"
)

var (
	_ = customer.DecodeCreateRequest
	_ = phoneinput.Normalize
)

func main() {}
