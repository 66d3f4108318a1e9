package linebreak

import "unicode/utf8"

// Break classes of a rune (bit set).
const (
	clsCJK     uint8 = 1 << iota // breakable on both sides (subject to 禁则)
	clsNoStart                   // 行首禁则: must not start a line
	clsNoEnd                     // 行尾禁则: must not end a line
	clsGlue                      // indentation space: never breakable on either side
)

// asciiClass holds the classes of ASCII runes: letters, digits and other
// punctuation are 0 (part of an unbreakable run).
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range ".,;:?!)]}%" {
		t[c] = clsNoStart
	}
	for _, c := range "([{" {
		t[c] = clsNoEnd
	}
	return t
}()

// classOf returns the break class of r (never clsGlue).
func classOf(r rune) uint8 {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	if r >= 0x4E00 && r <= 0x9FFF { // CJK Unified Ideographs: the common case
		return clsCJK
	}
	switch r {
	case '。', '，', '、', '；', '：', '？', '！', '）', '》', '〕', '】', '」', '』',
		'”', '’', '…', '—', '％', '·',
		// not in the spec's list, but the same kind: closing brackets,
		// full-width/half-width full stops and commas, other dashes and
		// ellipses, katakana middle dot.
		'〉', '〗', '〙', '〛', '］', '｝', '｣', '．', '｡', '､',
		'―', '⋯', '‥', '⸺', '⸻', '・':
		return clsCJK | clsNoStart
	case '（', '《', '〔', '【', '「', '『', '“', '‘',
		'〈', '〖', '〘', '〚', '［', '｛', '｢':
		return clsCJK | clsNoEnd
	}
	if isCJK(r) {
		return clsCJK
	}
	return 0
}

// isCJK reports whether r breaks like a Han character: Han ideographs and
// radicals, CJK symbols and punctuation, kana, bopomofo, Hangul, enclosed and
// compatibility CJK, CJK compatibility forms, full-width and half-width forms.
func isCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals … CJK Unified Ideographs
		r >= 0xAC00 && r <= 0xD7AF,   // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF,   // CJK compatibility ideographs
		r >= 0xFE10 && r <= 0xFE1F,   // vertical forms
		r >= 0xFE30 && r <= 0xFE6F,   // CJK compatibility forms, small form variants
		r >= 0xFF00 && r <= 0xFFEF,   // half-width and full-width forms
		r >= 0x20000 && r <= 0x3FFFF: // CJK extensions B…
		return true
	}
	switch r {
	case '·', '—', '―', '‘', '’', '“', '”', '‥', '…', '⋯', '⸺', '⸻':
		return true
	}
	return false
}

// breakable reports whether a line may break between two adjacent
// non-space runes of classes a and b.
func breakable(a, b uint8) bool {
	return (a|b)&clsCJK != 0 && (a|b)&clsGlue == 0 && legal(a, b)
}

// legal reports whether 禁则 allows a break after a rune of class a and
// before one of class b.
func legal(a, b uint8) bool {
	return a&clsNoEnd == 0 && b&clsNoStart == 0
}
