package billingtest

import "testing"

// AddSeeds adds the document of every case of kind ([Cases]) to f's seed corpus, so that
// a fuzz target starts from the contract's documents: valid ones at every boundary and
// invalid ones of every code. The case of a document over 1 MiB is left out (a seed that
// large slows every fuzzing run down). The fuzz target takes the document as its one
// []byte argument. AddSeeds panics when kind is not one of [Kinds].
func AddSeeds(f *testing.F, kind string) {
	f.Helper()
	for _, c := range Cases(kind) {
		if c.Name != TooLongCaseName {
			f.Add(c.Doc)
		}
	}
}
