package published

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/stats"
)

func itoa(n int) string { return strconv.Itoa(n) }

// norm makes a label comparable: no spaces of any kind, no quotes,
// half-width digits and letters, full-width parentheses, and "1、" or "1．"
// written "1.".
func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff':
			continue
		case r >= '！' && r <= '～' && r != '（' && r != '）' && r != '，' && r != '：' && r != '；':
			r -= '！' - '!'
		case r == '(':
			r = '（'
		case r == ')':
			r = '）'
		}
		switch r {
		case '"', '\'', '“', '”', '‘', '’', '「', '」':
			continue
		case '、':
			if prev >= '0' && prev <= '9' {
				r = '.'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// number reads a cell as a figure: "1,234", "１２", " 5 ", "24252.311082".
// ok is false for anything else, including "" (blank is not a number).
func number(s string) (stats.Decimal, bool) {
	s = norm(s)
	if s == "" || len(s) > 40 {
		return 0, false
	}
	if strings.ContainsAny(s, ",，") {
		if !grouped(s) {
			return 0, false
		}
		s = strings.NewReplacer(",", "", "，", "").Replace(s)
	}
	if s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	d, err := stats.ParseDecimal(s)
	if err != nil || d < 0 {
		return 0, false
	}
	return d, true
}

// grouped reports whether s is digits grouped by three with commas.
func grouped(s string) bool {
	intPart, _, _ := strings.Cut(s, ".")
	groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == ',' || r == '，' })
	if len(groups) < 2 || len(groups[0]) > 3 || strings.HasPrefix(intPart, ",") || strings.HasSuffix(intPart, ",") {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func runes(s string) int { return utf8.RuneCountInString(s) }
