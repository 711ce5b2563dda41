// Command account is a program that imports the account package of the
// library (and with it customer) and does nothing else: BenchmarkStartup
// measures what its initialisation costs.
package main

import "github.com/tallykit/billing/account"

var _ = account.DecodeCreateRequest

func main() {}
