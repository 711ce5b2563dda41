//go:build race

package ids_test

// raceEnabled is true when the tests run with -race, which changes escape analysis
// (crypto/rand's buffer escapes), so allocation counts are not checked then.
const raceEnabled = true
