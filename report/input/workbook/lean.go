package workbook

import (
	"archive/zip"
	"bytes"
	"hash/maphash"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
)

// The lean reader reads a statistics workbook without excelize, about ten
// times faster, for nianbao rollup's thousand units. It reads only what
// the reader needs (the four data sheets' cells and merges, the shared
// strings, the document properties) and gives up (ok false) on anything
// it does not fully handle: Read then reads the file with excelize, so
// that the result is the same by construction whenever it gives up.
//
// The parts it does not read (styles, theme, workbook.xml, the other
// sheets, the data sheets outside their cells) must be byte for byte
// parts of a workbook excelize has read without error in this process
// (known): excelize decodes them, and could refuse what the lean reader
// never looks at. The first workbook of a roll-up is so read by excelize,
// and the rest, made by the same writer, by the lean reader.

type partKey struct {
	sum uint64
	n   int
}

var (
	seed  = maphash.MakeSeed()
	known sync.Map // partKey → xlsxsafe.Counts
	// nKnown bounds the cache: a roll-up's workbooks share a few dozen.
	nKnown atomic.Int64
)

const maxKnown = 4096

// keyOf identifies a part by name and content: the same bytes may be fine
// as one part and refused as another (a worksheet must be well-formed).
func keyOf(name string, b ...[]byte) partKey {
	var h maphash.Hash
	h.SetSeed(seed)
	_, _ = h.WriteString(name)
	_ = h.WriteByte(0)
	n := 0
	for _, p := range b {
		_, _ = h.Write(p) // as the parts joined
		n += len(p)
	}
	return partKey{h.Sum64(), n}
}

// rawKey identifies a part by its compressed bytes, method, CRC and size:
// the same key unpacks to the same bytes, so a known part need not be
// unpacked again (its CRC was checked when it was learnt).
func rawKey(data []byte, zf *zip.File) (partKey, bool) {
	off, err := zf.DataOffset()
	if err != nil || off < 0 || zf.CompressedSize64 > uint64(len(data)) || uint64(off) > uint64(len(data))-zf.CompressedSize64 {
		return partKey{}, false
	}
	raw := data[off : uint64(off)+zf.CompressedSize64]
	var h maphash.Hash
	h.SetSeed(seed)
	_, _ = h.Write(raw)
	_, _ = h.WriteString(zf.Name)
	var meta [16]byte
	for i := range 4 {
		meta[i] = byte(zf.CRC32 >> (8 * i))
	}
	for i := range 8 {
		meta[4+i] = byte(zf.UncompressedSize64 >> (8 * i))
	}
	meta[12], meta[13] = byte(zf.Method), byte(zf.Method>>8)
	_, _ = h.Write(meta[:])
	return partKey{h.Sum64(), -1 - int(zf.CompressedSize64)}, true
}

// leanBook is what the lean reader took from a workbook.
type leanBook struct {
	sheets   []string
	rows     map[string][][]string
	merges   map[string][]excelize.MergeCell
	rects    map[string][][4]int // the merges as (col, row, col, row)
	props    []excelize.CustomProperty
	formulas map[string]string // sheet!cell → its formula, or sharedFormula
	texts    map[string]bool   // sheet!cell typed as text
	bail     bool              // the reader met what only excelize handles
}

func (r *reader) sheetList() []string {
	if r.lean != nil {
		return r.lean.sheets
	}
	return r.f.GetSheetList()
}

func (r *reader) rows(s string) ([][]string, error) {
	if r.lean != nil {
		return r.lean.rows[s], nil
	}
	return r.f.GetRows(s, excelize.Options{RawCellValue: true})
}

func (r *reader) mergeCells(s string) ([]excelize.MergeCell, error) {
	if r.lean != nil {
		return r.lean.merges[s], nil
	}
	return r.f.GetMergeCells(s, true)
}

func (r *reader) customProps() ([]excelize.CustomProperty, error) {
	if r.lean != nil {
		return r.lean.props, nil
	}
	return r.f.GetCustomProps()
}

