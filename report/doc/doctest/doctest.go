// Package doctest holds hand-built documents that the renderers' tests
// share, so that every output format is tested on the same report.
package doctest

import (
	"strings"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/stats"
)

// Sample is a hand-built report: four heading levels, indented
// paragraphs, lists, a note, the three statutory tables, a page break and
// the signature.
func Sample() *doc.Document {
	s := &stats.Stats{}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 8, Repealed: 5, InForce: 69}
	s.Active.Licensing = 1234
	s.Active.Fees, _ = stats.ParseDecimal("9116.36")
	s.Requests[stats.RowNew] = [7]int64{71, 3, 0, 0, 0, 0, 74}
	s.Requests[stats.RowFirstOut] = [7]int64{60, 2, 0, 0, 0, 0, 62}
	s.Requests[stats.RowTotal] = [7]int64{71, 3, 0, 0, 0, 0, 74}
	s.Appeals[0], s.Appeals[4] = 1, 1
	s.Appeals[13], s.Appeals[14] = 2, 2
	org := "江门市政府投资工程建设管理中心"
	return &doc.Document{
		Title: org + "2022年政府信息公开工作年度报告",
		Meta:  doc.Meta{Org: org, Year: 2022, Date: "2023年1月15日", ISODate: "2023-01-15", Subject: "政府信息公开工作年度报告"},
		Blocks: []doc.Block{
			doc.Paragraph{Text: "本报告依据《中华人民共和国政府信息公开条例》编制。", Indent: true},
			doc.Heading{Level: 1, Text: stats.Section1},
			doc.Paragraph{Text: "2022年，本中心认真贯彻落实政务公开工作部署，推进决策、执行、管理、服务、结果公开。", Indent: true},
			doc.Heading{Level: 2, Text: "（一）主动公开"},
			doc.Paragraph{Text: "全年主动公开政府信息125条，其中通过门户网站公开98条。", Indent: true},
			doc.Heading{Level: 3, Text: "1.公开平台建设"},
			doc.Heading{Level: 4, Text: "（1）门户网站"},
			doc.Paragraph{Text: "门户网站：http://www.example.gov.cn\n政务新媒体：江门建管", Indent: false},
			doc.List{Ordered: true, Items: []string{"完善公开目录", "规范发布流程", "加强\n监督检查"}},
			doc.List{Items: []string{"门户网站", "政务新媒体"}},
			doc.Note{Text: "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"},
			doc.Heading{Level: 1, Text: stats.Section2},
			tables.Build(tables.Active, s),
			doc.Heading{Level: 1, Text: stats.Section3},
			tables.Build(tables.Requests, s),
			SampleChart(),
			doc.PageBreak{},
			doc.Heading{Level: 1, Text: stats.Section4},
			tables.Build(tables.Appeals, s),
			doc.Heading{Level: 1, Text: stats.Section5},
			doc.Paragraph{Text: "一是公开内容不够全面；二是解读形式较为单一。", Indent: true},
			doc.Heading{Level: 1, Text: stats.Section6},
			doc.Paragraph{Text: "本年度未收取信息处理费。", Indent: true},
			doc.Signature{Org: org, Date: "2023年1月15日"},
		},
	}
}

// SampleChart is a chart of two years, one of them with a zero and a
// figure in the thousands, as the 年报 kind builds them.
func SampleChart() *doc.Chart {
	return &doc.Chart{
		ID: "申请办理", Title: "政府信息公开申请办理情况", Unit: "件",
		Categories: []string{"新收", "办结", "结转下年度"},
		Series: []doc.Series{
			{Name: "2022年", Values: []int64{74, 62, 12}, Sources: []string{"r01.G", "r24.G", "r25.G"}},
			{Name: "2021年", Values: []int64{1250, 1250, 0}, Sources: []string{"2021:r01.G", "2021:r24.G", "2021:r25.G"}},
		},
	}
}

// Statutory is Sample without its chart: the tests that count the
// statutory tables of a rendering.
func Statutory() *doc.Document {
	d := Sample()
	var blocks []doc.Block
	for _, b := range d.Blocks {
		if _, ok := b.(*doc.Chart); !ok {
			blocks = append(blocks, b)
		}
	}
	d.Blocks = blocks
	return d
}

// Draft is Sample marked as a draft.
func Draft() *doc.Document {
	d := Sample()
	d.Meta.Draft = true
	d.Meta.DraftNote = "检查未通过：2 项错误，1 项提示"
	return d
}

// Evil carries markup, quotes and control characters.
const Evil = "<script>alert(1)</script> & \" ' \x00\x07\x1b[31m # x | a | [link](javascript:x)"

