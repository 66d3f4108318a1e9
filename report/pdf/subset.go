package pdf

// The characters each font of a document sets, planned before rendering so
// that fpdf is handed fonts cut down to them, and the subset tags put into
// the fonts' PDF names afterwards.

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/fontset"
)

// runeSet is a set of BMP characters (the only ones fpdf can set).
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(c rune) {
	if c >= 0 && c < 0x10000 {
		s[c>>6] |= 1 << (c & 63)
	}
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

// tagFontNames gives each subset font of a PDF written by fpdf its subset
// tag: fpdf names a font "utf8" + its lower-cased family ("/BaseFont
// /utf8fandolfang"); a subset embedded in a PDF is named with six capital
// letters and '+' before its name ("/BaseFont /ABCDEF+FandolFang", ISO
// 32000-1 9.6.4), which is how readers and pdffonts know it is a subset.
// The names stand in the font dictionaries and descriptors, outside any
// stream; the cross-reference table's offsets are moved by the change of
// length. A PDF not laid out as fpdf v0.12.0 lays it out comes back as it
// is: the tags are a courtesy to readers, not needed to show the text.
func tagFontNames(pdf []byte, tags map[string]string) []byte {
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return pdf
	}
	rest := pdf[sx+len("\nstartxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return pdf
	}
	xref, err := strconv.Atoi(string(rest[:end]))
	if err != nil || xref <= 0 || xref >= sx || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		return pdf
	}
	type edit struct {
		at       int
		old, new string
	}
	var edits []edit
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
			old := key + "utf8" + strings.ToLower(name) + "\n"
			new := key + tag + "+" + name + "\n"
			for from := 0; ; {
				i := bytes.Index(pdf[from:xref], []byte(old))
				if i < 0 {
					break
				}
				edits = append(edits, edit{from + i, old, new})
				from += i + len(old)
			}
		}
	}
	if len(edits) == 0 {
		return pdf
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	// shift[k] is how far everything after edit k-1 moves.
	shift := make([]int, len(edits)+1)
	out := make([]byte, 0, len(pdf)+8*len(edits))
	prev := 0
	for k, e := range edits {
		out = append(out, pdf[prev:e.at]...)
		out = append(out, e.new...)
		prev = e.at + len(e.old)
		shift[k+1] = shift[k] + len(e.new) - len(e.old)
	}
	out = append(out, pdf[prev:xref]...)
	moved := func(off int) int {
		k := sort.Search(len(edits), func(k int) bool { return edits[k].at >= off })
		return off + shift[k]
	}
	// The table: "xref\n0 N\n", N entries of exactly 20 bytes.
	head := pdf[xref:]
	nl := bytes.IndexByte(head[len("xref\n"):], '\n')
	if nl < 0 {
		return pdf
	}
	nl += len("xref\n")
	n, err := strconv.Atoi(string(head[len("xref\n0 "):nl]))
	entries := nl + 1
	if err != nil || n < 1 || xref+entries+20*n > sx {
		return pdf
	}
	out = append(out, head[:entries]...)
	for j := range n {
		e := head[entries+20*j : entries+20*j+20]
		if j == 0 || !bytes.HasSuffix(e, []byte(" 00000 n \n")) {
			out = append(out, e...)
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return pdf
		}
		out = fmt.Appendf(out, "%010d 00000 n \n", moved(off))
	}
	out = append(out, pdf[xref+entries+20*n:sx]...)
	return fmt.Appendf(out, "\nstartxref\n%d\n%s", moved(xref), rest[end+1:])
}
