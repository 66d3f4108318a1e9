package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

const sampleOrg = "江门市政府投资工程建设管理中心"

// sampleStats has some non-zero figures in each table.
func sampleStats() *stats.Stats {
	s := &stats.Stats{}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 8, Repealed: 5, InForce: 69}
	s.Active.Licensing = 1234
	s.Active.Fees, _ = stats.ParseDecimal("9116.36")
	s.Requests[stats.RowNew] = [7]int64{71, 3, 0, 0, 0, 0, 74}
	s.Requests[stats.RowFirstOut] = [7]int64{60, 2, 0, 0, 0, 0, 62}
	s.Requests[stats.RowTotal] = [7]int64{71, 3, 0, 0, 0, 0, 74}
	s.Appeals[0], s.Appeals[4] = 1, 1
	s.Appeals[13], s.Appeals[14] = 2, 2
	return s
}

// sample is a hand-built report: title, four heading levels, indented and
// unindented paragraphs, lists, a note, the three statutory tables, a page
// break and the signature.
func sample() *doc.Document {
	s := sampleStats()
	return &doc.Document{
		Title: sampleOrg + "2022年政府信息公开工作年度报告",
		Meta:  doc.Meta{Org: sampleOrg, Year: 2022, Date: "2023年1月15日", ISODate: "2023-01-15", Subject: "政府信息公开工作年度报告"},
		Blocks: []doc.Block{
			doc.Paragraph{Text: "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。", Indent: true},
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
			doc.PageBreak{},
			doc.Heading{Level: 1, Text: stats.Section4},
			tables.Build(tables.Appeals, s),
			doc.Heading{Level: 1, Text: stats.Section5},
			doc.Paragraph{Text: "一是公开内容不够全面；二是解读形式较为单一。", Indent: true},
			doc.Heading{Level: 1, Text: stats.Section6},
			doc.Paragraph{Text: "本年度未收取信息处理费。", Indent: true},
			doc.Signature{Org: sampleOrg, Date: "2023年1月15日"},
		},
	}
}

func render(t testing.TB, d *doc.Document, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Render(&b, d, o))
	return b.Bytes()
}

// parts reads the zip back: names in order and contents.
func parts(t testing.TB, data []byte) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		names = append(names, f.Name)
		files[f.Name] = b
	}
	return names, files
}

func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		require.NoError(t, err, "%s is not well-formed XML", name)
	}
}

var partOrder = []string{
	"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
	"word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
	"word/footer1.xml", "word/footer2.xml", "word/_rels/document.xml.rels",
}

