//go:build race

package entity

// raceEnabled is true when the tests run with -race, which changes what allocates.
const raceEnabled = true
