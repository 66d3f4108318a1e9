package fontset

// A TrueType subsetter: a font reduced to the glyphs of the characters one
// document sets, built before go-pdf/fpdf sees the font.
//
// Why: fpdf parses every font it is given in full twice (when it is added
// and again when it cuts its own subset at Output), and the Fandol fonts
// are 5–9 MB each; that was half of a build's CPU. Given a font of a few
// hundred glyphs instead, fpdf's parsing and cutting is cheap, and fpdf's
// own cut of it is the same set of glyphs. And fpdf writes into the bytes
// it is given (utf8fontfile.go getMetrics appends to a slice of the font),
// so the shared embedded bytes must never reach it: a subset is always a
// fresh slice.
//
// The subset keeps the tables fpdf reads or copies into the PDF (cmap,
// glyf, head, hhea, hmtx, loca, maxp, name, OS/2, post, and the hinting
// tables cvt, fpgm, prep, gasp when present). Tables indexed by glyph that
// fpdf drops anyway (vmtx, GPOS, kern, hdmx…) are dropped. The output
// depends only on the font and the set of characters: glyphs keep their
// original order, tables are sorted by tag.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/bits"
	"slices"
	"sync"
)

// Flags of a composite glyph's component record.
const (
	compArgWords      = 0x0001
	compScale         = 0x0008
	compMore          = 0x0020
	compXYScale       = 0x0040
	compTwoByTwo      = 0x0080
	maxCompositeDepth = 16
)

// subsetter is a read-only view of a TrueType font prepared for cutting
// subsets: table locations and the header fields the cut needs. It never
// writes to data and keeps no state between cuts, so one subsetter serves
// concurrent documents.
type subsetter struct {
	data      []byte
	dir       map[string]table
	cmap      int // offset of the format 4 subtable fpdf reads
	numGlyphs int
	numH      int // hhea.numberOfHMetrics
	longLoca  bool
	released  sync.Once // the pages of an embedded font were let go
}

// Tables copied unchanged into a subset (when the font has them).
var copiedTables = []string{"OS/2", "name", "cvt ", "fpgm", "prep", "gasp"}

func newSubsetter(data []byte) (*subsetter, error) {
	dir, _, err := readDir(data, 0)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post"} {
		if _, ok := dir[tag]; !ok {
			return nil, fmt.Errorf("no %s table", tag)
		}
	}
	s := &subsetter{data: data, dir: dir}
	if dir["head"].len < 54 || dir["hhea"].len < 36 || dir["maxp"].len < 6 || dir["post"].len < 16 {
		return nil, errTruncated
	}
	locFormat, _ := u16(data, dir["head"].off+50)
	s.longLoca = locFormat == 1
	s.numGlyphs, _ = u16(data, dir["maxp"].off+4)
	s.numH, _ = u16(data, dir["hhea"].off+34)
	if s.numH == 0 || s.numH > s.numGlyphs || 4*s.numH+2*(s.numGlyphs-s.numH) > dir["hmtx"].len {
		return nil, errors.New("hmtx does not match hhea and maxp")
	}
	locaEntry := 2
	if s.longLoca {
		locaEntry = 4
	}
	if (s.numGlyphs+1)*locaEntry > dir["loca"].len {
		return nil, errors.New("loca shorter than maxp.numGlyphs")
	}
	if s.cmap = fpdfCmap(data, dir["cmap"]); s.cmap < 0 {
		return nil, errors.New("no Unicode cmap of format 4")
	}
	if segX2, ok := u16(data, s.cmap+6); !ok || segX2 == 0 || segX2%2 != 0 || s.cmap+16+4*segX2 > len(data) {
		return nil, errTruncated
	}
	return s, nil
}

// glyphID is the glyph the format 4 subtable maps c to (0 if none): the
// first segment whose end is at or above c, as format4 reads it.
func (s *subsetter) glyphID(c rune) int {
	if c < 0 || c > 0xFFFF {
		return 0
	}
	d, sub := s.data, s.cmap
	segX2, _ := u16(d, sub+6)
	seg := segX2 / 2
	ends := sub + 14
	i, j := 0, seg
	for i < j { // first segment with end >= c
		h := int(uint(i+j) >> 1)
		if e, _ := u16(d, ends+2*h); e < int(c) {
			i = h + 1
		} else {
			j = h
		}
	}
	if i == seg {
		return 0
	}
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	start, _ := u16(d, starts+2*i)
	if int(c) < start {
		return 0
	}
	delta, _ := u16(d, deltas+2*i)
	ro, _ := u16(d, ranges+2*i)
	gid := 0
	if ro == 0 {
		gid = (int(c) + delta) & 0xFFFF
	} else if g, ok := u16(d, ranges+2*i+ro+2*(int(c)-start)); ok && g != 0 {
		gid = (g + delta) & 0xFFFF
	}
	if gid >= s.numGlyphs {
		return 0
	}
	return gid
}

