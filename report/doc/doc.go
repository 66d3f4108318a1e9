// Package doc holds the document model of the annual report. Templates are
// composed into one Document; every renderer (Markdown, text, HTML, PDF,
// DOCX) consumes only this model and derives no content of its own: the
// wording they print besides the text of the blocks (list labels, the
// note label, the draft banner and mark) is defined here. Renderers visit
// the blocks through Visitor, which names every kind of block.
package doc

import (
	"strconv"
	"strings"
)

// Document is one report.
type Document struct {
	Title  string
	Meta   Meta
	Blocks []Block
}

// Meta is what renderers need besides the blocks: metadata fields,
// watermarks, fixed dates for deterministic output.
type Meta struct {
	Org     string // 机关名称: author
	Year    int    // 报告年度
	Date    string // 成文日期 as printed, e.g. 2023年1月15日
	ISODate string // the same as 2023-01-15, for metadata
	Subject string // e.g. 政府信息公开工作年度报告
	Draft   bool   // 草稿: every output is marked
	// DraftNote is the check summary printed on a draft.
	DraftNote string
}

// DraftMark is the word that marks a draft, as the PDF, DOCX and HTML
// watermarks print it.
const DraftMark = "草稿"

// DraftBanner is the one wording of the notice a draft opens with, for
// every renderer (none words its own): 【草稿】<DraftNote>, or 草稿 alone.
// A note that already starts with the mark (【草稿】…, 草稿，…) does not
// repeat it, and a note that says 草稿 elsewhere stands as it is. "" for a
// formal report.
func (m Meta) DraftBanner() string {
	if !m.Draft {
		return ""
	}
	note := strings.TrimSpace(m.DraftNote)
	for {
		rest := strings.TrimPrefix(note, "【"+DraftMark+"】")
		rest = strings.TrimPrefix(rest, "（"+DraftMark+"）")
		rest = strings.TrimPrefix(rest, DraftMark)
		rest = strings.TrimLeft(rest, " \t：:，,。.、·")
		if rest == note {
			break
		}
		note = rest
	}
	switch {
	case note == "":
		return DraftMark
	case strings.Contains(note, DraftMark):
		return note
	}
	return "【" + DraftMark + "】" + note
}

// Marked is a document property (title, subject, file name) as a draft
// has it: s（草稿）; s itself for a formal report.
func (m Meta) Marked(s string) string {
	if !m.Draft || s == "" {
		return s
	}
	return s + "（" + DraftMark + "）"
}

// Block is a part of the body. The set of kinds is closed (block is
// unexported); Accept hands a block to the Visitor method of its kind.
type Block interface {
	block()
	Accept(Visitor) error
}

// Heading is a numbered heading; Text includes the number ("一、总体情况").
// Levels: 1 一、 2 （一） 3 1. 4 （1）.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is body text; Indent is the GB/T 9704 two-character first-line
// indent, off for lines such as a centred caption.
type Paragraph struct {
	Text   string
	Indent bool
	// Own are the parts of Text the office wrote (its narrative, its
	// ledger entries), the rest being the template's; renderers ignore it,
	// R18 tells copying from repeated boilerplate by it.
	Own []Span
}

// Span is the byte range [Start, End) of a block's text.
type Span struct{ Start, End int }

// List is a list of short items; Ordered items are numbered. The labels
// are the model's (Label, PlainLabel): renderers print them, or leave the
// numbering to the format's own list markup (HTML <ol>, Markdown "1."),
// and never word their own.
type List struct {
	Ordered bool
	Items   []string
	// Own are the parts of each item the office wrote (see Paragraph.Own):
	// nil, or one entry per item.
	Own [][]Span
}

// Label is what item i (from 0) is printed after in the paged outputs
// (PDF, DOCX): 1． 2． … for an ordered list, with the full-width point of
// the 公文's Arabic numbering; "" for an unordered list, whose items a
// 公文 sets as plain indented lines.
func (l List) Label(i int) string {
	if !l.Ordered {
		return ""
	}
	return strconv.Itoa(i+1) + "．"
}

// PlainLabel is the label of item i in plain text, which has no indent
// or style to tell an item from a paragraph, so an unordered item is
// marked too: 1. 2. … or ·. The renderer puts the space after it.
func (l List) PlainLabel(i int) string {
	if !l.Ordered {
		return "·"
	}
	return strconv.Itoa(i+1) + "."
}

// Table is a table with merged cells. Each row lists the cells that start
// in it (as in HTML); spans cover the grid positions below and to the right.
type Table struct {
	ID      string // 表二, 表三, 表四, or "" for other tables
	Caption string // optional caption printed above
	// Title names the table for assistive technology (the HTML
	// <caption>) without printing it: the statutory tables have no
	// official caption, and the heading above them already says what
	// they are. Caption, when set, wins.
	Title string
	// Widths are relative column widths of the grid (len = grid columns).
	Widths []float64
	Rows   []Row
}