// formula is the formula of a cell. The lean reader computes none (value
// gives up on one to compute), and gives up where excelize would not read
// the cell itself: a shared formula (expanded from its master) and a cell
// inside a merge (read as the merge's top left cell).
func (r *reader) formula(sheet, cell string) string {
	if r.lean != nil {
		f := r.lean.formulas[sheet+"!"+cell]
		if f == sharedFormula || r.lean.merged(sheet, cell) {
			r.lean.bail = true
			return ""
		}
		return f
	}
	f, _ := r.f.GetCellFormula(sheet, cell)
	return f
}

// sharedFormula marks a cell whose formula is shared, in leanBook.formulas.
const sharedFormula = "\x00shared"

// merged tells whether cell lies inside a merge of sheet without being its
// top left cell.
func (b *leanBook) merged(sheet, cell string) bool {
	rects := b.rects[sheet]
	if len(rects) == 0 {
		return false
	}
	c, rw, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return true
	}
	for _, m := range rects {
		if c >= m[0] && c <= m[2] && rw >= m[1] && rw <= m[3] && (c != m[0] || rw != m[1]) {
			return true
		}
	}
	return false
}

// book is the workbook the register is read from.
func (r *reader) book() register.Book {
	if r.lean != nil {
		return r.lean
	}
	return r.f
}

// GetSheetList and GetRows make the lean book a register.Book.
func (b *leanBook) GetSheetList() []string { return b.sheets }

func (b *leanBook) GetRows(sheet string, _ ...excelize.Options) ([][]string, error) {
	rows, ok := b.rows[sheet]
	if !ok {
		b.bail = true // a sheet the lean reader did not read
	}
	return rows, nil
}

func (r *reader) textCell(sheet, cell string) bool {
	if r.lean != nil {
		if r.lean.merged(sheet, cell) {
			r.lean.bail = true
		}
		return r.lean.texts[sheet+"!"+cell]
	}
	t, err := r.f.GetCellType(sheet, cell)
	return err == nil && (t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString)
}

// readLean reads data as Read does, or returns ok false.
func readLean(name string, data []byte, lim xlsxsafe.Limits) (res *Result, ok bool) {
	defer func() {
		if recover() != nil {
			res, ok = nil, false
		}
	}()
	b := leanOpen(data, lim)
	if b == nil {
		return nil, false
	}
	r := &reader{lean: b, name: name, res: &Result{cells: map[string]diag.Pos{}}, calcBudget: maxCalcCells}
	r.read()
	if b.bail || len(r.errs) > 0 {
		// Errors are rare and their messages excelize's reader words.
		return nil, false
	}
	r.res.BlankNotes = r.listWarnings(r.blanks, "个空白单元格", "官方格式要求没有的填写 0")
	r.res.Warnings = append(r.res.Warnings, r.listWarnings(r.placeholders, "个单元格填的是“/”“—”“无”等符号，按 0 计算", "官方格式要求填写 0，请改为 0")...)
	return r.res, true
}

// registerSheets are the register's sheets, which the lean reader reads
// cell by cell as it reads the data sheets when a workbook has them.
var registerSheets = []string{register.SheetApplications, register.SheetCases}

// leanReads tells the parts the lean reader reads whatever they are known
// as: workbook.xml and its relationships (for the sheets' parts), and every
// worksheet (a data sheet is known by its skeleton only).
func leanReads(name string) bool {
	return name == partWorkbook || name == partRels || strings.HasPrefix(name, "xl/worksheets/") || !strings.HasPrefix(name, "xl/")
}

