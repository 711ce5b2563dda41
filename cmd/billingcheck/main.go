// Command billingcheck checks JSON documents of the billing API against the library's rules
// and prints every failure with its field path and code.
//
// Usage:
//
//	billingcheck [-json] [-allow-unknown] KIND [FILE ...]
//	billingcheck [-json] [-allow-unknown] apply customer|account STORED UPDATE
//
// KIND is customer-create, account-create, customer, account, customer-update or
// account-update. Each FILE is read in turn;
// with no FILE, or a FILE of "-", standard input is read. Plain output is one line per
// failure, "FILE: FIELD: CODE: message" (FIELD is empty for the whole document), or
// "FILE: ok". With -json, each input gives one line:
//
//	{"file":"x.json","valid":false,"errors":[{"field":"phone","pointer":"/phone","code":"invalid_phone","message":"…"}]}
//
// -allow-unknown reads objects (the kinds customer and account, and apply's STORED)
// skipping the members they do not define; with another kind it is a usage error.
//
// apply reads the object in STORED and the update in UPDATE, applies the update and prints
// the new object's JSON on one line (with -json: {"file":"UPDATE","valid":true,"errors":[],
// "object":{…}}); an invalid update, or one that cannot be applied, is reported as a check
// of UPDATE, an invalid STORED as a check of STORED, with exit status 1.
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
