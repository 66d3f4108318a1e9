package plaintext

import (
	"sort"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
)

// Tables are drawn as ASCII box grids that keep the merged structure:
//
//	+------------+------+
//	| 行政复议          |
//	+------+-----+------+
//	| 结果 | 结果| ...  |
//
// A cell spanning columns is one box across them; a cell spanning rows has
// no horizontal border between its rows; a junction is '+' where a
// horizontal and a vertical border meet, '-' or '|' where only one passes,
// and blank inside a cell that spans both ways. Every line of a table has
// the same display width.
//
// Column widths (the text width of each grid column; every column adds
// three more for its left border and the two padding spaces):
//
//  1. min[c] is the widest unbreakable piece of the single-column cells of
//     column c (capped at maxPiece; wider pieces are broken between
//     characters), at least 2, so that one CJK character fits; want[c] is
//     the widest unwrapped line of those cells. Cells spanning columns
//     widen the columns they span, in the ratio of Table.Widths, when
//     their own minimum or natural width does not fit.
//  2. Each column gets clamp(λ·Widths[c], min[c], want[c]), with λ chosen
//     so that the table fills the line width: columns that need little
//     stop at their natural width, the rest share the space in the
//     Widths ratios. Rounding uses the largest remainders (ties: the
//     leftmost column), so the result is deterministic.
//  3. The line width is Width (70). A table that would be cramped at 70
//     (a column narrower than min(want, 4), i.e. two CJK characters, or the
//     minimums do not fit) is drawn at WideWidth (110) — 表三 and 表四.
//     A table whose minimums exceed even that is drawn wider: text is never
//     cut.
//
// Text is wrapped to its box (see wrap), at the narrowest width that needs
// no more lines, so that wrapped lines are even (商业/企业, not 商业企/业).
// It is vertically centred in its box; horizontal alignment follows
// Cell.Align (the statutory tables centre the figures). Row heights are
// the most lines of the row's cells; a cell spanning rows that needs more
// lines than its rows (plus the separator lines it covers) have gets the
// extra lines spread evenly over them.

const (
	maxPiece    = 16 // widest unbreakable piece that widens a column
	minColumn   = 2  // one CJK character
	comfortable = 4  // two CJK characters
)

type tcell struct {
	text              string
	row, col          int
	rowSpan, colSpan  int
	align             doc.Align
	dead              bool
	lines             []string
	textWidth, height int
}

type layout struct {
	cells      []tcell
	owner      [][]int // owner[r][c] indexes cells
	rows, cols int
	weights    []float64
	cw         []int // text width per column
	rh         []int // lines per row
	xb, yb     []int // border positions
}

func table(t *doc.Table) []string {
	l := newLayout(t)
	lines := l.draw()
	if caption := oneLine(t.Caption); caption != "" {
		tw := displayWidth(lines[0])
		var head []string
		for _, c := range wrap(caption, tw) {
			head = append(head, centre(c, tw))
		}
		lines = append(head, lines...)
	}
	return lines
}

func newLayout(t *doc.Table) *layout {
	tt := *t
	if len(tt.Widths) == 0 {
		n := 0
		for _, r := range tt.Rows {
			s := 0
			for _, c := range r.Cells {
				s += max(c.ColSpan, 1)
			}
			n = max(n, s)
		}
		tt.Widths = make([]float64, max(n, 1))
	}
	placed, covered, cols := tt.Grid()
	l := &layout{rows: len(tt.Rows), cols: cols, owner: covered}
	for _, w := range tt.Widths {
		if !(w > 0) || w > 1e9 { // NaN, zero, negative, absurd
			w = 1
		}
		l.weights = append(l.weights, w)
	}
	for _, p := range placed {
		c := tcell{text: clean(p.Text), row: p.Row, col: p.Col, align: p.Align,
			rowSpan: min(max(p.RowSpan, 1), l.rows-p.Row), colSpan: max(p.ColSpan, 1)}
		if p.Col >= cols {
			c.dead = true
		} else {
			c.colSpan = min(c.colSpan, cols-p.Col)
		}
		l.cells = append(l.cells, c)
	}
	// A malformed table may have overlapping spans: a cell that does not
	// own its whole rectangle is shrunk to its origin (or dropped).
	for i := range l.cells {
		c := &l.cells[i]
		if c.dead {
			continue
		}
		if l.owner[c.row][c.col] != i {
			c.dead = true
			continue
		}
		if !l.owns(i) {
			for r := c.row; r < c.row+c.rowSpan; r++ {
				for k := c.col; k < c.col+c.colSpan; k++ {
					if l.owner[r][k] == i && (r != c.row || k != c.col) {
						l.owner[r][k] = -1
					}
				}
			}
			c.rowSpan, c.colSpan = 1, 1
		}
	}
	// Holes (rows with too few cells) become empty cells.
	for r := range l.rows {
		for k := range cols {
			if l.owner[r][k] < 0 {
				l.owner[r][k] = len(l.cells)
				l.cells = append(l.cells, tcell{row: r, col: k, rowSpan: 1, colSpan: 1})
			}
		}
	}
	l.columnWidths()
	l.rowHeights()
	return l
}

