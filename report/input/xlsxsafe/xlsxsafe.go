// Package xlsxsafe opens the workbooks a clerk gives nianbao (统计表,
// 任务台账) so that whatever their shape they are read or refused within
// about a second and 100 MB.
//
// excelize trusts its input: one cell in column XFD makes it build 16,384
// cells for that row, a million tiny shared strings cost it a minute, a
// sheet cut short reads as a shorter sheet, and its panics and English
// errors would reach the clerk. Open checks the zip first with streaming
// scans whose cost is linear in the unpacked bytes, which MaxUnzipped caps,
// and stops at the first limit passed; only then does excelize see the file.
//
// There is no clock: the bound on time is that every scan is linear and
// every count it makes is capped. The slowest file the guards pass is one
// of 28 MB of bare text in XML parts (about 0.4 s and 84 MB allocated on
// a 2-core machine); the costliest one for excelize afterwards is one of
// 79,000 style elements (0.5–0.7 s, 93 MB). TestMeasure prints these.
package xlsxsafe

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/infile"
)

// Limits bound what a workbook may hold. The zero value of a field takes
// the value of Default.
type Limits struct {
	// What names the workbook in messages: "统计表", "任务台账".
	What string
	// Typical is its usual size, for the message on a file over MaxFile.
	Typical string
	// MaxFile is the size of the file itself.
	MaxFile int64
	// MaxUnzipped is the size of all its parts unpacked; excelize holds
	// them all in memory.
	MaxUnzipped int64
	// MaxPart is the size of one part unpacked: excelize decodes a sheet
	// into structures about ten times its XML.
	MaxPart int64
	// MaxParts is the number of parts; a workbook has 10 to 30.
	MaxParts int
	// MaxExtent is the number of cells excelize would build (every row out
	// to its last cell) plus merged ranges, over all parts.
	MaxExtent int
	// MaxSharedStrings is the number of <si> entries.
	MaxSharedStrings int
	// MaxElements is the number of XML elements over all parts: it bounds
	// the scans' time and excelize's decoding of parts no other limit covers
	// (styles, drawings, comments).
	MaxElements int
}

// Default limits. A filled statistics workbook is about 18 KB, unpacks to
// about 100 KB and has 630 cells, 160 shared strings and 1,900 elements; a
// ledger of 300 tasks with long texts is under 1 MB and 4,000 cells. Each
// limit is ten times or more what a real file needs, and low enough that
// excelize, at all of them at once, stays within a second and 100 MB:
// excelize spends about 1 KB and 7 µs on each shared string or style
// element, so 50,000 strings cost it 50 MB; parts unpacked are held in
// memory whole.
var Default = Limits{
	What:             "工作簿",
	Typical:          "1 MB",
	MaxFile:          20 << 20,
	MaxUnzipped:      32 << 20,
	MaxPart:          4 << 20,
	MaxParts:         1000,
	MaxExtent:        1 << 16,
	MaxSharedStrings: 50_000,
	MaxElements:      80_000,
}

func (l Limits) withDefaults() Limits {
	d := Default
	if l.What == "" {
		l.What = d.What
	}
	if l.Typical == "" {
		l.Typical = d.Typical
	}
	if l.MaxFile <= 0 {
		l.MaxFile = d.MaxFile
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = d.MaxUnzipped
	}
	if l.MaxPart <= 0 {
		l.MaxPart = d.MaxPart
	}
	if l.MaxParts <= 0 {
		l.MaxParts = d.MaxParts
	}
	if l.MaxExtent <= 0 {
		l.MaxExtent = d.MaxExtent
	}
	if l.MaxSharedStrings <= 0 {
		l.MaxSharedStrings = d.MaxSharedStrings
	}
	if l.MaxElements <= 0 {
		l.MaxElements = d.MaxElements
	}
	return l
}

