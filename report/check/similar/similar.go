// Package similar measures how much of this year's report text repeats
// last year's (R18, docs/rules.md#r18: 内容雷同).
//
// A section's similarity is the share of its characters that lie in a
// passage of at least Gram characters also found in last year's section.
// Boilerplate does not count: short formula sentences (under MinSentence
// characters, e.g. "本年度未收取信息处理费。") and statistical sentences
// whose wording is last year's but whose figures changed (the generated
// "本年度新收政府信息公开申请4件……" sentences) are left out of both
// the measure and the passages.
package similar

import (
	"sort"
	"strings"
	"unicode"
)

// Gram is the shortest run of characters counted as copied: long enough
// that common phrases (政府信息公开工作, 依申请公开) do not count alone.
const Gram = 12

// MinSentence is the shortest sentence that counts.
const MinSentence = 15

// Passage is a copied run of text.
type Passage struct {
	Text    string
	CurPara int // 1-based paragraph of this year's section
	PrevPar int // 1-based paragraph of last year's section, 0 if not found whole
}

// Result compares one section.
type Result struct {
	// Ratio of this year's counted characters found in last year's text, 0–1.
	Ratio float64
	// Counted is the number of characters measured (boilerplate left out).
	Counted int
	// Passages are the longest copied runs, longest first, each text once
	// (at most 3).
	Passages []Passage
}

type sentence struct {
	text []rune
	para int
}

// split cuts paragraphs into sentences without spaces.
func split(paras []string) []sentence {
	var out []sentence
	for p, para := range paras {
		var cur []rune
		flush := func() {
			if len(cur) > 0 {
				out = append(out, sentence{text: cur, para: p + 1})
				cur = nil
			}
		}
		for _, r := range para {
			if unicode.IsSpace(r) {
				continue
			}
			cur = append(cur, r)
			if strings.ContainsRune("。；！？;!?", r) {
				flush()
			}
		}
		flush()
	}
	return out
}

func skeleton(s []rune) (string, bool) {
	var b strings.Builder
	digits := false
	in := false
	for _, r := range s {
		if r >= '0' && r <= '9' || r == '.' && in {
			if !in {
				b.WriteByte('#')
			}
			in, digits = true, true
			continue
		}
		in = false
		b.WriteRune(r)
	}
	return b.String(), digits
}

// Compare measures cur (this year's section) against prev (last year's),
// both with paragraphs separated by "\n".
func Compare(cur, prev string) Result {
	return CompareParas(strings.Split(cur, "\n"), prev)
}

// CompareParas measures the pieces of this year's text cur against prev
// (last year's section, paragraphs separated by "\n"); a passage's
// CurPara is the 1-based index of its piece in cur. No copied run spans
// two pieces, so the office's text and the template's, given apart, are
// measured apart.
func CompareParas(cur []string, prev string) Result {
	cs, ps := split(cur), split(strings.Split(prev, "\n"))
	prevSkel := map[string]map[string]bool{} // skeleton → sentences
	var prevText []rune
	var prevPara []int // paragraph of each rune of prevText
	for _, s := range ps {
		sk, _ := skeleton(s.text)
		if prevSkel[sk] == nil {
			prevSkel[sk] = map[string]bool{}
		}
		prevSkel[sk][string(s.text)] = true
		prevText = append(prevText, s.text...)
		prevText = append(prevText, 0) // no gram spans two sentences
		for range len(s.text) + 1 {
			prevPara = append(prevPara, s.para)
		}
	}
	grams := map[string]int{} // gram → its first offset in prevText
	for i := 0; i+Gram <= len(prevText); i++ {
		g := string(prevText[i : i+Gram])
		if strings.ContainsRune(g, 0) {
			continue
		}
		if _, ok := grams[g]; !ok {
			grams[g] = i
		}
	}
	var res Result
	covered := 0
	type run struct {
		text       []rune
		para, prev int
	}
	var runs []run
	for _, s := range cs {
		if len(s.text) < MinSentence {
			continue
		}
		if sk, digits := skeleton(s.text); digits {
			if same := prevSkel[sk]; same != nil && !same[string(s.text)] {
				continue // last year's wording, this year's figures
			}
		}
		res.Counted += len(s.text)
		mark := make([]bool, len(s.text))
		first := make([]int, len(s.text))
		for i := range first {
			first[i] = -1
		}
		for i := 0; i+Gram <= len(s.text); i++ {
			if at, ok := grams[string(s.text[i:i+Gram])]; ok {
				for j := i; j < i+Gram; j++ {
					mark[j] = true
				}
				if first[i] < 0 {
					first[i] = at
				}
			}
		}
		for i := 0; i < len(mark); {
			if !mark[i] {
				i++
				continue
			}
			j := i
			for j < len(mark) && mark[j] {
				j++
			}
			covered += j - i
			pp := 0
			if first[i] >= 0 {
				pp = prevPara[first[i]]
			}
			runs = append(runs, run{text: s.text[i:j], para: s.para, prev: pp})
			i = j
		}
	}
	if res.Counted > 0 {
		res.Ratio = float64(covered) / float64(res.Counted)
	}
	sort.SliceStable(runs, func(i, j int) bool { return len(runs[i].text) > len(runs[j].text) })
	seen := map[string]bool{} // a passage repeated this year is quoted once
	for _, r := range runs {
		if len(res.Passages) == 3 {
			break
		}
		if t := string(r.text); !seen[t] {
			seen[t] = true
			res.Passages = append(res.Passages, Passage{Text: t, CurPara: r.para, PrevPar: r.prev})
		}
	}
	return res
}