func TestPartsWellFormed(t *testing.T) {
	draft := sample()
	draft.Meta.Draft = true
	draft.Meta.DraftNote = "检查未通过：2 项错误"
	for name, d := range map[string]*doc.Document{"sample": sample(), "draft": draft, "empty": {}} {
		t.Run(name, func(t *testing.T) {
			data := render(t, d, Options{})
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			require.NoError(t, err)
			want := time.Date(2023, 1, 15, 0, 0, 0, 0, time.UTC)
			if name == "empty" {
				want = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			for _, f := range zr.File {
				assert.Equal(t, zip.Deflate, f.Method, f.Name)
				assert.True(t, f.Modified.Equal(want), "%s: modified %v", f.Name, f.Modified)
			}
			names, files := parts(t, data)
			order := partOrder
			if name == "draft" {
				order = append(append([]string{}, partOrder...), "word/header1.xml", "word/header2.xml")
			}
			assert.Equal(t, order, names)
			for _, n := range names {
				wellFormed(t, n, files[n])
			}
		})
	}
}

func TestDocTime(t *testing.T) {
	for _, tc := range []struct {
		meta doc.Meta
		want string
	}{
		{doc.Meta{ISODate: "2023-01-15", Year: 2022}, "2023-01-15"},
		{doc.Meta{ISODate: "2023年1月15日", Year: 2022}, "2023-01-01"},
		{doc.Meta{Year: 2022}, "2023-01-01"},
		{doc.Meta{}, ""},
	} {
		got, ok := docTime(tc.meta)
		if tc.want == "" {
			assert.False(t, ok)
			continue
		}
		assert.True(t, ok)
		assert.Equal(t, tc.want, got.Format("2006-01-02"))
	}
	_, files := parts(t, render(t, &doc.Document{Title: "x"}, Options{}))
	assert.NotContains(t, string(files["docProps/core.xml"]), "dcterms:created", "no date, no invented one")
}

func TestMetadata(t *testing.T) {
	_, files := parts(t, render(t, sample(), Options{}))
	c := string(files["docProps/core.xml"])
	assert.Contains(t, c, "<dc:title>"+sampleOrg+"2022年政府信息公开工作年度报告</dc:title>")
	assert.Contains(t, c, "<dc:creator>"+sampleOrg+"</dc:creator>")
	assert.Contains(t, c, "<dc:subject>政府信息公开工作年度报告</dc:subject>")
	assert.Contains(t, c, "<cp:lastModifiedBy>nianbao</cp:lastModifiedBy>")
	assert.Contains(t, c, `<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-15T00:00:00Z</dcterms:created>`)
	assert.Contains(t, c, `<dcterms:modified xsi:type="dcterms:W3CDTF">2023-01-15T00:00:00Z</dcterms:modified>`)
	assert.NotContains(t, c, "contentStatus")
	assert.Contains(t, string(files["docProps/app.xml"]), "<Application>nianbao</Application>")

	s := string(files["word/settings.xml"])
	for _, want := range []string{"<w:evenAndOddHeaders/>", "<w:mirrorMargins/>", `<w:defaultTabStop w:val="420"/>`,
		`<w:characterSpacingControl w:val="compressPunctuation"/>`, `w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"`} {
		assert.Contains(t, s, want)
	}

	d := sample()
	d.Meta.Draft = true
	d.Meta.DraftNote = "检查未通过"
	_, files = parts(t, render(t, d, Options{}))
	c = string(files["docProps/core.xml"])
	assert.Contains(t, c, "<cp:contentStatus>草稿</cp:contentStatus>")
	assert.Contains(t, c, "<dc:subject>政府信息公开工作年度报告（草稿）</dc:subject>")
	assert.Contains(t, c, "<dc:title>"+d.Title+"（草稿）</dc:title>")
	body := string(files["word/document.xml"])
	first := body[strings.Index(body, "<w:p>"):]
	first = first[:strings.Index(first, "</w:p>")]
	assert.Contains(t, first, `<w:color w:val="FF0000"/>`)
	assert.Contains(t, first, "【草稿】检查未通过")
}

// The page: A4, GB/T 9704 margins, 22 lines of 28 characters, footers.
func TestPageSetup(t *testing.T) {
	assert.Equal(t, 8844, textW)
	assert.Equal(t, 12756, textH)
	assert.LessOrEqual(t, linesPerPage*linePitch, textH, "22 lines fit the text block")
	assert.Greater(t, (linesPerPage+1)*linePitch, textH, "and no 23rd")
	pitch := 16 + float64(condense)/20 // points
	assert.LessOrEqual(t, charsPerLine*pitch*20, float64(textW), "28 characters fit a line")
	assert.Greater(t, (charsPerLine+1)*pitch*20, float64(textW), "29 do not")
	assert.Greater(t, charsPerLine*(pitch+1.0/20)*20, float64(textW), "condensed no more than needed")
	assert.Greater(t, (charsPerLine-2)*16*20+2*charTwips, textW-16*20, "the indented first line holds 26")

	_, files := parts(t, render(t, sample(), Options{}))
	body := string(files["word/document.xml"])
	sect := body[strings.Index(body, "<w:sectPr>"):]
	for _, want := range []string{
		`<w:footerReference w:type="default" r:id="rId4"/>`, `<w:footerReference w:type="even" r:id="rId5"/>`,
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1447" w:gutter="0"/>`,
		`<w:docGrid w:type="lines" w:linePitch="579"/>`,
	} {
		assert.Contains(t, sect, want)
	}
	rels := string(files["word/_rels/document.xml.rels"])
	assert.Contains(t, rels, `Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"`)
	assert.Contains(t, rels, `Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"`)
	odd, even := string(files["word/footer1.xml"]), string(files["word/footer2.xml"])
	for _, f := range []string{odd, even} {
		assert.Contains(t, f, `<w:instrText xml:space="preserve"> PAGE </w:instrText>`)
		assert.Contains(t, f, `<w:t xml:space="preserve">— </w:t>`)
		assert.Contains(t, f, `<w:t xml:space="preserve"> —</w:t>`)
	}
	assert.Contains(t, odd, `<w:jc w:val="right"/>`)
	assert.Contains(t, odd, `w:rightChars="100"`)
	assert.Contains(t, even, `<w:jc w:val="left"/>`)
	assert.Contains(t, even, `w:leftChars="100"`)
}

func TestStyles(t *testing.T) {
	_, files := parts(t, render(t, sample(), Options{}))
	s := string(files["word/styles.xml"])
	style := func(id string) string {
		i := strings.Index(s, `w:styleId="`+id+`"`)
		require.GreaterOrEqual(t, i, 0, "style %s", id)
		return s[i : i+strings.Index(s[i:], "</w:style>")]
	}
	assert.Contains(t, s, `<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>`)
	normal := style("Normal")
	assert.Contains(t, normal, `<w:spacing w:line="579" w:lineRule="exact"/>`)
	assert.Contains(t, normal, `<w:ind w:firstLineChars="200" w:firstLine="640"/>`)
	assert.Contains(t, normal, `<w:jc w:val="both"/>`)
	assert.Contains(t, normal, `<w:spacing w:val="-5"/><w:sz w:val="32"/>`)
	title := style("Title")
	assert.Contains(t, title, `w:eastAsia="方正小标宋简体"`)
	assert.Contains(t, title, `<w:sz w:val="44"/>`)
	assert.Contains(t, title, `<w:jc w:val="center"/>`)
	assert.NotContains(t, title, "outlineLvl")
	for i, font := range []string{"黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"} {
		n := string(rune('1' + i))
		h := style("Heading" + n)
		assert.Contains(t, h, `<w:name w:val="heading `+n+`"/>`)
		assert.Contains(t, h, `<w:basedOn w:val="Normal"/>`)
		assert.Contains(t, h, `<w:outlineLvl w:val="`+string(rune('0'+i))+`"/>`)
		assert.Contains(t, h, `w:eastAsia="`+font+`"`)
		assert.Contains(t, h, `<w:keepNext/>`)
		assert.Contains(t, h, `<w:b w:val="0"/>`)
		assert.Contains(t, h, `<w:sz w:val="32"/>`)
	}
	tt := style("TableText")
	for _, want := range []string{`w:eastAsia="仿宋_GB2312"`, `<w:sz w:val="21"/>`, `<w:jc w:val="center"/>`,
		`w:line="240" w:lineRule="auto"`, `<w:snapToGrid w:val="0"/>`, `w:firstLineChars="0"`} {
		assert.Contains(t, tt, want)
	}
	nt := style("NianbaoTable")
	assert.Equal(t, 6, strings.Count(nt, `w:val="single" w:sz="4" w:space="0" w:color="000000"`))
	// 落款 lines are placed by left indents (doc.Signature.Place), as in the PDF.
	assert.Contains(t, style("Signature"), `<w:jc w:val="left"/>`)
	style("Note")
	footer := style("Footer")
	assert.Contains(t, footer, `<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:cs="宋体"/>`)
	assert.Contains(t, footer, `<w:sz w:val="28"/>`)
}

func TestFontOptions(t *testing.T) {
	o := Options{Fonts: Fonts{Title: "FZXiaoBiaoSong-B05S", Heading2: "KaiTi & <楷>", Table: " \x00 "}}
	_, files := parts(t, render(t, sample(), o))
	s := string(files["word/styles.xml"])
	assert.Contains(t, s, `w:eastAsia="FZXiaoBiaoSong-B05S"`)
	assert.Contains(t, s, `w:eastAsia="KaiTi &amp; &lt;楷&gt;"`)
	assert.NotContains(t, s, "方正小标宋简体")
	assert.NotContains(t, s, "楷体_GB2312")
	assert.Contains(t, s, `w:eastAsia="黑体"`, "empty fields keep the defaults")
	assert.Contains(t, s, `w:eastAsia="宋体"`)
	i := strings.Index(s, `w:styleId="TableText"`)
	assert.Contains(t, s[i:], `w:eastAsia="仿宋_GB2312"`, "a blank name keeps the default")
	ft := string(files["word/fontTable.xml"])
	assert.Contains(t, ft, `<w:font w:name="FZXiaoBiaoSong-B05S">`)
	assert.Contains(t, ft, `<w:font w:name="KaiTi &amp; &lt;楷&gt;">`)
	wellFormed(t, "styles", files["word/styles.xml"])
	wellFormed(t, "fontTable", files["word/fontTable.xml"])
}

// --- document.xml as data ---

type xBody struct {
	Blocks []xBlock `xml:",any"`
}

// xBlock is a w:p or a w:tbl of the body.
type xBlock struct {
	XMLName xml.Name
	PPr     struct {
		Style struct {
			Val string `xml:"val,attr"`
		} `xml:"pStyle"`
		PageBreakBefore *struct{} `xml:"pageBreakBefore"`
		KeepNext        *struct{} `xml:"keepNext"`
		Ind             struct {
			RightChars string `xml:"rightChars,attr"`
			Left       string `xml:"left,attr"`
		} `xml:"ind"`
	} `xml:"pPr"`
	Runs []xRun `xml:"r"`
	Grid []struct {
		W int `xml:"w,attr"`
	} `xml:"tblGrid>gridCol"`
	Rows    []xRow `xml:"tr"`
	Caption struct {
		Val string `xml:"val,attr"`
	} `xml:"tblPr>tblCaption"`
}

type xRun struct {
	Content []struct {
		XMLName xml.Name
		Text    string `xml:",chardata"`
		Type    string `xml:"type,attr"`
	} `xml:",any"`
}

type xRow struct {
	Header *struct{} `xml:"trPr>tblHeader"`
	Cells  []struct {
		TcW struct {
			W int `xml:"w,attr"`
		} `xml:"tcPr>tcW"`
		Span *struct {
			Val int `xml:"val,attr"`
		} `xml:"tcPr>gridSpan"`
		VMerge *struct {
			Val string `xml:"val,attr"`
		} `xml:"tcPr>vMerge"`
		P []xBlock `xml:"p"`
	} `xml:"tc"`
}

func (r xRun) text() string {
	var b strings.Builder
	for _, c := range r.Content {
		switch c.XMLName.Local {
		case "t":
			b.WriteString(c.Text)
		case "br":
			if c.Type == "" {
				b.WriteString("\n")
			}
		case "tab":
			b.WriteString("\t")
		}
	}
	return b.String()
}

func (p xBlock) text() string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.text())
	}
	return b.String()
}

