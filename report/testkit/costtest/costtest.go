// Package costtest measures what an input costs, for the tests that bound
// the memory a hostile or broken file may take: a byte budget holds on a
// busy machine where a time limit would be flaky.
package costtest

import "runtime"

// Allocated is the bytes fn allocates, garbage included.
func Allocated(fn func()) uint64 {
	runtime.GC()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}