// unzipAll unpacks every part within lim, or returns nil.
// Parts known by their compressed bytes (skipKnown) are not unpacked: raws
// holds their counts instead.
func unzipAll(data []byte, lim xlsxsafe.Limits, skipKnown bool, raws map[string]xlsxsafe.Counts) (*zip.Reader, map[string][]byte) {
	if int64(len(data)) > lim.MaxFile || !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > lim.MaxParts {
		return nil, nil
	}
	var total uint64
	parts := make(map[string][]byte, len(zr.File))
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxUnzipped) || zf.UncompressedSize64 > uint64(lim.MaxPart) {
			return nil, nil
		}
		if _, dup := parts[zf.Name]; dup {
			return nil, nil
		}
		if skipKnown && !leanReads(zf.Name) {
			if k, ok := rawKey(data, zf); ok {
				if c, ok := known.Load(k); ok {
					raws[zf.Name] = c.(xlsxsafe.Counts)
					continue
				}
			}
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, nil
		}
		buf := make([]byte, zf.UncompressedSize64)
		_, err = io.ReadFull(rc, buf)
		if err == nil {
			// archive/zip checks the CRC at the end only.
			var one [1]byte
			if n, e := rc.Read(one[:]); n != 0 || e != io.EOF {
				err = io.ErrUnexpectedEOF
			}
		}
		_ = rc.Close()
		if err != nil {
			return nil, nil
		}
		parts[zf.Name] = buf
	}
	return zr, parts
}

const (
	partWorkbook = "xl/workbook.xml"
	partRels     = "xl/_rels/workbook.xml.rels"
	partStrings  = "xl/sharedStrings.xml"
	partCustom   = "docProps/custom.xml"
	nsMain       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
)

// dataParts maps the data sheets to their parts through workbook.xml and
// its relationships, and lists every sheet; nil when anything is unusual.
func dataParts(parts map[string][]byte) (sheets []string, paths map[string]string) {
	ids := map[string]string{}
	seen := map[string]bool{}
	x := &xtok{b: parts[partWorkbook]}
	for k := x.next(); k != tokEOF; k = x.next() {
		if k == tokStart && string(x.name) == "sheet" {
			name, _ := x.attr("name")
			id, ok := x.attr("id")
			n := decode(name)
			if !ok || n == "" || seen[strings.ToLower(n)] {
				return nil, nil
			}
			seen[strings.ToLower(n)] = true
			sheets = append(sheets, n)
			ids[string(id)] = n
		}
	}
	if x.bad || len(sheets) == 0 {
		return nil, nil
	}
	paths = map[string]string{}
	x = &xtok{b: parts[partRels]}
	for k := x.next(); k != tokEOF; k = x.next() {
		if k != tokStart || string(x.name) != "Relationship" {
			continue
		}
		id, _ := x.attr("Id")
		target, _ := x.attr("Target")
		typ, _ := x.attr("Type")
		t := decode(target)
		if strings.HasSuffix(string(typ), "/sharedStrings") && t != "sharedStrings.xml" && t != "/"+partStrings {
			return nil, nil
		}
		name, ok := ids[string(id)]
		if !ok {
			continue
		}
		if strings.HasPrefix(t, "/xl/") {
			t = t[1:]
		} else {
			t = "xl/" + t
		}
		if !strings.HasPrefix(t, "xl/worksheets/") || strings.Contains(t, "..") || paths[name] != "" {
			return nil, nil
		}
		paths[name] = t
	}
	if x.bad {
		return nil, nil
	}
	return sheets, paths
}

