// Command billingcheck checks JSON documents of the billing API against the library's rules
// and prints every failure with its field path and code.
//
// Usage:
//
//	billingcheck [-json] KIND [FILE ...]
//
// KIND is customer-create, account-create, customer or account. Each FILE is read in turn;
// with no FILE, or a FILE of "-", standard input is read. Plain output is one line per
// failure, "FILE: FIELD: CODE: message" (FIELD is empty for the whole document), or
// "FILE: ok". With -json, each input gives one line:
//
//	{"file":"x.json","valid":false,"errors":[{"field":"phone","code":"invalid_phone","message":"…"}]}
//
// The exit status is 0 when every input is valid, 1 when some input is invalid, and 2 on a
// usage or I/O error, which is reported on standard error.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