// Hostile is a document whose strings carry markup, quotes and control
// characters everywhere the model has text.
func Hostile() *doc.Document {
	return &doc.Document{
		Title: "标题" + Evil,
		Meta:  doc.Meta{Org: "机关" + Evil, Draft: true, DraftNote: Evil},
		Blocks: []doc.Block{
			doc.Heading{Level: 1, Text: "一、" + Evil},
			doc.Paragraph{Text: Evil, Indent: true},
			doc.List{Items: []string{Evil}},
			doc.Note{Text: Evil},
			&doc.Table{Caption: Evil, Widths: []float64{1, 1}, Rows: []doc.Row{
				{Header: true, Cells: []doc.Cell{{Text: Evil, ColSpan: 2, Header: true, Scope: "col"}}},
				{Cells: []doc.Cell{{Text: Evil + "\n*强调* _x_ `c` \\"}, {Text: Evil, Header: true, Scope: `row" onclick="x`}}},
			}},
			doc.Signature{Org: Evil, Date: "2023年1月15日"},
		},
	}
}

// WideStats has a different nine-digit figure in every cell of every table
// and a fee with six decimals: the widest a report can print.
func WideStats() *stats.Stats {
	s := &stats.Stats{}
	n := int64(1000000000)
	next := func() int64 { n -= 1234567; return n }
	a := &s.Active
	a.Regulations = stats.DocCounts{Issued: next(), Repealed: next(), InForce: next()}
	a.NormativeDocs = stats.DocCounts{Issued: next(), Repealed: next(), InForce: next()}
	a.Licensing, a.Punishment, a.Coercion = next(), next(), next()
	a.Fees, _ = stats.ParseDecimal("999999999.999999")
	for r := range s.Requests {
		for c := range s.Requests[r] {
			s.Requests[r][c] = next()
		}
	}
	for i := range s.Appeals {
		s.Appeals[i] = next()
	}
	return s
}

// Huaian2024 returns the published figures of 淮安市 for 2024 and a few of
// 2023's: large and distinct enough that a wrong number in a composed text
// cannot match by chance.
func Huaian2024() (cur, prev *stats.Stats) {
	s := &stats.Stats{}
	s.Active.Regulations = stats.DocCounts{Issued: 1, Repealed: 0, InForce: 11}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 8, Repealed: 26, InForce: 66}
	s.Active.Licensing, s.Active.Punishment, s.Active.Coercion = 447228, 3985758, 88283
	s.Active.Fees, _ = stats.ParseDecimal("96171.6")
	s.Requests[0] = [7]int64{2991, 113, 1, 2, 10, 2, 3119}
	s.Requests[1] = [7]int64{34, 0, 0, 0, 0, 0, 34}
	s.Requests[2] = [7]int64{1410, 57, 1, 1, 4, 1, 1474}
	s.Requests[3] = [7]int64{170, 13, 0, 0, 1, 0, 184}
	s.Requests[12] = [7]int64{1123, 35, 0, 1, 5, 1, 1165}
	s.Requests[19] = [7]int64{6, 0, 0, 0, 0, 0, 6}
	s.Requests[22] = [7]int64{219, 2, 0, 0, 0, 0, 221}
	s.Requests[stats.RowTotal] = [7]int64{2928, 107, 1, 2, 10, 2, 3050}
	s.Requests[stats.RowCarriedOut] = [7]int64{97, 6, 0, 0, 0, 0, 103}
	s.Appeals = stats.Appeals{72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20}
	s.InfoFees = stats.InfoFees{Notices: 9, NoticeTotal: stats.DecimalFromInt(5200), Collected: stats.DecimalFromInt(3940)}
	p := &stats.Stats{}
	p.Active.NormativeDocs.InForce = 84
	p.Requests[0][6] = 2718
	return s, p
}

// Text is what a composed document says, one line per block and list item
// (a table by its name), for tests that look for sentences.
func Text(d *doc.Document) string {
	t := &texter{}
	t.line(d.Title)
	_ = doc.Walk(d.Blocks, t) // a texter never fails
	return t.b.String()
}

// texter is Text's doc.Visitor: a new kind of block must say what text it
// has before this compiles.
type texter struct{ b strings.Builder }

func (t *texter) line(s string)                   { t.b.WriteString(s + "\n") }
func (t *texter) Heading(h doc.Heading) error     { t.line(h.Text); return nil }
func (t *texter) Paragraph(p doc.Paragraph) error { t.line(p.Text); return nil }
func (t *texter) Note(n doc.Note) error           { t.line(n.Text); return nil }
func (t *texter) PageBreak(doc.PageBreak) error   { return nil }
func (t *texter) Signature(s doc.Signature) error { t.line(s.Org); t.line(s.Date); return nil }
func (t *texter) Table(x *doc.Table) error        { t.line("TABLE " + x.Name()); return nil }
func (t *texter) Chart(c *doc.Chart) error        { t.line("CHART " + c.Title); return nil }
func (t *texter) List(l doc.List) error {
	for _, it := range l.Items {
		t.line(it)
	}
	return nil
}
