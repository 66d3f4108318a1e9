// Package markdown renders a document as Markdown (CommonMark, also read
// by GitHub, pandoc and Typora).
//
// Tables are written as HTML <table> blocks inside the Markdown, not as
// pipe tables. The statutory tables have merged cells — 表三's top-left
// note spans 3 columns × 3 rows, 三、本年度办理结果 spans 22 rows, 表四's
// 行政诉讼 spans 10 columns — and Markdown pipe tables cannot express a
// merge: they would have to repeat or blank out labels, which changes the
// official form. An HTML table keeps rowspan/colspan, <thead> and <th
// scope>, is rendered by every Markdown viewer, survives pasting the
// rendered page into Word/WPS with its merges, and is converted by pandoc
// (to DOCX, HTML, PDF) and Typora with the structure intact.
//
// Running text is escaped so that a user's string cannot inject markup:
// Markdown punctuation (\ ` * _ [ ] < & | ~ $ ^ # { }) gets a backslash
// everywhere, and characters that would open a block at the start of a
// line (> - + = : and "1." / "1)") get one there; leading spaces, which
// would start a code block, are dropped. Text inside the HTML blocks is
// HTML-escaped, with the Markdown punctuation as numeric character
// references, so that it stays literal even for readers (pandoc) that parse
// Markdown inside HTML blocks. Control characters are dropped. A newline
// inside a text is a hard line break (a backslash at the end of the line),
// an empty line starts a new paragraph.
//
// The renderer derives no content: it prints only what the model holds.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
)

// Render writes d as Markdown.
func Render(out io.Writer, d *doc.Document) error {
	return RenderWith(out, d, Options{})
}

// Options of RenderWith.
type Options struct {
	// ChartFile names the picture of the n-th chart (from 0), which the
	// caller writes beside the Markdown file (chart.SVG): the chart is
	// then an image, its figures in a sentence as the alternative text,
	// above the table of its figures. nil or "": the table alone.
	ChartFile func(n int, c *doc.Chart) string
}

