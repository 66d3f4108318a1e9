package docx

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
)

// Page geometry in twips (see the package comment).
const (
	pageW        = 11906
	pageH        = 16838
	marginTop    = 2098                             // 天头 37 mm
	marginBottom = 1984                             // 35 mm
	marginBind   = 1588                             // 订口 28 mm (inside: left on odd pages)
	marginOut    = 1474                             // 切口 26 mm
	textW        = pageW - marginBind - marginOut   // 8844: 156 mm
	textH        = pageH - marginTop - marginBottom // 12756: 225 mm

	linesPerPage = 22
	charsPerLine = 28
	linePitch    = 579 // textH / 22 = 579.8, rounded down so that 22 lines fit
	// condense is the body text's character spacing in twentieths of a
	// point: −0.25 pt, so that 28 characters of 16 − 0.25 pt (441 pt) fit
	// the 442.2 pt line where 28 of 16 pt (448 pt) do not.
	condense   = -5
	footerDist = 1447 // 25.5 mm: the page number's 一字线 7 mm below the text block
	headerDist = 851  // 15 mm; there is no header

	sizeBody   = 32  // half-points: 3号 16 pt
	sizeTitle  = 44  // 2号 22 pt
	sizeNumber = 28  // 4号 14 pt
	sizeTable  = 21  // 五号 10.5 pt
	charTwips  = 320 // one 3号 character, for the twip twins of *Chars indents
)

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// body writes word/document.xml.
type body struct {
	b bytes.Buffer
	// pageBreak: a PageBreak waits for the next paragraph, which gets
	// w:pageBreakBefore.
	pageBreak bool
	// afterTable: the last thing written is a table, which must be
	// followed by a paragraph before another table or the end.
	afterTable bool
	empty      bool
	draft      bool // the section references the watermark headers
	closing    bool // the block being written is the last before the 落款
	charts     []*doc.Chart
}

// pPr is what a paragraph may set besides its style, in schema order.
type pPr struct {
	style    string
	keepNext bool
	ind      string // a whole w:ind element
}

// noIndent cancels Normal's first-line indent.
const noIndent = `<w:ind w:firstLineChars="0" w:firstLine="0"/>`

