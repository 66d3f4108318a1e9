// Package docx renders a document as a WordprocessingML file (.docx) that
// Word, WPS and LibreOffice open and that a clerk can go on editing: the
// GB/T 9704 page (print-layout.md) is set up in the section properties, and
// every kind of block has a named style (正文, 标题, heading 1–4, 表格文字,
// …) rather than direct formatting, so that a change of font or spacing is
// one change of a style.
//
// Page setup (all lengths in twips, 1 mm ≈ 56.69 twips):
//
//   - A4 (11906 × 16838) with the GB/T 9704 margins: top 2098 (37 mm),
//     bottom 1984 (35 mm), binding side 1588 (28 mm), outer side 1474
//     (26 mm), so that the text block is 8844 × 12756 (156 × 225 mm).
//     Margins are mirrored (w:mirrorMargins): the document is printed on
//     both sides and the 订口 is the binding edge, left on odd pages and
//     right on even pages, as in the PDF renderer.
//   - Line pitch 579 twips (28.95 pt), not 580: 22 × 580 = 12760 exceeds
//     the 12756-twip text block, so Word would set only 21 lines a page;
//     22 × 579 = 12738 fits. 28.95 pt is also the figure offices' own
//     templates use. Body paragraphs have this as exact line spacing and
//     the section has the matching document grid.
//   - The document grid is "lines" (22 lines a page), not "linesAndChars".
//     GB/T 9704 5.2.3 asks for 28 characters a line, but 28 3号 (16 pt)
//     characters are 448 pt and the line is 442.2 pt. Word's character
//     grid squeezes them with a negative w:charSpace, but LibreOffice gives
//     every character wider than a grid cell two cells, and set such a
//     document at 14 characters a line. Instead the 正文 style condenses
//     its characters by 0.25 pt (w:spacing −5): 28 × 15.75 pt = 441 pt fit
//     in every reader, and the justified line is filled to the margin.
//     Title, table cells and page numbers keep normal spacing and stay off
//     the grid (snapToGrid 0).
//   - Page numbers "— N —" in 4号 宋体 in odd and even footers (odd: right,
//     one character in; even: left, one character in). The footer
//     distance is 1447 twips (25.5 mm): GB/T 9704 7.5 puts the 一字线 7 mm
//     below the text block, i.e. 28 mm above the paper's lower edge; the
//     dash sits at mid-height of the 14 pt (4.94 mm) em box, whose lower
//     edge (the footer paragraph has an exact 14 pt line) is therefore
//     28 − 2.47 ≈ 25.5 mm above the edge.
//
// Output is deterministic: fixed part order, fixed timestamps taken from
// Meta.ISODate (never the clock), so that the same document gives the same
// bytes.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/doc"
)

// Fonts are the East-Asian font names, by role, as offices have them
// installed. Latin text is set in Times New Roman (page numbers: Number).
type Fonts struct {
	Title    string // 标题: 2号 小标宋
	Body     string // 正文, level-3 and level-4 headings: 3号 仿宋
	Heading1 string // 一级标题 一、: 黑体
	Heading2 string // 二级标题 （一）: 楷体; also notes and the draft notice
	Number   string // 页码: 4号 宋体
	Table    string // 表格: 五号 仿宋
}

// DefaultFonts are the names most government offices have.
var DefaultFonts = Fonts{
	Title:    "方正小标宋简体",
	Body:     "仿宋_GB2312",
	Heading1: "黑体",
	Heading2: "楷体_GB2312",
	Number:   "宋体",
	Table:    "仿宋_GB2312",
}

// Options control rendering. The zero value uses DefaultFonts.
type Options struct {
	// Fonts overrides DefaultFonts field by field: an empty name keeps the
	// default.
	Fonts Fonts
}

// latin is the font of Latin letters and digits in running text.
const latin = "Times New Roman"

// resolve fills the empty fields of f from DefaultFonts and cleans names.
func (f Fonts) resolve() Fonts {
	pick := func(name, def string) string {
		name = strings.TrimSpace(strings.Join(strings.Fields(clean(name)), " "))
		if name == "" {
			return def
		}
		return name
	}
	return Fonts{
		Title:    pick(f.Title, DefaultFonts.Title),
		Body:     pick(f.Body, DefaultFonts.Body),
		Heading1: pick(f.Heading1, DefaultFonts.Heading1),
		Heading2: pick(f.Heading2, DefaultFonts.Heading2),
		Number:   pick(f.Number, DefaultFonts.Number),
		Table:    pick(f.Table, DefaultFonts.Table),
	}
}

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// Render writes d as a .docx file.
func Render(w io.Writer, d *doc.Document, o Options) error {
	if d == nil {
		return errors.New("docx: nil document")
	}
	fonts := o.Fonts.resolve()
	stamp, hasStamp := docTime(d.Meta)
	body, charts, err := documentWithCharts(d)
	if err != nil {
		return err
	}
	parts := []part{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", core(d, stamp, hasStamp)},
		{"docProps/app.xml", []byte(app)},
		{"word/document.xml", body},
		{"word/styles.xml", styles(fonts)},
		{"word/settings.xml", []byte(settings)},
		{"word/fontTable.xml", fontTable(fonts)},
		{"word/footer1.xml", footer(false)},
		{"word/footer2.xml", footer(true)},
		{"word/_rels/document.xml.rels", []byte(documentRels)},
	}
	parts = watermarkParts(parts, d, fonts.Heading1)
	// The zip's entry times: the report date, or 1980-01-01 (the earliest
	// time a zip can hold) when there is none or it is out of zip range.
	mod := stamp
	if !hasStamp || mod.Year() < 1980 || mod.Year() > 2107 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if parts, err = chartParts(parts, charts, fonts.Heading1, mod); err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// docTime is the fixed time of the document's metadata: Meta.ISODate at
// midnight UTC, else 1 January after the report year (as the PDF renderer
// does); false when there is neither.
func docTime(m doc.Meta) (time.Time, bool) {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(m.ISODate)); err == nil {
		return t, true
	}
	if m.Year > 0 && m.Year < 9999 {
		return time.Date(m.Year+1, 1, 1, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}