// ReadFile reads the workbook file at path for Open. It refuses folders,
// devices and pipes (a "/dev/zero" in nianbao.toml) and files over
// lim.MaxFile before reading them, and never reads more than that.
//
// A missing file gives an error for which errors.Is(err, fs.ErrNotExist)
// holds, so that the caller can say how to make one; every other failure is
// diag.Errors in Chinese naming the file.
func ReadFile(path string, lim Limits) ([]byte, error) {
	lim = lim.withDefaults()
	data, err := infile.Read(path, lim.MaxFile, lim.What, lim.Typical)
	if err != nil && errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return data, err
}

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// An encrypted .xlsx is an OLE container holding this stream name (UTF-16LE).
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// Open checks the workbook in data and opens it with excelize; name is used
// in messages. All errors are diag.Errors in Chinese naming the file, and
// the sheet where one is at fault. The caller closes the file.
//
// The caller must also recover from panics of the excelize calls it makes
// on the file: the checks here make them cheap, not infallible.
func Open(name string, data []byte, lim Limits) (f *excelize.File, err error) {
	lim = lim.withDefaults()
	at := diag.Pos{File: name}
	if int64(len(data)) > lim.MaxFile {
		return nil, infile.TooLarge(name, int64(len(data)), lim.MaxFile, lim.What, lim.Typical)
	}
	switch {
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, encryptionInfo):
		return nil, diag.Errorf(at, "文件设置了打开密码，nianbao 无法读取。请在 Excel 或 WPS 中取消文件密码（工作表保护不影响读取）后再试")
	case bytes.HasPrefix(data, oleMagic):
		return nil, diag.Errorf(at, "这是旧版 .xls 或 WPS .et 格式，nianbao 只读 .xlsx。请在 Excel 或 WPS 中“另存为” Excel 工作簿（*.xlsx）")
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, diag.Errorf(at, "不是 Excel 工作簿（.xlsx），或文件已损坏。请确认选对了文件")
	}
	defer func() {
		// excelize is not hardened against every malformed file; a panic in
		// it means the file is damaged, not that nianbao is.
		if r := recover(); r != nil {
			if f != nil {
				_ = f.Close()
			}
			f, err = nil, damaged(at)
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, damaged(at)
	}
	if err := check(name, zr, lim); err != nil {
		return nil, err
	}
	f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.MaxUnzipped, UnzipXMLSizeLimit: lim.MaxPart,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, diag.Errorf(at, "文件设置了打开密码，nianbao 无法读取。请在 Excel 或 WPS 中取消文件密码（工作表保护不影响读取）后再试")
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, tooBig(at, lim)
		}
		return nil, damaged(at)
	}
	return f, nil
}

func damaged(at diag.Pos) diag.Errors {
	return diag.Errorf(at, "文件已损坏或不是 Excel 工作簿，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
}

func tooBig(at diag.Pos, lim Limits) diag.Errors {
	return diag.Errorf(at, "文件解压后超过 %d MB，不是正常的%s（可能已损坏）。请确认选对了文件", lim.MaxUnzipped>>20, lim.What)
}

// check runs the guards over the zip's parts.
func check(name string, zr *zip.Reader, lim Limits) error {
	at := diag.Pos{File: name}
	if len(zr.File) > lim.MaxParts {
		return diag.Errorf(at, "文件由 %d 个部分组成，不是正常的%s（可能已损坏）。请确认选对了文件", len(zr.File), lim.What)
	}
	// The stated sizes are kept to: archive/zip fails a part that unpacks
	// to more than its header says.
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxUnzipped) {
			return tooBig(at, lim)
		}
		if zf.UncompressedSize64 > uint64(lim.MaxPart) {
			return partTooBig(at, zf.Name, lim)
		}
	}
	sheets := sheetParts(zr)
	s := &scan{lim: lim}
	for _, zf := range zr.File { // every part: any can be made a worksheet
		sheet, isSheet := sheets[zf.Name]
		if !isSheet && strings.HasPrefix(zf.Name, "xl/worksheets/") && strings.HasSuffix(zf.Name, ".xml") {
			sheet, isSheet = zf.Name, true
		}
		sp := at
		if isSheet {
			sp.Sheet = sheet
		}
		rc, err := zf.Open()
		if err != nil {
			return partDamaged(sp, zf.Name, isSheet)
		}
		res := s.part(rc)
		_ = rc.Close()
		switch {
		case res.readErr:
			return partDamaged(sp, zf.Name, isSheet)
		case s.extent > lim.MaxExtent:
			return diag.Errorf(at, "文件中的表格范围异常庞大（单元格或合并区域超过 %d 个），不是正常的%s（可能已损坏）。请在 Excel 或 WPS 中打开，删除多余的行列后另存为 .xlsx", lim.MaxExtent, lim.What)
		case s.strings > lim.MaxSharedStrings:
			return diag.Errorf(at, "文件中的文字条目超过 %d 个，不是正常的%s（可能已损坏）。请确认选对了文件，或在 Excel 或 WPS 中删除多余内容后另存为 .xlsx", lim.MaxSharedStrings, lim.What)
		case s.elements > lim.MaxElements:
			return diag.Errorf(at, "文件结构异常庞大（超过 %d 个元素），不是正常的%s（可能已损坏）。请确认选对了文件", lim.MaxElements, lim.What)
		case isSheet && !res.wellFormed:
			return partDamaged(sp, zf.Name, true)
		}
	}
	return nil
}

func partTooBig(at diag.Pos, part string, lim Limits) diag.Errors {
	return diag.Errorf(at, "文件中的 %s 解压后超过 %d MB，不是正常的%s（可能已损坏）。请确认选对了文件", part, lim.MaxPart>>20, lim.What)
}

func partDamaged(at diag.Pos, part string, isSheet bool) diag.Errors {
	if isSheet {
		if at.Sheet == part {
			// No sheet name known: the part's is the best a clerk can be told.
			at.Sheet = ""
			return diag.Errorf(at, "文件已损坏（其中的工作表 %s 不完整），无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx", part)
		}
		return diag.Errorf(at, "工作表“%s”已损坏（内容不完整），无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx", at.Sheet)
	}
	return diag.Errorf(at, "文件已损坏（其中的 %s 无法解压），无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx", part)
}

