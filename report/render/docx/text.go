package docx

import (
	"bytes"
	"encoding/xml"
	"github.com/nianbao/nianbao/report/textclean"
	"strings"
	"unicode/utf8"
)

// clean removes what XML 1.0 does not allow and what Word would choke on:
// invalid UTF-8 (which is where lone surrogates end up in a Go string),
// control characters other than tab and newline (CR LF and lone CR become
// LF), and noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and their
// counterparts in every plane). Emoji and other supplementary characters
// stay.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	ok := true
	for _, r := range s {
		if !allowed(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if allowed(r) {
			return r
		}
		return -1
	}, s)
}

func allowed(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return true
	case r >= 0xD800 && r <= 0xDFFF, textclean.Removed(r):
		return false
	}
	return true
}

// esc writes s, already cleaned, escaped for XML text or attribute values.
func esc(b *bytes.Buffer, s string) {
	if !strings.ContainsAny(s, "&<>\"'\t\n\r") {
		b.WriteString(s)
		return
	}
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
}

// attr is s cleaned and escaped for an attribute value.
func attr(s string) string {
	var b bytes.Buffer
	esc(&b, clean(s))
	return b.String()
}

// wide reports whether r takes a full character cell (汉字, full-width
// forms, CJK punctuation) rather than half of one (Latin, digits).
func wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF, // CJK radicals … Yi, incl. 。、《》 and 汉字
		r >= 0xAC00 && r <= 0xD7A3, // Hangul
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms （），：
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1FAFF, // emoji
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B…
		return true
	}
	return false
}

// chars is the width of the longest line of s in character cells (字).
func chars(s string) float64 {
	best := 0.0
	for _, line := range strings.Split(s, "\n") {
		w := 0.0
		for _, r := range line {
			if wide(r) {
				w++
			} else {
				w += 0.5
			}
		}
		best = max(best, w)
	}
	return best
}
