package pdf

// The characters each font of a document sets, planned before rendering so
// that fpdf is handed fonts cut down to them, and the subset tags put into
// the fonts' PDF names afterwards.

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/fontset"
)

// runeSet is a set of BMP characters (the only ones fpdf can set).
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(c rune) {
	if c >= 0 && c < 0x10000 {
		s[c>>6] |= 1 << (c & 63)
	}
}

func (s *runeSet) has(c rune) bool {
	return c >= 0 && c < 0x10000 && s[c>>6]&(1<<(c&63)) != 0
}

// fontChars is the characters of each font, by font Name.
type fontChars map[string]*runeSet

func (fc fontChars) set(name string) *runeSet {
	s := fc[name]
	if s == nil {
		s = new(runeSet)
		fc[name] = s
	}
	return s
}

func (fc fontChars) add(name, text string) {
	s := fc.set(name)
	for _, c := range text {
		s.add(c)
	}
}

func (fc fontChars) addRunes(name string, text []rune) {
	s := fc.set(name)
	for _, c := range text {
		s.add(c)
	}
}

// covers tells whether every character of other is in fc.
func (fc fontChars) covers(other fontChars) bool {
	for name, o := range other {
		s := fc[name]
		for i, w := range o {
			if s == nil && w != 0 || s != nil && w&^s[i] != 0 {
				return false
			}
		}
	}
	return true
}

func (fc fontChars) merge(other fontChars) {
	for name, o := range other {
		s := fc.set(name)
		for i, w := range o {
			s[i] |= w
		}
	}
}

// runes lists each font's characters in order.
func (fc fontChars) runes() map[string][]rune {
	out := make(map[string][]rune, len(fc))
	for name, s := range fc {
		var list []rune
		for i, w := range s {
			for w != 0 {
				b := bits.TrailingZeros64(w)
				list = append(list, rune(i*64+b))
				w &= w - 1
			}
		}
		out[name] = list
	}
	return out
}

// planChars is the characters d will set in each font: every text the
// renderer sets (walkText), each character put where fontFor puts it (the
// role's font, the fallback, or the 〓 mark), and the draft watermark.
func planChars(d *doc.Document, fonts *fontset.Set) fontChars {
	fc := fontChars{}
	walkText(d, func(role fontset.Role, text, _ string) {
		for _, c := range text {
			f, set := fontFor(fonts, c, role)
			fc.set(f.Name).add(set)
		}
	})
	if d.Meta.Draft {
		fc.add(fonts.Font(fontset.Heading1).Name, watermark)
	}
	return fc
}

// finishPDF makes two changes to a PDF fpdf has written, in one pass that
// also moves the cross-reference table's offsets by the change of length:
//
//   - Each subset font gets its subset tag: fpdf names a font "utf8" + its
//     lower-cased family ("/BaseFont /utf8fandolfang"); a subset embedded in
//     a PDF is named with six capital letters and '+' before its name
//     ("/BaseFont /ABCDEF+FandolFang", ISO 32000-1 9.6.4), which is how
//     readers and pdffonts know it is a subset.
//   - The streams fpdf wrote uncompressed (the renderer turns fpdf's own
//     compression off: it builds a new zlib writer, about 1 MB of memory to
//     allocate and clear, for every page) are compressed here with one
//     pooled writer at fpdf's level.
//
// Objects are found through the cross-reference table, so nothing inside a
// stream is taken for a dictionary. A PDF not laid out as fpdf v0.12.0
// lays it out comes back as it is, still valid (just not tagged and larger).
func finishPDF(pdf []byte, tags map[string]string) []byte {
	x, ok := readXref(pdf)
	if !ok {
		return pdf
	}
	var edits []edit
	for _, off := range x.offsets {
		if e, ok := compressStream(pdf, off); ok {
			edits = append(edits, e)
		}
	}
	names := make([]string, 0, len(tags))
	for name := range tags {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		tag := tags[name]
		if tag == "" {
			continue
		}
		for _, key := range []string{"/BaseFont /", "/FontName /"} {
			old := []byte(key + "utf8" + strings.ToLower(name) + "\n")
			new := []byte(key + tag + "+" + name + "\n")
			for from := 0; ; {
				i := bytes.Index(pdf[from:x.at], old)
				if i < 0 {
					break
				}
				edits = append(edits, edit{at: from + i, n: len(old), new: new})
				from += i + len(old)
			}
		}
	}
	return x.apply(pdf, edits)
}

// edit replaces n bytes at at with new.
type edit struct {
	at, n int
	new   []byte
}

