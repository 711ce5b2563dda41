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
	"os"

	"github.com/tallykit/billing/contact/internal/phonegen"
	"github.com/tallykit/billing/internal/modroot"
)

// Command is how the generated file says it was made.
const Command = "go run ./internal/gen"

var outFlag = flag.String("out", "zz_generated_phone_rules.go", "the Go file to write")

func main() { modroot.Main(func() error { return run(*outFlag) }) }

func run(out string) error {
	b, err := phonegen.GenerateFromModule("go", ".", Command)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