func parseBody(t *testing.T, data []byte) []xBlock {
	t.Helper()
	var d struct {
		Body xBody `xml:"body"`
	}
	require.NoError(t, xml.Unmarshal(data, &d))
	return d.Body.Blocks
}

// cell is one w:tc reduced to what the merge checks need.
type cell struct {
	span   int
	vmerge string // "", "restart" or "continue"
	text   string
}

func cells(r xRow) []cell {
	var out []cell
	for _, c := range r.Cells {
		x := cell{span: 1}
		if c.Span != nil {
			x.span = c.Span.Val
		}
		if c.VMerge != nil {
			x.vmerge = c.VMerge.Val
			if x.vmerge == "" {
				x.vmerge = "continue"
			}
		}
		for _, p := range c.P {
			x.text += p.text()
		}
		out = append(out, x)
	}
	return out
}

func bodyTables(t *testing.T, d *doc.Document) []xBlock {
	_, files := parts(t, render(t, d, Options{}))
	var out []xBlock
	for _, b := range parseBody(t, files["word/document.xml"]) {
		if b.XMLName.Local == "tbl" {
			out = append(out, b)
		}
	}
	return out
}

func TestTableStructure(t *testing.T) {
	tbls := bodyTables(t, sample())
	require.Len(t, tbls, 3)
	// 表二 has no w:tblHeader: Word would repeat block （一）'s heads over
	// the other blocks (see TestActiveBlocksKeepTogether).
	for i, want := range []struct {
		cols, rows, head int
	}{{4, 14, 0}, {10, 28, 3}, {15, 4, 3}} {
		tb := tbls[i]
		require.Len(t, tb.Grid, want.cols, "table %d grid", i)
		total := 0
		for _, g := range tb.Grid {
			total += g.W
		}
		assert.Equal(t, textW, total, "table %d: grid columns fill the text block", i)
		require.Len(t, tb.Rows, want.rows)
		for r, row := range tb.Rows {
			sum, width := 0, 0
			for j, c := range cells(row) {
				sum += c.span
				want := 0
				for _, g := range tb.Grid[sum-c.span : sum] {
					want += g.W
				}
				assert.Equal(t, want, row.Cells[j].TcW.W, "table %d row %d cell %d width", i, r, j)
				width += row.Cells[j].TcW.W
			}
			assert.Equal(t, want.cols, sum, "table %d row %d: gridSpans sum to the grid width", i, r)
			assert.Equal(t, textW, width)
			assert.Equal(t, r < want.head, row.Header != nil, "table %d row %d: tblHeader", i, r)
		}
	}

	// Each table is named for screen readers by its title, not printed.
	for i, want := range []string{"主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"} {
		assert.Equal(t, want, tbls[i].Caption.Val)
	}

	// 表三: the note cell spans 3 columns and the three header rows.
	req := tbls[1]
	for r := 0; r < 3; r++ {
		c := cells(req.Rows[r])[0]
		assert.Equal(t, 3, c.span, "row %d", r)
		if r == 0 {
			assert.Equal(t, "restart", c.vmerge)
			assert.Equal(t, stats.LabelRequestsNote, c.text)
		} else {
			assert.Equal(t, "continue", c.vmerge)
			assert.Empty(t, c.text)
		}
	}
	r0 := cells(req.Rows[0])
	require.Len(t, r0, 2)
	assert.Equal(t, cell{span: 7, text: stats.LabelApplicants}, r0[1])
	r1 := cells(req.Rows[1])
	require.Len(t, r1, 4)
	assert.Equal(t, cell{span: 1, vmerge: "restart", text: stats.RequestCols[0].Label}, r1[1])
	assert.Equal(t, cell{span: 5, text: stats.LabelLegalPersons}, r1[2])
	assert.Equal(t, cell{span: 1, vmerge: "restart", text: stats.LabelTotal}, r1[3])
	r2 := cells(req.Rows[2])
	require.Len(t, r2, 8)
	assert.Equal(t, "continue", r2[1].vmerge)
	assert.Equal(t, "continue", r2[7].vmerge)

	// 三、本年度办理结果: restart on its first row, continued on the 21 below.
	start := 3 + stats.RowFirstOut
	first := cells(req.Rows[start])
	assert.Equal(t, cell{span: 1, vmerge: "restart", text: "三、本年度办理结果"}, first[0])
	for r := start + 1; r <= 3+stats.RowTotal; r++ {
		c := cells(req.Rows[r])[0]
		assert.Equal(t, cell{span: 1, vmerge: "continue"}, c, "row %d", r)
	}
	assert.Equal(t, 21, 3+stats.RowTotal-start)
	last := cells(req.Rows[3+stats.RowCarriedOut])
	assert.Equal(t, cell{span: 3, text: "四、结转下年度继续办理"}, last[0])
	// （三）不予公开 spans its eight rows in the second column.
	c := cells(req.Rows[3+4])
	assert.Equal(t, cell{span: 1, vmerge: "restart", text: "（三）不予公开"}, c[1])
	for r := 3 + 5; r < 3+12; r++ {
		assert.Equal(t, cell{span: 1, vmerge: "continue"}, cells(req.Rows[r])[1])
	}
	// figures
	assert.Equal(t, "74", cells(req.Rows[3+stats.RowNew])[7].text)
	assert.Equal(t, "60", cells(req.Rows[start])[2].text)
	assert.Equal(t, "62", cells(req.Rows[start])[8].text)

	// 表四
	app := tbls[2]
	a0 := cells(app.Rows[0])
	assert.Equal(t, []cell{{span: 5, text: stats.LabelReview}, {span: 10, text: stats.LabelSuit}}, a0)
	a1 := cells(app.Rows[1])
	require.Len(t, a1, 7)
	for i := 0; i < 5; i++ {
		assert.Equal(t, cell{span: 1, vmerge: "restart", text: stats.AppealResults[i]}, a1[i])
	}
	assert.Equal(t, cell{span: 5, text: stats.LabelSuitDirect}, a1[5])
	assert.Equal(t, cell{span: 5, text: stats.LabelSuitAfter}, a1[6])
	a2 := cells(app.Rows[2])
	require.Len(t, a2, 15)
	for i := 0; i < 5; i++ {
		assert.Equal(t, cell{span: 1, vmerge: "continue"}, a2[i])
	}
	a3 := cells(app.Rows[3])
	assert.Equal(t, "2", a3[14].text)

	// 表二: an item row spans all four columns; fees in the last row.
	act := tbls[0]
	assert.Equal(t, []cell{{span: 4, text: stats.LabelItem1}}, cells(act.Rows[0]))
	assert.Equal(t, []cell{{span: 1, text: stats.LabelFees}, {span: 3, text: "9116.36"}}, cells(act.Rows[13]))
}

