//go:build !race

package robust

// raceEnabled is true when the tests run with -race; see race_test.go.
const raceEnabled = false

// raceAllocSlack is 0 without the race detector; see race_test.go.
const raceAllocSlack = 0