// xrefTable is fpdf's cross-reference table: "xref\n0 N\n", N entries of
// exactly 20 bytes, the trailer, "startxref\n<at>\n%%EOF\n".
type xrefTable struct {
	at      int   // offset of "xref"
	entries int   // offset of the first entry
	n       int   // number of entries
	offsets []int // of objects 1..n-1 in use, in object order
	sx      int   // offset of "\nstartxref\n"
	tail    []byte
}

func readXref(pdf []byte) (xrefTable, bool) {
	var x xrefTable
	x.sx = bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if x.sx < 0 {
		return x, false
	}
	rest := pdf[x.sx+len("\nstartxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return x, false
	}
	x.tail = rest[end+1:]
	at, err := strconv.Atoi(string(rest[:end]))
	if err != nil || at <= 0 || at >= x.sx || !bytes.HasPrefix(pdf[at:], []byte("xref\n0 ")) {
		return x, false
	}
	x.at = at
	nl := bytes.IndexByte(pdf[at+len("xref\n"):], '\n')
	if nl < 0 {
		return x, false
	}
	x.entries = at + len("xref\n") + nl + 1
	x.n, err = strconv.Atoi(string(pdf[at+len("xref\n0 ") : x.entries-1]))
	if err != nil || x.n < 1 || x.entries+20*x.n > x.sx {
		return x, false
	}
	for j := 1; j < x.n; j++ {
		e := pdf[x.entries+20*j : x.entries+20*j+20]
		if !bytes.HasSuffix(e, []byte(" 00000 n \n")) {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off >= at {
			return x, false
		}
		x.offsets = append(x.offsets, off)
	}
	return x, true
}

// apply makes the edits (none overlapping, all before the table) and
// rewrites the table and startxref.
func (x xrefTable) apply(pdf []byte, edits []edit) []byte {
	if len(edits) == 0 {
		return pdf
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	// shift[k] is how far everything after the first k edits moves.
	shift := make([]int, len(edits)+1)
	out := make([]byte, 0, len(pdf))
	prev := 0
	for k, e := range edits {
		out = append(out, pdf[prev:e.at]...)
		out = append(out, e.new...)
		prev = e.at + e.n
		shift[k+1] = shift[k] + len(e.new) - e.n
	}
	out = append(out, pdf[prev:x.entries]...)
	moved := func(off int) int {
		k := sort.Search(len(edits), func(k int) bool { return edits[k].at >= off })
		return off + shift[k]
	}
	for j := range x.n {
		e := pdf[x.entries+20*j : x.entries+20*j+20]
		if j == 0 || !bytes.HasSuffix(e, []byte(" 00000 n \n")) {
			out = append(out, e...)
			continue
		}
		off, _ := strconv.Atoi(string(e[:10])) // checked by readXref
		out = fmt.Appendf(out, "%010d 00000 n \n", moved(off))
	}
	out = append(out, pdf[x.entries+20*x.n:x.sx]...)
	out = fmt.Appendf(out, "\nstartxref\n%d\n", moved(x.at))
	return append(out, x.tail...)
}

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // fpdf's level; a valid level cannot fail
	return w
}}

// compressStream compresses the stream of the object at off when fpdf
// wrote it uncompressed: "N 0 obj\n<</Length L>>\nstream\n" L bytes
// "\nendstream".
func compressStream(pdf []byte, off int) (edit, bool) {
	nl := bytes.IndexByte(pdf[off:min(off+16, len(pdf))], '\n')
	if nl < 0 || !bytes.HasSuffix(pdf[off:off+nl], []byte(" 0 obj")) {
		return edit{}, false
	}
	dict := off + nl + 1
	const lead = "<</Length "
	if !bytes.HasPrefix(pdf[dict:], []byte(lead)) {
		return edit{}, false
	}
	end := bytes.Index(pdf[dict:min(dict+32, len(pdf))], []byte(">>\nstream\n"))
	if end < 0 {
		return edit{}, false
	}
	length, err := strconv.Atoi(string(pdf[dict+len(lead) : dict+end]))
	data := dict + end + len(">>\nstream\n")
	if err != nil || data+length > len(pdf) || !bytes.HasPrefix(pdf[data+length:], []byte("\nendstream")) {
		return edit{}, false
	}
	var buf bytes.Buffer
	buf.Grow(length/2 + 64)
	zw := zlibWriters.Get().(*zlib.Writer)
	zw.Reset(&buf)
	_, _ = zw.Write(pdf[data : data+length]) // a bytes.Buffer does not fail
	_ = zw.Close()
	zlibWriters.Put(zw)
	new := fmt.Appendf(nil, "<</Filter /FlateDecode /Length %d>>\nstream\n", buf.Len())
	new = append(new, buf.Bytes()...)
	return edit{at: dict, n: data + length - dict, new: new}, true
}
