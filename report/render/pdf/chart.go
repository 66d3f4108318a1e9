package pdf

import (
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/render/fontset"
)

// chartTitleRole sets a chart's title: the 黑体 of level-1 headings,
// which stands apart from the 仿宋 of its labels.
const chartTitleRole = fontset.Heading1

// chartLayout is c laid out across the text block, its labels in the
// table font at 五号.
func (r *renderer) chartLayout(c *doc.Chart) chart.Figure {
	size := sizeTable * ptToMM
	return chart.Layout(c, blockW, size, func(s string, sz float64) float64 {
		return r.width(s, fontset.Table, sz/ptToMM)
	})
}

// chart draws c as vector graphics: bars as filled paths (the hatched
// series as lines clipped to its bars), every label as text in the
// report's fonts, so that it prints crisp and pdftotext reads it. A chart
// is not split: one that does not fit below starts a page.
func (r *renderer) chart(c *doc.Chart) {
	f := r.chartLayout(c)
	if r.y > 0 && r.y+f.H > blockH {
		r.newPage()
	}
	p := r.pdf
	x0, y0 := r.left(), marginTop+r.y
	p.SetLineWidth(0.2)
	p.SetDrawColor(0, 0, 0)
	for _, b := range f.Rects {
		x, y := x0+b.X, y0+b.Y
		switch chart.FillOf(b.Series) {
		case chart.Solid:
			p.SetFillColor(0x1f, 0x3f, 0x6e)
			p.Rect(x, y, b.W, b.H, "F")
		case chart.Hatched:
			p.SetFillColor(0xdc, 0xe6, 0xf2)
			p.Rect(x, y, b.W, b.H, "F")
			p.ClipRect(x, y, b.W, b.H, false)
			p.SetDrawColor(0x1f, 0x3f, 0x6e)
			p.SetLineWidth(0.45)
			for d := -b.H; d < b.W; d += 1.3 {
				p.Line(x+d, y+b.H, x+d+b.H, y)
			}
			p.ClipEnd()
			p.SetLineWidth(0.2)
			p.SetDrawColor(0x1f, 0x3f, 0x6e)
			p.Rect(x, y, b.W, b.H, "D")
		case chart.Light:
			p.SetFillColor(0x9f, 0xb9, 0xdb)
			p.SetDrawColor(0x1f, 0x3f, 0x6e)
			p.Rect(x, y, b.W, b.H, "FD")
		}
	}
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
	for _, l := range f.Lines {
		p.Line(x0+l.X1, y0+l.Y1, x0+l.X2, y0+l.Y2)
	}
	for _, t := range f.Texts {
		role := fontset.Table
		if t.Title {
			role = chartTitleRole
		}
		size := t.Size / ptToMM
		x := x0 + t.X
		switch t.Anchor {
		case chart.Middle:
			x -= r.width(t.S, role, size) / 2
		case chart.End:
			x -= r.width(t.S, role, size)
		}
		r.drawRuns(x, y0+t.Y, t.S, role, size, 0)
	}
	p.SetFillColor(255, 255, 255)
	r.y += f.H + pitch/2
	r.snap()
}
