package fontset

// Low-level reading of sfnt files: the table directory, slicing one face out
// of a TrueType collection, and the cmap subtable that go-pdf/fpdf uses.

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"sort"
)

// Magic numbers at the start of a font file.
const (
	magicTrueType = 0x00010000
	magicTrue     = 0x74727565 // 'true' (old Apple TrueType)
	magicOTTO     = 0x4F54544F // 'OTTO': CFF OpenType
	magicTTCF     = 0x74746366 // 'ttcf': collection
	magicWOFF     = 0x774F4646 // 'wOFF'
	magicWOFF2    = 0x774F4632 // 'wOF2'
)

var errTruncated = errors.New("font data truncated")

func u16(b []byte, off int) (int, bool) {
	if off < 0 || off+2 > len(b) {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(b[off:])), true
}

func u32(b []byte, off int) (uint32, bool) {
	if off < 0 || off+4 > len(b) {
		return 0, false
	}
	return binary.BigEndian.Uint32(b[off:]), true
}

// table is one entry of an sfnt table directory. off is from the start of
// the file (also inside a collection).
type table struct {
	tag      string
	off, len int
}

// readDir reads the table directory at dirOff (0 for a single font, the
// face's offset inside a collection) and checks that every table lies inside
// data.
func readDir(data []byte, dirOff int) (map[string]table, []table, error) {
	n, ok := u16(data, dirOff+4)
	if !ok || dirOff+12+16*n > len(data) {
		return nil, nil, errTruncated
	}
	m := make(map[string]table, n)
	list := make([]table, 0, n)
	for i := range n {
		r := dirOff + 12 + 16*i
		off := binary.BigEndian.Uint32(data[r+8:])
		length := binary.BigEndian.Uint32(data[r+12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, nil, errTruncated
		}
		t := table{tag: string(data[r : r+4]), off: int(off), len: int(length)}
		m[t.tag] = t
		list = append(list, t)
	}
	return m, list, nil
}

// ttcFaces returns the offsets of the faces of a collection.
func ttcFaces(data []byte) ([]int, error) {
	n, ok := u32(data, 8)
	if !ok || n == 0 || uint64(12)+4*uint64(n) > uint64(len(data)) {
		return nil, errTruncated
	}
	offs := make([]int, n)
	for i := range offs {
		o := binary.BigEndian.Uint32(data[12+4*i:])
		if uint64(o)+12 > uint64(len(data)) {
			return nil, errTruncated
		}
		offs[i] = int(o)
	}
	return offs, nil
}

// sliceFace copies the face at dirOff of a collection into a standalone
// sfnt file: its table records, the tables 4-byte aligned, each table's
// checksum recomputed and head.checkSumAdjustment set. DSIG is dropped (a
// signature of the collection does not sign the face).
func sliceFace(data []byte, dirOff int) ([]byte, error) {
	_, list, err := readDir(data, dirOff)
	if err != nil {
		return nil, err
	}
	kept := list[:0:0]
	for _, t := range list {
		if t.tag != "DSIG" {
			kept = append(kept, t)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].tag < kept[j].tag })
	n := len(kept)
	size := 12 + 16*n
	for _, t := range kept {
		size += (t.len + 3) &^ 3
	}
	if size > len(data)+12+16*n {
		return nil, errTruncated // tables overlap: not a sane collection
	}
	out := make([]byte, size)
	copy(out[0:4], data[dirOff:dirOff+4]) // sfnt version of the face
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sel := 0
	if n > 0 {
		sel = bits.Len(uint(n)) - 1
	}
	searchRange := 16 << sel
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	pos := 12 + 16*n
	headAt := -1
	for i, t := range kept {
		copy(out[pos:], data[t.off:t.off+t.len])
		padded := out[pos : pos+(t.len+3)&^3]
		if t.tag == "head" && t.len >= 12 {
			binary.BigEndian.PutUint32(padded[8:], 0) // checkSumAdjustment
			headAt = pos
		}
		r := out[12+16*i:]
		copy(r[0:4], t.tag)
		binary.BigEndian.PutUint32(r[4:], checksum(padded))
		binary.BigEndian.PutUint32(r[8:], uint32(pos))
		binary.BigEndian.PutUint32(r[12:], uint32(t.len))
		pos += len(padded)
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

// checksum is the sfnt table checksum: the sum of big-endian uint32s, the
// data padded with zeros to a multiple of 4.
func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		s += binary.BigEndian.Uint32(last[:])
	}
	return s
}

// fpdfCmap finds the cmap subtable go-pdf/fpdf reads: the first encoding
// record of platform 0 (Unicode) or 3/1 (Windows BMP) whose subtable has
// format 4. fpdf reads no other subtable, so only BMP characters can be set.
// It returns the subtable's offset in data, or -1.
func fpdfCmap(data []byte, cmap table) int {
	n, ok := u16(data, cmap.off+2)
	if !ok {
		return -1
	}
	for i := range n {
		r := cmap.off + 4 + 8*i
		pid, ok1 := u16(data, r)
		eid, ok2 := u16(data, r+2)
		off, ok3 := u32(data, r+4)
		if !ok1 || !ok2 || !ok3 || int64(off) >= int64(cmap.len) {
			continue
		}
		if (pid == 3 && eid == 1) || pid == 0 {
			sub := cmap.off + int(off)
			if f, ok := u16(data, sub); ok && f == 4 {
				return sub
			}
		}
	}
	return -1
}

// format4 calls fn for every character a cmap format 4 subtable at sub maps
// to a non-zero glyph, segments in order, each character once.
func format4(data []byte, sub int, fn func(c rune, gid int)) bool {
	segX2, ok := u16(data, sub+6)
	if !ok || segX2%2 != 0 {
		return false
	}
	seg := segX2 / 2
	ends := sub + 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	if ranges+segX2 > len(data) {
		return false
	}
	next := 0 // characters below next are done: overlapping segments are skipped
	for i := range seg {
		end, _ := u16(data, ends+2*i)
		start, _ := u16(data, starts+2*i)
		delta, _ := u16(data, deltas+2*i)
		ro, _ := u16(data, ranges+2*i)
		for c := max(start, next); c <= end; c++ {
			var gid int
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				g, ok := u16(data, ranges+2*i+ro+2*(c-start))
				if ok && g != 0 {
					gid = (g + delta) & 0xFFFF
				}
			}
			if gid != 0 {
				fn(rune(c), gid)
			}
		}
		next = max(next, end+1)
	}
	return true
}
