// Command gen writes package contact's phone tables from the metadata of
// github.com/nyaruka/phonenumbers (Google's libphonenumber), at the version
// the module requires.
//
// Usage (run by go generate in the contact directory):
//
//	go run ./internal/gen [-out FILE]
//
// -out defaults to zz_generated_phone_rules.go in the working directory. To
// follow new metadata, upgrade the module (go get
// github.com/nyaruka/phonenumbers@latest, go mod tidy) and run go generate
// ./contact; the tests then hold the new tables to the library.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tallykit/billing/contact/internal/phonegen"
)

// Command is how the generated file says it was made.
const Command = "go run ./internal/gen"

func main() {
	out := flag.String("out", "zz_generated_phone_rules.go", "the Go file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	b, err := phonegen.GenerateFromModule("go", ".", Command)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