// 表二's four blocks each keep together: every row but a block's last
// keeps with the next, so a page break falls only between blocks and a
// caption row never ends a page. 表三 and 表四 keep their heads with the
// first row and repeat them.
func TestActiveBlocksKeepTogether(t *testing.T) {
	tbls := bodyTables(t, sample())
	require.Len(t, tbls, 3)
	keeps := func(r xRow) bool {
		k := true
		for _, c := range r.Cells {
			for _, p := range c.P {
				k = k && p.PPr.KeepNext != nil
			}
		}
		return k
	}
	for i, want := range [][]bool{
		{true, true, true, false, true, true, false, true, true, true, false, true, true, false},
		append([]bool{true, true, true}, make([]bool, 25)...),
		{true, true, true, false},
	} {
		var got []bool
		for _, r := range tbls[i].Rows {
			got = append(got, keeps(r))
		}
		assert.Equal(t, want, got, "table %d", i)
	}
}

// Column widths come from the figures: nine digits in every cell and a
// fee with six decimals fit their cells by the estimate the writer uses
// (LibreOffice's rendering is checked in lo_test.go), and 表四's fifteen
// such columns are set smaller than 五号 to fit at all.
func TestWideFigureWidths(t *testing.T) {
	s := doctest.WideStats()
	for _, id := range tables.IDs {
		tb := tables.Build(id, s)
		size, widths, mar := fitTable(tb)
		grid := gridCols(widths, textW)
		placed, _, _ := tb.Grid()
		for _, p := range placed {
			if p.Header {
				continue
			}
			w := 0
			for _, g := range grid[p.Col : p.Col+p.ColSpan] {
				w += g
			}
			need := float64(len(p.Text))*0.5*float64(size)*10 + 2*float64(mar)
			assert.Greater(t, float64(w), need, "%s %q at %d half-points", id, p.Text, size)
		}
		if id == tables.Appeals {
			assert.Less(t, size, sizeTable)
		}
	}
	small := sampleStats()
	for _, id := range tables.IDs {
		size, _, _ := fitTable(tables.Build(id, small))
		assert.Equal(t, sizeTable, size, "%s: small figures keep 五号", id)
	}
}

