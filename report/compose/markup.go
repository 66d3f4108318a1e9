package compose

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/doc"
)

// The templates write a small line-based markup that is parsed into the
// document model (templates never build renderer output directly):
//
//	= 标题                 the report title
//	# 一、总体情况          heading level 1 (## level 2, ### 3, #### 4)
//	- 一项                 list item (consecutive items form one list)
//	+ 一项                 numbered list item
//	> 说明                 note
//	::table 表三           a statutory table
//	::chart 申请办理        a chart the kind draws from the statistics
//	::signature            the 落款 (机关名称 and 成文日期)
//	::pagebreak            a page break
//	\任意文字              a paragraph line taken literally (user text)
//
// Other lines are paragraph text; consecutive lines join into one paragraph
// and a blank line ends it.
//
// The helpers that write the office's text (paras, line, own) enclose it
// in ownStart … ownEnd, noncharacters that user text never holds
// (textclean removes them). The parser takes them out before reading a
// line, so the markup and the output are as without them, and keeps where
// they were as the blocks' Own spans: R18 tells the office's text from the
// template's by them.

const (
	ownStart = '\uFDD0'
	ownEnd   = '\uFDD1'
)

// markOwn encloses the office's text s in the provenance marks, dropping
// any marks s holds itself.
func markOwn(s string) string {
	s = unmarkString(s)
	if s == "" {
		return ""
	}
	return string(ownStart) + s + string(ownEnd)
}

// unmarkString drops the marks, every other byte as it was.
func unmarkString(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, string(ownStart), ""), string(ownEnd), "")
}

// marked is a line without the provenance marks; own[i] says byte i of s
// is the office's.
type marked struct {
	s   string
	own []bool
}

// unmark takes the marks out of a raw line; open says a mark of an
// earlier line is still open, and the result whether one is at the end.
func unmark(raw string, open bool) (marked, bool) {
	if !strings.ContainsRune(raw, ownStart) && !strings.ContainsRune(raw, ownEnd) {
		own := make([]bool, len(raw))
		if open {
			for i := range own {
				own[i] = true
			}
		}
		return marked{s: raw, own: own}, open
	}
	var b strings.Builder
	var own []bool
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRuneInString(raw[i:])
		switch r {
		case ownStart:
			open = true
		case ownEnd:
			open = false
		default:
			b.WriteString(raw[i : i+n]) // invalid bytes stay as they are
			for range n {
				own = append(own, open)
			}
		}
		i += n
	}
	return marked{s: b.String(), own: own}, open
}

func (m marked) from(i int) marked { return marked{s: m.s[i:], own: m.own[i:]} }

func (m marked) trimLeft() marked {
	return m.from(len(m.s) - len(strings.TrimLeftFunc(m.s, unicode.IsSpace)))
}

func (m marked) trimRight() marked {
	n := len(strings.TrimRightFunc(m.s, unicode.IsSpace))
	return marked{s: m.s[:n], own: m.own[:n]}
}

// spans are the office's parts of m; nil when none.
func (m marked) spans() []doc.Span {
	var out []doc.Span
	for i := 0; i < len(m.own); {
		if !m.own[i] {
			i++
			continue
		}
		j := i
		for j < len(m.own) && m.own[j] {
			j++
		}
		out = append(out, doc.Span{Start: i, End: j})
		i = j
	}
	return out
}

// markupError is a problem in the composed markup, with the output line.
type markupError struct {
	line int
	text string
	msg  string
}

func (e *markupError) Error() string { return e.msg }

type parser struct {
	d          *doc.Document
	tables     func(id string) *doc.Table
	names      []string // the tables ::table accepts
	charts     func(id string) *doc.Chart
	chartNames []string // the charts ::chart accepts
	sig        doc.Signature
	para       []marked
	list       *doc.List
	listOwn    bool // some item of list has text of the office's
}

func (p *parser) parse(src string) error {
	open := false
	for n, raw := range strings.Split(src, "\n") {
		var t marked
		t, open = unmark(raw, open)
		t = t.trimRight().trimLeft()
		if err := p.line(t); err != nil {
			return &markupError{line: n + 1, text: t.s, msg: err.Error()}
		}
	}
	p.flush()
	return nil
}

