package must_test

import (
	"fmt"
	"strconv"

	"github.com/tallykit/billing/internal/must"
)

func ExampleGet() {
	fmt.Println(must.Get(strconv.Atoi("42")))

	defer func() { fmt.Println(recover()) }()
	must.Get(strconv.Atoi("forty-two"))
	// Output:
	// 42
	// billing: strconv.Atoi: parsing "forty-two": invalid syntax
}
