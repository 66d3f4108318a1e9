package htmlpage

import (
	"bytes"
	"flag"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The shared sample documents (report/doc/doctest).
func sample() *doc.Document { return doctest.Sample() }
func draft() *doc.Document  { return doctest.Draft() }

const evil = doctest.Evil

// hostile is a document whose strings carry markup, quotes and control
// characters everywhere the model has text.
func hostile() *doc.Document {
	return &doc.Document{
		Title: "标题" + evil,
		Meta:  doc.Meta{Org: "机关" + evil, ISODate: evil, Draft: true, DraftNote: evil},
		Blocks: []doc.Block{
			doc.Heading{Level: 1, Text: "一、" + evil},
			doc.Paragraph{Text: evil + "\n第二行", Indent: true},
			doc.List{Items: []string{evil}},
			doc.Note{Text: evil},
			&doc.Table{Caption: evil, Widths: []float64{1, 1}, Rows: []doc.Row{
				{Header: true, Cells: []doc.Cell{{Text: evil, ColSpan: 2, Header: true, Scope: `col" onclick="x`}}},
				{Cells: []doc.Cell{{Text: evil}, {Text: evil, Header: true, Scope: "row"}}},
			}},
			doc.Signature{Org: evil, Date: evil},
		},
	}
}

func render(t *testing.T, d *doc.Document) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Render(&b, d))
	return b.String()
}

func golden(t *testing.T, name, got string) { doctest.Golden(t, name, got, *update) }

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  *doc.Document
	}{
		{"report", sample()},
		{"draft", draft()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, tc.doc)
			golden(t, tc.name, out)
			wellFormed(t, out)
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, d := range []*doc.Document{sample(), draft(), hostile()} {
		assert.Equal(t, render(t, d), render(t, d))
	}
}

// wellFormed checks that every element is closed in order (void elements
// aside), as a strict reader would require.
func wellFormed(t *testing.T, page string) {
	t.Helper()
	void := map[string]bool{"meta": true, "br": true, "link": true, "img": true, "hr": true, "col": true}
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []string
	doctype := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			require.ErrorIs(t, z.Err(), io.EOF)
			break
		}
		tok := z.Token()
		switch tt {
		case html.DoctypeToken:
			doctype = true
		case html.StartTagToken:
			if !void[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			require.NotEmpty(t, stack, "stray </%s>", tok.Data)
			require.Equal(t, stack[len(stack)-1], tok.Data, "mismatched end tag")
			stack = stack[:len(stack)-1]
		case html.SelfClosingTagToken:
			require.True(t, void[tok.Data], "self-closing <%s/>", tok.Data)
		}
	}
	assert.True(t, doctype)
	assert.Empty(t, stack, "unclosed elements")
}

func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	return n
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			out = append(out, d)
		}
	}
	return out
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the text content of n, with <br> as a newline.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		switch {
		case d.Type == html.TextNode:
			b.WriteString(d.Data)
		case d.Type == html.ElementNode && d.Data == "br":
			b.WriteString("\n")
		}
	}
	return b.String()
}

// checkTables compares the parsed tables with the model's, cell by cell:
// element, text, colspan, rowspan, scope, and thead/tbody placement.
func checkTables(t *testing.T, root *html.Node, want []*doc.Table) {
	t.Helper()
	got := findAll(root, "table")
	require.Len(t, got, len(want))
	for i, tb := range want {
		rows := findAll(got[i], "tr")
		require.Len(t, rows, len(tb.Rows), tb.ID)
		multi := len(tb.Sections()) > 1
		for r, row := range tb.Rows {
			assert.Equal(t, map[bool]string{true: "thead", false: "tbody"}[row.Header && !multi], rows[r].Parent.Data, "%s row %d", tb.ID, r)
			var cells []*html.Node
			for c := rows[r].FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cells = append(cells, c)
				}
			}
			require.Len(t, cells, len(row.Cells), "%s row %d", tb.ID, r)
			for k, c := range row.Cells {
				n := cells[k]
				assert.Equal(t, map[bool]string{true: "th", false: "td"}[c.Header], n.Data)
				assert.Equal(t, doc.Clean(c.Text), textOf(n))
				for _, sp := range []struct {
					key string
					v   int
				}{{"colspan", c.ColSpan}, {"rowspan", c.RowSpan}} {
					v, ok := attrOf(n, sp.key)
					if sp.v > 1 {
						assert.Equal(t, strconv.Itoa(sp.v), v, "%s %q %s", tb.ID, c.Text, sp.key)
					} else {
						assert.False(t, ok, "%s %q: %s only when > 1", tb.ID, c.Text, sp.key)
					}
				}
				s, ok := attrOf(n, "scope")
				assert.Equal(t, c.ValidScope(), s)
				assert.Equal(t, c.Header && c.ValidScope() != "", ok)
			}
		}
	}
}

