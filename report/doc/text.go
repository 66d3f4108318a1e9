package doc

import (
	"strings"
	"unicode"
)

// Clean removes from model text what no output format can carry: control
// characters other than newline (a tab becomes a space, a CR is dropped),
// Unicode noncharacters, and invalid UTF-8 (replaced by U+FFFD).
func Clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
			return -1
		}
		return r
	}, s)
}

// ValidScope is the cell's scope if it is one HTML allows ("col", "row",
// "colgroup", "rowgroup"), else "".
func (c Cell) ValidScope() string {
	switch c.Scope {
	case "col", "row", "colgroup", "rowgroup":
		return c.Scope
	}
	return ""
}
