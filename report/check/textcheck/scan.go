package textcheck

import (
	"strconv"
	"strings"
)

type unitKind int

const (
	uOther   unitKind = iota // a figure we do not compare (条, 年, 项 …); it only bounds windows
	uCount                   // 件
	uYuan                    // 元
	uWan                     // 万元
	uYi                      // 亿元
	uPercent                 // %
)

// token is one figure in a clause. Indices are runes of the normalized text.
type token struct {
	start, end int // end is after the unit
	unit       unitKind
	approx     bool  // 约, 近, 余, 以上 …: not a figure to compare
	mant       int64 // value is mant / 10^dec
	dec        int
}

// clause is a stretch between separators that are safe to split at.
type clause struct {
	start, end int
	sentence   int
	// coordinated: the clause follows "、" after a clause without a figure,
	// as in "予以公开、部分公开共30件", where the figure belongs to the list.
	coordinated bool
	tokens      []token
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '\n', '…':
		return true
	}
	return false
}

func isClauseSep(r rune) bool {
	switch r {
	case '，', ',', '、', '；', ';', '：', ':', '（', '）', '(', ')', '【', '】', '[', ']',
		'“', '”', '‘', '’', '"', '《', '》', '〈', '〉', '<', '>', '—', '·', '／', '/':
		return true
	}
	return false
}

func isChineseNumeralRune(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万':
		return true
	}
	return false
}

// approxBefore are words that make the next figure an estimate.
// 第 and 每 make it an ordinal or a rate rather than a total.
var approxBefore = []string{"约", "近", "超过", "超", "逾", "不足", "不到", "将近", "大约", "上千", "每", "第", "逐"}

// approxAfter follow the unit of an estimate: 70件以上, 70余件 is caught as a unit.
var approxAfter = []string{"以上", "以下", "左右", "之多", "上下"}

// split cuts the normalized text into clauses and finds the figures in each.
func split(rs []rune) []clause {
	var out []clause
	sentence := 0
	start := 0
	prevSep := rune(0)
	flush := func(end int, sep rune) {
		if end > start {
			c := clause{start: start, end: end, sentence: sentence}
			c.tokens = scanTokens(rs, start, end)
			if prevSep == '、' && len(out) > 0 {
				p := out[len(out)-1]
				if p.sentence == sentence && len(p.tokens) == 0 && !isEnumerator(rs[p.start:p.end]) {
					c.coordinated = true
				}
			}
			out = append(out, c)
		}
		prevSep = sep
		start = end + 1
	}
	for i, r := range rs {
		switch {
		case isSentenceEnd(r):
			flush(i, r)
			sentence++
		case isClauseSep(r):
			flush(i, r)
		}
	}
	flush(len(rs), 0)
	return out
}

// isEnumerator: "二" in "二、上年结转" or "1" in "1、" numbers a list item.
func isEnumerator(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) && !isChineseNumeralRune(r) && r != ' ' {
			return false
		}
	}
	return true
}

func hasPrefixRunes(rs []rune, at int, s string) bool {
	for _, r := range s {
		if at >= len(rs) || rs[at] != r {
			return false
		}
		at++
	}
	return true
}

func hasSuffixRunes(rs []rune, end int, s string) bool {
	n := len([]rune(s))
	return end-n >= 0 && hasPrefixRunes(rs, end-n, s)
}

func scanTokens(rs []rune, start, end int) []token {
	var toks []token
	for i := start; i < end; {
		r := rs[i]
		switch {
		case isDigit(r):
			j := i
			for j < end && isDigit(rs[j]) {
				j++
			}
			intPart := string(rs[i:j])
			frac := ""
			if j+1 < end && rs[j] == '.' && isDigit(rs[j+1]) {
				k := j + 1
				for k < end && isDigit(rs[k]) {
					k++
				}
				frac = string(rs[j+1 : k])
				j = k
			}
			t := token{start: i}
			mant, err := strconv.ParseInt(intPart+frac, 10, 64)
			if err != nil || len(intPart)+len(frac) > 15 {
				t.unit, t.end = uOther, j
			} else {
				t.mant, t.dec = mant, len(frac)
				t.unit, t.end = unitAt(rs, j, end)
				if t.unit == uCount && frac != "" {
					t.unit = uOther // 2.5件 is no count
				}
			}
			// A figure glued to letters or a range dash is a code or a span.
			if i > 0 && (isASCIILetter(rs[i-1]) || strings.ContainsRune("-~～－.", rs[i-1])) {
				t.approx = true
			}
			markApprox(rs, &t, start, end)
			toks = append(toks, t)
			i = t.end
		case isChineseNumeralRune(r):
			j := i
			for j < end && isChineseNumeralRune(rs[j]) {
				j++
			}
			// Chinese numerals are figures only in front of 件: elsewhere
			// they are words (一是, 十九大, 统一).
			if u, e := unitAt(rs, j, end); u == uCount {
				if v, ok := chineseNumeral(rs[i:j]); ok {
					t := token{start: i, end: e, unit: uCount, mant: v}
					markApprox(rs, &t, start, end)
					toks = append(toks, t)
				}
				i = e
				continue
			}
			i = j
		default:
			i++
		}
	}
	return toks
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func markApprox(rs []rune, t *token, start, end int) {
	for _, w := range approxBefore {
		if hasSuffixRunes(rs, t.start, w) && t.start-len([]rune(w)) >= start {
			t.approx = true
		}
	}
	for _, w := range approxAfter {
		if hasPrefixRunes(rs, t.end, w) && t.end+len([]rune(w)) <= end {
			t.approx = true
		}
	}
}

// unitAt reads the unit at rs[j:] and returns where the token ends.
func unitAt(rs []rune, j, end int) (unitKind, int) {
	at := func(s string) bool { return hasPrefixRunes(rs[:end], j, s) }
	switch {
	case at("件次"), at("件事"):
		return uOther, j + 2
	case at("件"):
		return uCount, j + 1
	case at("万元"):
		return uWan, j + 2
	case at("亿元"):
		return uYi, j + 2
	case at("元"):
		return uYuan, j + 1
	case at("%"):
		return uPercent, j + 1
	}
	return uOther, j
}