// Every statutory table has a caption with its title (for screen
// readers: the official tables have none on paper). 表二 is four
// <tbody> blocks, no <thead>; each figure names its own block's caption,
// column head and row head with headers=, never block （一）'s heads.
func TestTableCaptionsAndBlockHeaders(t *testing.T) {
	root := parse(t, render(t, doctest.Statutory()))
	tbls := findAll(root, "table")
	require.Len(t, tbls, 3)
	for i, want := range []string{"主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"} {
		caps := findAll(tbls[i], "caption")
		require.Len(t, caps, 1)
		assert.Equal(t, want, textOf(caps[0]))
		class, _ := attrOf(caps[0], "class")
		assert.Equal(t, "sr-only", class)
	}
	active := tbls[0]
	assert.Empty(t, findAll(active, "thead"))
	bodies := findAll(active, "tbody")
	require.Len(t, bodies, 4)
	byID := map[string]string{}
	for _, th := range findAll(active, "th") {
		id, ok := attrOf(th, "id")
		require.True(t, ok, "th %q has an id", textOf(th))
		byID[id] = textOf(th)
	}
	heads := func(td *html.Node) []string {
		v, _ := attrOf(td, "headers")
		var out []string
		for _, id := range strings.Fields(v) {
			out = append(out, byID[id])
		}
		return out
	}
	for _, tc := range []struct {
		block int
		want  [][]string
	}{
		{0, [][]string{
			{stats.LabelItem1, stats.LabelIssued, stats.LabelRegs},
			{stats.LabelItem1, stats.LabelRepealed, stats.LabelRegs},
			{stats.LabelItem1, stats.LabelInForce, stats.LabelRegs},
			{stats.LabelItem1, stats.LabelIssued, stats.LabelNormDocs},
			{stats.LabelItem1, stats.LabelRepealed, stats.LabelNormDocs},
			{stats.LabelItem1, stats.LabelInForce, stats.LabelNormDocs},
		}},
		{1, [][]string{{stats.LabelItem5, stats.LabelDecisions, stats.LabelLicensing}}},
		{2, [][]string{{stats.LabelItem6, stats.LabelDecisions, stats.LabelPunishment}, {stats.LabelItem6, stats.LabelDecisions, stats.LabelCoercion}}},
		{3, [][]string{{stats.LabelItem8, stats.LabelFeeAmount, stats.LabelFees}}},
	} {
		var got [][]string
		for _, td := range findAll(bodies[tc.block], "td") {
			got = append(got, heads(td))
		}
		assert.Equal(t, tc.want, got, "block %d", tc.block)
	}
	// 表三 and 表四 keep <thead> and scope=, without headers=.
	for _, tb := range tbls[1:] {
		assert.Len(t, findAll(tb, "thead"), 1)
		for _, td := range findAll(tb, "td") {
			_, ok := attrOf(td, "headers")
			assert.False(t, ok)
		}
	}
}

func spanOf(t *testing.T, root *html.Node, text string) (colspan, rowspan string) {
	t.Helper()
	for _, tag := range []string{"th", "td"} {
		for _, n := range findAll(root, tag) {
			if textOf(n) == text {
				colspan, _ = attrOf(n, "colspan")
				rowspan, _ = attrOf(n, "rowspan")
				return colspan, rowspan
			}
		}
	}
	t.Fatalf("no cell %q", text)
	return "", ""
}

