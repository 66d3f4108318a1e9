package doc

import "github.com/nianbao/nianbao/report/textclean"

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