// Malformed tables still give a table Word opens: every grid position
// once per row, holes filled with empty cells.
func TestTableRobust(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Table{Widths: []float64{1, 2, 3}, Rows: []doc.Row{
			{Cells: []doc.Cell{{Text: "a", ColSpan: 2, RowSpan: 5}}}, // rowspan past the end
			{Cells: []doc.Cell{{Text: "b", ColSpan: 4}}},             // colspan past the grid
			{},
		}},
		&doc.Table{Rows: []doc.Row{{Cells: []doc.Cell{{Text: "x"}, {Text: "y", ColSpan: 2}}}}}, // no widths
		&doc.Table{Widths: []float64{1, -1}, Rows: []doc.Row{{Cells: []doc.Cell{{Text: "z"}}}}},
		&doc.Table{},
		(*doc.Table)(nil),
	}}
	data := render(t, d, Options{})
	_, files := parts(t, data)
	wellFormed(t, "document", files["word/document.xml"])
	tbls := bodyTables(t, d)
	require.Len(t, tbls, 3)
	for i, tb := range tbls {
		for r, row := range tb.Rows {
			sum := 0
			for _, c := range cells(row) {
				sum += c.span
			}
			assert.Equal(t, len(tb.Grid), sum, "table %d row %d", i, r)
		}
	}
	assert.Equal(t, []cell{{span: 2, vmerge: "restart", text: "a"}, {span: 1}}, cells(tbls[0].Rows[0]))
	assert.Equal(t, []cell{{span: 2, vmerge: "continue"}, {span: 1, text: "b"}}, cells(tbls[0].Rows[1]))
	assert.Len(t, tbls[1].Grid, 3)
	// adjacent tables are kept apart by a paragraph, and the body ends with one
	doc := string(files["word/document.xml"])
	assert.NotContains(t, doc, "</w:tbl>\n<w:tbl>")
	assert.Contains(t, doc, "</w:tbl>\n<w:p/>\n<w:sectPr>")
}