func TestStructure(t *testing.T) {
	d := sample()
	page := render(t, d)
	wellFormed(t, page)
	root := parse(t, page)

	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"))
	assert.Equal(t, d.Title, textOf(findAll(root, "title")[0]))
	assert.Contains(t, page, `<meta name="author" content="江门市政府投资工程建设管理中心">`)
	assert.Contains(t, page, "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }")
	assert.Contains(t, page, `font-family: "FangSong", "仿宋", "STFangsong", serif;`)
	assert.Contains(t, page, "thead { display: table-header-group; }")
	assert.Empty(t, findAll(root, "script"))
	assert.Empty(t, findAll(root, "link"), "self-contained")

	h1 := findAll(root, "h1")
	require.Len(t, h1, 1)
	// The printed draft's lines, joined by <br>.
	assert.Equal(t, strings.Join(d.TitleLines(), "\n"), textOf(h1[0]))
	assert.Equal(t, d.Title, strings.ReplaceAll(textOf(h1[0]), "\n", ""))
	assert.Equal(t, "header", h1[0].Parent.Data)
	assert.Equal(t, "article", h1[0].Parent.Parent.Data)
	assert.Equal(t, "main", h1[0].Parent.Parent.Parent.Data)
	assert.Len(t, findAll(root, "h2"), 6)
	assert.Equal(t, "（一）主动公开", textOf(findAll(root, "h3")[0]))
	assert.Equal(t, "1.公开平台建设", textOf(findAll(root, "h4")[0]))
	assert.Equal(t, "（1）门户网站", textOf(findAll(root, "h5")[0]))

	indent := 0
	for _, p := range findAll(root, "p") {
		if c, _ := attrOf(p, "class"); c == "indent" {
			indent++
		}
	}
	assert.Equal(t, 5, indent)
	assert.Contains(t, page, "<p>门户网站：http://www.example.gov.cn<br>政务新媒体：江门建管</p>")
	assert.Len(t, findAll(root, "ol"), 1)
	assert.Len(t, findAll(root, "ul"), 1)
	assert.Len(t, findAll(root, "li"), 5)
	assert.Contains(t, page, `<aside class="note"><p>本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。</p></aside>`)
	assert.Contains(t, page, `<div class="page-break"></div>`)
	assert.Contains(t, page, `<p class="signature">江门市政府投资工程建设管理中心<br>2023年1月15日</p>`)
	assert.Contains(t, page, "<body>\n")
	assert.NotContains(t, page, "draft-banner\">")

	var want []*doc.Table
	for _, b := range d.Blocks {
		switch tb := b.(type) {
		case *doc.Table:
			want = append(want, tb)
		case *doc.Chart:
			want = append(want, tb.Table())
		}
	}
	checkTables(t, root, want)
	for _, tc := range []struct{ text, colspan, rowspan string }{
		{stats.LabelRequestsNote, "3", "3"},
		{"三、本年度办理结果", "", "22"},
		{"（三）不予公开", "", "8"},
		{"（六）其他处理", "", "3"},
		{"自然人", "", "2"},
		{"法人或其他组织", "5", ""},
		{"一、本年新收政府信息公开申请数量", "3", ""},
		{"（七）总计", "2", ""},
		{"行政复议", "5", ""},
		{"行政诉讼", "10", ""},
		{"未经复议直接起诉", "5", ""},
		{"第二十条第（一）项", "4", ""},
	} {
		c, r := spanOf(t, root, tc.text)
		assert.Equal(t, tc.colspan, c, "%s colspan", tc.text)
		assert.Equal(t, tc.rowspan, r, "%s rowspan", tc.text)
	}
}

func TestDraft(t *testing.T) {
	page := render(t, draft())
	wellFormed(t, page)
	assert.Contains(t, page, "<body class=\"draft\" data-mark=\"草稿\">\n<p class=\"draft-banner\">【草稿】检查未通过：2 项错误，1 项提示</p>\n<main>")
	assert.Contains(t, page, `body.draft::before {`)
	d := draft()
	d.Meta.DraftNote = ""
	assert.Contains(t, render(t, d), `<p class="draft-banner">草稿</p>`)
}