// Row is one table row. A run of header rows opens a section of the table
// (see Sections): the first run is the table's heads; a later run starts a
// block with its own caption row and column heads, as 表二's four
// 第二十条 items do. A paged renderer keeps a section's heads with its
// first body row and repeats them when the section crosses a page.
type Row struct {
	Header bool
	Cells  []Cell
}

// Align of a cell's text.
type Align int

const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Cell is one (possibly merged) cell.
type Cell struct {
	Text    string
	ColSpan int // ≥ 1
	RowSpan int // ≥ 1
	Header  bool
	Align   Align
	// Scope is the HTML th scope: "col", "row", "colgroup", "rowgroup" or "".
	Scope string
}

// Signature is the 落款: the body's name and the date, right-aligned.
type Signature struct {
	Org  string
	Date string
}

// Place is where the 落款 of a document without a seal goes (GB/T 9704
// 7.3.5.2): the body's name 右空二字; the date on the next line, its first
// character two characters right of the name's first; when the date is
// the longer, the date 右空二字 and the name moves left to keep the
// two-character step. "Longer" is read as: the date, shifted two
// characters, would reach further right than the name (its width more
// than the name's less two), so that the date never comes nearer the
// margin than 二字 — a date 0–2 characters from the margin is not what
// 右空 means, and readers that add space around digits (LibreOffice) push
// it into the margin. org and date are the lines' left edges in
// characters (字) from the left of a line of line characters; widths
// measures a text in characters. Paged renderers all place the signature
// with it, so that the PDF and the DOCX put it in the same place.
func (s Signature) Place(line float64, width func(string) float64) (org, date float64) {
	ow, dw := width(s.Org), width(s.Date)
	if s.Org == "" || s.Date == "" || dw <= ow-2 {
		org = line - 2 - ow
		date = org + 2
		if s.Org == "" {
			date = line - 2 - dw
		}
	} else {
		date = line - 2 - dw
		org = date - 2
	}
	return max(org, 0), max(date, 0)
}

// PageBreak starts a new page in paged outputs.
type PageBreak struct{}

// Note is a remark set apart from the body (e.g. a sample or draft notice).
type Note struct{ Text string }

// NoteLabel opens a Note in a format that cannot set it apart by style
// (plain text). Formats that can (a font, a frame, a quote) print no
// label.
const NoteLabel = "【注】"

func (Heading) block()   {}
func (Paragraph) block() {}
func (List) block()      {}
func (*Table) block()    {}
func (Signature) block() {}
func (PageBreak) block() {}
func (Note) block()      {}

// Placed is a cell with its grid position.
type Placed struct {
	Cell
	Row, Col int
}

// Grid places every cell of t on the grid: the positions a span covers are
// marked, so that renderers that need coordinates (DOCX vMerge, PDF, text)
// share one computation. covered[r][c] is the index into placed of the cell
// covering (r, c), or -1.
func (t *Table) Grid() (placed []Placed, covered [][]int, cols int) {
	cols = len(t.Widths)
	covered = make([][]int, len(t.Rows))
	for r := range covered {
		covered[r] = make([]int, cols)
		for c := range covered[r] {
			covered[r][c] = -1
		}
	}
	for r, row := range t.Rows {
		c := 0
		for _, cell := range row.Cells {
			for c < cols && covered[r][c] >= 0 {
				c++
			}
			if cell.ColSpan < 1 {
				cell.ColSpan = 1
			}
			if cell.RowSpan < 1 {
				cell.RowSpan = 1
			}
			idx := len(placed)
			placed = append(placed, Placed{Cell: cell, Row: r, Col: c})
			for dr := 0; dr < cell.RowSpan && r+dr < len(t.Rows); dr++ {
				for dc := 0; dc < cell.ColSpan && c+dc < cols; dc++ {
					covered[r+dr][c+dc] = idx
				}
			}
			c += cell.ColSpan
		}
	}
	return placed, covered, cols
}

// Section is a run of rows: heads in [Start, Body), body in [Body, End).
type Section struct{ Start, Body, End int }

// Heads is the number of head rows.
func (s Section) Heads() int { return s.Body - s.Start }

// Sections splits the rows into sections, each opened by a run of header
// rows. Rows before the first header row form a section without heads.
func (t *Table) Sections() []Section {
	var out []Section
	for r := 0; r < len(t.Rows); {
		s := Section{Start: r}
		for r < len(t.Rows) && t.Rows[r].Header {
			r++
		}
		s.Body = r
		for r < len(t.Rows) && !t.Rows[r].Header {
			r++
		}
		s.End = r
		out = append(out, s)
	}
	return out
}