// leanOpen reads data, or returns nil when the lean reader cannot.
func leanOpen(data []byte, lim xlsxsafe.Limits) *leanBook {
	lim = lim.WithDefaults()
	raws := map[string]xlsxsafe.Counts{}
	zr, parts := unzipAll(data, lim, true, raws)
	if parts == nil {
		return nil
	}
	sheets, paths := dataParts(parts)
	if sheets == nil {
		return nil
	}
	b := &leanBook{sheets: sheets, rows: map[string][][]string{}, merges: map[string][]excelize.MergeCell{},
		rects: map[string][][4]int{}, formulas: map[string]string{}, texts: map[string]bool{}}
	dataPart := map[string]string{}
	for _, s := range DataSheets {
		p, ok := paths[s]
		if !ok || parts[p] == nil {
			return nil // excelize words the message
		}
		dataPart[p] = s
	}
	for _, s := range registerSheets {
		if p, ok := paths[s]; ok {
			if parts[p] == nil {
				return nil
			}
			dataPart[p] = s
		}
	}
	var sst []string
	var total xlsxsafe.Counts
	for _, zf := range zr.File {
		part := parts[zf.Name]
		if c, ok := raws[zf.Name]; ok {
			total.Add(c)
			continue
		}
		switch {
		case zf.Name == partStrings:
			var c xlsxsafe.Counts
			if sst, c = readStrings(part); sst == nil {
				return nil
			}
			total.Add(c)
		case zf.Name == partCustom:
			var c xlsxsafe.Counts
			var ok bool
			if b.props, c, ok = readProps(part); !ok {
				return nil
			}
			total.Add(c)
		case zf.Name == "docProps/core.xml" || zf.Name == "docProps/app.xml":
			// excelize does not decode them here; only the guards count them.
			total.Add(xlsxsafe.Measure(part, false, lim))
		case dataPart[zf.Name] != "":
			i := bytes.Index(part, []byte("<sheetData>"))
			j := bytes.LastIndex(part, []byte("</sheetData>"))
			if i < 0 || j < i {
				return nil
			}
			c, ok := lookupKnown(zf.Name, part[:i], part[j:])
			if !ok {
				return nil
			}
			total.Add(c)
		default:
			c, ok := lookupKnown(zf.Name, part)
			if !ok {
				return nil
			}
			total.Add(c)
		}
	}
	for p, s := range dataPart {
		c, ok := b.readSheet(s, parts[p], sst)
		if !ok {
			return nil
		}
		total.Add(c)
	}
	if !total.Within(lim) {
		return nil
	}
	return b
}

// learn records the parts of a workbook excelize has read without error,
// for leanOpen.
func learn(data []byte, lim xlsxsafe.Limits) {
	if nKnown.Load() >= maxKnown {
		return
	}
	lim = lim.WithDefaults()
	zr, parts := unzipAll(data, lim, false, nil)
	if parts == nil {
		return
	}
	rawKeys := map[string]partKey{}
	for _, zf := range zr.File {
		if k, ok := rawKey(data, zf); ok {
			rawKeys[zf.Name] = k
		}
	}
	isKnown := func(name string, part []byte) bool {
		_, ok := known.Load(keyOf(name, part))
		return ok
	}
	knownParts(parts, lim, isKnown, func(name string, c xlsxsafe.Counts, skeleton bool, b ...[]byte) {
		remember(keyOf(name, b...), c)
		if k, ok := rawKeys[name]; ok && !skeleton && !leanReads(name) {
			remember(k, c)
		}
	})
}

func remember(k partKey, c xlsxsafe.Counts) {
	if _, dup := known.LoadOrStore(k, c); !dup {
		nKnown.Add(1)
	}
}

// knownParts calls visit with each part of an unpacked workbook that
// leanOpen may take as known, and its counts: every part but those the
// lean reader reads itself; the data and register sheets by their
// skeleton (the part without its <sheetData>, whose cells are counted when
// read). skip spares measuring a whole part already known.
func knownParts(parts map[string][]byte, lim xlsxsafe.Limits, skip func(name string, part []byte) bool, visit func(name string, c xlsxsafe.Counts, skeleton bool, b ...[]byte)) {
	_, paths := dataParts(parts)
	isData := map[string]bool{}
	for _, s := range append(DataSheets[:len(DataSheets):len(DataSheets)], registerSheets...) {
		if p, ok := paths[s]; ok {
			isData[p] = true
		}
	}
	for name, part := range parts {
		switch name {
		case partStrings, partCustom, "docProps/core.xml", "docProps/app.xml":
			continue
		}
		if !isData[name] && skip(name, part) {
			continue
		}
		sheet := strings.HasPrefix(name, "xl/worksheets/")
		c := xlsxsafe.Measure(part, sheet, lim)
		if c.Bad {
			continue
		}
		if !isData[name] {
			visit(name, c, false, part)
			continue
		}
		i := bytes.Index(part, []byte("<sheetData>"))
		j := bytes.LastIndex(part, []byte("</sheetData>"))
		if i < 0 || j < i {
			continue
		}
		x := &xtok{b: part[i:j]}
		cells := scanCounts(x)
		if x.bad {
			continue
		}
		c.Elements -= cells.Elements
		c.Strings -= cells.Strings
		c.Extent -= cells.Extent
		visit(name, c, true, part[:i], part[j:])
	}
}

