package fontset

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"sync"
	"syscall"
	"unsafe"
)

// releaseEmbedded lets the kernel take back the memory pages of an embedded
// font's bytes from this process once a subset has been cut from them.
//
// Why: the bytes are part of the executable, mapped from the file; reading
// the few hundred glyphs of a document makes the kernel map the pages
// around each of them too (fault-around, 64 KB at a time), so cutting the
// five fonts left about 15 MB of fonts counted in the process's memory for
// the rest of the build, a third of its peak. Dropped pages come back from
// the file, unchanged, if the font is read again.
//
// This is only correct for pages that were never written and are backed
// by the executable file: MADV_DONTNEED on a private file mapping reverts
// a page to the file's content, and on anonymous memory (a packed
// executable, a copy on the heap) it would zero it. So only whole pages
// inside b, and only when /proc/self/maps shows them in one private
// mapping of a file; nothing writes into the embedded fonts (fpdf only gets
// subsets).
func releaseEmbedded(b []byte) {
	if len(b) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p + page - 1) &^ (page - 1)
	end := (p + uintptr(len(b))) &^ (page - 1)
	if end <= start || !fileMapped(start, end) {
		return
	}
	_ = syscall.Madvise(b[start-p:end-p], syscall.MADV_DONTNEED)
}

// mapping is one line of /proc/self/maps: a private mapping of a file.
type mapping struct{ start, end uintptr }

var fileMappings = sync.OnceValue(func() []mapping {
	data, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil
	}
	var out []mapping
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		// 00400000-0452c000 r--p 00000000 fd:01 1234   /usr/bin/nianbao
		f := bytes.Fields(sc.Bytes())
		if len(f) < 6 || len(f[1]) != 4 || f[1][3] != 'p' || f[4][0] == '0' && len(f[4]) == 1 || f[5][0] != '/' {
			continue
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(string(lo), 16, 64)
		z, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 == nil && err2 == nil {
			out = append(out, mapping{uintptr(a), uintptr(z)})
		}
	}
	return out
})

// fileMapped tells whether [start, end) lies in one private file mapping.
// The mappings of the executable do not move while it runs.
func fileMapped(start, end uintptr) bool {
	for _, m := range fileMappings() {
		if m.start <= start && end <= m.end {
			return true
		}
	}
	return false
}
