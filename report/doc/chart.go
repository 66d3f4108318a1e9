package doc

import (
	"strconv"
	"strings"
)

// Chart is a figure drawn from the statistics: data only, never a picture.
// Each renderer draws it in its own way (vector graphics, SVG, a native
// chart) or, where the format has no pictures, prints Table: the same
// figures, never dropped. The kind that builds a chart takes every value
// from the statistics model; Sources says which cell each one is.
type Chart struct {
	// ID is the name a template places the chart by (::chart 申请办理).
	ID    string
	Title string
	// Unit of every value, e.g. 件; printed after the title and in the
	// table's heads.
	Unit string
	// Categories label the groups of bars, in order.
	Categories []string
	// Series are the sets of bars, one value per category each: a year,
	// or a group such as 行政复议.
	Series []Series
}

// Series is one set of bars of a Chart.
type Series struct {
	Name   string
	Values []int64 // len = len(Chart.Categories)
	// Sources are the statistics' keys of each value (stats.Field.Key:
	// "r01.G", "c5", "normative_docs.issued"; a sum joins its keys with
	// "+"), with a year prefix "2021:" for an earlier year's workbook.
	Sources []string
}

func (*Chart) block() {}

// Accept calls v.Chart.
func (b *Chart) Accept(v Visitor) error { return v.Chart(b) }

// Figure is value as charts print it: digits grouped by three
// (1,234,567), which a reader takes in at a glance on a bar.
func Figure(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Caption is the chart's title with its unit: 申请办理情况（单位：件）.
func (c *Chart) Caption() string {
	if c.Unit == "" {
		return c.Title
	}
	return c.Title + "（单位：" + c.Unit + "）"
}

// Value is series s's value of category i, 0 when the series is short.
func (c *Chart) Value(s, i int) int64 {
	if s < 0 || s >= len(c.Series) || i < 0 || i >= len(c.Series[s].Values) {
		return 0
	}
	return c.Series[s].Values[i]
}

// Max is the largest value, at least 0.
func (c *Chart) Max() int64 {
	var m int64
	for s := range c.Series {
		for i := range c.Categories {
			m = max(m, c.Value(s, i))
		}
	}
	return m
}

// Summary is the chart in one sentence, for readers who cannot see it
// (SVG <desc>, alt text): each category with the value of every series.
func (c *Chart) Summary() string {
	var parts []string
	for i, cat := range c.Categories {
		var vs []string
		for s, se := range c.Series {
			v := Figure(c.Value(s, i)) + c.Unit
			if len(c.Series) > 1 {
				v = se.Name + v
			}
			vs = append(vs, v)
		}
		parts = append(parts, cat+"："+strings.Join(vs, "，"))
	}
	return c.Caption() + "。" + strings.Join(parts, "；") + "。"
}

// Table is the chart's figures as a table: a row per category, a column
// per series, captioned with the title. Formats without pictures print
// it in place of the chart, and HTML gives it to screen readers.
func (c *Chart) Table() *Table {
	t := &Table{Caption: c.Caption(), Widths: []float64{2}}
	head := Row{Header: true, Cells: []Cell{{Text: "项目", Header: true, Align: AlignCenter, Scope: "col"}}}
	for _, s := range c.Series {
		t.Widths = append(t.Widths, 1)
		head.Cells = append(head.Cells, Cell{Text: s.Name, Header: true, Align: AlignCenter, Scope: "col"})
	}
	t.Rows = append(t.Rows, head)
	for i, cat := range c.Categories {
		row := Row{Cells: []Cell{{Text: cat, Header: true, Scope: "row"}}}
		for s := range c.Series {
			row.Cells = append(row.Cells, Cell{Text: Figure(c.Value(s, i)), Align: AlignRight})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// KeyFigure is one figure of the year the 图解 shows large, with last
// year's for the change when the office has last year's statistics.
type KeyFigure struct {
	Label   string
	Value   int64
	Unit    string
	Prev    int64
	HasPrev bool
	Source  string // the statistics' keys, as in Series.Sources
}

// Change is the figure against last year in words: 比上年增加12件
// （增长20.0%）, 比上年减少3件, 与上年持平; "" without last year's figure.
// No percentage when last year's was 0.
func (k KeyFigure) Change() string {
	if !k.HasPrev {
		return ""
	}
	d := k.Value - k.Prev
	switch {
	case d == 0:
		return "与上年持平"
	case k.Prev == 0:
		return "比上年增加" + Figure(d) + k.Unit
	case d > 0:
		return "比上年增加" + Figure(d) + k.Unit + "（增长" + percent(d, k.Prev) + "）"
	}
	return "比上年减少" + Figure(-d) + k.Unit + "（下降" + percent(-d, k.Prev) + "）"
}

// percent is 100·a/b with one decimal, rounded half up, in integers so
// that it is the same everywhere.
func percent(a, b int64) string {
	t := (a*2000/b + 1) / 2 // tenths of a percent, rounded
	return strconv.FormatInt(t/10, 10) + "." + strconv.FormatInt(t%10, 10) + "%"
}