// Name is what the table is called: its caption, else its title.
func (t *Table) Name() string {
	if t.Caption != "" {
		return t.Caption
	}
	return t.Title
}

// HeaderRows counts the leading header rows.
func (t *Table) HeaderRows() int {
	n := 0
	for _, r := range t.Rows {
		if !r.Header {
			break
		}
		n++
	}
	return n
}

// CellHeaders lists, for every placed cell of Grid that is not a header,
// the placed header cells that describe it: the heads of its own section
// over its columns and the row heads to its left in its rows. HTML writes
// them as headers= when a table has several sections, because the table
// algorithm of scope= would let the column heads of 表二's first block
// describe the figures of the blocks below, whose columns differ.
func (t *Table) CellHeaders() [][]int {
	placed, _, _ := t.Grid()
	sectionOf := make([]int, len(t.Rows))
	secs := t.Sections()
	for i, s := range secs {
		for r := s.Start; r < s.End; r++ {
			sectionOf[r] = i
		}
	}
	overlap := func(a0, a1, b0, b1 int) bool { return a0 < b1 && b0 < a1 }
	out := make([][]int, len(placed))
	for i, p := range placed {
		if p.Header {
			continue
		}
		s := secs[sectionOf[p.Row]]
		pc1, pr1 := p.Col+max(p.ColSpan, 1), p.Row+max(p.RowSpan, 1)
		for j, h := range placed {
			if !h.Header {
				continue
			}
			hc1, hr1 := h.Col+max(h.ColSpan, 1), h.Row+max(h.RowSpan, 1)
			switch {
			case h.Row >= s.Start && h.Row < s.Body:
				if overlap(h.Col, hc1, p.Col, pc1) {
					out[i] = append(out[i], j)
				}
			case h.Row >= s.Body && h.Row < s.End:
				if hc1 <= p.Col && overlap(h.Row, hr1, p.Row, pr1) {
					out[i] = append(out[i], j)
				}
			}
		}
	}
	return out
}

// Fit sizes the grid columns of t for a text width total. Figures (cells
// that are not headers) must stay on one line: every column gets at least
// the natural width of the widest figure set in it, plus pad on either
// side (a figure spanning columns needs that much over its span), and at
// least minCol. The rest of the width is shared in the proportions of
// t.Widths, so that a table of short figures keeps its designed shape;
// labels wrap in what is left. measure is the natural width of a string
// in the unit of total. ok is false when the figures cannot fit at all:
// the caller sets the table smaller and tries again.
func (t *Table) Fit(total, pad, minCol float64, measure func(string) float64) (widths []float64, ok bool) {
	placed, _, cols := t.Grid()
	if cols == 0 {
		return nil, true
	}
	weight := make([]float64, cols)
	valid := true
	for c := range weight {
		if c >= len(t.Widths) || !(t.Widths[c] > 0) || t.Widths[c] > 1e9 {
			valid = false
		}
	}
	for c := range weight {
		weight[c] = 1
		if valid {
			weight[c] = t.Widths[c]
		}
	}
	lo := make([]float64, cols)
	for c := range lo {
		lo[c] = minCol
	}
	// Single columns first, then spans, narrowest first, so that a span
	// only adds what its columns do not already give it.
	for pass := 0; pass < 2; pass++ {
		for _, p := range placed {
			span := min(max(p.ColSpan, 1), cols-p.Col)
			if p.Header || (span == 1) != (pass == 0) || span < 1 {
				continue
			}
			need := 0.0
			for _, line := range splitLines(p.Text) {
				need = max(need, measure(line)+2*pad)
			}
			have, wsum := 0.0, 0.0
			for c := p.Col; c < p.Col+span; c++ {
				have += lo[c]
				wsum += weight[c]
			}
			if d := need - have; d > 0 {
				for c := p.Col; c < p.Col+span; c++ {
					lo[c] += d * weight[c] / wsum
				}
			}
		}
	}
	sumLo := 0.0
	for _, x := range lo {
		sumLo += x
	}
	if sumLo > total+1e-9 {
		return lo, false
	}
	// Water filling: width = max(lo, λ·weight), with λ such that the
	// widths add up to total.
	width := func(lambda float64) float64 {
		s := 0.0
		for c := range lo {
			s += max(lo[c], lambda*weight[c])
		}
		return s
	}
	a, b := 0.0, total
	for c := range weight {
		b = max(b, total/weight[c])
	}
	for range 100 {
		m := (a + b) / 2
		if width(m) > total {
			b = m
		} else {
			a = m
		}
	}
	widths = make([]float64, cols)
	for c := range lo {
		widths[c] = max(lo[c], a*weight[c])
	}
	return widths, true
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
