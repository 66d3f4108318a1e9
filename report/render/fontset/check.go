package fontset

// Checking a font before fpdf sees it (fpdf prints load errors to stdout
// and carries on), and the per-character widths fpdf will use.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

// zeroWidth marks a character the font maps to a glyph of zero advance
// (fpdf's own marker).
const zeroWidth = 65535

// metrics is what Has and Advance need, computed once per font file.
type metrics struct {
	// cw[c] is the advance of BMP character c in 1/1000 em, rounded as fpdf
	// rounds it; 0 when the font's cmap does not map c, zeroWidth for a
	// glyph of no advance.
	cw []int32
	// missing is fpdf's width for a character the font lacks.
	missing   int
	family    string // name table family name, e.g. "FandolFang"
	psName    string // PostScript name
	numGlyphs int
	upem      int
}

// tables fpdf reads (it dereferences them without checking).
var requiredTables = []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"}

// analyze checks a standalone TrueType file and measures it. On a problem it
// returns a message that completes the sentence begun by who ("用作正文字体的").
func analyze(data []byte, who, example string) (*metrics, string) {
	magic, ok := u32(data, 0)
	if !ok || len(data) < 12 {
		return nil, who + "文件不是字体文件（文件太短）"
	}
	switch magic {
	case magicTrueType, magicTrue:
	case magicOTTO:
		return nil, cffMessage(who, example)
	default:
		return nil, who + "文件不是 TrueType 字体文件"
	}
	dir, _, err := readDir(data, 0)
	if err != nil {
		return nil, who + "字体文件已损坏（表目录超出文件范围）"
	}
	if _, ok := dir["glyf"]; !ok {
		if _, cff := dir["CFF "]; cff {
			return nil, cffMessage(who, example)
		}
		if _, cff := dir["CFF2"]; cff {
			return nil, cffMessage(who, example)
		}
		return nil, who + "字体没有 TrueType 轮廓（glyf 表），PDF 生成程序无法嵌入。请改用 .ttf 字体（例如 " + example + "）"
	}
	var missing []string
	for _, tag := range requiredTables {
		if _, ok := dir[tag]; !ok {
			missing = append(missing, strings.TrimSpace(tag))
		}
	}
	if len(missing) > 0 {
		return nil, who + "字体缺少 " + strings.Join(missing, "、") + " 表，不是完整的 TrueType 字体（文件可能已损坏）"
	}
	sub := fpdfCmap(data, dir["cmap"])
	if sub < 0 {
		return nil, who + "字体没有 Unicode 字符映射表（cmap 格式 4），无法显示汉字"
	}
	if os2, ok := dir["OS/2"]; ok {
		if fs, ok := u16(data, os2.off+8); ok && os2.len >= 10 && (fs == 0x0002 || fs&0x0300 != 0) {
			return nil, fmt.Sprintf("%s字体的授权不允许把它嵌入 PDF 文档（OS/2 fsType = 0x%04X：%s）。请换用允许嵌入的字体", who, fs, fsTypeText(fs))
		}
	}
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Sprintf("%s字体无法解析（文件可能已损坏）：%v", who, err)
	}
	m, err := measure(data, sf, sub)
	if err != nil {
		return nil, fmt.Sprintf("%s字体无法读取字宽（文件可能已损坏）：%v", who, err)
	}
	if !m.any() {
		return nil, who + "字体的字符映射表是空的，不能显示任何字符"
	}
	return m, ""
}

func fsTypeText(fs int) string {
	switch {
	case fs == 0x0002:
		return "受限授权，禁止嵌入"
	case fs&0x0200 != 0:
		return "只允许嵌入位图"
	default:
		return "禁止嵌入字体子集"
	}
}

func cffMessage(who, example string) string {
	return who + "文件是 CFF 轮廓的 OpenType 字体，PDF 生成程序只能嵌入 TrueType 字体。请改用 .ttf 字体（例如 " +
		example + "），或用 fonts/otf2ttf.py 转换"
}