func TestGridCols(t *testing.T) {
	for _, ws := range [][]float64{{1}, {3, 2, 2, 2}, {1.6, 2.4, 6.4, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {1e-9, 1e9}} {
		g := gridCols(ws, textW)
		sum := 0
		for _, x := range g {
			sum += x
		}
		assert.Equal(t, textW, sum, "%v", ws)
	}
	assert.Equal(t, []int{2948, 1966, 1965, 1965}, gridCols([]float64{3, 2, 2, 2}, textW))
}

func TestBlocks(t *testing.T) {
	_, files := parts(t, render(t, sample(), Options{}))
	blocks := parseBody(t, files["word/document.xml"])
	var paras []xBlock
	for _, b := range blocks {
		if b.XMLName.Local == "p" {
			paras = append(paras, b)
		}
	}
	find := func(text string) xBlock {
		for _, p := range paras {
			if p.text() == text {
				return p
			}
		}
		t.Fatalf("no paragraph %q", text)
		return xBlock{}
	}
	assert.Equal(t, "Title", paras[0].PPr.Style.Val)
	// The title's lines are chosen by nianbao (w:br), between words.
	assert.Equal(t, sampleOrg+"\n2022年政府信息公开工作年度报告", paras[0].text())
	assert.Equal(t, "Heading1", find(stats.Section1).PPr.Style.Val)
	assert.Equal(t, "Heading2", find("（一）主动公开").PPr.Style.Val)
	assert.Equal(t, "Heading3", find("1.公开平台建设").PPr.Style.Val)
	assert.Equal(t, "Heading4", find("（1）门户网站").PPr.Style.Val)
	find("门户网站：http://www.example.gov.cn\n政务新媒体：江门建管")
	find("1．完善公开目录")
	find("3．加强\n监督检查")
	find("政务新媒体")
	assert.Equal(t, "Note", find("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。").PPr.Style.Val)
	// The page break goes to the heading after it.
	h4 := find(stats.Section4)
	assert.NotNil(t, h4.PPr.PageBreakBefore)
	assert.Nil(t, find(stats.Section3).PPr.PageBreakBefore)
	// 落款: an empty line, the name 右空二字 (28 − 2 − 15 = 11 grid
	// characters of 8844/28 twips from the left), the date's first
	// character two characters right of the name's (13).
	n := len(paras)
	assert.Equal(t, "", paras[n-3].text())
	assert.Equal(t, sampleOrg, paras[n-2].text())
	assert.Equal(t, "Signature", paras[n-2].PPr.Style.Val)
	assert.Equal(t, "3474", paras[n-2].PPr.Ind.Left)
	assert.Equal(t, "2023年1月15日", paras[n-1].text())
	assert.Equal(t, "4106", paras[n-1].PPr.Ind.Left)
}

func TestSignatureLongDate(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{doc.Signature{Org: "某局", Date: "2023年12月31日"}}}
	_, files := parts(t, render(t, d, Options{}))
	var ps []xBlock
	for _, b := range parseBody(t, files["word/document.xml"]) {
		if b.XMLName.Local == "p" {
			ps = append(ps, b)
		}
	}
	require.Len(t, ps, 3)
	// date 7 characters wide: 右空二字 (starts at 28 − 2 − 7 = 19); the
	// name's first character two to its left (17).
	assert.Equal(t, "6001", ps[2].PPr.Ind.Left)
	assert.Equal(t, "5370", ps[1].PPr.Ind.Left)
}

