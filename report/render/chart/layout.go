// Package chart lays out and draws the report's charts (doc.Chart): one
// geometry (Layout) that the PDF draws with the report's fonts and SVG
// writes for the HTML page, the Markdown file's pictures and the 图解.
//
// Every chart is a horizontal bar chart: category labels on the left,
// where Chinese labels read without turning the head and a phone's narrow
// screen still has room; one bar per series in each group; every bar
// labelled with its figure, so the chart reads in grey, in print and to a
// reader who cannot tell the fills apart. Fills differ in pattern as well
// as tone (solid, hatched, light with a border), never in colour alone.
// Output depends only on the chart: no clock, no randomness, numbers
// printed with fixed precision.
package chart

import (
	"github.com/nianbao/nianbao/report/doc"
)

// Measure is the width of s set at size, in the unit of the layout.
type Measure func(s string, size float64) float64

// Anchor is where a text's x is: its start, middle or end.
type Anchor int

const (
	Start Anchor = iota
	Middle
	End
)

// Text is one line of text; Y is its baseline.
type Text struct {
	X, Y   float64
	Size   float64
	Anchor Anchor
	S      string
	Title  bool // the chart's title, set in the heading font
}

// Rect is a bar or a legend swatch, filled in the style of its series.
type Rect struct {
	X, Y, W, H float64
	Series     int
}

// Line is a stroke, such as the axis.
type Line struct{ X1, Y1, X2, Y2 float64 }

// Figure is a chart laid out: everything to draw, in one unit, with the
// origin at the top left.
type Figure struct {
	W, H  float64
	Rects []Rect
	Texts []Text
	Lines []Line
}

// Fill is how series i is filled.
type Fill int

const (
	Solid   Fill = iota // dark
	Hatched             // light, with dark diagonal lines
	Light               // pale, with a dark border
)

// FillOf is series i's fill: three that stay apart in grey, in turn.
func FillOf(i int) Fill { return Fill(i % 3) }

// Layout lays out c in a figure width wide whose body text is size high.
// Every length is a multiple of size, so the same layout serves the SVG
// (in pixels) and the PDF (in millimetres).
func Layout(c *doc.Chart, width, size float64, m Measure) Figure {
	f := Figure{W: width}
	s := size
	y := 0.0
	if t := c.Caption(); t != "" {
		ts := s * 1.15
		for m(t, ts) > width && ts > s*0.6 {
			ts *= 0.9
		}
		f.Texts = append(f.Texts, Text{X: width / 2, Y: y + ts, Size: ts, Anchor: Middle, S: t, Title: true})
		y += ts + s*0.9
	}
	if len(c.Series) > 1 {
		y = legend(&f, c, width, s, y, m)
	}
	y += s * 0.4

	labelW := 0.0
	for _, cat := range c.Categories {
		labelW = max(labelW, m(cat, s))
	}
	labelW = min(labelW+s*0.6, width*0.42)
	valueW := 0.0
	for si := range c.Series {
		for i := range c.Categories {
			valueW = max(valueW, m(doc.Figure(c.Value(si, i)), s*0.9))
		}
	}
	valueW += s * 0.6
	x0 := labelW
	plot := max(width-x0-valueW, s)
	top := y
	maxV := c.Max()
	bar, gap, groupGap := s*1.2, s*0.2, s*0.8
	if len(c.Series) == 1 {
		bar = s * 1.5
	}
	for i, cat := range c.Categories {
		gy := y
		for si := range c.Series {
			v := c.Value(si, i)
			w := 0.0
			if maxV > 0 && v > 0 {
				w = max(plot*float64(v)/float64(maxV), s*0.15) // a small figure still shows
			}
			if w > 0 {
				f.Rects = append(f.Rects, Rect{X: x0, Y: y, W: w, H: bar, Series: si})
			}
			f.Texts = append(f.Texts, Text{X: x0 + w + s*0.3, Y: y + bar/2 + s*0.9*0.35, Size: s * 0.9, S: doc.Figure(v)})
			y += bar + gap
		}
		y -= gap
		ls := s
		for m(cat, ls) > labelW-s*0.5 && ls > s*0.55 {
			ls *= 0.92
		}
		f.Texts = append(f.Texts, Text{X: x0 - s*0.5, Y: (gy+y)/2 + ls*0.35, Size: ls, Anchor: End, S: cat})
		if i < len(c.Categories)-1 {
			y += groupGap
		}
	}
	f.Lines = append(f.Lines, Line{X1: x0, Y1: top - s*0.3, X2: x0, Y2: y + s*0.3})
	f.H = y + s*0.6
	return f
}

// legend lays out the swatch and name of each series from y, wrapping
// when a line is full and centring each line; it returns the y below.
func legend(f *Figure, c *doc.Chart, width, s, y float64, m Measure) float64 {
	ns := s * 0.9
	type item struct {
		series int
		w      float64
	}
	var line []item
	lineW := 0.0
	flush := func() {
		x := (width - lineW) / 2
		for _, it := range line {
			f.Rects = append(f.Rects, Rect{X: x, Y: y + s*0.05, W: s * 1.6, H: s * 0.9, Series: it.series})
			f.Texts = append(f.Texts, Text{X: x + s*2, Y: y + s*0.85, Size: ns, S: c.Series[it.series].Name})
			x += it.w
		}
		line, lineW = nil, 0
		y += s * 1.5
	}
	for i, se := range c.Series {
		w := s*2 + m(se.Name, ns) + s*1.2
		if lineW+w > width && len(line) > 0 {
			flush()
		}
		line = append(line, item{i, w})
		lineW += w
	}
	flush()
	return y
}
