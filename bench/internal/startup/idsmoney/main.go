// Command idsmoney is a program that imports only the ids and money packages
// of the library and does nothing else: BenchmarkStartup measures what their
// initialisation costs.
package main

import (
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/money"
)

var (
	_ = ids.ParseCustomerID
	_ = money.ParseCurrency
)

func main() {}
