package doc

import (
	"github.com/nianbao/nianbao/report/render/linebreak"
	"github.com/nianbao/nianbao/report/textclean"
)

// Clean removes from model text what no output format should carry; the
// policy is textclean's, shared with the JSON and the PDF properties.
func Clean(s string) string { return textclean.Clean(s) }

// ValidScope is the cell's scope if it is one HTML allows ("col", "row",
// "colgroup", "rowgroup"), else "".
func (c Cell) ValidScope() string {
	switch c.Scope {
	case "col", "row", "colgroup", "rowgroup":
		return c.Scope
	}
	return ""
}

// The title's print geometry (GB/T 9704: a 156 mm text block, 2号 = 22 pt):
// every format breaks the title where the printed draft does.
const (
	titleBlockMM = 156.0
	titleSizeMM  = 22.0 * 25.4 / 72
)

// TitleLines is the title broken into balanced lines between words, never
// inside 政府信息公开, 工作年度报告 or the body's name (GB/T 9704 7.3.1),
// as the printed draft sets it.
func (d *Document) TitleLines() []string {
	var out []string
	for _, l := range linebreak.Title(Clean(d.Title), Clean(d.Meta.Org), linebreak.TitleWidth(titleBlockMM, titleSizeMM), linebreak.Ems) {
		out = append(out, l.Text)
	}
	return out
}
