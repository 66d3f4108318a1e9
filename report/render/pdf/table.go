package pdf

import (
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/linebreak"
)

// tableLayout is a table measured for the text block.
type tableLayout struct {
	t       *doc.Table
	placed  []doc.Placed
	covered [][]int
	colX    []float64 // left edge of each grid column, relative to the block
	colW    []float64
	rowH    []float64
	lines   [][]linebreak.Line // per placed cell
	size    float64            // font size of the cells, pt
	lead    float64            // line height inside cells
}

// minTableSize is the smallest size the cells are set in to keep wide
// figures on one line; below it a figure would not be legible anyway.
const minTableSize = 5.0

// minColChars is the narrowest a column gets, in characters of the cell
// size: labels may wrap, but not one character a line.
const minColChars = 2

func (r *renderer) layoutTable(t *doc.Table) *tableLayout {
	placed, covered, cols := t.Grid()
	L := &tableLayout{t: t, placed: placed, covered: covered}
	// Columns are sized from their figures, which never wrap; when they
	// cannot all fit at 五号 (15 columns of nine digits in 表四), the
	// whole table is set smaller rather than break a figure.
	var widths []float64
	for L.size = sizeTable; ; L.size = max(minTableSize, L.size-0.5) {
		m := r.measure(fontset.Table, L.size)
		measure := func(s string) float64 {
			w := 0.0
			for _, c := range s {
				w += m(c)
			}
			return w + 0.05 // slack: float rounding never pushes a figure over its line
		}
		var ok bool
		widths, ok = t.Fit(blockW, cellPadX, minColChars*m('国')+2*cellPadX, measure)
		if ok || L.size <= minTableSize {
			break
		}
	}
	L.lead = L.size * ptToMM * 1.35
	total := 0.0
	for _, w := range widths {
		total += w
	}
	x := 0.0
	for c := 0; c < cols; c++ {
		w := blockW / float64(cols)
		if total > 0 {
			w = blockW * widths[c] / total
		}
		L.colX = append(L.colX, x)
		L.colW = append(L.colW, w)
		x += w
	}
	m := r.measure(fontset.Table, L.size)
	L.rowH = make([]float64, len(t.Rows))
	for r := range L.rowH {
		L.rowH[r] = L.lead + 2*cellPadY
	}
	L.lines = make([][]linebreak.Line, len(placed))
	need := func(i int) float64 { return float64(len(L.lines[i]))*L.lead + 2*cellPadY }
	for i, p := range placed {
		w := -2 * cellPadX
		for c := p.Col; c < p.Col+p.ColSpan && c < cols; c++ {
			w += L.colW[c]
		}
		L.lines[i] = linebreak.Break(p.Text, w, w, m)
		if p.RowSpan <= 1 && need(i) > L.rowH[p.Row] {
			L.rowH[p.Row] = need(i)
		}
	}
	// A merged cell taller than its rows grows its last row.
	for i, p := range placed {
		if p.RowSpan <= 1 {
			continue
		}
		last := p.Row + p.RowSpan - 1
		if last >= len(L.rowH) {
			last = len(L.rowH) - 1
		}
		h := 0.0
		for rr := p.Row; rr <= last; rr++ {
			h += L.rowH[rr]
		}
		if d := need(i) - h; d > 0 {
			L.rowH[last] += d
		}
	}
	return L
}

func (L *tableLayout) height(from, to int) float64 {
	h := 0.0
	for r := from; r < to; r++ {
		h += L.rowH[r]
	}
	return h
}

// tableSegment records one run of rows drawn on one page, for tests that
// check where tables break.
type tableSegment struct {
	Table    string
	Page     int
	From, To int  // rows [From, To)
	Repeat   bool // heads repeated on a continuation page
}

// table draws t section by section (see doc.Table.Sections): a section's
// heads stay with its first body row, so a caption row such as
// 第二十条第（六）项 never ends a page, and when a section crosses a page
// its own heads, not the table's first ones, open the next page.
func (r *renderer) table(t *doc.Table) {
	if len(t.Rows) == 0 {
		return
	}
	L := r.layoutTable(t)
	for _, s := range t.Sections() {
		r.tableSection(L, s)
	}
	r.y += pitch / 2
	r.snap()
}

func (r *renderer) tableSection(L *tableLayout, s doc.Section) {
	const eps = 1e-6
	headH := L.height(s.Start, s.Body)
	if r.y+L.height(s.Start, min(s.Body+1, s.End)) > blockH+eps && r.y > 0 {
		r.newPage()
	}
	r.segment(L, s.Start, s.Body, false)
	for row := s.Body; row < s.End; {
		end := row
		for end < s.End && r.y+L.height(row, end+1) <= blockH+eps {
			end++
		}
		if end == row && r.y <= headH+eps {
			end = row + 1 // a row taller than a page: draw it anyway
		}
		r.segment(L, row, end, false)
		row = end
		if row < s.End {
			r.newPage()
			r.segment(L, s.Start, s.Body, true)
		}
	}
}

// segment draws rows [from, to) at r.y: every cell with a part in them,
// as one box over its visible rows, its text centred in that box.
func (r *renderer) segment(L *tableLayout, from, to int, repeat bool) {
	if from >= to {
		return
	}
	if r.onSegment != nil {
		r.onSegment(tableSegment{Table: L.t.ID, Page: r.page, From: from, To: to, Repeat: repeat})
	}
	p := r.pdf
	p.SetLineWidth(0.2)
	p.SetDrawColor(0, 0, 0)
	top := marginTop + r.y
	rowTop := make([]float64, len(L.rowH)+1)
	acc := top
	for rr := from; rr < to; rr++ {
		rowTop[rr] = acc
		acc += L.rowH[rr]
	}
	rowTop[to] = acc
	left := r.left()
	for i, c := range L.placed {
		a, b := c.Row, c.Row+c.RowSpan
		if b <= from || a >= to {
			continue
		}
		if a < from {
			a = from
		}
		if b > to {
			b = to
		}
		x := left + L.colX[c.Col]
		w := 0.0
		for cc := c.Col; cc < c.Col+c.ColSpan && cc < len(L.colW); cc++ {
			w += L.colW[cc]
		}
		y0, y1 := rowTop[a], rowTop[b]
		p.Rect(x, y0, w, y1-y0, "D")
		lines := L.lines[i]
		textH := float64(len(lines)) * L.lead
		ty := y0 + (y1-y0-textH)/2
		for _, l := range lines {
			lx := x + cellPadX
			switch c.Align {
			case doc.AlignCenter:
				lx = x + (w-l.Width)/2
			case doc.AlignRight:
				lx = x + w - cellPadX - l.Width
			}
			r.drawRuns(lx, ty+L.lead*0.72, l.Text, fontset.Table, L.size, 0)
			ty += L.lead
		}
	}
	r.y += acc - top
}
