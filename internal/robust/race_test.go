//go:build race

package robust

// raceEnabled is true when the tests run with -race.
const raceEnabled = true

// raceAllocSlack is added to the constant term of the allocation bounds under the race
// detector, where sync.Pool drops a share of what is put back on purpose: regexp's
// matchers (phone patterns) are then allocated again on calls that reuse them otherwise.
const raceAllocSlack = 448 << 10