// glyph is the outline data of glyph g (empty for a glyph without one).
func (s *subsetter) glyph(g int) ([]byte, error) {
	loca, glyf := s.dir["loca"], s.dir["glyf"]
	var a, b int
	if s.longLoca {
		x, _ := u32(s.data, loca.off+4*g)
		y, _ := u32(s.data, loca.off+4*g+4)
		a, b = int(x), int(y)
	} else {
		x, _ := u16(s.data, loca.off+2*g)
		y, _ := u16(s.data, loca.off+2*g+2)
		a, b = 2*x, 2*y
	}
	if a > b || b > glyf.len {
		return nil, fmt.Errorf("glyph %d lies outside glyf", g)
	}
	return s.data[glyf.off+a : glyf.off+b], nil
}

// components calls fn with the offset (in g) and glyph id of every
// component of a composite glyph g; a simple glyph has none.
func components(g []byte, fn func(at, gid int)) error {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	for p := 10; ; {
		if p+4 > len(g) {
			return errTruncated
		}
		flags := int(binary.BigEndian.Uint16(g[p:]))
		fn(p+2, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 4
		if flags&compArgWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&compScale != 0:
			p += 2
		case flags&compXYScale != 0:
			p += 4
		case flags&compTwoByTwo != 0:
			p += 8
		}
		if flags&compMore == 0 {
			return nil
		}
	}
}

// cut builds the subset for chars: .notdef, the glyph of every character
// the font maps, and the components of composite glyphs. Characters the
// font lacks (and any above U+FFFF) are left out.
func (s *subsetter) cut(chars []rune) ([]byte, error) {
	type pair struct{ c, old int }
	var pairs []pair
	keep := map[int]bool{0: true}
	cs := slices.Clone(chars)
	slices.Sort(cs)
	cs = slices.Compact(cs)
	for _, c := range cs {
		if c <= 0 || c >= 0xFFFF {
			continue
		}
		if g := s.glyphID(c); g != 0 {
			pairs = append(pairs, pair{int(c), g})
			keep[g] = true
		}
	}
	// Close over composite components, breadth-first with a depth limit (a
	// damaged font may refer to itself).
	todo := make([]int, 0, len(keep))
	for g := range keep {
		todo = append(todo, g)
	}
	for depth := 0; len(todo) > 0; depth++ {
		if depth > maxCompositeDepth {
			return nil, errors.New("composite glyphs nested too deep")
		}
		var next []int
		for _, g := range todo {
			data, err := s.glyph(g)
			if err != nil {
				return nil, err
			}
			var bad error
			err = components(data, func(_, c int) {
				switch {
				case c >= s.numGlyphs:
					bad = fmt.Errorf("glyph %d has a component %d beyond the font", g, c)
				case !keep[c]:
					keep[c] = true
					next = append(next, c)
				}
			})
			if err != nil {
				return nil, err
			}
			if bad != nil {
				return nil, bad
			}
		}
		todo = next
	}
	order := make([]int, 0, len(keep))
	for g := range keep {
		order = append(order, g)
	}
	slices.Sort(order)
	newID := make(map[int]int, len(order))
	for i, g := range order {
		newID[g] = i
	}

	// glyf and loca: every glyph 4-byte aligned (so short offsets stay
	// even), component ids renumbered in a copy.
	var glyf []byte
	offsets := make([]int, 0, len(order)+1)
	for _, g := range order {
		offsets = append(offsets, len(glyf))
		data, _ := s.glyph(g) // checked above
		at := len(glyf)
		glyf = append(glyf, data...)
		_ = components(data, func(p, c int) {
			binary.BigEndian.PutUint16(glyf[at+p:], uint16(newID[c]))
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets = append(offsets, len(glyf))
	long := len(glyf) > 2*0xFFFF
	var loca []byte
	for _, o := range offsets {
		if long {
			loca = binary.BigEndian.AppendUint32(loca, uint32(o))
		} else {
			loca = binary.BigEndian.AppendUint16(loca, uint16(o/2))
		}
	}

	// hmtx: a full metric for every glyph (no shared trailing advance).
	hm := s.dir["hmtx"]
	hmtx := make([]byte, 0, 4*len(order))
	for _, g := range order {
		var adv, lsb int
		if g < s.numH {
			adv, _ = u16(s.data, hm.off+4*g)
			lsb, _ = u16(s.data, hm.off+4*g+2)
		} else {
			adv, _ = u16(s.data, hm.off+4*(s.numH-1))
			lsb, _ = u16(s.data, hm.off+4*s.numH+2*(g-s.numH))
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(adv))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(lsb))
	}

	// cmap: one Windows Unicode BMP subtable of format 4.
	maps := make([][2]int, len(pairs))
	for i, p := range pairs {
		maps[i] = [2]int{p.c, newID[p.old]}
	}
	cmap, err := format4Table(maps)
	if err != nil {
		return nil, err
	}

	head := s.table("head")
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set at the end
	locFormat := uint16(0)
	if long {
		locFormat = 1
	}
	binary.BigEndian.PutUint16(head[50:], locFormat)
	hhea := s.table("hhea")
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := s.table("maxp")
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	// post format 3: no glyph names (they are indexed by glyph).
	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post, 0x00030000)
	copy(post[4:16], s.data[s.dir["post"].off+4:])

	tables := map[string][]byte{
		"cmap": cmap, "glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx,
		"loca": loca, "maxp": maxp, "post": post,
	}
	for _, tag := range copiedTables {
		if _, ok := s.dir[tag]; ok {
			tables[tag] = s.data[s.dir[tag].off : s.dir[tag].off+s.dir[tag].len]
		}
	}
	return assemble(tables), nil
}

// table is a private copy of a table of the font.
func (s *subsetter) table(tag string) []byte {
	t := s.dir[tag]
	return slices.Clone(s.data[t.off : t.off+t.len])
}

// format4Table is a cmap with one (3,1) format 4 subtable mapping each
// character of maps (sorted, distinct, BMP) to its glyph: one segment per
// run of consecutive characters whose glyphs are consecutive too, plus the
// closing 0xFFFF segment.
func format4Table(maps [][2]int) ([]byte, error) {
	type segment struct{ start, end, delta int }
	var segs []segment
	for _, m := range maps {
		if n := len(segs); n > 0 && segs[n-1].end+1 == m[0] && (m[0]+segs[n-1].delta)&0xFFFF == m[1] {
			segs[n-1].end = m[0]
			continue
		}
		segs = append(segs, segment{m[0], m[0], (m[1] - m[0]) & 0xFFFF})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	length := 16 + 8*n
	if length > 0xFFFF {
		return nil, fmt.Errorf("%d cmap segments do not fit a format 4 subtable", n)
	}
	out := make([]byte, 0, 12+length)
	out = binary.BigEndian.AppendUint16(out, 0) // version
	out = binary.BigEndian.AppendUint16(out, 1) // one subtable
	out = binary.BigEndian.AppendUint16(out, 3) // Windows
	out = binary.BigEndian.AppendUint16(out, 1) // Unicode BMP
	out = binary.BigEndian.AppendUint32(out, 12)
	sel := bits.Len(uint(n)) - 1
	searchRange := 2 << sel
	for _, v := range []int{4, length, 0, 2 * n, searchRange, sel, 2*n - searchRange} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	for _, s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(s.end))
	}
	out = binary.BigEndian.AppendUint16(out, 0) // reservedPad
	for _, s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(s.start))
	}
	for _, s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(s.delta))
	}
	for range segs {
		out = binary.BigEndian.AppendUint16(out, 0) // idRangeOffset
	}
	return out, nil
}

