package published

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/stats"
)

func appealKeys() []string {
	ks := make([]string, stats.NumAppealCols)
	for i := range ks {
		ks[i] = stats.AppealKey(i)
	}
	return ks
}

// Official section headings, in order.
var headings = [6]string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}

var ordinals = [6]string{"一", "二", "三", "四", "五", "六"}

// heading tells whether a paragraph is the heading of section i: its
// ordinal and the words that tell it from the rows of 表三 ("四、结转下年度
// 继续办理") and from sentences.
func heading(i int, text string) bool {
	s := norm(text)
	if runes(s) > 40 {
		return false
	}
	ord := ordinals[i]
	if !strings.HasPrefix(s, ord+"、") && !strings.HasPrefix(s, ord+".") && !strings.HasPrefix(s, ord+"，") {
		return false
	}
	switch i {
	case 0:
		return strings.Contains(s, "总体情况")
	case 1:
		return strings.Contains(s, "主动公开")
	case 2:
		return strings.Contains(s, "收到") && strings.Contains(s, "申请")
	case 3:
		return strings.Contains(s, "复议") || strings.Contains(s, "诉讼")
	case 4:
		return strings.Contains(s, "存在的主要问题") || strings.Contains(s, "存在问题")
	case 5:
		return strings.Contains(s, "其他需要报告")
	}
	return false
}

// titleAndSections finds the title (body and year) and splits the
// paragraphs into the preamble and the six sections.
func (p *parsed) titleAndSections(ls []line) {
	p.secStart = [7]int{-1, -1, -1, -1, -1, -1, -1}
	for i, l := range ls {
		if l.table > 0 || len(l.cells) != 1 && !l.text {
			continue
		}
		next := 0
		for next < 6 && p.secStart[next] >= 0 {
			next++
		}
		if next < 6 && heading(next, l.joined()) {
			p.secStart[next] = i
			p.res.Headings[next] = strings.TrimSpace(l.joined())
		}
	}
	p.secStart[6] = len(ls)
	for i, h := range p.res.Headings {
		if h != "" && norm(h) != norm(headings[i]) {
			p.warn(ls[p.secStart[i]].pos(p.file), "第%s部分的标题印作“%s”，官方标题是“%s”", ordinals[i], h, headings[i])
		}
	}
	// The title: what the reader found in the page's metadata, else the
	// first paragraph that reads like one.
	firstSec := len(ls)
	for _, s := range p.secStart[:6] {
		if s >= 0 {
			firstSec = s
			break
		}
	}
	titleAt := -1
	title := p.title
	if title == "" {
		for i, l := range ls[:firstSec] {
			if l.table == 0 && titleRe().MatchString(norm(l.joined())) {
				title, titleAt = strings.TrimSpace(l.joined()), i
				break
			}
			// A title set on two lines: the body, then the year and kind.
			if i+1 < firstSec && l.table == 0 && ls[i+1].table == 0 && runes(l.joined()) < 40 {
				next := titleRe().FindStringSubmatch(norm(ls[i+1].joined()))
				two := l.joined() + ls[i+1].joined()
				if next != nil && next[1] == "" {
					title, titleAt = norm(two), i+1
					break
				}
			}
		}
	} else {
		for i, l := range ls[:firstSec] {
			if l.table == 0 && norm(l.joined()) == norm(title) {
				titleAt = i
			}
		}
	}
	p.res.Title = title
	if m := titleRe().FindStringSubmatch(norm(title)); m != nil {
		p.res.Org = strings.TrimLeft(strings.TrimSpace(m[1]), "•·*#>-【】[]")
		p.res.Year = atoi(m[2])
		if m[3] == "" {
			p.warn(p.at(), "标题“%s”中没有“工作”二字，官方格式为“……年政府信息公开工作年度报告”", title)
		}
	}
	// Preamble: the paragraphs between the title and 一、总体情况.
	var pre []string
	for _, l := range ls[titleAt+1 : firstSec] {
		if l.table == 0 {
			if t := clean(l.joined()); t != "" {
				pre = append(pre, t)
			}
		}
	}
	p.res.Preamble = strings.Join(pre, "\n")
	for i := range 6 {
		if p.secStart[i] < 0 {
			continue
		}
		end := len(ls)
		for j := i + 1; j < 7; j++ {
			if p.secStart[j] >= 0 {
				end = p.secStart[j]
				break
			}
		}
		var ps []string
		for _, l := range ls[p.secStart[i]+1 : end] {
			if l.table > 0 || l.text && l.tabular {
				continue
			}
			if t := clean(l.joined()); t != "" {
				ps = append(ps, t)
			}
		}
		p.res.Sections[i] = strings.Join(ps, "\n")
	}
}

// clean trims a paragraph and collapses its runs of spaces.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\u00a0' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	// Pages saved from Word break lines inside Chinese sentences; a space
	// is kept only between Latin letters or digits.
	var b strings.Builder
	for i, f := range strings.Fields(s) {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(f)
			if prev < 0x80 && next < 0x80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(f)
	}
	return b.String()
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