// scanCounts counts a <sheetData> region as xlsxsafe does, without its
// closing tag (the skeleton keeps that).
func scanCounts(x *xtok) xlsxsafe.Counts {
	x.b = append(append([]byte{}, x.b...), "</sheetData>"...)
	var b leanBook
	c, _ := b.cells(x, "", nil, true)
	c.Elements-- // <sheetData> stays in the skeleton
	return c
}

// readSheet reads one data sheet's cells and merges.
func (b *leanBook) readSheet(sheet string, part []byte, sst []string) (xlsxsafe.Counts, bool) {
	i := bytes.Index(part, []byte("<sheetData>"))
	j := bytes.LastIndex(part, []byte("</sheetData>"))
	x := &xtok{b: part[i : j+len("</sheetData>")]}
	c, ok := b.cells(x, sheet, sst, false)
	c.Elements-- // counted in the skeleton
	if !ok {
		return c, false
	}
	// Merges: from the rest of the part, which is known to parse.
	head := &xtok{b: part[:i]}
	if head.first() != tokStart {
		return c, false
	}
	rest := &xtok{b: part[j+len("</sheetData>"):]}
	rest.root, rest.stack = true, [][]byte{head.name}
	for k := rest.next(); k != tokEOF; k = rest.next() {
		if k == tokEnd && len(rest.stack) == 0 {
			break
		}
		if k == tokStart && string(rest.local) == "mergeCell" {
			v, _ := rest.attr("ref")
			ref := string(v)
			a, z, found := strings.Cut(ref, ":")
			c1, r1, e1 := excelize.CellNameToCoordinates(a)
			c2, r2, e2 := excelize.CellNameToCoordinates(z)
			if !found || e1 != nil || e2 != nil || c1 > c2 || r1 > r2 || strings.ToUpper(ref) != ref {
				return c, false
			}
			for _, m := range b.rects[sheet] {
				// excelize joins overlapping merges: leave that to it.
				if c1 <= m[2] && m[0] <= c2 && r1 <= m[3] && m[1] <= r2 {
					return c, false
				}
			}
			b.merges[sheet] = append(b.merges[sheet], excelize.MergeCell{ref, ""})
			b.rects[sheet] = append(b.rects[sheet], [4]int{c1, r1, c2, r2})
		}
	}
	return c, !rest.bad
}

// cells reads a <sheetData> element; count only counts as xlsxsafe does.
func (b *leanBook) cells(x *xtok, sheet string, sst []string, count bool) (xlsxsafe.Counts, bool) {
	var c xlsxsafe.Counts
	fail := func() (xlsxsafe.Counts, bool) { return c, false }
	if x.next() != tokStart || string(x.name) != "sheetData" || x.empty {
		return fail()
	}
	var rows [][]string
	lastRow := 0
	for {
		k := x.next()
		if k == tokText {
			continue
		}
		if k == tokEnd {
			break // </sheetData>
		}
		if k != tokStart || string(x.name) != "row" {
			return fail()
		}
		rv, _ := x.attr("r")
		row, err := strconv.Atoi(string(rv))
		if err != nil || row <= lastRow || row > excelize.TotalRows {
			return fail()
		}
		lastRow = row
		for _, a := range x.attrs {
			if !rowAttr(string(a.name), a.val) {
				return fail()
			}
		}
		lastCol := 0
		var cells []string
		if !x.empty {
			for {
				k := x.next()
				if k == tokText {
					continue
				}
				if k == tokEnd {
					break
				}
				if k != tokStart || string(x.name) != "c" {
					return fail()
				}
				cv, _ := x.attr("r")
				col, crow, okRef := cellRef(cv)
				if !okRef || crow != row || col <= lastCol {
					return fail()
				}
				c.Extent += col - lastCol
				lastCol = col
				t, _ := x.attr("t")
				for _, a := range x.attrs {
					switch string(a.name) {
					case "r", "t":
					case "s":
						if n, err := strconv.Atoi(string(a.val)); err != nil || n < 0 || string(a.val) != strconv.Itoa(n) {
							return fail()
						}
					default:
						return fail()
					}
				}
				val, form, ok := cellValue(x, string(t), sst, count)
				if !ok {
					return fail()
				}
				if count {
					continue
				}
				ref := string(cv)
				if form != "" {
					b.formulas[sheet+"!"+ref] = form
				}
				if string(t) == "s" || string(t) == "inlineStr" {
					b.texts[sheet+"!"+ref] = true
				}
				for len(cells) < col-1 {
					cells = append(cells, "")
				}
				cells = append(cells, val)
			}
		}
		if !count {
			for len(rows) < row-1 {
				rows = append(rows, nil)
			}
			rows = append(rows, cells)
		}
	}
	if x.i != len(x.b) {
		return fail() // more after </sheetData> than the skeleton holds
	}
	c.Elements, c.Strings = x.elements, x.strings
	if !count {
		b.rows[sheet] = rows
	}
	return c, !x.bad
}