func (l *layout) owns(i int) bool {
	c := l.cells[i]
	for r := c.row; r < c.row+c.rowSpan; r++ {
		for k := c.col; k < c.col+c.colSpan; k++ {
			if l.owner[r][k] != i {
				return false
			}
		}
	}
	return true
}

// live returns the indexes of the drawn cells ordered by span (narrow
// first), then by position.
func (l *layout) live(span func(tcell) int) []int {
	var idx []int
	for i, c := range l.cells {
		if !c.dead {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return span(l.cells[idx[a]]) < span(l.cells[idx[b]]) })
	return idx
}

// pieceWidth is the width a column needs for the widest unbreakable
// piece of text, up to maxPiece.
func pieceWidth(text string) int { return min(longestPiece(text), maxPiece) }

func longestPiece(text string) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		for _, tok := range tokens(line) {
			if tok != " " {
				n = max(n, displayWidth(tok))
			}
		}
	}
	return n
}

func naturalWidth(text string) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n = max(n, displayWidth(strings.Join(strings.Fields(line), " ")))
	}
	return n
}

func (l *layout) columnWidths() {
	lo := make([]int, l.cols)
	want := make([]int, l.cols)
	for k := range lo {
		lo[k], want[k] = minColumn, minColumn
	}
	for _, i := range l.live(func(c tcell) int { return c.colSpan }) {
		c := l.cells[i]
		widen(lo[c.col:c.col+c.colSpan], l.weights[c.col:c.col+c.colSpan], pieceWidth(c.text))
		widen(want[c.col:c.col+c.colSpan], l.weights[c.col:c.col+c.colSpan], naturalWidth(c.text))
		for k := c.col; k < c.col+c.colSpan; k++ {
			want[k] = max(want[k], lo[k])
		}
	}
	overhead := 3*l.cols + 1
	cw := fit(lo, want, l.weights, Width-overhead)
	cramped := sum(cw)+overhead > Width
	for k := range cw {
		if cw[k] < min(want[k], comfortable) {
			cramped = true
		}
	}
	if cramped {
		cw = fit(lo, want, l.weights, WideWidth-overhead)
	}
	l.cw = cw
	l.xb = make([]int, l.cols+1)
	for k, w := range cw {
		l.xb[k+1] = l.xb[k] + w + 3
	}
}

// widen makes the text width of a span of columns (their widths plus the
// 3 columns of each inner border) at least need, adding to the columns in
// the ratio of weights.
func widen(cols []int, weights []float64, need int) {
	have := sum(cols) + 3*(len(cols)-1)
	if have >= need {
		return
	}
	for k, add := range apportion(need-have, weights) {
		cols[k] += add
	}
}

// apportion splits total into integers in the ratio of weights: floors,
// then the largest remainders (ties to the left).
func apportion(total int, weights []float64) []int {
	var ws float64
	for _, w := range weights {
		ws += w
	}
	out := make([]int, len(weights))
	frac := make([]float64, len(weights))
	given := 0
	for k, w := range weights {
		v := float64(total) * w / ws
		out[k] = int(v)
		frac[k] = v - float64(out[k])
		given += out[k]
	}
	order := byFraction(frac)
	for j := 0; given < total; j++ {
		out[order[j%len(order)]]++
		given++
	}
	return out
}

func byFraction(frac []float64) []int {
	order := make([]int, len(frac))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return frac[order[a]] > frac[order[b]] })
	return order
}

