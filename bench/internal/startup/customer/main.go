// Command customer is a program that imports the customer package of the
// library and does nothing else: BenchmarkStartup measures what its
// initialisation costs (no phone library: phone validity comes from tables
// compiled into package contact).
package main

import "github.com/tallykit/billing/customer"

var _ = customer.DecodeCreateRequest

func main() {}
