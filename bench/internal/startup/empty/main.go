// Command empty imports nothing: BenchmarkStartup runs it as the baseline
// that every Go program pays (the runtime's own initialisation).
package main

func main() {}
