// Command billingcheck checks JSON documents of the billing API against the library's rules
// and prints every failure with its field path and code.
//
// Usage:
//
//	billingcheck [-json] [-allow-unknown] KIND [FILE ...]
//	billingcheck [-json] [-allow-unknown] apply customer|account STORED UPDATE
//	billingcheck [-json] [-allow-unknown] (-lines | -csv) [-workers N] [-valid OUT] KIND [FILE ...]
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
// # Bulk
//
// -lines and -csv check files of many records, for import jobs. With -lines each input is
// JSON Lines: every line that holds more than white space is one document of KIND,
// numbered by its line from 1; a line ending may be "\n" or "\r\n", and the last line
// needs none. A line over 1 MiB is that record's too_long at the whole document, and
// reading goes on with the next line.
//
// With -csv (KIND customer-create or account-create) each input is CSV (RFC 4180) with a
// header row. A header names a member of the request (external_reference, name, email,
// phone, currency, balance, and for account-create customer, as its string form) or a
// metadata key as metadata.KEY; an unknown or repeated header, or a key that breaks the
// metadata key rules, is a usage error that names it. A UTF-8 byte order mark at the start
// is skipped, and so are blank lines; a header alone is 0 records. Each data row is one
// request, numbered from 1 (the header and blank lines not counted): an empty cell is an
// absent member; balance is an integer as JSON writes one (-?(0|[1-9][0-9]*); anything
// else is invalid_type); every other cell is a string, checked by its member's rule as it
// is (invalid UTF-8 included). The row is read as the JSON document of its non-empty
// cells in column order, the metadata keys together where the first of them is, so its
// failures have the codes, paths and order that document has (metadata.crm_id,
// /metadata/crm_id). A row that is not well-formed CSV (a quotation mark inside a cell
// that does not start with one, characters after a closing quotation mark, a quoted cell
// never closed), or whose number of cells is not the header's, is invalid_format at the
// whole record; a row over 1 MiB is too_long; reading goes on with the next row.
//
// Records are checked in parallel by -workers goroutines (by default one per CPU), and
// reported in input order whatever their number: plain, only the failures, one a line,
// "FILE:RECORD: FIELD: CODE: message", then "FILE: N records, V valid, I invalid" on
// standard error; with -json, one line per record:
//
//	{"file":"x.jsonl","record":7,"valid":false,"errors":[{"field":"phone","pointer":"/phone","code":"invalid_phone","message":"…"}]}
//
// -valid OUT writes every valid record to the file OUT as JSON Lines, each document as the
// library encodes it. Inputs are streamed: memory stays bounded by the number of workers
// and the size of the largest record, whatever the size of the input. When standard
// error is a terminal, a progress line there shows the records checked, records and
// megabytes per second, and the share of the input read when its size is known; it is
// redrawn at most ten times a second and cleared at the end.
//
// The exit status is 0 when every input (every record) is valid, 1 when some input is
// invalid, and 2 on a usage or I/O error, which is reported on standard error.
package main

import (
	"os"
)

func main() {
	tuneGC = true
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
