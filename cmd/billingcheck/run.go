package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/report"
)

// Exit statuses: 0 every input valid, 1 some input invalid, 2 usage or I/O error.
const (
	exitValid   = 0
	exitInvalid = 1
	exitUsage   = 2
)

// maxRead is one byte over the documents' size limit: enough for the parsers to report
// too_long without reading a huge input whole.
const maxRead = 1<<20 + 1

// stdinName is how standard input is named in the output.
const stdinName = "-"

// result is one input's line in -json mode; Object is the object an apply made.
type result struct {
	File   string          `json:"file"`
	Valid  bool            `json:"valid"`
	Errors billing.Errors  `json:"errors"`
	Object json.RawMessage `json:"object,omitempty"`
}

// options are the command's flags.
type options struct {
	asJSON       bool
	allowUnknown bool
	lines        bool   // bulk: JSON Lines
	csv          bool   // bulk: CSV with a header
	workers      int    // bulk: records checked in parallel
	validOut     string // bulk: where the valid records go
}

// run is the whole command with its streams passed in, so tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("billingcheck", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var opts options
	flags.BoolVar(&opts.asJSON, "json", false, "print one JSON object per input")
	flags.BoolVar(&opts.allowUnknown, "allow-unknown", false, "skip members an object does not define")
	flags.BoolVar(&opts.lines, "lines", false, "each input is JSON Lines: one document per line")
	flags.BoolVar(&opts.csv, "csv", false, "each input is CSV with a header row: one request per row")
	flags.IntVar(&opts.workers, "workers", runtime.NumCPU(), "check the records of -lines or -csv on N goroutines")
	flags.StringVar(&opts.validOut, "valid", "", "write the valid records of -lines or -csv to OUT as JSON Lines")
	flags.Usage = func() {} // -h prints the help below; a bad flag gets a one-line pointer to it
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeUsage(stdout)
			return exitValid
		}
		fmt.Fprintln(stderr, "run billingcheck -h for help")
		return exitUsage
	}
	if msg := bulkFlagsError(flags, opts); msg != "" {
		fmt.Fprintf(stderr, "billingcheck: %s\n", msg)
		fmt.Fprintln(stderr, "run billingcheck -h for help")
		return exitUsage
	}
	if flags.NArg() == 0 {
		fmt.Fprintf(stderr, "billingcheck: missing KIND (%s) or apply\n", strings.Join(kindNames(), ", "))
		fmt.Fprintln(stderr, "run billingcheck -h for help")
		return exitUsage
	}
	out := bufio.NewWriter(stdout)
	defer func() {
		if err := out.Flush(); err != nil {
			fmt.Fprintf(stderr, "billingcheck: writing output: %v\n", err)
		}
	}()
	if flags.Arg(0) == "apply" {
		return runApply(flags.Args()[1:], opts, stdin, out, stderr)
	}
	k, ok := kindNamed(flags.Arg(0), opts)
	if !ok {
		fmt.Fprintf(stderr, "billingcheck: unknown KIND %q: want one of %s, or apply\n", flags.Arg(0), strings.Join(kindNames(), ", "))
		return exitUsage
	}
	if opts.allowUnknown && !k.object {
		fmt.Fprintf(stderr, "billingcheck: -allow-unknown reads objects only (customer, account), not %s\n", k.name)
		return exitUsage
	}
	files := flags.Args()[1:]
	if len(files) == 0 {
		files = []string{stdinName}
	}
	if opts.lines || opts.csv {
		return runBulk(k, files, opts, stdin, stdout, out, stderr)
	}
	status := exitValid
	for _, name := range files {
		data, err := readInput(name, stdin)
		if err != nil {
			out.Flush()
			fmt.Fprintf(stderr, "billingcheck: %v\n", err)
			status = exitUsage
			continue
		}
		status = worse(status, emit(out, stderr, opts, name, report.Errs(k.check(data)), nil))
	}
	return status
}

// bulkFlagsError returns what is wrong with the bulk flags given, or "".
func bulkFlagsError(flags *flag.FlagSet, opts options) string {
	set := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { set[f.Name] = true })
	bulk := opts.lines || opts.csv
	switch {
	case opts.lines && opts.csv:
		return "-lines and -csv cannot be used together"
	case !bulk && (set["workers"] || set["valid"]):
		return "-workers and -valid go with -lines or -csv"
	case bulk && flags.Arg(0) == "apply":
		return "apply reads one object and one update: -lines and -csv do not apply"
	case bulk && (opts.workers < 1 || opts.workers > maxWorkers):
		return fmt.Sprintf("-workers must be from 1 to %d", maxWorkers)
	case set["valid"] && opts.validOut == "":
		return "-valid needs a file name"
	case opts.validOut == stdinName:
		return "-valid needs a file: standard output carries the report"
	}
	return ""
}

// worse returns the higher of two exit statuses.
func worse(a, b int) int { return max(a, b) }

