package plaintext

import (
	"bytes"
	"flag"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/width"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The shared sample documents (report/doc/doctest).
func sample() *doc.Document { return doctest.Sample() }
func draft() *doc.Document  { return doctest.Draft() }

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

func TestDraft(t *testing.T) {
	out := render(t, draft())
	assert.True(t, strings.HasPrefix(out, "【草稿】检查未通过：2 项错误，1 项提示\n\n"), out[:80])
	assert.NotContains(t, render(t, sample()), "草稿")
}

func TestDeterministic(t *testing.T) {
	for _, d := range []*doc.Document{sample(), draft(), hostile()} {
		assert.Equal(t, render(t, d), render(t, d))
	}
}

// testWidth is the display width by x/text/width, written independently
// of the renderer's.
func testWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case width.LookupRune(r).Kind() == width.EastAsianWide, width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func TestLayout(t *testing.T) {
	out := render(t, sample())
	lines := strings.Split(out, "\n")
	title := lines[0]
	assert.Equal(t, "江门市政府投资工程建设管理中心2022年政府信息公开工作年度报告", strings.TrimSpace(title))
	assert.Equal(t, (Width-testWidth(strings.TrimSpace(title)))/2, len(title)-len(strings.TrimLeft(title, " ")), "title centred")
	assert.Equal(t, "", lines[1])
	assert.Contains(t, lines, "　　2022年，本中心认真贯彻落实政务公开工作部署，推进决策、执行、管理、服务、结果公开。")
	assert.Contains(t, lines, "门户网站：http://www.example.gov.cn", "no indent")
	assert.Contains(t, lines, "（1）门户网站")
	assert.Contains(t, lines, "3. 加强")
	assert.Contains(t, lines, "   监督检查")
	assert.Contains(t, lines, "· 政务新媒体")
	assert.Contains(t, lines, "【注】本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。")
	assert.Equal(t, Width, testWidth(lines[len(lines)-2]), "signature date right-aligned")
	assert.Equal(t, "2023年1月15日", strings.TrimSpace(lines[len(lines)-2]))
	assert.Equal(t, Width, testWidth(lines[len(lines)-3]))
	assert.Equal(t, "", lines[len(lines)-1], "ends with a newline")
	assert.Contains(t, out, "\n\n\n"+stats.Section4+"\n", "page break is one more blank line")
	for _, l := range lines {
		assert.Equal(t, l, strings.TrimRight(l, " "), "no trailing spaces")
	}
}

// tableLines returns the rendered lines of each table: runs of lines that
// start with '+' or '|'.
func tableLines(out string) [][]string {
	var tabs [][]string
	var cur []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "+") || strings.HasPrefix(l, "|") {
			cur = append(cur, l)
			continue
		}
		if cur != nil {
			tabs = append(tabs, cur)
			cur = nil
		}
	}
	return tabs
}

// region is a connected area of a drawn table bounded by the border
// characters: one cell's box.
type region struct {
	top, bottom, left, right int // inclusive, in display columns
	text                     string
}

// regions splits drawn table lines into cell boxes by flood fill over the
// display-column grid, reading each box's text row by row without spaces.
// Cell texts must not contain '+', '-' or '|'.
func regions(lines []string) []region {
	var grid [][]string
	for _, l := range lines {
		var row []string
		for _, r := range l {
			row = append(row, string(r))
			if testWidth(string(r)) == 2 {
				row = append(row, "")
			}
		}
		grid = append(grid, row)
	}
	border := func(s string) bool { return s == "+" || s == "-" || s == "|" }
	seen := map[[2]int]bool{}
	var out []region
	for y := range grid {
		for x := range grid[y] {
			if border(grid[y][x]) || seen[[2]int{y, x}] {
				continue
			}
			reg := region{top: y, bottom: y, left: x, right: x}
			cells := map[[2]int]bool{}
			stack := [][2]int{{y, x}}
			seen[[2]int{y, x}] = true
			for len(stack) > 0 {
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				cells[p] = true
				reg.top, reg.bottom = min(reg.top, p[0]), max(reg.bottom, p[0])
				reg.left, reg.right = min(reg.left, p[1]), max(reg.right, p[1])
				for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					q := [2]int{p[0] + d[0], p[1] + d[1]}
					if q[0] < 0 || q[0] >= len(grid) || q[1] < 0 || q[1] >= len(grid[q[0]]) || seen[q] || border(grid[q[0]][q[1]]) {
						continue
					}
					seen[q] = true
					stack = append(stack, q)
				}
			}
			var b strings.Builder
			for yy := reg.top; yy <= reg.bottom; yy++ {
				for xx := reg.left; xx <= reg.right; xx++ {
					if cells[[2]int{yy, xx}] {
						b.WriteString(grid[yy][xx])
					}
				}
			}
			reg.text = strings.Join(strings.Fields(b.String()), "")
			out = append(out, reg)
		}
	}
	return out
}