// documentWithCharts is document.xml and the charts it draws, in order.
func documentWithCharts(d *doc.Document) ([]byte, []*doc.Chart, error) {
	w := &body{empty: true, draft: d.Meta.Draft}
	w.b.Grow(64 << 10)
	w.b.WriteString(xmlHeader)
	w.b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>` + "\n")
	if d.Meta.Draft {
		w.para(pPr{style: "Note", ind: noIndent}, d.Meta.DraftBanner(), `<w:rPr><w:color w:val="FF0000"/></w:rPr>`)
	}
	if d.Title != "" {
		w.para(pPr{style: "Title"}, titleLines(d), "")
	}
	for i, b := range d.Blocks {
		if b == nil {
			return nil, nil, fmt.Errorf("docx: block %d: nil block", i)
		}
		// The last text before the 落款 keeps with it, so that the 落款
		// never stands alone on a page (GB/T 9704 7.3.5).
		_, w.closing = blockAt(d.Blocks, i+1).(doc.Signature)
		if err := b.Accept(w); err != nil {
			return nil, nil, fmt.Errorf("docx: block %d: %w", i, err)
		}
	}
	w.flushBreak()
	if w.afterTable || w.empty {
		w.b.WriteString("<w:p/>\n")
	}
	w.sectPr()
	w.b.WriteString("</w:body></w:document>\n")
	return w.b.Bytes(), w.charts, nil
}

// Heading and the methods after it make body the doc.Visitor that writes
// the blocks.
func (w *body) Heading(h doc.Heading) error {
	level := min(max(h.Level, 1), 4)
	// keepNext on the paragraph as well as in the style: readers
	// that drop style properties (WPS's older importers) keep it.
	w.para(pPr{style: "Heading" + strconv.Itoa(level), keepNext: true}, h.Text, "")
	return nil
}

// blockAt is blocks[i], or nil past the end.
func blockAt(blocks []doc.Block, i int) doc.Block {
	if i < len(blocks) {
		return blocks[i]
	}
	return nil
}

func (w *body) Paragraph(p doc.Paragraph) error {
	pp := pPr{keepNext: w.closing}
	if !p.Indent {
		pp.ind = noIndent
	}
	w.para(pp, p.Text, "")
	return nil
}

// List sets each item as a paragraph after the model's label: a 公文
// numbers in its text, not with Word's list numbering.
func (w *body) List(l doc.List) error {
	for n, item := range l.Items {
		w.para(pPr{keepNext: w.closing && n == len(l.Items)-1}, l.Label(n)+item, "")
	}
	return nil
}

func (w *body) Note(n doc.Note) error {
	w.para(pPr{style: "Note", keepNext: w.closing}, n.Text, "")
	return nil
}

// Chart draws a native chart (chart.go): its part is added to the
// package by Render.
func (w *body) Chart(c *doc.Chart) error {
	if c == nil {
		return nil
	}
	w.charts = append(w.charts, c)
	w.drawing(c, len(w.charts))
	return nil
}

func (w *body) Table(t *doc.Table) error {
	if t != nil {
		w.table(t)
	}
	return nil
}

func (w *body) Signature(s doc.Signature) error {
	w.signature(s)
	return nil
}

func (w *body) PageBreak(doc.PageBreak) error {
	w.flushBreak()
	w.pageBreak = true
	return nil
}

// flushBreak writes a waiting page break as a paragraph of its own, for
// when no paragraph follows that could carry it (a table, the end, another
// break).
func (w *body) flushBreak() {
	if w.pageBreak {
		w.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + "\n")
		w.pageBreak = false
		w.afterTable = false
		w.empty = false
	}
}

// para writes one paragraph of text; rPr is the runs' properties element.
func (w *body) para(p pPr, text, rPr string) {
	b := &w.b
	b.WriteString("<w:p>")
	if p.style != "" || p.keepNext || w.pageBreak || p.ind != "" {
		b.WriteString("<w:pPr>")
		if p.style != "" {
			b.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
		}
		if p.keepNext {
			b.WriteString("<w:keepNext/>")
		}
		if w.pageBreak {
			b.WriteString("<w:pageBreakBefore/>")
			w.pageBreak = false
		}
		b.WriteString(p.ind)
		b.WriteString("</w:pPr>")
	}
	w.runs(text, rPr)
	b.WriteString("</w:p>\n")
	w.afterTable = false
	w.empty = false
}

// runs writes text as one run: tabs become w:tab, newlines w:br.
func (w *body) runs(text, rPr string) {
	text = clean(text)
	if text == "" {
		return
	}
	b := &w.b
	b.WriteString("<w:r>")
	b.WriteString(rPr)
	start := 0
	flush := func(end int) {
		if end > start {
			b.WriteString(`<w:t xml:space="preserve">`)
			esc(b, text[start:end])
			b.WriteString("</w:t>")
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			flush(i)
			b.WriteString("<w:br/>")
			start = i + 1
		case '\t':
			flush(i)
			b.WriteString("<w:tab/>")
			start = i + 1
		}
	}
	flush(len(text))
	b.WriteString("</w:r>")
}

// signature writes the 落款 of a document without a seal (GB/T 9704
// 7.3.5.2) where doc.Signature.Place puts it, as the PDF does: one empty
// line below the body, then the name and the date as left-aligned lines
// with left indents. Indents from the left, not right alignment, because
// the rule fixes where the lines start (the date two characters right of
// the name), and a reader's own digit widths (Times New Roman, or DejaVu
// in its place) would move a right-aligned date's start.
func (w *body) signature(s doc.Signature) {
	org, date := clean(s.Org), clean(s.Date)
	ox, dx := doc.Signature{Org: org, Date: date}.Place(charsPerLine, chars)
	w.para(pPr{keepNext: true, ind: noIndent}, "", "")
	if org != "" {
		w.para(pPr{style: "Signature", keepNext: date != "", ind: leftIndent(ox)}, org, "")
	}
	if date != "" {
		w.para(pPr{style: "Signature", ind: leftIndent(dx)}, date, "")
	}
}

// leftIndent is a w:ind of n grid characters (156 mm / 28) from the left,
// in twips only: *Chars units are the font size's, not the grid's.
func leftIndent(n float64) string {
	return fmt.Sprintf(`<w:ind w:left="%d" w:rightChars="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>`,
		int(math.Round(n*textW/charsPerLine)))
}

