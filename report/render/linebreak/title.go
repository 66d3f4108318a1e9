package linebreak

import (
	"math"
	"strings"
	"unicode/utf8"
)

// TitleTerms are the words of the report's title that a line must never
// split (GB/T 9704 7.3.1: 回行时要做到词意完整): the statutory name of the
// report. The body's name is a third, passed to Title.
var TitleTerms = []string{"政府信息公开", "工作年度报告", "法治政府建设", "情况报告"}

// orgSuffixes end the parts of a body's name at which a name too long for
// one line may break: administrative levels and kinds of body. The longer
// come first so that 委员会 wins over 委.
var orgSuffixes = []string{"委员会", "办事处", "办公厅", "办公室", "人民政府", "中心", "总署", "总局", "街道",
	"省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "局", "厅", "署", "委", "院", "所"}

// orgNoBreak lists words that start with a suffix character and so must
// not be split after it (市场监督管理局 is not 市 / 场监督管理局).
var orgNoBreak = []string{"市场", "市政", "市容", "区域", "县域", "局域", "所得", "院校", "委托", "州府"}

// Ems measures in ems of the font size: 1 for a CJK character, ½ for
// anything else (digits and Latin letters of a Roman face). Renderers that
// must agree on line breaks without sharing font metrics (the PDF and the
// DOCX title) break with it.
func Ems(r rune) float64 {
	if classOf(r)&clsCJK != 0 {
		return 1
	}
	return 0.5
}

// TitleWidth is the measure in ems that Title is given for a title of
// size set on a line of width (same units): a line less ½ em, so that a
// reader whose Latin digits are wider than the Ems model (DejaVu for Times
// New Roman) still holds every line. The PDF and the DOCX both use it and
// so break their titles alike.
func TitleWidth(line, size float64) float64 { return line/size - 0.5 }

// Title breaks a title into centred lines no wider than width, as GB/T
// 9704 7.3.1 asks: as few lines as fit, breaking only between words (never
// inside TitleTerms or the body's name org, nor between a year and its 年),
// under the 禁则 of Break, and balanced, the lines as close to equal length
// as the words allow (sum of squared widths minimal), so that the title
// forms a trapezoid or diamond rather than a long line and a short tail.
// A name wider than a line breaks after one of its administrative suffixes
// (市, 区, 县, 局, 委员会, 中心 …). Only when no such break fits does a word
// break at any legal opportunity; only when none of that fits does Title
// fall back to Break.
func Title(title, org string, width float64, m Measure) []Line {
	if title == "" {
		return nil
	}
	if strings.ContainsRune(title, '\n') {
		return Break(title, width, width, m)
	}
	type char struct {
		off int
		w   float64
	}
	var cs []char
	for i, r := range title {
		cs = append(cs, char{i, m(r)})
	}
	n := len(cs)
	runeAt := func(i int) rune { r, _ := utf8.DecodeRuneInString(title[cs[i].off:]); return r }
	// legal[i]: a break before character i is allowed by 禁则 and keeps a
	// number with its 年.
	legal := make([]bool, n)
	for i := 1; i < n; i++ {
		a, b := runeAt(i-1), runeAt(i)
		legal[i] = breakable(classOf(a), classOf(b)) && !(a >= '0' && a <= '9' && b == '年') && a != ' ' && b != ' '
	}
	total := 0.0
	for _, c := range cs {
		total += c.w
	}
	at := func(off int) int { // index of the character at byte offset off
		for i, c := range cs {
			if c.off == off {
				return i
			}
		}
		return n
	}
	// protect marks the breaks inside every occurrence of term; inside the
	// body's name (org) the breaks after its suffixes stay open when the
	// name does not fit on a line.
	prot := make([]bool, n)
	soft := make([]bool, n) // breaks inside a protected word that are still sensible
	protect := func(term string, isOrg bool) {
		if term == "" {
			return
		}
		for from := 0; ; {
			k := strings.Index(title[from:], term)
			if k < 0 {
				return
			}
			s := at(from + k)
			e := at(from + k + len(term))
			w := 0.0
			for i := s; i < e; i++ {
				w += cs[i].w
			}
			for i := s + 1; i < e; i++ {
				prot[i] = true
			}
			if isOrg && w > width {
				for i := s + 1; i < e; i++ {
					if orgBreak(title[cs[s].off:cs[i].off], title[cs[i].off:cs[e-1].off+utf8.RuneLen(runeAt(e-1))]) {
						soft[i] = true
					}
				}
			}
			from += k + len(term)
		}
	}
	for _, t := range TitleTerms {
		protect(t, false)
	}
	protect(strings.TrimSpace(org), true)

	for _, level := range []func(i int) bool{
		func(i int) bool { return legal[i] && !prot[i] },
		func(i int) bool { return legal[i] && (!prot[i] || soft[i]) },
		func(i int) bool { return legal[i] },
	} {
		var cuts []int // character indices where a line may start, with 0 and n
		cuts = append(cuts, 0)
		for i := 1; i < n; i++ {
			if level(i) {
				cuts = append(cuts, i)
			}
		}
		cuts = append(cuts, n)
		if lines := balance(cuts, func(a, b int) float64 {
			w := 0.0
			for i := a; i < b; i++ {
				w += cs[i].w
			}
			return w
		}, total, width); lines != nil {
			out := make([]Line, 0, len(lines)-1)
			for k := 0; k+1 < len(lines); k++ {
				a, b := lines[k], lines[k+1]
				end := len(title)
				if b < n {
					end = cs[b].off
				}
				w := 0.0
				for i := a; i < b; i++ {
					w += cs[i].w
				}
				out = append(out, Line{Text: title[cs[a].off:end], Width: w})
			}
			out[len(out)-1].Last = true
			return out
		}
	}
	return Break(title, width, width, m)
}

// orgBreak reports whether a name may break between before and after: when
// before ends with a suffix, the break is not inside a longer suffix, and
// after does not continue a word that starts with the suffix's last
// character.
func orgBreak(before, after string) bool {
	// Never inside a suffix itself (委 / 员会, 人民 / 政府).
	for _, s := range orgSuffixes {
		for i := range s {
			if i > 0 && strings.HasSuffix(before, s[:i]) && strings.HasPrefix(after, s[i:]) {
				return false
			}
		}
	}
	for _, s := range orgSuffixes {
		if !strings.HasSuffix(before, s) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(before)
		next, _ := utf8.DecodeRuneInString(after)
		for _, w := range orgNoBreak {
			if w == string(last)+string(next) {
				return false
			}
		}
		return true
	}
	return false
}

// balance chooses, among the cut positions cuts (sorted, first 0, last the
// end), the fewest lines no wider than width and, for that count, the
// breaks with the least sum of squared line widths; ties go to the
// earlier-found, i.e. to shorter upper lines. It returns the chosen cuts
// including both ends, or nil when some unit between two cuts is wider
// than width.
func balance(cuts []int, span func(a, b int) float64, total, width float64) []int {
	k := len(cuts)
	for i := 0; i+1 < k; i++ {
		if span(cuts[i], cuts[i+1]) > width+tolerance {
			return nil
		}
	}
	width += tolerance
	for lines := max(1, int(math.Ceil(total/width-1e-9))); lines < k; lines++ {
		// cost[l][j]: least sum of squares covering cuts[0..j] with l lines.
		inf := math.Inf(1)
		cost := make([][]float64, lines+1)
		from := make([][]int, lines+1)
		for l := range cost {
			cost[l] = make([]float64, k)
			from[l] = make([]int, k)
			for j := range cost[l] {
				cost[l][j] = inf
			}
		}
		cost[0][0] = 0
		for l := 1; l <= lines; l++ {
			for j := 1; j < k; j++ {
				for i := 0; i < j; i++ {
					w := span(cuts[i], cuts[j])
					if w > width {
						continue
					}
					if c := cost[l-1][i] + w*w; c < cost[l][j]-1e-9 {
						cost[l][j], from[l][j] = c, i
					}
				}
			}
		}
		if math.IsInf(cost[lines][k-1], 1) {
			continue
		}
		out := make([]int, lines+1)
		j := k - 1
		for l := lines; l > 0; l-- {
			out[l] = cuts[j]
			j = from[l][j]
		}
		out[0] = 0
		return out
	}
	return nil
}
