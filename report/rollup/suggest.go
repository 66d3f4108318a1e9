package rollup

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/editdist"
)

// maxSuggested bounds the files of no listed unit that get a suggestion:
// a county has a misspelt stamp or two; hundreds are a wrong folder, whose
// names need no comparing with every unit.
const maxSuggested = 100

// suggest is the listed unit a stamped name that is not on the list was
// most likely meant to be, or -1. A unit is close when one name is the
// other with runes left out, keeping at least half (简称 and 全称:
// 教育体育局, 某某县教育体育局; 县卫健局, 县卫生健康局; 县教育局,
// 县教育体育局), or when a few runes added, dropped or changed turn one
// into the other (卫生建康局, 卫生健康局), at most one for every four runes
// of the longer name beyond its first: 县民政局 is not 县财政局, nor 政府
// 某某县人民政府办公室. Only a single close unit is suggested: 丙镇人民政府
// is as close to 甲镇人民政府 as to 乙镇人民政府, and guessing would send
// the office to the wrong unit. The suggestion is a hint for a person;
// the file is never summed as that unit.
func (ns unitNames) suggest(org string) int {
	n := NormName(org)
	found := -1
	for i, u := range ns {
		if !near(n, u.norm) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = i
	}
	return found
}

// near tells whether the (normalised, different) names a and b are
// clearly close, as suggest says.
func near(a, b string) bool {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	short, long := a, b
	if la > lb {
		short, long, la, lb = b, a, lb, la
	}
	if la >= 2 && 2*la >= lb && subsequence(short, long) {
		return true
	}
	limit := (lb - 1) / 4
	if limit == 0 || lb-la > limit {
		return false
	}
	return editdist.Runes([]rune(a), []rune(b), limit) <= limit
}

// subsequence tells whether s is t with some runes left out.
func subsequence(s, t string) bool {
	for _, r := range s {
		i := strings.IndexRune(t, r)
		if i < 0 {
			return false
		}
		t = t[i+utf8.RuneLen(r):]
	}
	return true
}