func (p *parser) flush() {
	if len(p.para) > 0 {
		text, own := joinMarked(p.para)
		p.d.Blocks = append(p.d.Blocks, doc.Paragraph{Text: text, Indent: true, Own: own})
		p.para = nil
	}
	if p.list != nil {
		if !p.listOwn {
			p.list.Own = nil
		}
		p.d.Blocks = append(p.d.Blocks, *p.list)
		p.list, p.listOwn = nil, false
	}
}

func (p *parser) line(t marked) error {
	s := t.s
	switch {
	case s == "":
		p.flush()
	case strings.HasPrefix(s, `\`):
		p.text(t.from(1))
	case strings.HasPrefix(s, "::"):
		p.flush()
		name, arg, _ := strings.Cut(s[2:], " ")
		arg = strings.TrimSpace(arg)
		switch name {
		case "table":
			t := p.tables(arg)
			if t == nil {
				if len(p.names) == 0 {
					return fmt.Errorf("这种报告没有法定表格，不能用 ::table %s", arg)
				}
				return fmt.Errorf("未知的表格“%s”，可用的是 %s", arg, strings.Join(p.names, "、"))
			}
			p.d.Blocks = append(p.d.Blocks, t)
		case "chart":
			var c *doc.Chart
			if p.charts != nil {
				c = p.charts(arg)
			}
			if c == nil {
				if len(p.chartNames) == 0 {
					return fmt.Errorf("这种报告没有图表，不能用 ::chart %s", arg)
				}
				return fmt.Errorf("未知的图表“%s”，可用的是 %s", arg, strings.Join(p.chartNames, "、"))
			}
			p.d.Blocks = append(p.d.Blocks, c)
		case "signature":
			p.d.Blocks = append(p.d.Blocks, p.sig)
		case "pagebreak":
			p.d.Blocks = append(p.d.Blocks, doc.PageBreak{})
		default:
			return fmt.Errorf("未知的指令“::%s”，可用的是 ::table、::chart、::signature、::pagebreak", name)
		}
	case strings.HasPrefix(s, "#"):
		p.flush()
		level := len(s) - len(strings.TrimLeft(s, "#"))
		text := strings.TrimSpace(s[level:])
		if level > 4 {
			return fmt.Errorf("标题最多四级（# 到 ####），这里有 %d 个 #", level)
		}
		if text == "" {
			return fmt.Errorf("标题没有文字")
		}
		p.d.Blocks = append(p.d.Blocks, doc.Heading{Level: level, Text: text})
	case strings.HasPrefix(s, "= "):
		p.flush()
		p.d.Title = strings.TrimSpace(s[2:])
	case strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "+ "):
		ordered := s[0] == '+'
		if len(p.para) > 0 || (p.list != nil && p.list.Ordered != ordered) {
			p.flush()
		}
		if p.list == nil {
			p.list = &doc.List{Ordered: ordered}
		}
		item := t.from(2).trimLeft().trimRight()
		own := item.spans()
		p.list.Items = append(p.list.Items, item.s)
		p.list.Own = append(p.list.Own, own)
		p.listOwn = p.listOwn || len(own) > 0
	case strings.HasPrefix(s, "> "):
		p.flush()
		p.d.Blocks = append(p.d.Blocks, doc.Note{Text: strings.TrimSpace(s[2:])})
	default:
		p.text(t)
	}
	return nil
}

func (p *parser) text(s marked) {
	if p.list != nil {
		p.flush()
	}
	p.para = append(p.para, s)
}

// joinMarked joins paragraph lines as joinLines does, with the parts the
// office wrote.
func joinMarked(lines []marked) (string, []doc.Span) {
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = l.s
	}
	text, starts := joinLines(plain)
	own := make([]bool, len(text))
	for i, l := range lines {
		copy(own[starts[i]:], l.own)
	}
	return text, marked{s: text, own: own}.spans()
}

// joinLines joins paragraph lines: Chinese text joins without a space,
// Latin words and numbers keep one.
// starts are the offsets of the lines in the result.
func joinLines(lines []string) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(lines))
	for i, l := range lines {
		if i > 0 && b.Len() > 0 && l != "" {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if last < utf8.RuneSelf && first < utf8.RuneSelf && !unicode.IsSpace(last) {
				b.WriteByte(' ')
			}
		}
		starts[i] = b.Len()
		b.WriteString(l)
	}
	return b.String(), starts
}
