package markdown

import (
	"bytes"
	"flag"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The shared sample documents (report/doc/doctest).
func sample() *doc.Document  { return doctest.Sample() }
func draft() *doc.Document   { return doctest.Draft() }
func hostile() *doc.Document { return doctest.Hostile() }

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
		t.Run(tc.name, func(t *testing.T) { golden(t, tc.name, render(t, tc.doc)) })
	}
}

func TestDeterministic(t *testing.T) {
	for _, d := range []*doc.Document{sample(), draft(), hostile()} {
		assert.Equal(t, render(t, d), render(t, d))
	}
}

func TestStructure(t *testing.T) {
	out := render(t, sample())
	assert.True(t, strings.HasPrefix(out, "# 江门市政府投资工程建设管理中心2022年政府信息公开工作年度报告\n\n本报告依据"))
	assert.True(t, strings.HasSuffix(out, "</p>\n"))
	assert.NotContains(t, out, "\n\n\n", "one blank line between blocks")
	for _, want := range []string{
		"\n## 一、总体情况\n",
		"\n### （一）主动公开\n",
		"\n#### 1.公开平台建设\n",
		"\n##### （1）门户网站\n",
		"\n2022年，本中心认真贯彻落实政务公开工作部署，推进决策、执行、管理、服务、结果公开。\n",
		"\n门户网站：http://www.example.gov.cn\\\n政务新媒体：江门建管\n",
		"\n1. 完善公开目录\n2. 规范发布流程\n3. 加强\\\n   监督检查\n\n- 门户网站\n- 政务新媒体\n",
		"\n> 本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n",
		"\n<div style=\"page-break-after: always\"></div>\n",
		"\n<p align=\"right\">江门市政府投资工程建设管理中心<br>2023年1月15日</p>\n",
		`<tr><th colspan="3" rowspan="3" align="center">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>`,
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "草稿")

	var want []*doc.Table
	for _, b := range sample().Blocks {
		switch tb := b.(type) {
		case *doc.Table:
			want = append(want, tb)
		case *doc.Chart:
			want = append(want, tb.Table())
		}
	}
	checkTables(t, out, want)
}

func TestDraft(t *testing.T) {
	out := render(t, draft())
	assert.True(t, strings.HasPrefix(out, "> **【草稿】检查未通过：2 项错误，1 项提示**\n\n# 江门市"), out[:100])
	d := draft()
	d.Meta.DraftNote = ""
	assert.True(t, strings.HasPrefix(render(t, d), "> **草稿**\n\n# "))
}

var tableBlock = regexp.MustCompile(`(?s)\n<table>\n.*?\n</table>\n`)

// checkTables parses the HTML table blocks and compares them with the
// model's tables cell by cell: element, text, colspan, rowspan, scope and
// thead/tbody placement. A block must hold no blank line, which would end
// the Markdown HTML block.
func checkTables(t *testing.T, out string, want []*doc.Table) {
	t.Helper()
	blocks := tableBlock.FindAllString(out, -1)
	require.Len(t, blocks, len(want))
	for i, tb := range want {
		assert.NotContains(t, strings.Trim(blocks[i], "\n"), "\n\n")
		root, err := html.Parse(strings.NewReader(blocks[i]))
		require.NoError(t, err)
		var rows []*html.Node
		for n := range root.Descendants() {
			if n.Type == html.ElementNode && n.Data == "tr" {
				rows = append(rows, n)
			}
		}
		require.Len(t, rows, len(tb.Rows))
		// A table of several sections (表二) has a <tbody> per section and
		// no <thead>.
		multi := len(tb.Sections()) > 1
		assert.Equal(t, !multi, strings.Contains(blocks[i], "<thead>"), tb.ID)
		assert.Equal(t, multi, strings.Contains(blocks[i], " headers="), tb.ID)
		if name := tb.Name(); name != "" {
			assert.Contains(t, blocks[i], "<caption>"+htmlText(name)+"</caption>", tb.ID)
		}
		for r, row := range tb.Rows {
			assert.Equal(t, map[bool]string{true: "thead", false: "tbody"}[row.Header && !multi], rows[r].Parent.Data)
			var cells []*html.Node
			for c := rows[r].FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cells = append(cells, c)
				}
			}
			require.Len(t, cells, len(row.Cells))
			for k, c := range row.Cells {
				n := cells[k]
				assert.Equal(t, map[bool]string{true: "th", false: "td"}[c.Header], n.Data)
				var text strings.Builder
				for d := range n.Descendants() {
					switch {
					case d.Type == html.TextNode:
						text.WriteString(d.Data)
					case d.Type == html.ElementNode && d.Data == "br":
						text.WriteString("\n")
					}
				}
				assert.Equal(t, strings.TrimRight(doc.Clean(c.Text), "\n "), text.String())
				attrs := map[string]string{}
				for _, a := range n.Attr {
					attrs[a.Key] = a.Val
				}
				for key, v := range map[string]int{"colspan": c.ColSpan, "rowspan": c.RowSpan} {
					got, ok := attrs[key]
					if v > 1 {
						assert.Equal(t, strconv.Itoa(v), got, "%s %q %s", tb.ID, c.Text, key)
					} else {
						assert.False(t, ok, "%s only when > 1", key)
					}
				}
				assert.Equal(t, c.ValidScope(), attrs["scope"])
				assert.NotContains(t, attrs, "onclick")
			}
		}
	}
	// the statutory merges
	for _, tc := range []struct{ text, attrs string }{
		{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", `colspan="3" rowspan="3"`},
		{"三、本年度办理结果", `rowspan="22" scope="row"`},
		{"（三）不予公开", `rowspan="8" scope="row"`},
		{"行政复议", `colspan="5" scope="colgroup"`},
		{"行政诉讼", `colspan="10" scope="colgroup"`},
	} {
		if len(want) == 3 {
			assert.Contains(t, out, `<th `+tc.attrs)
			assert.Regexp(t, `<th `+regexp.QuoteMeta(tc.attrs)+` align="(left|center)">`+regexp.QuoteMeta(tc.text)+`</th>`, out)
		}
	}
}

