package pdf

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/fontset"
)

// blockWriter sets the blocks on the page as a doc.Visitor; at is the
// index of the block being set, for a heading, which looks at the blocks
// after it.
type blockWriter struct {
	r  *renderer
	at int
}

func (w *blockWriter) Heading(h doc.Heading) error {
	w.r.heading(h, w.at)
	return nil
}

func (w *blockWriter) Paragraph(p doc.Paragraph) error {
	w.r.closing(w.signs())
	w.r.paragraph(p.Text, fontset.Body, p.Indent)
	return nil
}

// List sets each item as an indented paragraph after the model's label.
func (w *blockWriter) List(l doc.List) error {
	for n, it := range l.Items {
		if n == len(l.Items)-1 {
			w.r.closing(w.signs())
		}
		w.r.paragraph(l.Label(n)+it, fontset.Body, true)
	}
	return nil
}

func (w *blockWriter) Note(n doc.Note) error {
	w.r.closing(w.signs())
	w.r.paragraph(n.Text, fontset.Heading2, true)
	return nil
}

// signs says the block being set is the last text before the 落款.
func (w *blockWriter) signs() bool {
	if w.at+1 >= len(w.r.d.Blocks) {
		return false
	}
	_, ok := w.r.d.Blocks[w.at+1].(doc.Signature)
	return ok
}

func (w *blockWriter) Table(t *doc.Table) error {
	if t != nil {
		w.r.table(t)
	}
	return nil
}

func (w *blockWriter) Chart(c *doc.Chart) error {
	if c != nil {
		w.r.chart(c)
	}
	return nil
}

func (w *blockWriter) Signature(s doc.Signature) error {
	w.r.signature(s)
	return nil
}

func (w *blockWriter) PageBreak(doc.PageBreak) error {
	w.r.newPage()
	return nil
}

// keeper is renderer.keep for one block: lines is how many of its lines
// (and, for a heading or an empty block, of those after it) must go with a
// heading before it.
type keeper struct {
	r     *renderer
	at    int
	lines int
}

// text keeps two lines of a text block, all of a shorter one and three of
// a three-line one; an empty block passes on to the next.
func (k *keeper) text(s string, role fontset.Role, indent bool) error {
	if strings.TrimSpace(s) == "" {
		k.lines = k.r.keep(k.at + 1)
		return nil
	}
	n := len(k.r.lines(s, role, indent))
	if n == 3 {
		k.lines = 3
	} else {
		k.lines = min(n, 2)
	}
	return nil
}

func (k *keeper) Heading(h doc.Heading) error {
	k.lines = len(k.r.lines(h.Text, headingRole(h.Level), true)) + k.r.keep(k.at+1)
	return nil
}

func (k *keeper) Paragraph(p doc.Paragraph) error {
	return k.text(p.Text, fontset.Body, p.Indent)
}

func (k *keeper) Note(n doc.Note) error {
	return k.text(n.Text, fontset.Heading2, true)
}

func (k *keeper) List(l doc.List) error {
	if len(l.Items) == 0 {
		k.lines = k.r.keep(k.at + 1)
		return nil
	}
	return k.text(l.Label(0)+l.Items[0], fontset.Body, true)
}

func (k *keeper) Table(*doc.Table) error {
	k.lines = 4 // a caption or header row and a row of figures
	return nil
}

// Chart: a chart is drawn whole, so a heading before it goes with all
// of it, which the chart's own page turn then takes along.
func (k *keeper) Chart(c *doc.Chart) error {
	k.lines = 0
	if c != nil {
		k.lines = int(k.r.chartLayout(c).H/pitch) + 1
	}
	return nil
}

func (k *keeper) Signature(doc.Signature) error {
	k.lines = 3 // an empty line, the name and the date
	return nil
}

func (k *keeper) PageBreak(doc.PageBreak) error {
	k.lines = 0 // what follows starts a new page anyway
	return nil
}

// glyphBlocks hands CheckGlyphs the text of each block as the PDF sets it,
// in the role it is set in, with where it is for the message.
type glyphBlocks struct {
	check   func(role fontset.Role, text, place string)
	section string // the level-1 heading the block is under
	para    int    // paragraphs so far under it
}

func (g *glyphBlocks) Heading(h doc.Heading) error {
	g.check(headingRole(h.Level), h.Text, "标题“"+clip(h.Text)+"”")
	if h.Level == 1 {
		g.section, g.para = clip(h.Text), 0
	}
	return nil
}

func (g *glyphBlocks) Paragraph(p doc.Paragraph) error {
	g.para++
	g.check(fontset.Body, p.Text, fmt.Sprintf("%s 第 %d 段", g.section, g.para))
	return nil
}

func (g *glyphBlocks) List(l doc.List) error {
	for n, it := range l.Items {
		g.para++
		g.check(fontset.Body, l.Label(n)+it, fmt.Sprintf("%s 第 %d 段", g.section, g.para))
	}
	return nil
}

func (g *glyphBlocks) Note(n doc.Note) error {
	g.check(fontset.Heading2, n.Text, g.section+" 说明")
	return nil
}

func (g *glyphBlocks) Table(t *doc.Table) error {
	if t == nil {
		return nil
	}
	for _, row := range t.Rows {
		for _, c := range row.Cells {
			g.check(fontset.Table, c.Text, t.ID+"“"+clip(c.Text)+"”")
		}
	}
	return nil
}

func (g *glyphBlocks) Chart(c *doc.Chart) error {
	if c == nil {
		return nil
	}
	place := "图表“" + clip(c.Title) + "”"
	g.check(chartTitleRole, c.Caption(), place)
	var b strings.Builder
	for _, cat := range c.Categories {
		b.WriteString(cat)
	}
	for s, se := range c.Series {
		b.WriteString(se.Name)
		for i := range c.Categories {
			b.WriteString(doc.Figure(c.Value(s, i)))
		}
	}
	g.check(fontset.Table, b.String(), place)
	return nil
}

func (g *glyphBlocks) Signature(s doc.Signature) error {
	g.check(fontset.Body, s.Org+s.Date, "落款")
	return nil
}

// PageBreak sets no text.
func (g *glyphBlocks) PageBreak(doc.PageBreak) error { return nil }