// assemble writes an sfnt file: tables sorted by tag, 4-byte aligned, with
// their checksums and head.checkSumAdjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 0
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	slices.Sort(tags)
	n := len(tags)
	out := make([]byte, 12+16*n, 12+16*n+size)
	binary.BigEndian.PutUint32(out, magicTrueType)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sel := bits.Len(uint(n)) - 1
	searchRange := 16 << sel
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := -1
	for i, tag := range tags {
		t := tables[tag]
		pos := len(out)
		if tag == "head" {
			headAt = pos
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		r := out[12+16*i:]
		copy(r[0:4], tag)
		binary.BigEndian.PutUint32(r[4:], checksum(out[pos:]))
		binary.BigEndian.PutUint32(r[8:], uint32(pos))
		binary.BigEndian.PutUint32(r[12:], uint32(len(t)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// castagnoli is made at the first subset: making it builds the package's
// Castagnoli tables, work a run that writes no PDF need not do.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// subsetTag is the six capital letters that mark a subset font's name in
// a PDF ("ABCDEF+FandolFang", ISO 32000-1 9.6.4), derived from the
// subset's bytes: the same subset always gets the same tag, different
// subsets almost surely different ones. Two CRCs (hardware-assisted, far
// cheaper than a cryptographic hash on a few hundred KB) give 64 bits.
func subsetTag(font []byte) string {
	h := uint64(crc32.Checksum(font, castagnoli()))<<32 | uint64(crc32.ChecksumIEEE(font))
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(h%26)
		h /= 26
	}
	return string(tag[:])
}
