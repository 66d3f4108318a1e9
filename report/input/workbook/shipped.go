package workbook

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/report/input/xlsxsafe"
)

// The parts nianbao's own writer makes are known before any workbook is
// read, so that a fresh process (nianbao check) reads its first workbook
// with the lean reader too. shipped.txt lists them by SHA-256 of name and
// bytes, with their counts; TestShippedParts writes workbooks of every
// kind the writer makes, reads each with excelize's reader, and keeps the
// list equal to their parts (go test -update rewrites it). A part made by
// another excelize version or program is simply not listed: its workbook
// is read by excelize first, as before.
//
//go:embed shipped.txt
var shippedText string

type shippedKey [sha256.Size]byte

var shipped = sync.OnceValue(func() map[shippedKey]xlsxsafe.Counts {
	m := map[shippedKey]xlsxsafe.Counts{}
	sc := bufio.NewScanner(strings.NewReader(shippedText))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var sum, name string
		var c xlsxsafe.Counts
		if _, err := fmt.Sscan(line, &sum, &c.Elements, &c.Strings, &c.Extent, &name); err != nil {
			panic("workbook: shipped.txt: " + line)
		}
		var k shippedKey
		if n, err := hex.Decode(k[:], []byte(sum)); err != nil || n != len(k) {
			panic("workbook: shipped.txt: " + line)
		}
		m[k] = c
	}
	return m
})

func shippedKeyOf(name string, b ...[]byte) shippedKey {
	h := sha256.New()
	_, _ = h.Write([]byte(name))
	_, _ = h.Write([]byte{0})
	for _, p := range b {
		_, _ = h.Write(p)
	}
	var k shippedKey
	h.Sum(k[:0])
	return k
}

// lookupKnown gives the counts of a part known in this process or shipped
// (the parts joined, as keyOf takes them).
func lookupKnown(name string, b ...[]byte) (xlsxsafe.Counts, bool) {
	k := keyOf(name, b...)
	if c, ok := known.Load(k); ok {
		return c.(xlsxsafe.Counts), true
	}
	c, ok := shipped()[shippedKeyOf(name, b...)]
	if ok && nKnown.Load() < maxKnown {
		remember(k, c)
	}
	return c, ok
}

// ForgetKnown forgets the parts learnt in this process, as a fresh process
// starts: for benchmarks of a first read (nianbao check).
func ForgetKnown() {
	known.Clear()
	nKnown.Store(0)
}
