package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/config"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/fontset"
	"github.com/nianbao/nianbao/report/ledger"
	"github.com/nianbao/nianbao/report/plan"
	"github.com/nianbao/nianbao/report/workbook"
)

const sampleDir = "../../data"

// sampleDoc composes the shipped sample as build does.
func sampleDoc(t testing.TB, draft bool) *doc.Document {
	t.Helper()
	cfg, err := config.Load(filepath.Join(sampleDir, config.FileName))
	require.NoError(t, err)
	cur, err := workbook.ReadFile(cfg.Path(cfg.Stats))
	require.NoError(t, err)
	prev, err := workbook.ReadFile(cfg.Path(cfg.LastYearStats))
	require.NoError(t, err)
	p, err := plan.Load(cfg.Path(cfg.Plan))
	require.NoError(t, err)
	l, err := ledger.Load(cfg.Path(cfg.Ledger), ledger.Options{Plan: p})
	require.NoError(t, err)
	res, err := compose.Compose(compose.Input{Config: cfg, Stats: &cur.Stats, Prev: &prev.Stats, Plan: p, Ledger: l.Ledger},
		compose.Options{Draft: draft, DraftNote: "草稿，不得公开发布。"})
	require.NoError(t, err)
	return res.Doc
}

func render(t testing.TB, d *doc.Document) []byte {
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, d, Options{}))
	return buf.Bytes()
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s (poppler-utils) not installed", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(t, err, string(out))
	return string(out)
}

func TestSampleWithPoppler(t *testing.T) {
	data := render(t, sampleDoc(t, false))
	path := filepath.Join(t.TempDir(), "report.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	if os.Getenv("NIANBAO_KEEP_PDF") != "" {
		_ = os.WriteFile(os.Getenv("NIANBAO_KEEP_PDF"), data, 0o644)
	}
	text := tool(t, "pdftotext", "-layout", path, "-")
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
		"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
		"申请人情况", "四、结转下年度继续办理", "行政诉讼", "复议后起诉", "— 1 —", "江门市政府投资工程建设管理中心2023年1月15日"} {
		assert.Contains(t, flat, strings.Join(strings.Fields(want), ""), want)
	}
	// Every figure of every table: each data row's cells read in order.
	d := sampleDoc(t, false)
	for _, b := range d.Blocks {
		tb, ok := b.(*doc.Table)
		if !ok {
			continue
		}
		for _, row := range tb.Rows[tb.HeaderRows():] {
			var figures strings.Builder
			for _, c := range row.Cells {
				if !c.Header {
					figures.WriteString(c.Text)
				}
			}
			if figures.Len() > 0 {
				assert.Contains(t, flat, figures.String(), "%s row %v", tb.ID, row.Cells[0].Text)
			}
		}
	}
	fonts := tool(t, "pdffonts", path)
	t.Log(fonts)
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Fields(line)
		assert.Equal(t, "yes", f[len(f)-5], "embedded: %s", line)
	}
	assert.Less(t, len(data), 500*1024)
}

func TestDeterministic(t *testing.T) {
	d := sampleDoc(t, false)
	a := render(t, d)
	b := render(t, sampleDoc(t, false))
	assert.True(t, bytes.Equal(a, b), "same input, same bytes")
}

func TestMetadataAndBookmarks(t *testing.T) {
	data := render(t, sampleDoc(t, false))
	path := filepath.Join(t.TempDir(), "r.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	info := tool(t, "pdfinfo", path)
	assert.Contains(t, info, "江门市政府投资工程建设管理中心2022年政府信息公开工作年度报告")
	assert.Regexp(t, `Author:\s+江门市政府投资工程建设管理中心`, info)
	assert.Regexp(t, `Creator:\s+nianbao`, info)
	assert.Regexp(t, `Subject:\s+政府信息公开工作年度报告`, info)
	assert.Regexp(t, `Page size:\s+595.28 x 841.89 pts \(A4\)`, info)
	assert.Regexp(t, `CreationDate:\s+Sun Jan 15 00:00:00 2023`, info)
	assert.Contains(t, string(data), "/Outlines")
	assert.Equal(t, 6, bytes.Count(data, []byte("/Dest [")), "one bookmark per section")
}

func TestDraftWatermark(t *testing.T) {
	data := render(t, sampleDoc(t, true))
	path := filepath.Join(t.TempDir(), "d.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	text := tool(t, "pdftotext", path, "-")
	pages := strings.Count(text, "\f")
	// The note's own 草稿 is not repeated by the banner.
	assert.Contains(t, text, "【草稿】不得公开发布。")
	assert.Equal(t, 1, strings.Count(strings.Split(text, "\f")[0], "【草稿】"))
	// The diagonal watermark comes out as single large words.
	bbox := tool(t, "pdftotext", "-bbox", path, "-")
	assert.Equal(t, pages, strings.Count(bbox, ">草</word>"), "a watermark on every page")
	assert.Equal(t, pages, strings.Count(bbox, ">稿</word>"))
}

// A character no font has becomes 〓 and is reported; one only the
// fallback font has is set in it. Nothing panics (fpdf does on U+1F600).
func TestMissingGlyphs(t *testing.T) {
	fonts, err := fontset.Load(nil)
	require.NoError(t, err)
	d := &doc.Document{Title: "测试", Meta: doc.Meta{Org: "测试", Year: 2022, ISODate: "2023-01-15"},
		Blocks: []doc.Block{doc.Heading{Level: 1, Text: "一、总体情况"}, doc.Paragraph{Text: "表情😀与生僻字𠀀，以及訁字。", Indent: true}}}
	msgs := CheckGlyphs(d, fonts)
	var all []string
	for _, m := range msgs {
		all = append(all, m.Text)
	}
	joined := strings.Join(all, "\n")
	assert.Contains(t, joined, "所有字体都没有 “😀”（U+1F600，见一、总体情况 第 1 段）")
	assert.Contains(t, joined, "“𠀀”（U+20000")
	assert.Contains(t, joined, "正文字体缺少 “訁”")
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, d, Options{Fonts: fonts}))
	path := filepath.Join(t.TempDir(), "m.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	text := tool(t, "pdftotext", path, "-")
	assert.Contains(t, strings.Join(strings.Fields(text), ""), "表情〓与生僻字〓，以及訁字。")
}

// Target (issue 5): the sample to PDF in under 250 ms and 120 MB peak.
func BenchmarkRenderSample(b *testing.B) {
	d := sampleDoc(b, false)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, d, Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1024, "KB/pdf")
	}
}

// The part of it that is font loading.
func BenchmarkFontLoad(b *testing.B) {
	for b.Loop() {
		if _, err := fontset.Load(nil); err != nil {
			b.Fatal(err)
		}
	}
}
