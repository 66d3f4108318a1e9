// Package linebreak breaks Chinese (and mixed Chinese/Latin) text into lines
// for a typesetting renderer.
//
// fpdf's own line breaking loses a Han character at every automatic break and
// never justifies CJK lines, so the report renderer breaks lines itself with
// Break and spreads the slack of every line but the last with Justify.
//
// # Break opportunities
//
//   - Between two adjacent characters at least one of which is CJK (Han, kana,
//     Hangul, CJK and full-width punctuation, the full-width forms block, and
//     the punctuation “ ” ‘ ’ … — · that Chinese text uses).
//   - At a run of ASCII spaces that follows some non-space text of the
//     paragraph. The whole run is dropped when the line breaks there.
//   - Nowhere else: a run of non-CJK, non-space characters ("2022", "3,119",
//     "12.5%", "0750-0000000", "http://x.gov.cn", "(2022)") is one unbreakable
//     unit. Spaces at the start of a paragraph are indentation: they are kept
//     and glued to the first word.
//
// # 禁则 (kinsoku)
//
// An opportunity is cancelled (also across a space run) when the character
// after it must not start a line (行首禁则: 。，、；：？！）》〕】」』”’…—％·
// .,;:?!)]}% plus the closing brackets 〉〗〙〛］｝｣, ．｡､ ― ⋯ ‥ ⸺ ⸻ ・) or the
// character before it must not end a line (行尾禁则: （《〔【「『“‘([{ plus
// 〈〖〘〚［｛｢). Because … and — may not start a line, "……" and "——" are
// never split. The text between two surviving opportunities is a unit.
//
// # Filling
//
// Lines are filled greedily: a unit goes on the current line when the line
// still fits, otherwise the line ends at the last opportunity. Because units
// include their 禁则 neighbours this "pulls back" the character before a
// forbidden line-start (一二三四，→ 一二三 / 四，) and "pushes" a forbidden
// line-end (一二三“四 → 一二三 / “四). Lines are never wider than their
// measure (first for the first line of the result, rest for all others), up
// to a float slack of 1e-6 pt.
//
// Last resort: when a unit is wider than rest (or, for a unit that starts the
// first line, wider than first), no legal break can make it fit; it is then
// split by characters, filling each line as far as it goes (a long URL starts
// right after the preceding text instead of leaving a short line that the
// renderer would stretch). Inside such a unit 禁则 cannot be honoured, so
// "。。。。。。" in a three-character measure becomes "。。。" / "。。。".
//
// Every line holds at least one character. When the measure is narrower than
// a single character (tiny or non-positive widths) that character stands
// alone on its line and is the only thing ever allowed to exceed the measure.
//
// # Line ends and paragraphs
//
// '\n' ends a paragraph and forces a break; each paragraph yields at least
// one line (an empty paragraph yields one line with empty Text), so a text
// with n newlines gives at least n+1 lines. Only the final line of the whole
// text is Last. ASCII spaces at the end of a line are dropped (at a space
// break and before '\n' or the end of the text); apart from that and '\n'
// every byte of the input appears in exactly one Line.Text, in order ('\r',
// tabs and invalid UTF-8 are ordinary, unbreakable non-CJK characters).
package linebreak

import (
	"strings"
	"unicode/utf8"
)

// Measure returns the advance width of r at the current font and size (points).
// It must return finite, non-negative values; it is never called with '\n'.
type Measure func(r rune) float64

// Line is one output line of a paragraph.
type Line struct {
	Text  string  // the characters of the line, exactly as in the input (no characters added or dropped, except spaces at a line end which are dropped when the break is at an ASCII space)
	Width float64 // natural width: sum of advances
	Last  bool    // last line of the paragraph (renderers do not justify it)
}

// tolerance is the float slack (points) allowed when comparing a line's width
// with its measure, so that a measure computed as n×advance in a different
// summation order still holds n characters.
const tolerance = 1e-6

// Break splits text into lines no wider than first (the first line) and rest (the others).
//
// first applies to the first line of the result only, also when text holds
// several '\n'-separated paragraphs; callers that want a first-line indent for
// every paragraph call Break once per paragraph. Empty text gives nil.
func Break(text string, first, rest float64, m Measure) []Line {
	if text == "" {
		return nil
	}
	b := breaker{
		text:  text,
		m:     m,
		first: limit(first),
		rest:  limit(rest),
		lines: make([]Line, 0, len(text)/64+1),
	}
	for start := 0; ; {
		end := len(text)
		nl := strings.IndexByte(text[start:], '\n')
		if nl >= 0 {
			end = start + nl
		}
		b.paragraph(start, end)
		if nl < 0 {
			break
		}
		start = end + 1
	}
	b.lines[len(b.lines)-1].Last = true
	return b.lines
}

