package textcheck

import (
	"unicode"
	"unicode/utf8"
)

// norm is the text with the cosmetic variants of numbers folded away, so that
// the phrase rules see one spelling. at maps each rune of norm back to its
// byte offset in the original, for quoting what the office actually wrote.
type norm struct {
	r  []rune
	at []int32 // byte offset in the original of r[i]
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func fullWidthDigit(r rune) (rune, bool) {
	if r >= '０' && r <= '９' {
		return '0' + (r - '０'), true
	}
	return r, false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u3000' || r == '\u2002' || r == '\u2003' || r == '\u2009' || r == '\u200b' || r == '\ufeff'
}

// item is one rune of the original text on its way into norm.
type item struct {
	r     rune
	start int32
	wide  bool // typed as a full-width digit
}

// normalize folds full-width digits and percent signs, drops thousands
// separators ("3,119", "３，１１９") and drops blanks next to Chinese text,
// which PDF and Word copies put between digits and characters ("3119 件").
func normalize(s string) norm {
	items := make([]item, 0, len(s)/2)
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		wide := false
		if d, ok := fullWidthDigit(r); ok {
			r, wide = d, true
		}
		switch r {
		case '％':
			r = '%'
		case '\r':
			r = '\n'
		}
		items = append(items, item{r, int32(i), wide})
	}
	digitAt := func(i int) bool { return i >= 0 && i < len(items) && isDigit(items[i].r) }
	out := norm{r: make([]rune, 0, len(items)), at: make([]int32, 0, len(items))}
	for i, it := range items {
		switch {
		case it.r == ',' || it.r == '，' && i > 0 && items[i-1].wide && i+1 < len(items) && items[i+1].wide:
			// In "３，１１９", typed all in full width, the comma groups too.
			if digitAt(i-1) && groupOfThree(items, i+1) {
				continue
			}
		case it.r == '．':
			// A full-width point is a decimal point between digits and a
			// full stop elsewhere.
			it.r = '。'
			if digitAt(i-1) && digitAt(i+1) {
				it.r = '.'
			}
		case isSpace(it.r):
			prevCJK := len(out.r) == 0 || out.r[len(out.r)-1] > unicode.MaxASCII || out.r[len(out.r)-1] == ' '
			nextCJK := i+1 >= len(items) || items[i+1].r > unicode.MaxASCII
			if prevCJK || nextCJK {
				continue
			}
			it.r = ' '
		}
		out.r = append(out.r, it.r)
		out.at = append(out.at, it.start)
	}
	return out
}

// groupOfThree reports whether exactly three digits start at i: the comma
// before them groups thousands rather than separating two figures.
func groupOfThree(items []item, i int) bool {
	if i+3 > len(items) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isDigit(items[k].r) {
			return false
		}
	}
	return i+3 == len(items) || !isDigit(items[i+3].r)
}

// quote returns the original text of norm runes [from, to).
func (n norm) quote(s string, from, to int) string {
	if from >= to || from >= len(n.r) {
		return ""
	}
	if to > len(n.r) {
		to = len(n.r)
	}
	_, w := utf8.DecodeRuneInString(s[n.at[to-1]:])
	return s[n.at[from] : int(n.at[to-1])+w]
}

// chineseNumeral reads 十七, 二十六, 一百零五, 两千零一十, 三千一百一十九,
// 一万二千; ok is false for anything it cannot read with certainty, such as
// the colloquial 一百五 (150) or 一万二 (12000) and lists of digits (一二).
func chineseNumeral(rs []rune) (int64, bool) {
	for i, r := range rs {
		if r != '万' {
			continue
		}
		high, ok := numeralSection(rs[:i], true)
		if !ok || high == 0 {
			return 0, false
		}
		low := rs[i+1:]
		if len(low) == 0 {
			return high * 10000, true
		}
		v, ok := numeralSection(low, false)
		if !ok || (v < 1000 && low[0] != '零' && low[0] != '〇') {
			return 0, false
		}
		return high*10000 + v, true
	}
	return numeralSection(rs, true)
}

func numeralDigit(r rune) (int64, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

func numeralUnit(r rune) int64 {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return 0
}

// numeralSection reads a numeral below 10000.
func numeralSection(rs []rune, leadingTen bool) (int64, bool) {
	if len(rs) == 0 {
		return 0, false
	}
	var val int64
	last := int64(10000)
	pending := int64(-1)
	zero := false
	for _, r := range rs {
		if d, ok := numeralDigit(r); ok {
			if pending >= 0 {
				return 0, false
			}
			if d == 0 {
				zero = true
				continue
			}
			pending = d
			continue
		}
		u := numeralUnit(r)
		if u == 0 || u >= last {
			return 0, false
		}
		if pending < 0 {
			if u != 10 || val != 0 || zero || !leadingTen {
				return 0, false
			}
			pending = 1 // 十七 is 一十七
		}
		val += pending * u
		pending, last, zero = -1, u, false
	}
	if pending >= 0 {
		if last != 10000 && last != 10 && !zero {
			return 0, false
		}
		val += pending
	}
	if val == 0 {
		return 0, false // 零件 means spare parts
	}
	return val, true
}
