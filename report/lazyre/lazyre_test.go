package lazyre

import (
	"sync"
	"testing"
)

func TestNewCompilesOnceOnFirstUse(t *testing.T) {
	n := Len()
	re := New(`^a(b+)$`)
	if Len() != n+1 {
		t.Fatalf("Len = %d after New, want %d", Len(), n+1)
	}
	var wg sync.WaitGroup
	got := make(chan any, 8)
	for range 8 {
		wg.Go(func() { got <- re() })
	}
	wg.Wait()
	close(got)
	first := re()
	for r := range got {
		if r != first {
			t.Fatal("calls returned different Regexps")
		}
	}
	if m := first.FindStringSubmatch("abbb"); len(m) != 2 || m[1] != "bbb" {
		t.Fatalf("match = %q", m)
	}
}

func TestBadPattern(t *testing.T) {
	re := New(`(`)
	if err := Check(); err == nil {
		t.Fatal("Check found no bad pattern")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a bad pattern did not panic at its first use")
		}
	}()
	re()
}