// Justify returns the extra spacing to add after each character but the last so that line fills width (0 for a Last line or a line with one character).
func Justify(l Line, width float64) float64 {
	if l.Last {
		return 0
	}
	n := utf8.RuneCountInString(l.Text)
	if n < 2 {
		return 0
	}
	return (width - l.Width) / float64(n-1)
}

// limit turns a measure into the largest allowed line width.
func limit(w float64) float64 {
	if !(w > 0) { // negative, zero or NaN
		w = 0
	}
	return w + tolerance
}

type breaker struct {
	text        string
	m           Measure
	first, rest float64 // limits, tolerance included
	lines       []Line

	// current paragraph
	end    int // end of the paragraph content (trailing spaces excluded)
	indent int // end of the paragraph's leading spaces
}

func (b *breaker) emit(start, end int, w float64) {
	b.lines = append(b.lines, Line{Text: b.text[start:end], Width: w})
}

// paragraph breaks text[start:end], which holds no '\n'.
func (b *breaker) paragraph(start, end int) {
	s := b.text
	for end > start && s[end-1] == ' ' {
		end--
	}
	if end == start {
		b.emit(start, start, 0)
		return
	}
	indent := start
	for s[indent] == ' ' {
		indent++
	}
	b.end, b.indent = end, indent
	for i := start; i < end; {
		i = b.line(i)
	}
}

// decode returns the rune at s[j:] and its size.
func decode(s string, j int) (rune, int) {
	if c := s[j]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[j:])
}

// class returns the break class of the rune at j: indentation spaces glue to
// their neighbours.
func (b *breaker) class(r rune, j int) uint8 {
	if r == ' ' && j < b.indent {
		return clsGlue
	}
	return classOf(r)
}

// spaceRun reports whether the rune r at j starts an interior space run; if
// so it returns the offset k of the non-space rune after it and whether the
// run is a break opportunity after a rune of class prev.
func (b *breaker) spaceRun(r rune, j int, prev uint8) (k int, opp, ok bool) {
	if r != ' ' || j < b.indent {
		return 0, false, false
	}
	s := b.text
	k = j + 1
	for s[k] == ' ' { // the paragraph content ends with a non-space
		k++
	}
	nr, _ := decode(s, k)
	return k, legal(prev, classOf(nr)), true
}

// line sets one line starting at i (a non-space or an indentation space) and
// returns where the next line starts.
func (b *breaker) line(i int) int {
	s, m, end := b.text, b.m, b.end
	lim := b.rest
	if len(b.lines) == 0 {
		lim = b.first
	}
	var (
		w          float64 // width of s[i:j], summed rune by rune
		cEnd       = i     // end of the content so far (no trailing spaces) ...
		cW         float64 // ... and its width
		oppEnd     = -1    // last opportunity: the line would end at oppEnd ...
		oppNext    int     // ... the next one start at oppNext ...
		oppW       float64 // ... and this line be oppW wide
		prev       uint8   // class of the last non-space rune
		afterSpace bool    // an interior space run precedes j
	)
	for j := i; j < end; {
		r, size := decode(s, j)
		if k, opp, ok := b.spaceRun(r, j, prev); ok {
			if opp {
				oppEnd, oppNext, oppW = j, k, w
			}
			for ; j < k; j++ {
				w += m(' ')
			}
			afterSpace = true
			continue
		}
		c := b.class(r, j)
		if j > i && !afterSpace && breakable(prev, c) {
			oppEnd, oppNext, oppW = j, j, w
		}
		nw := w + m(r)
		if nw > lim && j > i {
			if oppEnd >= 0 && b.fits(oppNext) {
				b.emit(i, oppEnd, oppW)
				return oppNext
			}
			// No opportunity, or the unit after it is too wide even for a
			// line of its own: split by characters here.
			b.emit(i, cEnd, cW)
			return j
		}
		w = nw
		j += size
		cEnd, cW = j, w
		prev, afterSpace = c, false
	}
	b.emit(i, cEnd, cW)
	return end
}

// fits reports whether the unit starting at from (just after an opportunity)
// fits on a line of width rest.
func (b *breaker) fits(from int) bool {
	s, m, end, lim := b.text, b.m, b.end, b.rest
	var (
		w          float64
		prev       uint8
		afterSpace bool
	)
	for j := from; j < end; {
		r, size := decode(s, j)
		if k, opp, ok := b.spaceRun(r, j, prev); ok {
			if opp {
				return true
			}
			for ; j < k; j++ {
				w += m(' ')
			}
			afterSpace = true
			continue
		}
		c := b.class(r, j)
		if j > from && !afterSpace && breakable(prev, c) {
			return true
		}
		w += m(r)
		if w > lim {
			return false
		}
		prev, afterSpace = c, false
		j += size
	}
	return true
}