func TestPageBreakWithoutParagraph(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		doc.Paragraph{Text: "a"}, doc.PageBreak{}, doc.PageBreak{},
		&doc.Table{Widths: []float64{1}, Rows: []doc.Row{{Cells: []doc.Cell{{Text: "t"}}}}},
		doc.PageBreak{},
	}}
	_, files := parts(t, render(t, d, Options{}))
	body := string(files["word/document.xml"])
	assert.Equal(t, 3, strings.Count(body, `<w:br w:type="page"/>`))
	assert.NotContains(t, body, "pageBreakBefore")
}

func TestDeterministic(t *testing.T) {
	a := render(t, sample(), Options{})
	b := render(t, sample(), Options{})
	assert.True(t, bytes.Equal(a, b), "two renders of the same document differ")
}

func TestEscaping(t *testing.T) {
	evil := `& < > " ' 😀 ` + "\x00\x01\x1b[31m\x7f\u0085\ufffe\uffff" + string([]byte{0xed, 0xa0, 0x80}) + "x\r\ny"
	want := `& < > " ' 😀 [31mx` + "\ny"
	d := &doc.Document{
		Title: "标题" + evil,
		Meta:  doc.Meta{Org: "机关" + evil, ISODate: "2023-01-15", Subject: evil, Draft: true, DraftNote: evil},
		Blocks: []doc.Block{
			doc.Heading{Level: 9, Text: "一、" + evil},
			doc.Paragraph{Text: evil + "\t制表", Indent: true},
			doc.List{Ordered: true, Items: []string{evil}},
			doc.Note{Text: evil},
			&doc.Table{Caption: evil, Widths: []float64{1, 1}, Rows: []doc.Row{
				{Header: true, Cells: []doc.Cell{{Text: evil, ColSpan: 2, Header: true}}},
				{Cells: []doc.Cell{{Text: evil}, {Text: evil, Align: doc.AlignRight}}},
			}},
			doc.Signature{Org: evil, Date: evil},
		},
	}
	data := render(t, d, Options{Fonts: Fonts{Body: `仿宋"` + "\x01<"}})
	names, files := parts(t, data)
	for _, n := range names {
		wellFormed(t, n, files[n])
	}
	var core struct {
		Title   string `xml:"title"`
		Creator string `xml:"creator"`
		Subject string `xml:"subject"`
	}
	require.NoError(t, xml.Unmarshal(files["docProps/core.xml"], &core))
	assert.Equal(t, "标题"+want+"（草稿）", core.Title)
	assert.Equal(t, "机关"+want, core.Creator)
	assert.Equal(t, want+"（草稿）", core.Subject)

	blocks := parseBody(t, files["word/document.xml"])
	var texts []string
	for _, b := range blocks {
		if b.XMLName.Local == "p" {
			texts = append(texts, b.text())
		}
		for _, r := range b.Rows {
			for _, c := range cells(r) {
				texts = append(texts, c.text)
			}
		}
	}
	assert.Equal(t, []string{
		"【草稿】" + want, "标题" + want, "一、" + want, want + "\t制表", "1．" + want, want,
		want, want, want, want, "", want, want,
	}, texts)
	assert.Equal(t, "Heading4", blocks[2].PPr.Style.Val, "levels beyond 4 are level 4")
	assert.Contains(t, string(files["word/styles.xml"]), `w:eastAsia="仿宋&#34;&lt;"`)
}

