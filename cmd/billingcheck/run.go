package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
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

// result is one input's line in -json mode.
type result struct {
	File   string         `json:"file"`
	Valid  bool           `json:"valid"`
	Errors billing.Errors `json:"errors"`
}

// run is the whole command with its streams passed in, so tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("billingcheck", flag.ContinueOnError)
	flags.SetOutput(stderr)
	asJSON := flags.Bool("json", false, "print one JSON object per input")
	flags.Usage = func() {} // -h prints the help below; a bad flag gets a one-line pointer to it
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeUsage(stdout)
			return exitValid
		}
		fmt.Fprintln(stderr, "run billingcheck -h for help")
		return exitUsage
	}
	if flags.NArg() == 0 {
		fmt.Fprintln(stderr, "billingcheck: missing KIND (customer-create, account-create, customer or account)")
		fmt.Fprintln(stderr, "run billingcheck -h for help")
		return exitUsage
	}
	k, ok := kindNamed(flags.Arg(0))
	if !ok {
		fmt.Fprintf(stderr, "billingcheck: unknown KIND %q: want one of %s\n", flags.Arg(0), strings.Join(kindNames(), ", "))
		return exitUsage
	}
	files := flags.Args()[1:]
	if len(files) == 0 {
		files = []string{stdinName}
	}

	out := bufio.NewWriter(stdout)
	status := exitValid
	defer func() {
		if err := out.Flush(); err != nil {
			fmt.Fprintf(stderr, "billingcheck: writing output: %v\n", err)
		}
	}()
	for _, name := range files {
		data, err := readInput(name, stdin)
		if err != nil {
			out.Flush()
			fmt.Fprintf(stderr, "billingcheck: %v\n", err)
			status = exitUsage
			continue
		}
		errs := report.Errs(k.check(data))
		if len(errs) > 0 && status == exitValid {
			status = exitInvalid
		}
		if *asJSON {
			err = writeJSON(out, name, errs)
		} else {
			writePlain(out, name, errs)
		}
		if err != nil {
			fmt.Fprintf(stderr, "billingcheck: %v\n", err)
			status = exitUsage
		}
	}
	return status
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
func writeJSON(w io.Writer, name string, errs billing.Errors) error {
	if errs == nil {
		errs = billing.Errors{}
	}
	line, err := json.Marshal(result{File: name, Valid: len(errs) == 0, Errors: errs})
	if err != nil {
		return fmt.Errorf("encoding the result of %s: %w", name, err)
	}
	_, err = w.Write(append(line, '\n'))
	return err
}