// table writes t as a w:tbl whose merges follow t.Grid(): every grid
// position of every row is emitted exactly once, horizontal merges as
// w:gridSpan, vertical merges as w:vMerge restart on the top cell and a
// continuation (with the same span) on every covered row below.
func (w *body) table(t *doc.Table) {
	widths := t.Widths
	if !validWidths(widths) {
		cols := 0
		for _, row := range t.Rows {
			n := 0
			for _, c := range row.Cells {
				n += max(c.ColSpan, 1)
			}
			cols = max(cols, n)
		}
		widths = make([]float64, cols)
		for i := range widths {
			widths[i] = 1
		}
		tt := *t
		tt.Widths = widths
		t = &tt
	}
	placed, covered, cols := t.Grid()
	if cols == 0 || len(t.Rows) == 0 {
		return
	}
	if t.Caption != "" {
		w.para(pPr{style: "TableCaption"}, t.Caption, "") // takes a waiting page break
	}
	w.flushBreak()
	if w.afterTable {
		w.b.WriteString("<w:p/>\n")
	}
	size, fitted, mar := fitTable(t)
	grid := gridCols(fitted, textW)
	rPr := ""
	if size != sizeTable {
		rPr = fmt.Sprintf(`<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, size, size)
	}
	// Pagination. A table of one section repeats its heads (w:tblHeader).
	// Word repeats only a table's first rows, so a table of several
	// sections (表二's four 第二十条 blocks, each with its own caption and
	// column heads) has no w:tblHeader: repeating block （一）'s heads over
	// （五）（六）（八） would be wrong. Instead a section's heads keep with
	// the row after them (w:keepNext on their paragraphs; rows never split,
	// w:cantSplit), and a short section keeps together whole, so that a
	// page break falls only between sections and no heads need repeating.
	secs := t.Sections()
	repeat := len(secs) == 1
	keep := make([]bool, len(t.Rows))
	for _, s := range secs {
		to := s.Body
		if !repeat && s.End-s.Start <= keepWhole {
			to = s.End - 1
		}
		for r := s.Start; r < to; r++ {
			keep[r] = true
		}
	}
	b := &w.b
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="NianbaoTable"/><w:tblW w:w="` + strconv.Itoa(textW) +
		`" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>`)
	if mar != cellMar {
		fmt.Fprintf(b, `<w:tblCellMar><w:left w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar>`, mar, mar)
	}
	if name := attr(strings.Join(strings.Fields(t.Name()), " ")); name != "" {
		// The table's title for screen readers (Word's 可选文字 title),
		// as the HTML <caption>: the statutory tables print none.
		b.WriteString(`<w:tblCaption w:val="` + name + `"/>`)
	}
	b.WriteString("</w:tblPr>\n<w:tblGrid>")
	for _, g := range grid {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(g) + `"/>`)
	}
	b.WriteString("</w:tblGrid>\n")
	head := t.HeaderRows()
	for r := range t.Rows {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if repeat && r < head {
			b.WriteString("<w:tblHeader/>")
		}
		b.WriteString("</w:trPr>\n")
		for c := 0; c < cols; {
			idx := covered[r][c]
			span := 1
			for idx >= 0 && c+span < cols && covered[r][c+span] == idx {
				span++
			}
			width := 0
			for _, g := range grid[c : c+span] {
				width += g
			}
			above := idx >= 0 && r > 0 && covered[r-1][c] == idx
			below := idx >= 0 && r+1 < len(t.Rows) && covered[r+1][c] == idx
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/>`)
			if span > 1 {
				b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
			}
			switch {
			case above:
				b.WriteString("<w:vMerge/>")
			case below:
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/>`)
			if keep[r] {
				b.WriteString("<w:keepNext/>")
			}
			var text string
			if idx >= 0 && !above {
				p := placed[idx]
				if p.Row == r && p.Col == c {
					text = p.Text
					switch p.Align {
					case doc.AlignLeft:
						b.WriteString(`<w:jc w:val="left"/>`)
					case doc.AlignRight:
						b.WriteString(`<w:jc w:val="right"/>`)
					}
				}
			}
			if rPr != "" {
				b.WriteString(rPr)
			}
			b.WriteString("</w:pPr>")
			w.runs(text, rPr)
			b.WriteString("</w:p></w:tc>\n")
			c += span
		}
		b.WriteString("</w:tr>\n")
	}
	b.WriteString("</w:tbl>\n")
	w.afterTable = true
	w.empty = false
}