// rowAttr accepts the attributes of a row writers put, with values
// encoding/xml decodes.
func rowAttr(name string, v []byte) bool {
	switch name {
	case "r", "spans", "x14ac:dyDescent":
		return true
	case "ht":
		_, err := strconv.ParseFloat(string(v), 64)
		return err == nil && !bytes.ContainsAny(v, "xXpP_")
	case "customHeight", "hidden", "customFormat", "collapsed", "thickTop", "thickBot":
		switch string(v) {
		case "true", "false", "1", "0":
			return true
		}
	case "s", "outlineLevel":
		n, err := strconv.Atoi(string(v))
		return err == nil && n >= 0 && string(v) == strconv.Itoa(n)
	}
	return false
}

// cellValue reads a <c> element's content as excelize's GetRows gives it
// with RawCellValue, and its formula as GetCellFormula gives it (or
// sharedFormula). count only counts: it looks no string up.
func cellValue(x *xtok, t string, sst []string, count bool) (val, form string, ok bool) {
	switch t {
	case "", "n", "s", "str", "inlineStr":
	default:
		return "", "", false
	}
	if x.empty {
		x.next()
		return "", "", true
	}
	var v string
	var hasV bool
	var inline string
	var hasIS bool
	for {
		k := x.next()
		switch k {
		case tokText:
			continue
		case tokEnd:
			switch t {
			case "s":
				if !hasV || v == "" || count {
					return v, form, true
				}
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 || n >= len(sst) || strconv.Itoa(n) != v {
					return "", "", false
				}
				return sst[n], form, true
			case "inlineStr":
				if hasIS {
					return inline, form, true
				}
			}
			return v, form, true
		case tokStart:
			switch string(x.name) {
			case "v":
				if hasV {
					return "", "", false
				}
				s, ok := leaf(x)
				if !ok {
					return "", "", false
				}
				v, hasV = s, true
			case "f":
				if ft, _ := x.attr("t"); string(ft) == "shared" {
					form = sharedFormula
					x.skip()
					break
				}
				s, ok := leaf(x)
				if !ok {
					return "", "", false
				}
				form = s
			case "is":
				if t != "inlineStr" || hasIS {
					return "", "", false
				}
				s, ok := richText(x)
				if !ok {
					return "", "", false
				}
				inline, hasIS = s, true
			default:
				return "", "", false
			}
		default:
			return "", "", false
		}
		if x.bad {
			return "", "", false
		}
	}
}

// leaf reads the text of an element with no children.
func leaf(x *xtok) (string, bool) {
	if x.empty {
		x.next()
		return "", true
	}
	var s strings.Builder
	for {
		switch x.next() {
		case tokText:
			s.WriteString(decode(x.text))
		case tokEnd:
			return s.String(), true
		default:
			return "", false
		}
	}
}

