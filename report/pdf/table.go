package pdf

import (
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/fontset"
	"github.com/nianbao/nianbao/report/linebreak"
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
	header  int                // leading header rows, repeated on each page
}

const tableLead = sizeTable * ptToMM * 1.35 // line height inside cells

func (r *renderer) layoutTable(t *doc.Table) *tableLayout {
	placed, covered, cols := t.Grid()
	L := &tableLayout{t: t, placed: placed, covered: covered, header: t.HeaderRows()}
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	x := 0.0
	for c := 0; c < cols; c++ {
		w := blockW / float64(cols)
		if total > 0 {
			w = blockW * t.Widths[c] / total
		}
		L.colX = append(L.colX, x)
		L.colW = append(L.colW, w)
		x += w
	}
	m := r.measure(fontset.Table, sizeTable)
	L.rowH = make([]float64, len(t.Rows))
	for r := range L.rowH {
		L.rowH[r] = tableLead + 2*cellPadY
	}
	L.lines = make([][]linebreak.Line, len(placed))
	need := func(i int) float64 { return float64(len(L.lines[i]))*tableLead + 2*cellPadY }
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

// table draws t across as many pages as it needs, repeating its header rows
// and closing each page's part with its own borders.
func (r *renderer) table(t *doc.Table) {
	if len(t.Rows) == 0 {
		return
	}
	L := r.layoutTable(t)
	headH := L.height(0, L.header)
	first := L.header
	if first >= len(t.Rows) {
		first = len(t.Rows) - 1
	}
	if r.y+headH+L.rowH[first] > blockH+1e-6 && r.y > 0 {
		r.newPage()
	}
	row := L.header
	r.segment(L, 0, L.header, true)
	for row < len(t.Rows) {
		end := row
		for end < len(t.Rows) && r.y+L.height(row, end+1) <= blockH+1e-6 {
			end++
		}
		if end == row {
			if r.y <= headH+1e-6 {
				end = row + 1 // a row taller than a page: draw it anyway
			} else {
				r.newPage()
				r.segment(L, 0, L.header, true)
				continue
			}
		}
		r.segment(L, row, end, false)
		row = end
		if row < len(t.Rows) {
			r.newPage()
			r.segment(L, 0, L.header, true)
		}
	}
	r.y += pitch / 2
	r.snap()
}

// segment draws rows [from, to) at r.y: every cell with a part in them,
// as one box over its visible rows, its text centred in that box.
func (r *renderer) segment(L *tableLayout, from, to int, header bool) {
	if from >= to {
		return
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
		if header && a >= L.header {
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
		textH := float64(len(lines)) * tableLead
		ty := y0 + (y1-y0-textH)/2
		for _, l := range lines {
			lx := x + cellPadX
			switch c.Align {
			case doc.AlignCenter:
				lx = x + (w-l.Width)/2
			case doc.AlignRight:
				lx = x + w - cellPadX - l.Width
			}
			r.drawRuns(lx, ty+tableLead*0.72, l.Text, fontset.Table, sizeTable, 0)
			ty += tableLead
		}
	}
	r.y += acc - top
}
