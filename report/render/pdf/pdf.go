// Package pdf renders the report's document model as the printable draft:
// A4, GB/T 9704-2012 公文 layout (版心 156 × 225 mm, 3号仿宋 body on a 22-line
// grid, 黑体/楷体 headings, "— N —" page numbers), the statutory tables with
// their merged cells, using bundled free fonts or the office's own.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/linebreak"
	"github.com/nianbao/nianbao/report/textclean"
)

// Options control rendering.
type Options struct {
	Fonts *fontset.Set
}

// Render writes d as a PDF. Output depends only on d and the fonts: the
// dates in the file are the report's date, never the clock.
//
// Fonts are cut down to the characters of the document before fpdf sees
// them (fontset.Font.Subset): the characters each font will set are
// planned from the document (planChars), and every character actually
// drawn is recorded; should the drawing ever set a character the plan
// missed, the document is rendered once more with it, so no glyph is
// lost to a wrong plan.
func Render(w io.Writer, d *doc.Document, o Options) error {
	if o.Fonts == nil {
		fs, err := fontset.Load(nil)
		if err != nil {
			return err
		}
		o.Fonts = fs
	}
	return renderPlanned(w, d, o, planChars(d, o.Fonts))
}

// renderPlanned renders with the characters of plan, and once more should the
// document set characters plan lacks.
func renderPlanned(w io.Writer, d *doc.Document, o Options, plan fontChars) error {
	for attempt := 1; ; attempt++ {
		r, err := newRenderer(d, o, plan)
		if err != nil {
			return err
		}
		if err := r.body(); err != nil {
			return fmt.Errorf("生成 PDF 失败：%w", err)
		}
		r.pdf.Close() // the last page's footer is drawn here
		if err := r.pdf.Error(); err != nil {
			return fmt.Errorf("生成 PDF 失败：%w", err)
		}
		if !plan.covers(r.drawn) && attempt == 1 {
			plan.merge(r.drawn)
			continue
		}
		var buf bytes.Buffer
		if err := r.pdf.Output(&buf); err != nil {
			return fmt.Errorf("生成 PDF 失败：%w", err)
		}
		_, err = w.Write(finishPDF(buf.Bytes(), r.tags))
		return err
	}
}

type renderer struct {
	d     *doc.Document
	pdf   *fpdf.Fpdf
	fonts *fontset.Set
	y     float64 // distance of the next line from the top of the text block
	// after is how many lines must follow the next paragraph on its page
	// (the 落款 after the last one).
	after int
	page  int
	// onSegment, when set, is told of every run of table rows drawn.
	onSegment func(tableSegment)
	// drawn is every character set, by font Name; tags the subset tag of
	// each font by Name.
	drawn fontChars
	tags  map[string]string
	// outline1 tells whether a level-1 bookmark exists to hang level 2 on.
	outline1 bool
}

func newRenderer(d *doc.Document, o Options, plan fontChars) (*renderer, error) {
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: pageW, Ht: pageH}, OrientationStr: "P"})
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCompression(false) // finishPDF compresses, with a pooled writer
	p.SetCatalogSort(true)
	stamp := time.Date(d.Meta.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse("2006-01-02", d.Meta.ISODate); err == nil {
		stamp = t
	}
	p.SetCreationDate(stamp)
	p.SetModificationDate(stamp)
	p.SetTitle(property(d.Meta.Marked(d.Title)), true)
	p.SetAuthor(property(d.Meta.Org), true)
	p.SetSubject(property(d.Meta.Marked(d.Meta.Subject)), true)
	p.SetCreator("nianbao", true)
	p.SetProducer("nianbao", true)
	p.SetLang("zh-CN")
	r := &renderer{d: d, pdf: p, fonts: o.Fonts, drawn: fontChars{}}
	tags, err := o.Fonts.AddTo(p, plan.runes())
	if err != nil {
		return nil, fmt.Errorf("字体无法嵌入 PDF：%w", err)
	}
	r.tags = tags
	p.SetHeaderFunc(r.header)
	p.SetFooterFunc(r.footer)
	return r, nil
}