// emit prints one input's result, and the object an apply made when it is valid; it
// returns the input's exit status.
func emit(out *bufio.Writer, stderr io.Writer, opts options, name string, errs billing.Errors, object []byte) int {
	var err error
	if opts.asJSON {
		err = writeJSON(out, name, errs, object)
	} else if object != nil {
		_, err = out.Write(append(object, '\n'))
	} else {
		writePlain(out, name, errs)
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "billingcheck: %v\n", err)
		return exitUsage
	case len(errs) > 0:
		return exitInvalid
	}
	return exitValid
}

// runApply reads the object in STORED and the update in UPDATE, applies the update and
// prints the new object, or the failures of STORED or of UPDATE.
func runApply(args []string, opts options, stdin io.Reader, out *bufio.Writer, stderr io.Writer) int {
	if len(args) != 3 || (args[0] != "customer" && args[0] != "account") {
		fmt.Fprintln(stderr, "billingcheck: usage: billingcheck [-json] [-allow-unknown] apply customer|account STORED UPDATE")
		return exitUsage
	}
	if args[1] == stdinName && args[2] == stdinName {
		fmt.Fprintln(stderr, "billingcheck: apply: STORED and UPDATE cannot both be standard input")
		return exitUsage
	}
	stored, err := readInput(args[1], stdin)
	if err != nil {
		fmt.Fprintf(stderr, "billingcheck: %v\n", err)
		return exitUsage
	}
	update, err := readInput(args[2], stdin)
	if err != nil {
		fmt.Fprintf(stderr, "billingcheck: %v\n", err)
		return exitUsage
	}
	object, storedErrs, updateErrs := apply(args[0], opts, stored, update)
	status := exitValid
	if len(storedErrs) > 0 {
		status = emit(out, stderr, opts, args[1], storedErrs, nil)
	}
	if len(updateErrs) > 0 || len(storedErrs) == 0 {
		status = worse(status, emit(out, stderr, opts, args[2], updateErrs, object))
	}
	return status
}

// apply reads stored and update as the entity's object and update and applies one to the
// other. It returns the new object's JSON, or the failures of each input.
func apply(entity string, opts options, stored, update []byte) (object []byte, storedErrs, updateErrs billing.Errors) {
	if entity == "customer" {
		decode := customer.DecodeOptions{AllowUnknown: opts.allowUnknown}.Decode
		return applyUpdate(decode, customer.DecodeUpdateRequest, stored, update)
	}
	decode := account.DecodeOptions{AllowUnknown: opts.allowUnknown}.Decode
	return applyUpdate(decode, account.DecodeUpdateRequest, stored, update)
}

// updatable is an object to which an update request U applies: customer.Customer with
// customer.UpdateRequest, account.Account with account.UpdateRequest.
type updatable[O, U any] interface {
	Apply(U) (O, error)
	MarshalJSON() ([]byte, error)
}

// applyUpdate is apply for the objects that decode reads and the updates that
// decodeUpdate reads.
func applyUpdate[O updatable[O, U], U any](decode func([]byte) (O, error), decodeUpdate func([]byte) (U, error),
	stored, update []byte) (object []byte, storedErrs, updateErrs billing.Errors) {
	o, err := decode(stored)
	storedErrs = report.Errs(err)
	u, err := decodeUpdate(update)
	updateErrs = report.Errs(err)
	if err != nil || storedErrs != nil {
		return nil, storedErrs, updateErrs
	}
	if o, err = o.Apply(u); err != nil {
		return nil, nil, report.Errs(err)
	}
	object, err = o.MarshalJSON()
	return object, nil, report.Errs(err)
}

// readInput reads a file, or standard input for "-", up to maxRead bytes.
func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == stdinName {
		data, err := io.ReadAll(io.LimitReader(stdin, maxRead))
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return data, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRead))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return data, nil
}

// writePlain prints "FILE: FIELD: CODE: message" per failure, or "FILE: ok". A field path
// that could break the line (control characters, invalid UTF-8) is printed Go-quoted.
func writePlain(w io.Writer, name string, errs billing.Errors) {
	if len(errs) == 0 {
		fmt.Fprintf(w, "%s: ok\n", name)
		return
	}
	for _, e := range errs {
		fmt.Fprintf(w, "%s: %s: %s: %s\n", name, printable(e.Field), e.Code, e.Message)
	}
}

func printable(s string) string {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}

// writeJSON prints one input's result as a line of JSON.
func writeJSON(w io.Writer, name string, errs billing.Errors, object []byte) error {
	if errs == nil {
		errs = billing.Errors{}
	}
	line, err := json.Marshal(result{File: name, Valid: len(errs) == 0, Errors: errs, Object: object})
	if err != nil {
		return fmt.Errorf("encoding the result of %s: %w", name, err)
	}
	_, err = w.Write(append(line, '\n'))
	return err
}