func TestEscaping(t *testing.T) {
	d := hostile()
	out := render(t, d)
	assert.NotRegexp(t, `(^|[^\\])<script`, out, "no raw <script")
	assert.NotRegexp(t, `(^|[^\\])\[link`, out, "no link")
	assert.NotContains(t, out, "onclick")
	for _, c := range []string{"\x00", "\x07", "\x1b"} {
		assert.NotContains(t, out, c)
	}
	esc := `\<script>alert(1)\</script> \& " ' \[31m \# x \| a \| \[link\](javascript:x)`
	assert.Equal(t, strings.Join([]string{
		`> **【草稿】` + esc + `**`,
		``,
		`# 标题` + esc,
		``,
		`## 一、` + esc,
		``,
		esc,
		``,
		`- ` + esc,
		``,
		`> ` + esc,
		``,
		`<table>`,
		`<caption>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34; &#39; &#91;31m &#35; x &#124; a &#124; &#91;link&#93;(javascript:x)</caption>`,
		`<thead>`,
		`<tr><th colspan="2" scope="col" align="left">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34; &#39; &#91;31m &#35; x &#124; a &#124; &#91;link&#93;(javascript:x)</th></tr>`,
		`</thead>`,
		`<tbody>`,
		`<tr><td align="left">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34; &#39; &#91;31m &#35; x &#124; a &#124; &#91;link&#93;(javascript:x)<br>&#42;强调&#42; &#95;x&#95; &#96;c&#96; &#92;</td>` +
			`<th align="left">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34; &#39; &#91;31m &#35; x &#124; a &#124; &#91;link&#93;(javascript:x)</th></tr>`,
		`</tbody>`,
		`</table>`,
		``,
		`<p align="right">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34; &#39; &#91;31m &#35; x &#124; a &#124; &#91;link&#93;(javascript:x)<br>2023年1月15日</p>`,
		``,
	}, "\n"), out)
	checkTables(t, out, []*doc.Table{d.Blocks[4].(*doc.Table)})
}

func TestLineStart(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"# x", `\# x`},
		{"## x ##", `\#\# x \#\#`},
		{"> q", `\> q`},
		{"- a", `\- a`},
		{"+ a", `\+ a`},
		{"* a", `\* a`},
		{"---", `\---`},
		{"===", `\===`},
		{"1. a", `1\. a`},
		{"2022) a", `2022\) a`},
		{"2022年", "2022年"},
		{"    code", "code"},
		{"| a | b |", `\| a \| b \|`},
		{"<div>", `\<div>`},
		{"```go", "\\`\\`\\`go"},
		{"~~~", `\~\~\~`},
		{": term", `\: term`},
		{"a_b*c*", `a\_b\*c\*`},
		{`C:\path`, `C:\\path`},
		{"&amp;", `\&amp;`},
		{"![img](x)", `!\[img\](x)`},
		{"$x$ ^2^ {#id}", `\$x\$ \^2\^ \{\#id\}`},
		{"　　全角空格", "　　全角空格"},
	} {
		assert.Equal(t, tc.want, line(tc.in), "%q", tc.in)
	}
}

func TestTextLines(t *testing.T) {
	assert.Nil(t, textLines(" \n \n"))
	assert.Equal(t, []string{`a\`, "b", "", `\- c`}, textLines("a\r\nb\n\n\n- c\n"))
	out := render(t, &doc.Document{Blocks: []doc.Block{
		doc.List{Items: []string{"a"}}, doc.List{Items: []string{"b"}},
		doc.List{Ordered: true, Items: []string{"c", ""}},
		doc.Paragraph{Text: "\n"},
		doc.Heading{Level: 9, Text: "深"},
		doc.Heading{Level: 0, Text: ""},
		(*doc.Table)(nil),
	}})
	assert.Equal(t, "- a\n\n<!-- -->\n\n- b\n\n1. c\n2.\n\n###### 深\n\n##\n", out)
	assert.Error(t, Render(&bytes.Buffer{}, nil))
}

// With ChartFile, a chart is an image of the file named, its figures in
// a sentence as the alternative text, above the table of its figures.
func TestChartImage(t *testing.T) {
	var b strings.Builder
	require.NoError(t, RenderWith(&b, sample(), Options{ChartFile: func(n int, c *doc.Chart) string {
		return "报告-图" + strconv.Itoa(n+1) + ".svg"
	}}))
	c := doctest.SampleChart()
	assert.Contains(t, b.String(), "\n\n![")
	assert.Contains(t, b.String(), "](<报告-图1.svg>)\n\n<table>\n<caption>"+c.Caption())
	assert.NotContains(t, render(t, sample()), "![")
}
