// Command customer is a program that imports the customer package of the
// library (and with it phonenumbers) and does nothing else: BenchmarkStartup
// measures what its initialisation costs.
package main

import "github.com/tallykit/billing/customer"

var _ = customer.DecodeCreateRequest

func main() {}