// keepWhole is the most rows a section of a multi-section table may have
// and still be kept on one page whole (表二's blocks have three or four).
const keepWhole = 6

// Cell geometry for fitTable, in twips: the NianbaoTable style's left and
// right cell margins, the narrower ones of a table set smaller than 五号,
// and a reserve on either side for fonts whose figures are a little wider
// than the estimate.
const (
	cellMar      = 57
	cellMarSmall = 28
	cellReserve  = 20
	minTableHp   = 10 // 5 pt: the smallest table text, as in the PDF
)

// fitTable sizes the grid columns of t with doc.Table.Fit, as the PDF
// does, so that figures never wrap in Word or LibreOffice. The DOCX names
// fonts it does not carry, so widths come from generous estimates rather
// than metrics: ASCII 0.65 em, everything else 1 em, and a reserve of two
// points a cell. Figures are set in the Latin font, Times New Roman, whose
// digits are 0.5 em; where it is missing LibreOffice substitutes DejaVu
// Serif, whose digits are 0.64 em. When the figures cannot fit at 五号
// the table is set smaller, half a point at a time; size is in
// half-points.
func fitTable(t *doc.Table) (size int, widths []float64, mar int) {
	for size = sizeTable; ; size-- {
		em := float64(size) * 10 // twips
		mar = cellMar
		if size < sizeTable {
			mar = cellMarSmall
		}
		measure := func(s string) float64 {
			w := 0.0
			for _, c := range s {
				if c < 0x80 {
					w += 0.65 * em
				} else {
					w += em
				}
			}
			return w
		}
		var ok bool
		widths, ok = t.Fit(textW, float64(mar+cellReserve), 2*em+2*float64(mar), measure)
		if ok || size <= minTableHp {
			return size, widths, mar
		}
	}
}

func validWidths(ws []float64) bool {
	if len(ws) == 0 {
		return false
	}
	total := 0.0
	for _, x := range ws {
		if !(x > 0) || math.IsInf(x, 0) {
			return false
		}
		total += x
	}
	return !math.IsInf(total, 0)
}

// gridCols divides total twips in proportion to ws (valid) into integers
// that sum to total exactly (largest remainder; ties to the left).
func gridCols(ws []float64, total int) []int {
	sum := 0.0
	for _, x := range ws {
		sum += x
	}
	out := make([]int, len(ws))
	rest := make([]float64, len(ws))
	used := 0
	for i, x := range ws {
		exact := float64(total) * x / sum
		out[i] = int(math.Floor(exact))
		rest[i] = exact - float64(out[i])
		used += out[i]
	}
	for ; used < total; used++ {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		out[best]++
		rest[best] = -1
	}
	return out
}

// sectPr is the page: A4, GB/T 9704 margins mirrored for double-sided
// printing, odd and even footers, the document grid of 22 lines.
func (w *body) sectPr() {
	fmt.Fprintf(&w.b, `<w:sectPr>`+headerRefs(w.draft)+`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/>`+
		`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`+
		`<w:pgNumType w:fmt="decimal"/><w:cols w:space="425"/>`+
		`<w:docGrid w:type="lines" w:linePitch="%d"/></w:sectPr>`+"\n",
		pageW, pageH, marginTop, marginOut, marginBottom, marginBind, headerDist, footerDist, linePitch)
}