func (r *renderer) newPage() {
	r.pdf.AddPage()
	r.page = r.pdf.PageNo()
	r.y = 0
}

func (r *renderer) left() float64 { return leftMargin(r.page) }

// header draws the draft watermark under the page's text.
func (r *renderer) header() {
	if !r.d.Meta.Draft {
		return
	}
	p := r.pdf
	f := r.fonts.Font(fontset.Heading1)
	p.SetFont(f.Name, "", sizeMark)
	p.SetTextColor(200, 200, 200)
	p.SetAlpha(0.35, "Normal")
	p.TransformBegin()
	cx, cy := pageW/2, pageH/2
	p.TransformRotate(45, cx, cy)
	text := doc.DraftMark
	w := 0.0
	for _, c := range text {
		w += f.Advance(c, sizeMark) * ptToMM
	}
	p.Text(cx-w/2, cy+sizeMark*ptToMM*0.35, text)
	r.drawn.add(f.Name, text)
	p.TransformEnd()
	p.SetAlpha(1, "Normal")
	p.SetTextColor(0, 0, 0)
}

// footer writes "— N —": 4号 half-width digits, 7 mm below the text block,
// odd pages right and even pages left, one character in. The dashes are
// the page number's layout (GB/T 9704 7.5), not wording, so they stay
// here rather than in the model; the DOCX footer draws the same.
func (r *renderer) footer() {
	p := r.pdf
	n := p.PageNo()
	text := fmt.Sprintf("— %d —", n)
	w := r.width(text, fontset.Number, sizeNumber)
	one := sizeNumber * ptToMM
	left := leftMargin(n)
	x := left + one
	if n%2 == 1 {
		x = left + blockW - one - w
	}
	baseline := marginTop + blockH + numberGap + one*0.8
	r.drawRuns(x, baseline, text, fontset.Number, sizeNumber, 0)
}

// width of s in mm as set in role at size, fallback font included.
func (r *renderer) width(s string, role fontset.Role, size float64) float64 {
	w := 0.0
	for _, c := range s {
		w += r.advance(c, role, size)
	}
	return w
}

// Missing is the mark set for a character no font has: 〓 (U+3013), the
// typesetter's conventional 缺字 mark, which every GB2312 font has.
const Missing = textclean.Missing

// fontFor is the font c is set in, and the character actually set: a
// character no font has becomes the Missing mark (never a box, and never
// handed to fpdf, which panics on characters above U+FFFF).
func (r *renderer) fontFor(c rune, role fontset.Role) (*fontset.Font, rune) {
	return fontFor(r.fonts, c, role)
}

func fontFor(fonts *fontset.Set, c rune, role fontset.Role) (*fontset.Font, rune) {
	if f := fonts.FontFor(role, c); f != nil {
		return f, c
	}
	if f := fonts.FontFor(role, Missing); f != nil {
		return f, Missing
	}
	return fonts.Font(role), '?'
}

// advance of c in mm.
func (r *renderer) advance(c rune, role fontset.Role, size float64) float64 {
	f, set := r.fontFor(c, role)
	return f.Advance(set, size) * ptToMM
}

// drawRuns writes s at (x, baseline) in role, switching to the fallback
// font for characters the role's font lacks; tc is extra spacing (mm)
// after every character. Set all text through drawRuns: the fonts are cut to the
// characters planned from the document (planChars) and those drawn here
// (TestFpdfSetsOnlyPlannedChars catches text set some other way).
func (r *renderer) drawRuns(x, baseline float64, s string, role fontset.Role, size, tc float64) float64 {
	p := r.pdf
	if tc != 0 {
		p.RawWriteStr(fmt.Sprintf("%.4f Tc", tc/ptToMM))
	}
	var run []rune
	var cur *fontset.Font
	flush := func() {
		if len(run) == 0 {
			return
		}
		p.SetFont(cur.Name, "", size)
		p.Text(x, baseline, string(run))
		r.drawn.addRunes(cur.Name, run)
		for _, c := range run {
			x += cur.Advance(c, size)*ptToMM + tc
		}
		run = run[:0]
	}
	for _, c := range s {
		f, set := r.fontFor(c, role)
		if f != cur {
			flush()
			cur = f
		}
		run = append(run, set)
	}
	flush()
	if tc != 0 {
		p.RawWriteStr("0 Tc")
	}
	return x
}