// fit gives each column clamp(λ·weight, lo, hi), in integers, summing to
// avail when possible (less when every column is at hi, more when the
// minimums do not fit).
func fit(lo, hi []int, weights []float64, avail int) []int {
	out := make([]int, len(lo))
	if sum(lo) >= avail {
		copy(out, lo)
		return out
	}
	if sum(hi) <= avail {
		copy(out, hi)
		return out
	}
	val := func(lambda float64, k int) float64 {
		return min(max(lambda*weights[k], float64(lo[k])), float64(hi[k]))
	}
	total := func(lambda float64) float64 {
		s := 0.0
		for k := range lo {
			s += val(lambda, k)
		}
		return s
	}
	a, b := 0.0, 0.0
	for k, w := range weights {
		b = max(b, float64(hi[k])/w)
	}
	for range 200 {
		m := (a + b) / 2
		if total(m) >= float64(avail) {
			b = m
		} else {
			a = m
		}
	}
	frac := make([]float64, len(lo))
	given := 0
	for k := range lo {
		v := val(b, k)
		out[k] = int(v)
		frac[k] = v - float64(out[k])
		given += out[k]
	}
	order := byFraction(frac)
	for given < avail {
		for _, k := range order {
			if given < avail && out[k] < hi[k] {
				out[k]++
				given++
			}
		}
	}
	return out
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func (l *layout) rowHeights() {
	l.rh = make([]int, l.rows)
	for r := range l.rh {
		l.rh[r] = 1
	}
	for _, i := range l.live(func(c tcell) int { return c.rowSpan }) {
		c := &l.cells[i]
		c.textWidth = sum(l.cw[c.col:c.col+c.colSpan]) + 3*(c.colSpan-1)
		c.lines = balanced(c.text, c.textWidth)
		span := l.rh[c.row : c.row+c.rowSpan]
		have := sum(span) + c.rowSpan - 1
		if extra := len(c.lines) - have; extra > 0 {
			for k := range span { // evenly, the first rows first
				span[k] += extra / len(span)
				if k < extra%len(span) {
					span[k]++
				}
			}
		}
	}
	l.yb = make([]int, l.rows+1)
	for r, h := range l.rh {
		l.yb[r+1] = l.yb[r] + h + 1
	}
	for i := range l.cells {
		c := &l.cells[i]
		if !c.dead {
			c.height = l.yb[c.row+c.rowSpan] - l.yb[c.row] - 1
		}
	}
}

// balanced wraps text at the narrowest width up to w that needs no more
// lines than w does, so that lines are of even length: 商业/企业 rather
// than 商业企/业. It never narrows below a piece that fits in w.
func balanced(text string, w int) []string {
	lines := wrap(text, w)
	floor := max(minColumn, min(w, longestPiece(text)))
	for n := w - 1; n >= floor; n-- {
		l := wrap(text, n)
		if len(l) > len(lines) {
			break
		}
		lines = l
	}
	return lines
}

// hBorder reports whether the border line above row r (r == rows: the
// bottom line) is drawn over column k.
func (l *layout) hBorder(r, k int) bool {
	return r == 0 || r == l.rows || l.owner[r-1][k] != l.owner[r][k]
}

// vBorder reports whether the border left of column k (k == cols: the
// right edge) is drawn in row r.
func (l *layout) vBorder(r, k int) bool {
	return k == 0 || k == l.cols || l.owner[r][k-1] != l.owner[r][k]
}

// draw renders the grid; a canvas cell holds what one display column
// shows, "" for the right half of a wide character.
func (l *layout) draw() []string {
	width := l.xb[l.cols] + 1
	canvas := make([][]string, l.yb[l.rows]+1)
	for y := range canvas {
		canvas[y] = make([]string, width)
		for x := range canvas[y] {
			canvas[y][x] = " "
		}
	}
	for r := 0; r <= l.rows; r++ {
		y := l.yb[r]
		for k := 0; k < l.cols; k++ {
			if l.hBorder(r, k) {
				for x := l.xb[k] + 1; x < l.xb[k+1]; x++ {
					canvas[y][x] = "-"
				}
			}
		}
		for k := 0; k <= l.cols; k++ {
			up := r > 0 && l.vBorder(r-1, k)
			down := r < l.rows && l.vBorder(r, k)
			left := k > 0 && l.hBorder(r, k-1)
			right := k < l.cols && l.hBorder(r, k)
			switch {
			case (up || down) && (left || right):
				canvas[y][l.xb[k]] = "+"
			case up || down:
				canvas[y][l.xb[k]] = "|"
			case left || right:
				canvas[y][l.xb[k]] = "-"
			}
			if r < l.rows && l.vBorder(r, k) {
				for y := l.yb[r] + 1; y < l.yb[r+1]; y++ {
					canvas[y][l.xb[k]] = "|"
				}
			}
		}
	}
	for _, c := range l.cells {
		if c.dead {
			continue
		}
		y := l.yb[c.row] + 1 + (c.height-len(c.lines))/2
		for _, line := range c.lines {
			x := l.xb[c.col] + 2
			switch free := c.textWidth - displayWidth(line); c.align {
			case doc.AlignCenter:
				x += free / 2
			case doc.AlignRight:
				x += free
			}
			put(canvas[y], x, line)
			y++
		}
	}
	lines := make([]string, len(canvas))
	for y, row := range canvas {
		lines[y] = strings.Join(row, "")
	}
	return lines
}

// put writes s into row from column x; zero-width characters join the
// character before them (or the one after, at the start).
func put(row []string, x int, s string) {
	prefix, last := "", -1
	for _, r := range s {
		switch w := runeWidth(r); {
		case w == 0 && last >= 0:
			row[last] += string(r)
		case w == 0:
			prefix += string(r)
		default:
			row[x] = prefix + string(r)
			prefix, last = "", x
			if w == 2 {
				row[x+1] = ""
			}
			x += w
		}
	}
	if prefix != "" && x < len(row) {
		row[x] = prefix + row[x]
	}
}
