// Package htmlpage renders a document as one self-contained HTML5 page for
// the 政府信息公开工作年度报告 column of a website: no scripts, no external
// style sheets, fonts or images, so that the file can be uploaded as is.
//
// The inline style sheet has two parts. On screen the report is a white
// sheet of readable width on a grey background, with wide tables (表三,
// 表四) scrolling sideways on small screens. In print it follows the
// GB/T 9704 page: A4 with the official margins (37 mm top, 28 mm left),
// 仿宋 body text at 16 pt (三号), headings in 黑体 (level 1) and 楷体
// (level 2), tables with thin black borders whose header rows repeat on
// every page (thead display: table-header-group) and whose rows are not
// split across pages; 表二's four blocks each stay whole on a page. A draft carries a visible banner and a grey
// watermark “草稿” that is repeated on every printed page.
//
// Every string from the model is escaped with html.EscapeString after
// control characters other than newline and tab (invalid in HTML) have been
// removed; a newline in running text becomes <br>. The renderer derives no
// content: it prints only what the model holds.
package htmlpage

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/chart"
)

// Render writes d as an HTML5 page.
func Render(w io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("htmlpage: nil document")
	}
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n", attr(d.Title))
	if d.Meta.Org != "" {
		fmt.Fprintf(&b, "<meta name=\"author\" content=\"%s\">\n", attr(d.Meta.Org))
	}
	if d.Meta.ISODate != "" {
		fmt.Fprintf(&b, "<meta name=\"dcterms.created\" content=\"%s\">\n", attr(d.Meta.ISODate))
	}
	b.WriteString("<style>\n")
	b.WriteString(css)
	b.WriteString("</style>\n</head>\n")
	if d.Meta.Draft {
		// The watermark's word comes from the model too (CSS attr()).
		fmt.Fprintf(&b, "<body class=\"draft\" data-mark=\"%s\">\n", attr(doc.DraftMark))
		fmt.Fprintf(&b, "<p class=\"draft-banner\">%s</p>\n", text(d.Meta.DraftBanner()))
	} else {
		b.WriteString("<body>\n")
	}
	b.WriteString("<main>\n<article>\n")
	if d.Title != "" {
		// The printed draft's lines: a browser left alone leaves 告 on a
		// line of its own.
		var lines []string
		for _, l := range d.TitleLines() {
			lines = append(lines, text(l))
		}
		fmt.Fprintf(&b, "<header>\n<h1>%s</h1>\n</header>\n", strings.Join(lines, "<br>"))
	}
	if err := doc.Walk(d.Blocks, &writer{b: &b}); err != nil {
		return fmt.Errorf("htmlpage: %w", err)
	}
	b.WriteString("</article>\n</main>\n</body>\n</html>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writer writes the blocks as a doc.Visitor.
type writer struct {
	b      *bytes.Buffer
	tables int
	charts int
}

func (w *writer) Heading(h doc.Heading) error {
	level := min(max(h.Level, 1), 5) + 1
	fmt.Fprintf(w.b, "<h%d>%s</h%d>\n", level, text(h.Text), level)
	return nil
}

func (w *writer) Paragraph(p doc.Paragraph) error {
	if p.Indent {
		fmt.Fprintf(w.b, "<p class=\"indent\">%s</p>\n", text(p.Text))
	} else {
		fmt.Fprintf(w.b, "<p>%s</p>\n", text(p.Text))
	}
	return nil
}

// List leaves the labels to the browser's <ol> and <ul>, which number
// and mark the items themselves.
func (w *writer) List(l doc.List) error {
	if len(l.Items) == 0 {
		return nil
	}
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	fmt.Fprintf(w.b, "<%s>\n", tag)
	for _, item := range l.Items {
		fmt.Fprintf(w.b, "<li>%s</li>\n", text(item))
	}
	fmt.Fprintf(w.b, "</%s>\n", tag)
	return nil
}

func (w *writer) Table(t *doc.Table) error {
	if t != nil {
		w.tables++
		table(w.b, t, w.tables)
	}
	return nil
}

// Chart is an inline SVG (report/render/chart) with its <title> and
// <desc>, scaling to the column on a phone, and the figures as a table
// for screen readers. Its styles are inline, so that a report without
// charts keeps its page as it was.
func (w *writer) Chart(c *doc.Chart) error {
	if c == nil {
		return nil
	}
	w.charts++
	w.b.WriteString("<figure class=\"chart\" style=\"margin: 1em 0; text-align: center;\">\n")
	w.b.Write(chart.SVG(c, chart.Options{ID: "chart" + strconv.Itoa(w.charts), Fluid: true}))
	w.b.WriteString("<div class=\"sr-only\">\n")
	w.tables++
	table(w.b, c.Table(), w.tables)
	w.b.WriteString("</div>\n</figure>\n")
	return nil
}

func (w *writer) Signature(s doc.Signature) error {
	fmt.Fprintf(w.b, "<p class=\"signature\">%s</p>\n", joinBr(text(s.Org), text(s.Date)))
	return nil
}

func (w *writer) PageBreak(doc.PageBreak) error {
	w.b.WriteString("<div class=\"page-break\"></div>\n")
	return nil
}

func (w *writer) Note(n doc.Note) error {
	fmt.Fprintf(w.b, "<aside class=\"note\"><p>%s</p></aside>\n", text(n.Text))
	return nil
}

// table writes t with its merges. The n-th table of the page prefixes its
// cell ids with tn-.
//
// Every table has a <caption>: the printed caption, or else the table's
// title for screen readers only (the statutory tables have no official
// caption, and the heading above already shows it). A table of one
// section puts its heads in <thead>, which repeats on every printed page.
// A table of several sections (表二's four 第二十条 blocks, each with its
// own caption row and column heads) has no <thead>, which would repeat
// block （一）'s heads over the others; each section is a <tbody> that
// does not break across a page, and because scope= would let the column
// heads of block （一） describe the figures of the later blocks, every
// data cell names its own heads with headers=.
func table(b *bytes.Buffer, t *doc.Table, n int) {
	b.WriteString("<div class=\"table-wrap\">\n")
	if len(t.Widths) > wideColumns {
		b.WriteString("<table class=\"wide\">\n")
	} else {
		b.WriteString("<table>\n")
	}
	switch {
	case t.Caption != "":
		fmt.Fprintf(b, "<caption>%s</caption>\n", text(t.Caption))
	case t.Title != "":
		fmt.Fprintf(b, "<caption class=\"sr-only\">%s</caption>\n", text(t.Title))
	}
	if cols := colWidths(t.Widths); cols != nil {
		b.WriteString("<colgroup>")
		for _, c := range cols {
			fmt.Fprintf(b, "<col style=\"width: %s%%\">", c)
		}
		b.WriteString("</colgroup>\n")
	}
	secs := t.Sections()
	multi := len(secs) > 1
	var headers [][]int
	if multi {
		headers = t.CellHeaders()
	}
	id := func(i int) string { return "t" + strconv.Itoa(n) + "-" + strconv.Itoa(i) }
	idx := 0 // placed index of the next cell, as doc.Table.Grid counts
	for _, sec := range secs {
		for i := sec.Start; i < sec.End; i++ {
			switch {
			case multi && i == sec.Start:
				b.WriteString("<tbody class=\"section\">\n")
			case !multi && i == sec.Start && sec.Body > sec.Start:
				b.WriteString("<thead>\n")
			case !multi && i == sec.Body:
				b.WriteString("<tbody>\n")
			}
			b.WriteString("<tr>")
			for _, c := range t.Rows[i].Cells {
				tag := "td"
				if c.Header {
					tag = "th"
				}
				b.WriteString("<" + tag)
				if multi && c.Header {
					b.WriteString(" id=\"" + id(idx) + "\"")
				}
				if c.ColSpan > 1 {
					b.WriteString(" colspan=\"" + strconv.Itoa(c.ColSpan) + "\"")
				}
				if c.RowSpan > 1 {
					b.WriteString(" rowspan=\"" + strconv.Itoa(c.RowSpan) + "\"")
				}
				if c.Header {
					if s := c.ValidScope(); s != "" {
						b.WriteString(" scope=\"" + s + "\"")
					}
				}
				if multi && len(headers[idx]) > 0 {
					ids := make([]string, len(headers[idx]))
					for k, h := range headers[idx] {
						ids[k] = id(h)
					}
					b.WriteString(" headers=\"" + strings.Join(ids, " ") + "\"")
				}
				switch c.Align {
				case doc.AlignLeft:
					b.WriteString(" class=\"left\"")
				case doc.AlignRight:
					b.WriteString(" class=\"right\"")
				}
				b.WriteString(">" + text(c.Text) + "</" + tag + ">")
				idx++
			}
			b.WriteString("</tr>\n")
			if !multi && i == sec.Body-1 {
				b.WriteString("</thead>\n")
			}
		}
		if multi || sec.End > sec.Body {
			b.WriteString("</tbody>\n")
		}
	}
	b.WriteString("</table>\n</div>\n")
}

// colWidths turns the relative column widths into percentages with two
// decimals, or nil when they are missing or invalid.
func colWidths(ws []float64) []string {
	total := 0.0
	for _, w := range ws {
		if !(w > 0) || math.IsInf(w, 0) {
			return nil
		}
		total += w
	}
	if len(ws) == 0 || math.IsInf(total, 0) {
		return nil
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strconv.FormatFloat(100*w/total, 'f', 2, 64)
	}
	return out
}

// wideColumns is the most grid columns a table may have and still shrink
// to a phone's width; wider tables (表三, 表四) keep a minimum width and
// scroll sideways instead.
const wideColumns = 6

// joinBr joins the non-empty parts with <br>.
func joinBr(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "<br>")
}