// measure is the line breaker's view of a role at a size: advances in mm,
// Han characters on the GB/T 9704 grid of 28 per line for body text.
func (r *renderer) measure(role fontset.Role, size float64) linebreak.Measure {
	return func(c rune) float64 { return r.advance(c, role, size) }
}

func (r *renderer) body() error {
	r.newPage()
	if r.d.Meta.Draft {
		r.paragraph(r.d.Meta.DraftBanner(), fontset.Heading2, false)
	}
	if r.d.Title != "" {
		r.title(r.d.Title)
	}
	w := &blockWriter{r: r}
	for i, b := range r.d.Blocks {
		if b == nil {
			return fmt.Errorf("block %d: nil block", i)
		}
		w.at = i
		if err := b.Accept(w); err != nil {
			return fmt.Errorf("block %d: %w", i, err)
		}
	}
	return nil
}

// keep is how many lines from block i on must share a page with a heading
// before it, so that the heading is followed by at least two lines of
// text: a chain of headings counts whole, with two lines of what follows
// it (all of a shorter block; three of a three-line paragraph, which the
// widow rule would otherwise split one and two).
func (r *renderer) keep(i int) int {
	if i >= len(r.d.Blocks) || r.d.Blocks[i] == nil {
		return 0
	}
	k := &keeper{r: r, at: i}
	_ = r.d.Blocks[i].Accept(k) // a keeper never fails
	return k.lines
}

// title: 2号 小标宋, centred; a long title wraps between words into lines
// of balanced length (GB/T 9704 7.3.1), broken as the DOCX breaks it.
func (r *renderer) title(s string) {
	lines := linebreak.Title(s, r.d.Meta.Org, linebreak.TitleWidth(blockW, sizeTitle*ptToMM), linebreak.Ems)
	lp := sizeTitle * ptToMM * 1.5
	for _, l := range lines {
		x := r.left() + (blockW-r.width(l.Text, fontset.Title, sizeTitle))/2
		r.drawRuns(x, marginTop+r.y+lp*0.75, l.Text, fontset.Title, sizeTitle, 0)
		r.y += lp
	}
	r.y += pitch // one blank line under the title
	r.snap()
}

// snap moves y to the next line of the 22-line grid.
func (r *renderer) snap() {
	n := r.y / pitch
	if f := float64(int(n)); n-f > 1e-6 {
		r.y = (f + 1) * pitch
	}
}

func (r *renderer) linesLeft() int { return int((blockH - r.y + 1e-6) / pitch) }

// headingRole: 一、黑体 （一）楷体 1.（1）仿宋 (GB/T 9704 7.3.3).
func headingRole(level int) fontset.Role {
	switch level {
	case 1:
		return fontset.Heading1
	case 2:
		return fontset.Heading2
	}
	return fontset.Body
}

// heading keeps with what follows: it never ends a page, and moves to the
// next page unless two lines of the following text fit under it (with any
// headings in between).
func (r *renderer) heading(h doc.Heading, i int) {
	role := headingRole(h.Level)
	lines := r.lines(h.Text, role, true)
	need := min(len(lines)+r.keep(i+1), linesPerPage)
	if r.linesLeft() < need && r.y > 0 {
		r.newPage()
	}
	r.bookmark(h)
	r.setLines(lines, role, sizeBody, true)
}

func (r *renderer) lines(s string, role fontset.Role, indent bool) []linebreak.Line {
	first := blockW
	if indent {
		first -= 2 * gridChar
	}
	return linebreak.Break(s, first, blockW, r.gridMeasure(role))
}

