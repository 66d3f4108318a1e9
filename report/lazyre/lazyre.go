// Package lazyre holds regular expressions that are compiled when first
// used rather than when the program starts.
//
// Every run of nianbao loads every package, and regexp.MustCompile at
// package level is paid by each run, even by `nianbao version`: the
// patterns that restate a broken TOML file, a wrong flag or a template
// error are needed only when that happens. A pattern held here costs
// nothing until its first use and the same after.
//
// A bad pattern panics at its first use, not at start; Check compiles
// every pattern made so far, so that a test of a package (or of the
// binary, which loads them all) finds it.
package lazyre

import (
	"fmt"
	"regexp"
	"sync"
)

// New returns a function that compiles pattern on its first call (as
// regexp.MustCompile, safe for concurrent use) and returns that Regexp
// on every call.
func New(pattern string) func() *regexp.Regexp {
	mu.Lock()
	patterns = append(patterns, pattern)
	mu.Unlock()
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

var (
	mu       sync.Mutex
	patterns []string
)

// Check compiles every pattern made by New so far and returns the first
// that does not compile.
func Check() error {
	mu.Lock()
	defer mu.Unlock()
	for _, p := range patterns {
		if _, err := regexp.Compile(p); err != nil {
			return fmt.Errorf("lazyre: %w", err)
		}
	}
	return nil
}

// Len is the number of patterns made by New so far.
func Len() int {
	mu.Lock()
	defer mu.Unlock()
	return len(patterns)
}
