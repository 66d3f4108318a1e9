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
	para       []string
	list       *doc.List
}

func (p *parser) parse(src string) error {
	for n, raw := range strings.Split(src, "\n") {
		line := strings.TrimRightFunc(raw, unicode.IsSpace)
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		if err := p.line(trimmed); err != nil {
			return &markupError{line: n + 1, text: trimmed, msg: err.Error()}
		}
	}
	p.flush()
	return nil
}

func (p *parser) flush() {
	if len(p.para) > 0 {
		p.d.Blocks = append(p.d.Blocks, doc.Paragraph{Text: joinLines(p.para), Indent: true})
		p.para = nil
	}
	if p.list != nil {
		p.d.Blocks = append(p.d.Blocks, *p.list)
		p.list = nil
	}
}

func (p *parser) line(s string) error {
	switch {
	case s == "":
		p.flush()
	case strings.HasPrefix(s, `\`):
		p.text(s[1:])
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
		p.list.Items = append(p.list.Items, strings.TrimSpace(s[2:]))
	case strings.HasPrefix(s, "> "):
		p.flush()
		p.d.Blocks = append(p.d.Blocks, doc.Note{Text: strings.TrimSpace(s[2:])})
	default:
		p.text(s)
	}
	return nil
}

func (p *parser) text(s string) {
	if p.list != nil {
		p.flush()
	}
	p.para = append(p.para, s)
}

// joinLines joins paragraph lines: Chinese text joins without a space,
// Latin words and numbers keep one.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && b.Len() > 0 && l != "" {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if last < utf8.RuneSelf && first < utf8.RuneSelf && !unicode.IsSpace(last) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