// RenderWith writes d as Markdown with o.
func RenderWith(out io.Writer, d *doc.Document, o Options) error {
	if d == nil {
		return errors.New("markdown: nil document")
	}
	w := &writer{first: true, o: o}
	if d.Meta.Draft {
		// The banner's first line in bold: the mark and the start of the note.
		lines := textLines(d.Meta.DraftBanner())
		if len(lines) > 0 {
			text, hard := strings.CutSuffix(lines[0], `\`)
			lines[0] = "**" + text + "**"
			if hard {
				lines[0] += `\`
			}
		}
		w.block(quote(lines)...)
	}
	if title := inline(oneLine(d.Title)); title != "" {
		w.block("# " + title)
	}
	if err := doc.Walk(d.Blocks, w); err != nil {
		return fmt.Errorf("markdown: %w", err)
	}
	_, err := out.Write(w.b.Bytes())
	return err
}

// writer writes the blocks as a doc.Visitor.
type writer struct {
	b     bytes.Buffer
	first bool
	// prevList is the kind of the list just written, when the block
	// before is a list: two adjacent lists of one kind would merge.
	prevList *bool
	tables   int
	charts   int
	o        Options
}

// block writes one Markdown block, separated from the previous by a
// blank line.
func (w *writer) block(lines ...string) {
	if !w.first {
		w.b.WriteByte('\n')
	}
	w.first = false
	for _, l := range lines {
		w.b.WriteString(l)
		w.b.WriteByte('\n')
	}
}

func (w *writer) Heading(h doc.Heading) error {
	w.prevList = nil
	level := min(max(h.Level, 1), 5) + 1
	w.block(strings.TrimRight(strings.Repeat("#", level)+" "+inline(oneLine(h.Text)), " "))
	return nil
}

func (w *writer) Paragraph(p doc.Paragraph) error {
	w.prevList = nil
	if lines := textLines(p.Text); len(lines) > 0 {
		w.block(lines...)
	}
	return nil
}

func (w *writer) List(l doc.List) error {
	if len(l.Items) == 0 {
		return nil // nothing written: the block before stays the previous
	}
	if w.prevList != nil && *w.prevList == l.Ordered {
		// two adjacent lists of one kind would merge into one
		w.block("<!-- -->")
	}
	w.block(list(l)...)
	w.prevList = &l.Ordered
	return nil
}

func (w *writer) Note(n doc.Note) error {
	w.prevList = nil
	if lines := textLines(n.Text); len(lines) > 0 {
		w.block(quote(lines)...)
	}
	return nil
}

// Chart writes the figures as a table under the chart's title, after
// the chart as an image when the caller writes its picture beside the
// file (RenderWith's ChartFile): a Markdown stream cannot hold the
// picture itself, as an inline SVG or a data: image is stripped by the
// sites that show Markdown.
func (w *writer) Chart(c *doc.Chart) error {
	if c == nil {
		return nil
	}
	n := w.charts
	w.charts++
	if w.o.ChartFile != nil {
		if name := w.o.ChartFile(n, c); name != "" {
			w.prevList = nil
			w.block("![" + inline(oneLine(c.Summary())) + "](<" + strings.NewReplacer("<", "%3C", ">", "%3E", "\n", "").Replace(name) + ">)")
		}
	}
	return w.Table(c.Table())
}

func (w *writer) Table(t *doc.Table) error {
	if t == nil {
		return nil // nothing written: the block before stays the previous
	}
	w.prevList = nil
	w.tables++
	w.block(table(t, w.tables)...)
	return nil
}

func (w *writer) Signature(s doc.Signature) error {
	w.prevList = nil
	var parts []string
	for _, p := range []string{htmlText(s.Org), htmlText(s.Date)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	w.block(`<p align="right">` + strings.Join(parts, "<br>") + "</p>")
	return nil
}

func (w *writer) PageBreak(doc.PageBreak) error {
	w.prevList = nil
	w.block(`<div style="page-break-after: always"></div>`)
	return nil
}

func quote(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if l == "" {
			out[i] = ">"
		} else {
			out[i] = "> " + l
		}
	}
	return out
}

// list writes l as a Markdown list. The markers are Markdown's list
// syntax, not wording: a viewer draws its own bullets and numbers from
// them, as a browser does from HTML's <ol> and <ul>.
func list(l doc.List) []string {
	var out []string
	for i, item := range l.Items {
		marker := "-"
		if l.Ordered {
			marker = strconv.Itoa(i+1) + "."
		}
		lines := textLines(item)
		if len(lines) == 0 {
			out = append(out, marker)
			continue
		}
		pad := strings.Repeat(" ", len(marker)+1)
		for j, line := range lines {
			switch {
			case j == 0:
				line = marker + " " + line
			case line != "":
				line = pad + line
			}
			out = append(out, line)
		}
	}
	return out
}

// table writes t as an HTML table block. It holds no blank line, which
// would end the block. The structure is the HTML page's (see
// htmlpage.table): a caption with the table's name, <thead> for the heads
// of a table of one section, and for a table of several sections (表二)
// one <tbody> per section with headers= on every data cell, so that
// block （一）'s column heads do not describe the later blocks. Cell ids
// of the n-th table start tn-. Markdown viewers have no style sheet, so
// the caption is visible.
func table(t *doc.Table, n int) []string {
	out := []string{"<table>"}
	if name := t.Name(); name != "" {
		out = append(out, "<caption>"+htmlText(name)+"</caption>")
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
				out = append(out, "<tbody>")
			case !multi && i == sec.Start && sec.Body > sec.Start:
				out = append(out, "<thead>")
			case !multi && i == sec.Body:
				out = append(out, "<tbody>")
			}
			var b strings.Builder
			b.WriteString("<tr>")
			for _, c := range t.Rows[i].Cells {
				tag := "td"
				if c.Header {
					tag = "th"
				}
				b.WriteString("<" + tag)
				if multi && c.Header {
					b.WriteString(` id="` + id(idx) + `"`)
				}
				if c.ColSpan > 1 {
					b.WriteString(` colspan="` + strconv.Itoa(c.ColSpan) + `"`)
				}
				if c.RowSpan > 1 {
					b.WriteString(` rowspan="` + strconv.Itoa(c.RowSpan) + `"`)
				}
				if s := c.ValidScope(); c.Header && s != "" {
					b.WriteString(` scope="` + s + `"`)
				}
				if multi && len(headers[idx]) > 0 {
					ids := make([]string, len(headers[idx]))
					for k, h := range headers[idx] {
						ids[k] = id(h)
					}
					b.WriteString(` headers="` + strings.Join(ids, " ") + `"`)
				}
				// align, not style or class: GitHub keeps it and Word/WPS
				// honour it on paste.
				switch c.Align {
				case doc.AlignLeft:
					b.WriteString(` align="left"`)
				case doc.AlignCenter:
					b.WriteString(` align="center"`)
				case doc.AlignRight:
					b.WriteString(` align="right"`)
				}
				b.WriteString(">" + htmlText(c.Text) + "</" + tag + ">")
				idx++
			}
			b.WriteString("</tr>")
			out = append(out, b.String())
			if !multi && i == sec.Body-1 {
				out = append(out, "</thead>")
			}
		}
		if multi || sec.End > sec.Body {
			out = append(out, "</tbody>")
		}
	}
	return append(out, "</table>")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(doc.Clean(s)), " ")
}

// htmlEscaper escapes text for an HTML block: the HTML specials as entities
// and the Markdown punctuation as numeric references, in one pass.
var htmlEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;",
	`\`, "&#92;", "`", "&#96;", "*", "&#42;", "_", "&#95;", "[", "&#91;", "]", "&#93;",
	"|", "&#124;", "~", "&#126;", "$", "&#36;", "^", "&#94;", "#", "&#35;",
	"{", "&#123;", "}", "&#125;",
	"\n", "<br>",
)

func htmlText(s string) string {
	return htmlEscaper.Replace(strings.TrimRight(doc.Clean(s), "\n "))
}

// inlineEscaper puts a backslash before the Markdown punctuation that can
// start inline markup anywhere in a line.
var inlineEscaper = func() *strings.Replacer {
	var pairs []string
	for _, c := range "\\`*_[]<&|~$^#{}" {
		pairs = append(pairs, string(c), `\`+string(c))
	}
	return strings.NewReplacer(pairs...)
}()

func inline(s string) string { return inlineEscaper.Replace(s) }

// line escapes one line of running text: inline punctuation, and what
// would start a block at the beginning of the line.
func line(s string) string {
	s = inline(strings.Trim(s, " "))
	if s == "" {
		return s
	}
	if strings.ContainsRune(">-+=:", rune(s[0])) {
		return `\` + s
	}
	n := 0
	for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') {
		return s[:n] + `\` + s[n:]
	}
	return s
}

// textLines renders running text as Markdown lines: lines of a paragraph
// joined by hard breaks, paragraphs separated by one empty line. It
// returns nil for blank text.
func textLines(s string) []string {
	var paras [][]string
	var cur []string
	for _, l := range strings.Split(doc.Clean(s), "\n") {
		if l = line(l); l == "" {
			if cur != nil {
				paras = append(paras, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		paras = append(paras, cur)
	}
	var out []string
	for i, p := range paras {
		if i > 0 {
			out = append(out, "")
		}
		for j, l := range p {
			if j < len(p)-1 {
				l += `\`
			}
			out = append(out, l)
		}
	}
	return out
}