func TestEscaping(t *testing.T) {
	d := hostile()
	page := render(t, d)
	wellFormed(t, page)
	assert.NotContains(t, page, "<script")
	assert.NotContains(t, page, "onclick")
	for _, c := range []string{"\x00", "\x07", "\x1b"} {
		assert.NotContains(t, page, c)
	}
	root := parse(t, page)
	assert.Empty(t, findAll(root, "script"))
	assert.Empty(t, findAll(root, "a"))
	cleaned := doc.Clean(evil)
	assert.Equal(t, "<script>alert(1)</script> & \" ' [31m # x | a | [link](javascript:x)", cleaned)
	assert.Equal(t, "标题"+cleaned, textOf(findAll(root, "title")[0]))
	// The title breaks at a space, which the line break replaces.
	noSpace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	assert.Equal(t, noSpace("标题"+cleaned), noSpace(textOf(findAll(root, "h1")[0])))
	assert.Equal(t, "一、"+cleaned, textOf(findAll(root, "h2")[0]))
	for _, m := range findAll(root, "meta") {
		if name, _ := attrOf(m, "name"); name == "author" {
			content, _ := attrOf(m, "content")
			assert.Equal(t, "机关"+cleaned, content)
		}
	}
	assert.Equal(t, cleaned+"\n第二行", textOf(findAll(root, "p")[1]))
	assert.Equal(t, "【草稿】"+cleaned, textOf(findAll(root, "p")[0]))
	assert.Equal(t, cleaned+"\n"+cleaned, textOf(findAll(root, "p")[len(findAll(root, "p"))-1]))
	assert.Equal(t, cleaned, textOf(findAll(root, "caption")[0]))
	checkTables(t, root, []*doc.Table{d.Blocks[4].(*doc.Table)})
	_, ok := attrOf(findAll(root, "th")[0], "scope")
	assert.False(t, ok, "invalid scope dropped")

}

func TestEdgeCases(t *testing.T) {
	assert.Error(t, Render(&bytes.Buffer{}, nil))
	page := render(t, &doc.Document{Blocks: []doc.Block{
		(*doc.Table)(nil),
		doc.List{},
		doc.Heading{Level: 0, Text: "低"},
		doc.Heading{Level: 9, Text: "高"},
		&doc.Table{Widths: []float64{1}, Rows: []doc.Row{{Header: true, Cells: []doc.Cell{{Text: "只有表头", Header: true}}}}},
		&doc.Table{Widths: []float64{1}, Rows: []doc.Row{{Cells: []doc.Cell{{Text: "没有表头"}}}}},
	}})
	wellFormed(t, page)
	assert.Contains(t, page, "<h2>低</h2>")
	assert.Contains(t, page, "<h6>高</h6>")
	assert.NotContains(t, page, "<ul>")
	assert.NotContains(t, page, "<header>")
	assert.Equal(t, 1, strings.Count(page, "<thead>"))
	assert.Equal(t, 1, strings.Count(page, "<tbody>"))
}

// A chart is an inline SVG labelled by its <title> and <desc>, scaling to
// a phone's column, with its figures in a table that only screen readers
// are given; a page without charts has none of it.
func TestChart(t *testing.T) {
	root := parse(t, render(t, sample()))
	figs := findAll(root, "figure")
	require.Len(t, figs, 1)
	svgs := findAll(figs[0], "svg")
	require.Len(t, svgs, 1)
	role, _ := attrOf(svgs[0], "role")
	assert.Equal(t, "img", role)
	labelled, _ := attrOf(svgs[0], "aria-labelledby")
	assert.Equal(t, "chart1-title chart1-desc", labelled)
	width, _ := attrOf(svgs[0], "width")
	assert.Equal(t, "100%", width)
	c := doctest.SampleChart()
	assert.Equal(t, c.Caption(), textOf(findAll(svgs[0], "title")[0]))
	assert.Equal(t, c.Summary(), textOf(findAll(svgs[0], "desc")[0]))
	divs := findAll(figs[0], "div") // the sr-only box, then the table's own
	require.NotEmpty(t, divs)
	class, _ := attrOf(divs[0], "class")
	assert.Equal(t, "sr-only", class)
	assert.Len(t, findAll(divs[0], "table"), 1)

	plain := render(t, doctest.Statutory())
	assert.NotContains(t, plain, "<figure")
	assert.NotContains(t, plain, "<svg")
}