// text is escaped running text; newlines become <br>.
func text(s string) string {
	return strings.ReplaceAll(html.EscapeString(doc.Clean(s)), "\n", "<br>")
}

// attr is an escaped attribute value on one line.
func attr(s string) string {
	return html.EscapeString(strings.Join(strings.Fields(doc.Clean(s)), " "))
}

const css = `:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; padding: 1rem; background: #eee; color: #000;
  font-family: "FangSong", "仿宋", "STFangsong", serif;
  font-size: 1.125rem; line-height: 1.8;
}
main { max-width: 52rem; margin: 0 auto; }
article { background: #fff; padding: 2.5rem 3rem; box-shadow: 0 0 .4rem rgba(0, 0, 0, .2); }
h1 {
  text-align: center; font-size: 1.375em; line-height: 1.5; margin: 0 0 1.5em;
  font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", serif;
}
h2, h3, h4, h5, h6 { font-size: 1em; margin: 1em 0 .25em; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-weight: normal; }
h3 { font-family: "KaiTi", "楷体", "STKaiti", serif; font-weight: normal; }
h4 { font-weight: bold; }
h5, h6 { font-weight: normal; }
p, ol, ul { margin: 0 0 .5em; }
p.indent { text-indent: 2em; }
ol, ul { padding-left: 2em; }
.table-wrap { overflow-x: auto; margin: 1em 0; }
table { border-collapse: collapse; width: 100%; font-size: .875em; line-height: 1.4; }
table.wide { min-width: 44rem; }
caption { padding: .25em; font-weight: bold; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
tbody.section { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: .3em .4em; text-align: center; vertical-align: middle; font-weight: normal; }
th.left, td.left { text-align: left; }
th.right, td.right { text-align: right; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
.signature { text-align: right; margin-top: 2em; }
.page-break { break-after: page; page-break-after: always; height: 0; }
.note { margin: 1em 0; padding: .5em 1em; border-left: .25em solid #999; background: #f6f6f6; font-size: .9em; }
.note p { margin: 0; }
.draft-banner {
  max-width: 52rem; margin: 0 auto 1rem; padding: .5em 1em; box-sizing: border-box;
  border: 1px solid #c00; background: #fff4f4; color: #c00; text-align: center;
  font-family: "SimHei", "黑体", sans-serif;
}
body.draft::before {
  content: attr(data-mark); position: fixed; top: 50%; left: 50%; z-index: 1;
  transform: translate(-50%, -50%) rotate(-30deg);
  font-family: "SimHei", "黑体", sans-serif; font-size: 8rem; white-space: nowrap;
  color: rgba(0, 0, 0, .08); pointer-events: none;
}
@media screen and (max-width: 40rem) {
  body { padding: 0; }
  article { padding: 1.25rem 1rem; }
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body { background: none; padding: 0; font-size: 16pt; line-height: 28pt; }
  main { max-width: none; }
  article { padding: 0; box-shadow: none; background: none; }
  h1 { font-size: 22pt; line-height: 1.4; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  p { orphans: 2; widows: 2; }
  .table-wrap { overflow: visible; }
  table, table.wide { min-width: 0; font-size: 10.5pt; line-height: 1.3; }
  .note { background: none; }
  .draft-banner { max-width: none; background: none; }
  body.draft::before { font-size: 120pt; color: rgba(0, 0, 0, .12); }
}
`