func TestNil(t *testing.T) {
	assert.Error(t, Render(io.Discard, nil, Options{}))
	// A type outside report/doc is a block only by embedding one, and
	// then visits as that kind; a nil block is the one block no Visitor
	// method takes.
	assert.Error(t, Render(io.Discard, &doc.Document{Blocks: []doc.Block{nil}}, Options{}))
}

func TestGolden(t *testing.T) {
	_, files := parts(t, render(t, sample(), Options{}))
	got := files["word/document.xml"]
	path := filepath.Join("testdata", "document.xml.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	if !bytes.Equal(want, got) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := 0; i < max(len(wl), len(gl)); i++ {
			var w, g string
			if i < len(wl) {
				w = wl[i]
			}
			if i < len(gl) {
				g = gl[i]
			}
			if w != g {
				t.Fatalf("%s differs from line %d (go test -update rewrites it):\nwant: %s\ngot:  %s", path, i+1, w, g)
			}
		}
	}
}

func BenchmarkRender(b *testing.B) {
	d := sample()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCaptionTakesPageBreak(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		doc.Paragraph{Text: "a"}, doc.PageBreak{},
		&doc.Table{Caption: "表1", Widths: []float64{1}, Rows: []doc.Row{{Cells: []doc.Cell{{Text: "t"}}}}},
	}}
	_, files := parts(t, render(t, d, Options{}))
	body := string(files["word/document.xml"])
	assert.NotContains(t, body, `<w:br w:type="page"/>`)
	assert.Contains(t, body, `<w:pStyle w:val="TableCaption"/><w:pageBreakBefore/>`)
}

// The last text before the 落款 keeps with it (GB/T 9704 7.3.5): Word and
// LibreOffice then never leave the 落款 alone on a page.
func TestLastTextKeepsWithSignature(t *testing.T) {
	for _, last := range []doc.Block{
		doc.Paragraph{Text: "最后一段。", Indent: true},
		doc.List{Items: []string{"第一项。", "最后一项。"}},
		doc.Note{Text: "最后的说明。"},
	} {
		d := &doc.Document{Blocks: []doc.Block{doc.Paragraph{Text: "前文。"}, last, doc.Signature{Org: "某某局", Date: "2023年1月15日"}}}
		x, _, err := documentWithCharts(d)
		require.NoError(t, err)
		s := string(x)
		first := strings.Index(s, "前文。")
		assert.NotContains(t, s[strings.LastIndex(s[:first], "<w:p>"):first], "keepNext", "only the last text keeps with the 落款")
		end := strings.Index(s, "最后")
		start := strings.LastIndex(s[:end], "<w:p>")
		assert.Contains(t, s[start:end], "<w:keepNext/>", "%T", last)
	}
}