// scan counts over all parts what excelize would build from them.
type scan struct {
	lim                       Limits
	extent, strings, elements int
}

type partResult struct {
	readErr    bool // the part does not unpack: the zip is damaged
	wellFormed bool // the XML is complete to its root's end tag
}

// maxDepth is deeper than any part of a workbook nests (about 10); deeper
// means damage or an attack on the decoder's stack.
const maxDepth = 100

// part scans one part. It stops at the first syntax error: excelize's
// decoder stops there too, so nothing after it is built.
func (s *scan) part(rd io.Reader) partResult {
	er := &errReader{r: rd}
	// Bytes other than printable ASCII become spaces: element and attribute
	// names stay intact, and a text in another encoding (excelize converts
	// GB 18030, ISO-2022-JP) does not stop the count.
	d := xml.NewDecoder(asciiReader{er})
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	row, col := 0, 0
	last := map[int]int{} // row → last column
	var stack []xml.Name
	root := false
	for s.extent <= s.lim.MaxExtent && s.strings <= s.lim.MaxSharedStrings && s.elements <= s.lim.MaxElements {
		tok, err := d.RawToken()
		if err != nil {
			return partResult{readErr: er.err != nil, wellFormed: err == io.EOF && root && len(stack) == 0}
		}
		switch el := tok.(type) {
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != el.Name {
				return partResult{}
			}
			stack = stack[:len(stack)-1]
			continue
		case xml.StartElement:
			if len(stack) == 0 {
				if root {
					return partResult{} // a second root: excelize ignores it, but it is no workbook's
				}
				root = true
			}
			if len(stack) >= maxDepth {
				return partResult{}
			}
			stack = append(stack, el.Name)
			s.elements++
			switch el.Name.Local {
			case "si":
				s.strings++
			case "mergeCell":
				s.extent++
			case "row":
				row, col = row+1, 0
				if v, err := strconv.Atoi(attr(el, "r")); err == nil && v > 0 {
					row = v
				}
			case "c":
				c, rw := col+1, row
				if cc, rr, err := excelize.CellNameToCoordinates(attr(el, "r")); err == nil {
					c, rw = cc, rr
				}
				col = c
				if c > last[rw] {
					s.extent += c - last[rw]
					last[rw] = c
				}
			}
		}
	}
	return partResult{wellFormed: true} // refused on a count anyway
}

// Extent measures what excelize would build from the worksheets in the zip
// data: the cells of each row up to its last one, and the merged ranges.
// It stops counting soon after Default.MaxExtent.
func Extent(data []byte) int {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	s := &scan{lim: Default}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		s.part(rc)
		_ = rc.Close()
		if s.extent > Default.MaxExtent {
			break
		}
	}
	return s.extent
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// errReader remembers a read error other than the end of the data, which
// the XML decoder would report only as a syntax error.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}

type asciiReader struct{ r io.Reader }

func (a asciiReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	for i, b := range p[:n] {
		if b >= 0x7f || b < ' ' && b != '\t' && b != '\n' && b != '\r' {
			p[i] = ' '
		}
	}
	return n, err
}

// sheetParts maps worksheet parts to their sheets' names, through
// xl/workbook.xml and its relationships. A workbook that names its parts
// otherwise just gets part names in messages.
func sheetParts(zr *zip.Reader) map[string]string {
	var wb, rels *zip.File
	for _, zf := range zr.File {
		switch zf.Name {
		case "xl/workbook.xml":
			wb = zf
		case "xl/_rels/workbook.xml.rels":
			rels = zf
		}
	}
	out := map[string]string{}
	if wb == nil || rels == nil {
		return out
	}
	ids := map[string]string{} // relationship id → sheet name
	walk(wb, func(el xml.StartElement) {
		if el.Name.Local == "sheet" {
			ids[attr(el, "id")] = attr(el, "name")
		}
	})
	walk(rels, func(el xml.StartElement) {
		if el.Name.Local != "Relationship" {
			return
		}
		name, ok := ids[attr(el, "Id")]
		if !ok {
			return
		}
		target := attr(el, "Target")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join("xl", target)
		}
		out[target] = name
	})
	return out
}

// walk calls fn on the start elements of a small part, at most the first
// 100,000: the main scan bounds the rest.
func walk(zf *zip.File, fn func(xml.StartElement)) {
	rc, err := zf.Open()
	if err != nil {
		return
	}
	defer func() { _ = rc.Close() }()
	d := xml.NewDecoder(io.LimitReader(rc, 4<<20))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for range 100_000 {
		tok, err := d.RawToken()
		if err != nil {
			return
		}
		if el, ok := tok.(xml.StartElement); ok {
			fn(el)
		}
	}
}