// gridMeasure scales advances so that 28 characters of 3号 fill a line:
// the standard's grid, which a 16 pt face overshoots by about 1%.
func (r *renderer) gridMeasure(role fontset.Role) linebreak.Measure {
	m := r.measure(role, sizeBody)
	scale := gridChar / (sizeBody * ptToMM)
	return func(c rune) float64 { return m(c) * scale }
}

// paragraph sets body text with widow and orphan control.
func (r *renderer) paragraph(s string, role fontset.Role, indent bool) {
	if strings.TrimSpace(s) == "" {
		return
	}
	lines := r.lines(s, role, indent)
	left := r.linesLeft()
	after := r.after
	r.after = 0
	if n := len(lines); after > 0 && r.y > 0 && n <= left && n+after > left {
		// The 落款 would stand alone on the next page (GB/T 9704 7.3.5:
		// no page without text before it): the paragraph's last two lines
		// go with it, or the whole of a short one.
		if n >= 4 {
			r.setLines(lines[:n-2], role, sizeBody, indent)
			r.newPage()
			r.setLines(lines[n-2:], role, sizeBody, false)
			return
		}
		r.newPage()
		left = r.linesLeft()
	}
	switch {
	case left <= 0:
		r.newPage()
	case left == 1 && len(lines) > 1 && r.y > 0:
		r.newPage() // no single first line at a page bottom
	case len(lines)-left == 1 && len(lines) >= 3:
		// One line would stand alone atop the next page: take two.
		r.setLines(lines[:left-1], role, sizeBody, indent)
		r.newPage()
		r.setLines(lines[left-1:], role, sizeBody, false)
		return
	}
	r.setLines(lines, role, sizeBody, indent)
}

// setLines writes lines on the grid, justified, breaking pages as needed.
func (r *renderer) setLines(lines []linebreak.Line, role fontset.Role, size float64, indent bool) {
	for i, l := range lines {
		if r.linesLeft() <= 0 {
			r.newPage()
		}
		x := r.left()
		width := blockW
		if i == 0 && indent {
			x += 2 * gridChar
			width -= 2 * gridChar
		}
		natural := r.width(l.Text, role, size)
		n := utf8.RuneCountInString(l.Text)
		tc := 0.0
		switch {
		case !l.Last && n > 1:
			tc = (width - natural) / float64(n-1)
		case n > 0:
			// The last line keeps the grid's spacing.
			tc = (l.Width - natural) / float64(n)
		}
		baseline := marginTop + r.y + pitch/2 + size*ptToMM*0.35
		r.drawRuns(x, baseline, l.Text, role, size, tc)
		r.y += pitch
	}
}

// closing says the next paragraph is the last before the 落款, which needs
// a blank line and two lines after it on the same page.
func (r *renderer) closing(last bool) {
	r.after = 0
	if last {
		r.after = 3
	}
}

// signature: the 落款 where doc.Signature.Place puts it (GB/T 9704
// 7.3.5.2), as the DOCX does, with the characters on the body's grid.
func (r *renderer) signature(s doc.Signature) {
	if r.linesLeft() < 3 {
		r.newPage()
	} else if r.y > 0 {
		r.y += pitch
	}
	ems := func(t string) float64 {
		w := 0.0
		for _, c := range t {
			w += linebreak.Ems(c)
		}
		return w
	}
	ox, dx := s.Place(charsPerLine, ems)
	line := func(at float64, text string) {
		if text == "" {
			return
		}
		tc := (ems(text)*gridChar - r.width(text, fontset.Body, sizeBody)) / float64(utf8.RuneCountInString(text))
		r.drawRuns(r.left()+at*gridChar, marginTop+r.y+pitch/2+sizeBody*ptToMM*0.35, text, fontset.Body, sizeBody, tc)
		r.y += pitch
	}
	line(ox, s.Org)
	line(dx, s.Date)
}

// property is text for a document property: one line under the shared
// policy, and BMP only, because fpdf writes properties as UCS-2 and would
// garble a four-byte character; the body sets such a character as
// Missing too when no font has it, so the mark is the same.
func property(s string) string { return textclean.BMP(textclean.CleanLine(s)) }