func squeeze(s string) string { return strings.Join(strings.Fields(clean(s)), "") }

func TestTables(t *testing.T) {
	s := &stats.Stats{}
	s.Requests[0] = [7]int64{71, 3, 0, 0, 0, 0, 74}
	long := &doc.Table{Widths: []float64{1, 3}, Caption: "自定义表格", Rows: []doc.Row{
		{Header: true, Cells: []doc.Cell{{Text: "项目", Header: true, Align: doc.AlignCenter}, {Text: "说明", Header: true, Align: doc.AlignCenter}}},
		{Cells: []doc.Cell{{Text: "网址", RowSpan: 2}, {Text: "https://www.example.gov.cn/zwgk/zfxxgknb/2022/index.html 为本年度报告的发布地址", Align: doc.AlignLeft}}},
		{Cells: []doc.Cell{{Text: "12345678901234567890123456789012345678901234567890", Align: doc.AlignRight}}},
		{Cells: []doc.Cell{{Text: "第一行\n\n第三行"}}}, // a hole at the end of the row
	}}
	for _, tc := range []struct {
		name  string
		table *doc.Table
		max   int
	}{
		{tables.Active, tables.Build(tables.Active, s), Width},
		{tables.Requests, tables.Build(tables.Requests, s), WideWidth},
		{tables.Appeals, tables.Build(tables.Appeals, s), WideWidth},
		{"custom", long, Width},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := table(tc.table)
			if tc.table.Caption != "" {
				assert.Equal(t, tc.table.Caption, strings.TrimSpace(lines[0]))
				lines = lines[1:]
			}
			w := testWidth(lines[0])
			assert.LessOrEqual(t, w, tc.max)
			if tc.name == "custom" {
				assert.Contains(t, strings.Join(lines, "\n"), "| https://www.example.gov.cn/zwgk/zfxxgknb/2022/index.html ", "a piece that fits is not broken")
				assert.Contains(t, strings.Join(lines, "\n"), " 12345678901234567890123456789012345678901234567890 |", "right-aligned")
			}
			for i, l := range lines {
				assert.Equal(t, w, testWidth(l), "line %d has another width: %q", i, l)
			}
			// every cell is one box holding all of its text
			placed, _, _ := tc.table.Grid()
			var want, got []string
			for _, p := range placed {
				want = append(want, squeeze(p.Text))
			}
			regs := regions(lines)
			for _, r := range regs {
				got = append(got, r.text)
			}
			if tc.name == "custom" {
				want = append(want, "") // the hole
			}
			assert.ElementsMatch(t, want, got)
			// boxes have the shape of the spans
			l := newLayout(tc.table)
			byText := map[string]region{}
			for _, r := range regs {
				byText[r.text] = r
			}
			for _, p := range placed {
				r, ok := byText[squeeze(p.Text)]
				if !ok || strings.Count(strings.Join(want, "\x00"), squeeze(p.Text)) > 1 {
					continue // ambiguous ("0", "结果维持" …)
				}
				cs, rs := max(p.ColSpan, 1), max(p.RowSpan, 1)
				assert.Equal(t, l.xb[p.Col]+1, r.left, "%s left", p.Text)
				assert.Equal(t, l.xb[p.Col+cs]-1, r.right, "%s right", p.Text)
				assert.Equal(t, l.yb[p.Row]+1, r.top, "%s top", p.Text)
				assert.Equal(t, l.yb[p.Row+rs]-1, r.bottom, "%s bottom", p.Text)
			}
		})
	}
}

