package docx

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
)

func withChart(cs ...*doc.Chart) *doc.Document {
	d := sample()
	for _, c := range cs {
		d.Blocks = append(d.Blocks, c)
	}
	return d
}

// A chart is a native chart part with its figures cached, a workbook
// embedded beside it holding the same figures, and an inline drawing in
// the body whose description gives the figures; every part well-formed,
// the same bytes every time.
func TestChartParts(t *testing.T) {
	c := doctest.SampleChart()
	data := render(t, withChart(c, c), Options{})
	assert.Equal(t, data, render(t, withChart(c, c), Options{}))
	names, files := parts(t, data)
	for _, n := range []string{"word/charts/chart1.xml", "word/charts/chart2.xml", "word/charts/_rels/chart1.xml.rels",
		"word/embeddings/chart1.xlsx", "word/embeddings/chart2.xlsx"} {
		assert.Contains(t, names, n)
	}
	for _, n := range names {
		if !strings.HasSuffix(n, ".xlsx") {
			wellFormed(t, n, files[n])
		}
	}
	ct := string(files["[Content_Types].xml"])
	assert.Contains(t, ct, `<Override PartName="/word/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`)
	assert.Contains(t, ct, `<Default Extension="xlsx"`)
	rels := string(files["word/_rels/document.xml.rels"])
	assert.Contains(t, rels, `Id="rIdChart1"`)
	assert.Contains(t, rels, `Target="charts/chart2.xml"`)
	body := string(files["word/document.xml"])
	assert.Equal(t, 2, strings.Count(body, "<w:drawing>"))
	assert.Contains(t, body, `r:id="rIdChart2"`)
	assert.Contains(t, body, `descr="`+c.Summary()+`"`)

	part := string(files["word/charts/chart1.xml"])
	assert.Contains(t, part, "<a:t>"+c.Caption()+"</a:t>")
	for s, se := range c.Series {
		assert.Contains(t, part, "<c:v>"+se.Name+"</c:v>")
		for i, cat := range c.Categories {
			assert.Contains(t, part, "<c:v>"+cat+"</c:v>")
			assert.Contains(t, part, `<c:pt idx="`+strconv.Itoa(i)+`"><c:v>`+strconv.FormatInt(c.Value(s, i), 10)+`</c:v></c:pt>`)
		}
	}
	assert.Contains(t, part, `<a:pattFill prst="wdUpDiag">`, "the second series is hatched, not only another colour")

	wb := files["word/embeddings/chart1.xlsx"]
	zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	require.NoError(t, err)
	sheet := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		require.NoError(t, err)
		var b bytes.Buffer
		_, err = b.ReadFrom(r)
		require.NoError(t, err)
		sheet[f.Name] = b.Bytes()
		wellFormed(t, f.Name, b.Bytes())
	}
	s := string(sheet["xl/worksheets/sheet1.xml"])
	assert.Contains(t, s, `<c r="B2"><v>74</v></c>`)
	assert.Contains(t, s, `<c r="C2"><v>1250</v></c>`)
	assert.Contains(t, s, `<c r="A4" t="inlineStr"><is><t>结转下年度</t></is></c>`)

	_, files = parts(t, render(t, sample(), Options{}))
	assert.NotContains(t, string(files["[Content_Types].xml"]), "xlsx", "no chart, no chart parts")
}

// LibreOffice draws the chart: its title, categories, series and
// figures are in the PDF it makes of the DOCX.
func TestLibreOfficeChart(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice is slow")
	}
	c := doctest.SampleChart()
	pdf := loConvert(t, map[string][]byte{"chart": render(t, withChart(c), Options{})})["chart"]
	out, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range append([]string{c.Caption(), "2022年", "2021年", "1,250"}, c.Categories...) {
		assert.Contains(t, text, want)
	}
	if keep := os.Getenv("NIANBAO_KEEP_DIR"); keep != "" {
		data, _ := os.ReadFile(pdf)
		_ = os.WriteFile(filepath.Join(keep, "chart.pdf"), data, 0o644)
	}
}

// A chart whose strings carry markup, quotes and control characters
// gives well-formed parts.
func TestChartHostile(t *testing.T) {
	e := doctest.Evil
	c := &doc.Chart{Title: e, Unit: e, Categories: []string{e}, Series: []doc.Series{{Name: e, Values: []int64{1}}}}
	_, files := parts(t, render(t, withChart(c), Options{}))
	for _, n := range []string{"word/document.xml", "word/charts/chart1.xml"} {
		wellFormed(t, n, files[n])
		assert.NotContains(t, string(files[n]), "<script")
	}
}