// measure computes the widths fpdf will use (utf8fontfile.go parseHMTXTable:
// round(1000/unitsPerEm × advance), advances of 32768 or more read as 0, a
// zero width marked 65535; characters from the format 4 subtable only).
func measure(data []byte, sf *sfnt.Font, sub int) (*metrics, error) {
	upem := int(sf.UnitsPerEm())
	if upem <= 0 {
		return nil, fmt.Errorf("unitsPerEm = %d", upem)
	}
	m := &metrics{cw: make([]int32, 0x10000), numGlyphs: sf.NumGlyphs(), upem: upem}
	var buf sfnt.Buffer
	m.family, _ = sf.Name(&buf, sfnt.NameIDFamily)
	m.psName, _ = sf.Name(&buf, sfnt.NameIDPostScript)
	scale := 1000.0 / float64(upem)
	// Advances straight from hmtx, as fpdf reads them (a glyph past
	// numberOfHMetrics has the last advance): sfnt.Parse has checked the
	// table's size; going through sfnt's GlyphAdvance for every character
	// was half the time of measuring a font, paid once per run of nianbao.
	dir, _, err := readDir(data, 0)
	if err != nil {
		return nil, err
	}
	hmtx := dir["hmtx"]
	numH, _ := u16(data, dir["hhea"].off+34)
	if numH == 0 || 4*numH > hmtx.len {
		return nil, errors.New("hmtx shorter than hhea.numberOfHMetrics")
	}
	adv := func(gid int) (int, error) {
		a, _ := u16(data, hmtx.off+4*min(gid, numH-1))
		if a >= 1<<15 {
			a = 0
		}
		return a, nil
	}
	a0, err := adv(0)
	if err != nil {
		return nil, err
	}
	m.missing = int(math.Floor(scale*float64(a0) + 0.5)) // fpdf round(DefaultWidth)
	if m.missing == 0 {
		m.missing = 500
	}
	gw := make([]int32, m.numGlyphs) // 0: not yet measured
	var gerr error
	ok := format4(data, sub, func(c rune, gid int) {
		if c == 0 || c == 0xFFFF || gid >= m.numGlyphs || gerr != nil {
			return
		}
		if gw[gid] == 0 {
			a, err := adv(gid)
			if err != nil {
				gerr = err
				return
			}
			w := int32(math.Round(scale * float64(a)))
			if w == 0 {
				w = zeroWidth
			}
			gw[gid] = w
		}
		m.cw[c] = gw[gid]
	})
	if gerr != nil {
		return nil, gerr
	}
	if !ok {
		return nil, errTruncated
	}
	return m, nil
}

// any tells whether the font maps any character.
func (m *metrics) any() bool {
	for _, w := range m.cw {
		if w != 0 {
			return true
		}
	}
	return false
}

// width is the advance of c in 1/1000 em exactly as fpdf's
// GetStringSymbolWidth counts it.
func (m *metrics) width(c rune) int {
	if c >= 0 && c < 0x10000 {
		switch w := m.cw[c]; w {
		case 0:
		case zeroWidth:
			return 0
		default:
			return int(w)
		}
	}
	return m.missing
}

// trySample sets a few characters the font has in a throwaway fpdf document:
// fpdf's own reading of the font, subsetting and writing. fpdf reports some
// load failures only on stdout; SetFont then fails with "undefined font".
func trySample(data []byte, m *metrics) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	var sample []rune
	for _, c := range "政府信息公开工作年度报告〔2024〕第一、二（三）0123456789" {
		if m.cw[c] != 0 {
			sample = append(sample, c)
		}
	}
	for c := rune(0x21); len(sample) < 4 && c < 0x10000; c++ {
		if m.cw[c] != 0 {
			sample = append(sample, c)
		}
	}
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes("check", "", data)
	pdf.AddPage()
	pdf.SetFont("check", "", 12)
	pdf.Cell(400, 14, string(sample))
	return pdf.Output(io.Discard)
}