func TestStatutoryMerges(t *testing.T) {
	tabs := tableLines(render(t, doctest.Statutory()))
	require.Len(t, tabs, 3)
	find := func(lines []string, text string) region {
		for _, r := range regions(lines) {
			if r.text == text {
				return r
			}
		}
		t.Fatalf("no box %q", text)
		return region{}
	}
	// rows counts the grid rows a box spans: the table's separator lines
	// (those with '-'; cell texts here have none) inside it, plus one.
	rows := func(lines []string, r region) int {
		n := 1
		for y := r.top; y <= r.bottom; y++ {
			if strings.Contains(lines[y], "-") {
				n++
			}
		}
		return n
	}
	req := tabs[1]
	note := find(req, squeeze(stats.LabelRequestsNote))
	assert.Equal(t, 0, note.left-1)
	assert.Equal(t, 1, note.top)
	applicants := find(req, "申请人情况")
	assert.Equal(t, note.right+2, applicants.left, "the note spans the three label columns")
	assert.Equal(t, 3, rows(req, note), "note spans three header rows")
	results := find(req, "三、本年度办理结果")
	assert.Equal(t, 22, rows(req, results))
	withheld := find(req, "（三）不予公开")
	assert.Equal(t, 8, rows(req, withheld))
	assert.Equal(t, results.right+2, withheld.left)

	app := tabs[2]
	review, suit := find(app, "行政复议"), find(app, "行政诉讼")
	assert.Equal(t, 0, review.left-1)
	assert.Equal(t, len(app[0])-2, suit.right, "行政诉讼 reaches the right edge")
	cols := strings.Count(app[len(app)-1], "+") - 1 // the data row's bottom line has every column
	assert.Equal(t, 15, cols)
	assert.Equal(t, 5, strings.Count(app[len(app)-1][:review.right+2], "+")-1, "行政复议 spans 5 columns")
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want []string
	}{
		{"", 10, []string{""}},
		{"社会公益组织", 4, []string{"社会", "公益", "组织"}},
		{"本年收费金额（单位：万元）", 8, []string{"本年收费", "金额（单", "位：万", "元）"}},
		{"共9116.36万元", 8, []string{"共", "9116.36", "万元"}},
		{"2022年度", 4, []string{"2022", "年度"}},
		{"a  b   c", 3, []string{"a b", "c"}},
		{"第一行\n\n第三行", 10, []string{"第一行", "", "第三行"}},
		{"12345678", 3, []string{"123", "456", "78"}},
		{"3.危及“三安全一稳定”", 8, []string{"3.危及", "“三安全", "一稳定”"}},
	} {
		assert.Equal(t, tc.want, wrap(tc.in, tc.w), "%q at %d", tc.in, tc.w)
	}
}

func TestMalformedTable(t *testing.T) {
	for _, tb := range []*doc.Table{
		{},
		{Widths: []float64{1, 1}},
		{Rows: []doc.Row{{Cells: []doc.Cell{{Text: "无宽度"}, {Text: "x"}}}}},
		{Widths: []float64{1, 0, -1}, Rows: []doc.Row{
			{Cells: []doc.Cell{{Text: "a", RowSpan: 5}, {Text: "b", ColSpan: 9}}},
			{Cells: []doc.Cell{{Text: "c", ColSpan: 2}, {Text: "d"}}},
		}},
	} {
		lines := table(tb)
		require.NotEmpty(t, lines)
		for _, l := range lines {
			assert.Equal(t, testWidth(lines[0]), testWidth(l), "%q", lines)
		}
	}
}

// hostile is a document whose strings carry markup, quotes and control
// characters.
func hostile() *doc.Document {
	evil := "<script>alert(1)</script> & \" ' \x00\x07\x1b[31m # x | a | [link](javascript:x)"
	return &doc.Document{
		Title: "标题" + evil,
		Meta:  doc.Meta{Org: "机关" + evil, Draft: true, DraftNote: evil},
		Blocks: []doc.Block{
			doc.Heading{Level: 1, Text: "一、" + evil},
			doc.Paragraph{Text: evil, Indent: true},
			doc.List{Items: []string{evil}},
			doc.Note{Text: evil},
			&doc.Table{Widths: []float64{1, 1}, Rows: []doc.Row{{Cells: []doc.Cell{{Text: evil, ColSpan: 2}}}}},
			doc.Signature{Org: evil, Date: "2023年1月15日"},
		},
	}
}

func TestControlCharacters(t *testing.T) {
	out := render(t, hostile())
	for _, c := range []string{"\x00", "\x07", "\x1b"} {
		assert.NotContains(t, out, c)
	}
	for _, keep := range []string{"<script>alert(1)</script>", "&", `"`, "'", "# x", "[link](javascript:x)", "[31m"} {
		assert.Contains(t, out, keep)
	}
	assert.Equal(t, "a\nb c", clean("a\r\nb\tc\x7f\u0085"))
	assert.Equal(t, "\uFFFD", clean("\xff"))
}

func TestNil(t *testing.T) {
	assert.Error(t, Render(&bytes.Buffer{}, nil))
	out := render(t, &doc.Document{Blocks: []doc.Block{(*doc.Table)(nil), &doc.Table{Widths: []float64{1}}, doc.PageBreak{}}})
	assert.Equal(t, "", strings.TrimSpace(out))
}