// richText reads an <si> or <is>: a <t>, or runs <r> of <rPr> and <t>, as
// excelize joins them; text excelize would unescape (_x000D_) is not
// taken.
func richText(x *xtok) (string, bool) {
	var s strings.Builder
	hasT := false
	if x.empty {
		x.next()
		return "", true
	}
	for {
		switch x.next() {
		case tokText:
		case tokEnd:
			out := s.String()
			return out, !strings.Contains(out, "_x")
		case tokStart:
			switch string(x.name) {
			case "t":
				if hasT {
					return "", false
				}
				hasT = true
				t, ok := leaf(x)
				if !ok {
					return "", false
				}
				// excelize puts the <t> before the runs.
				if s.Len() > 0 {
					return "", false
				}
				s.WriteString(t)
			case "r":
				runT := false
				for k := x.next(); k != tokEnd; k = x.next() {
					switch {
					case k == tokText:
					case k == tokStart && string(x.name) == "rPr":
						x.skip()
					case k == tokStart && string(x.name) == "t" && !runT:
						runT = true
						t, ok := leaf(x)
						if !ok {
							return "", false
						}
						s.WriteString(t)
					default:
						return "", false
					}
				}
			default:
				return "", false
			}
		default:
			return "", false
		}
		if x.bad {
			return "", false
		}
	}
}

// readStrings reads xl/sharedStrings.xml; nil when unusual.
func readStrings(part []byte) ([]string, xlsxsafe.Counts) {
	x := &xtok{b: part}
	out := []string{}
	if x.first() != tokStart || string(x.name) != "sst" || !hasNS(x, nsMain) {
		return nil, xlsxsafe.Counts{}
	}
	if x.empty {
		x.next()
	}
	for k := x.next(); k != tokEOF; k = x.next() {
		switch {
		case k == tokText:
		case k == tokEnd && len(x.stack) == 0:
		case k == tokStart && string(x.name) == "si" && len(x.stack) == 2:
			s, ok := richText(x)
			if !ok {
				return nil, xlsxsafe.Counts{}
			}
			out = append(out, s)
		default:
			return nil, xlsxsafe.Counts{}
		}
	}
	if x.bad {
		return nil, xlsxsafe.Counts{}
	}
	return out, xlsxsafe.Counts{Elements: x.elements, Strings: x.strings}
}

func hasNS(x *xtok, ns string) bool {
	for _, a := range x.attrs {
		if string(a.name) == "xmlns" {
			return string(a.val) == ns
		}
	}
	return false
}

// readProps reads docProps/custom.xml as excelize's GetCustomProps for the
// string properties nianbao writes; ok false on anything else.
func readProps(part []byte) ([]excelize.CustomProperty, xlsxsafe.Counts, bool) {
	x := &xtok{b: part}
	var props []excelize.CustomProperty
	bad := func() ([]excelize.CustomProperty, xlsxsafe.Counts, bool) { return nil, xlsxsafe.Counts{}, false }
	if x.first() != tokStart || string(x.name) != "Properties" || !hasNS(x, "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties") {
		return bad()
	}
	vt, _ := x.attr("vt")
	if string(vt) != "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes" {
		return bad()
	}
	for k := x.next(); k != tokEOF; k = x.next() {
		switch {
		case k == tokText:
		case k == tokEnd && len(x.stack) == 0:
		case k == tokStart && string(x.name) == "property" && len(x.stack) == 2:
			name, _ := x.attr("name")
			var val string
			n := 0
			for k := x.next(); k != tokEnd; k = x.next() {
				switch {
				case k == tokText:
				case k == tokStart && string(x.name) == "vt:lpwstr":
					s, ok := leaf(x)
					if !ok {
						return bad()
					}
					val = s
					n++
				default:
					return bad()
				}
			}
			if n != 1 {
				return bad()
			}
			props = append(props, excelize.CustomProperty{Name: decode(name), Value: val})
		default:
			return bad()
		}
	}
	if x.bad {
		return bad()
	}
	return props, xlsxsafe.Counts{Elements: x.elements, Strings: x.strings}, true
}

// cellRef reads a cell reference such as D12 (capitals, no $), as
// excelize.CellNameToCoordinates would.
func cellRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) && b[i] >= 'A' && b[i] <= 'Z' {
		col = col*26 + int(b[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || col > excelize.MaxColumns || i == len(b) || b[i] == '0' || len(b)-i > 7 {
		return 0, 0, false
	}
	for ; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(b[i]-'0')
	}
	return col, row, row <= excelize.TotalRows
}
