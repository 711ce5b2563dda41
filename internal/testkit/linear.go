package testkit

import "testing"

// linearFactor is how much worse the time per byte of a sixteen times bigger input may be
// in [AssertLinear]: quadratic work would be about sixteen times worse.
const linearFactor = 6.0

// AssertLinear checks that fn takes time linear in the size of its input: its CPU time per
// byte on build(16*small) is less than six times that on build(small), each the [Measure]
// of a warm call. Quadratic work would be about sixteen times worse. It skips t in short
// mode.
func AssertLinear(t testing.TB, build func(n int) []byte, small int, fn func([]byte)) {
	t.Helper()
	if testing.Short() {
		t.Skip("timing test")
	}
	s, b := build(small), build(16*small)
	perByte := func(data []byte) float64 {
		c := Measure(func() { fn(data) })
		return float64(max(c.CPU, 1)) / float64(len(data))
	}
	ratio := perByte(b) / perByte(s)
	t.Logf("time per byte ×%.2f from %d to %d bytes", ratio, len(s), len(b))
	if ratio >= linearFactor {
		t.Errorf("time per byte grows %.1f× from %d to %d bytes", ratio, len(s), len(b))
	}
}
