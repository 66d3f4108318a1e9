package disclosure

import (
	"bytes"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/render/htmlpage"
	"github.com/nianbao/nianbao/report/render/pdf"
	"github.com/nianbao/nianbao/report/stats"
)

var update = flag.Bool("update", false, "rewrite the golden chart SVGs")

// TestChartLabelsAreOfficial: every short label of a bar is part of the
// official label it stands for, in report/stats.
func TestChartLabelsAreOfficial(t *testing.T) {
	for short, official := range map[string]string{
		labelNew:        stats.RequestRows[stats.RowNew].Level1,
		labelCarriedIn:  stats.RequestRows[stats.RowCarriedIn].Level1,
		labelCarriedOut: stats.RequestRows[stats.RowCarriedOut].Level1,
		labelIssued:     stats.LabelIssued,
		labelRepealed:   stats.LabelRepealed,
		labelInForce:    stats.LabelInForce,
	} {
		assert.Contains(t, official, short)
	}
	assert.Equal(t, "（七）总计", stats.RequestRows[stats.RowTotal].Level2, "办结 is the total of the outcomes")
	want := []string{"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"}
	for g := range stats.NumRequestGroups {
		assert.Equal(t, want[g], shortGroup(g))
		assert.Contains(t, stats.RequestGroups[g].Label, shortGroup(g))
	}
}

// field resolves a chart's source key (with an earlier year's prefix)
// in the statistics.
func field(t *testing.T, in compose.Input, key string) int64 {
	t.Helper()
	s := in.Stats
	if y, k, ok := strings.Cut(key, ":"); ok {
		require.Equal(t, "2021", y)
		s, key = in.Prev, k
	}
	for _, f := range s.Fields() {
		if f.Key == key {
			require.NotNil(t, f.Int, key)
			return *f.Int
		}
	}
	t.Fatalf("no statistic %q", key)
	return 0
}

// TestChartsComeFromTheStatistics: every value of every chart is the
// statistic (or the sum of the statistics) its Sources name, this year's
// or last year's; never a number of its own.
func TestChartsComeFromTheStatistics(t *testing.T) {
	in := bigInput(t)
	for _, id := range ChartNames {
		c := Chart(id, in)
		require.NotNil(t, c, id)
		require.NotEmpty(t, c.Series, id)
		for _, se := range c.Series {
			require.Len(t, se.Values, len(c.Categories), id)
			require.Len(t, se.Sources, len(c.Categories), id)
			for i, src := range se.Sources {
				var sum int64
				for _, k := range strings.Split(src, "+") {
					sum += field(t, in, k)
				}
				assert.Equal(t, sum, se.Values[i], "%s %s %s (%s)", id, se.Name, c.Categories[i], src)
			}
		}
	}
	assert.Nil(t, Chart("饼图", in))

	// Years: this year and last year where the chart compares years,
	// this year alone without last year's workbook.
	assert.Equal(t, []string{"2022年", "2021年"}, names(Chart(ChartRequests, in)))
	in.Prev = nil
	assert.Equal(t, []string{"2022年"}, names(Chart(ChartRequests, in)))
	assert.Len(t, Chart(ChartAppeals, in).Series, stats.NumAppealGroups)
}

func names(c *doc.Chart) []string {
	var out []string
	for _, s := range c.Series {
		out = append(out, s.Name)
	}
	return out
}

func charts(d *doc.Document) (ids []string, under map[string]string) {
	under = map[string]string{}
	section := ""
	for _, b := range d.Blocks {
		switch x := b.(type) {
		case doc.Heading:
			if x.Level == 1 {
				section = x.Text
			}
		case *doc.Chart:
			ids = append(ids, x.ID)
			under[x.ID] = section
		}
	}
	return ids, under
}

// TestChartsOnlyWhenAsked: the default report carries no chart; charts
// = true places every chart after its table; a list places those named.
func TestChartsOnlyWhenAsked(t *testing.T) {
	in := sampleInput(t)
	res, err := compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	ids, _ := charts(res.Doc)
	assert.Empty(t, ids)

	in.Config.Charts = config.Charts{All: true}
	res, err = compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	ids, under := charts(res.Doc)
	assert.Equal(t, []string{ChartDocs, ChartRequests, ChartOutcomes, ChartApplicant, ChartAppeals}, ids)
	assert.Equal(t, stats.Section2, under[ChartDocs])
	assert.Equal(t, stats.Section3, under[ChartOutcomes])
	assert.Equal(t, stats.Section4, under[ChartAppeals])

	in.Config.Charts = config.Charts{Names: []string{ChartAppeals, ChartRequests}}
	res, err = compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	ids, _ = charts(res.Doc)
	assert.Equal(t, []string{ChartRequests, ChartAppeals}, ids, "in the template's order")
}

func TestUnknownChart(t *testing.T) {
	in := sampleInput(t)
	in.Config.Charts = config.Charts{Names: []string{"饼图"}, Line: 7}
	_, err := compose.Compose(Kind, in, compose.Options{})
	require.Error(t, err)
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 7, de[0].Pos.Line)
	assert.Contains(t, err.Error(), "没有名为“饼图”的图表，可用的是 申请办理、办理结果、申请人、复议诉讼、规范性文件")

	in = sampleInput(t)
	dir := t.TempDir()
	main := strings.Replace(mainTemplate(t), "::table 表四", "::table 表四\n\n::chart 饼图", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "report.tmpl"), []byte(main), 0o644))
	_, err = compose.Compose(Kind, in, compose.Options{TemplateDir: dir})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "未知的图表“饼图”，可用的是 申请办理、")
	assert.Contains(t, err.Error(), "report.tmpl")

	// An office's template places a chart whatever nianbao.toml says.
	main = strings.Replace(mainTemplate(t), "::table 表四", "::table 表四\n\n::chart 复议诉讼", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "report.tmpl"), []byte(main), 0o644))
	res, err := compose.Compose(Kind, in, compose.Options{TemplateDir: dir})
	require.NoError(t, err)
	ids, _ := charts(res.Doc)
	assert.Equal(t, []string{ChartAppeals}, ids)
}

// TestGoldenChartSVG: each chart of the sample folder, as SVG.
func TestGoldenChartSVG(t *testing.T) {
	in := sampleInput(t)
	for _, id := range ChartNames {
		got := chart.SVG(Chart(id, in), chart.Options{ID: "c"})
		path := filepath.Join("testdata", "charts", id+".svg")
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "go test -update creates %s", path)
		assert.Equal(t, string(want), string(got), id)
	}
}

// TestChartsInPDF: pdftotext finds every chart's title, labels and
// figures in the PDF of the sample with charts = true.
func TestChartsInPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	in := bigInput(t)
	in.Config.Charts = config.Charts{All: true}
	res, err := compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, pdf.Render(&buf, res.Doc, pdf.Options{}))
	path := filepath.Join(t.TempDir(), "r.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(out)), "")
	for _, id := range ChartNames {
		c := Chart(id, in)
		for _, want := range append([]string{c.Caption()}, c.Categories...) {
			assert.Contains(t, text, want, id)
		}
		for s, se := range c.Series {
			assert.Contains(t, text, se.Name, id)
			for i := range c.Categories {
				assert.Contains(t, text, doc.Figure(c.Value(s, i)), id)
			}
		}
	}
}

// BenchmarkCharts: composing the sample and rendering its PDF and HTML,
// without charts and with all five; the difference is what the charts
// cost a build.
func BenchmarkCharts(b *testing.B) {
	for _, tc := range []struct {
		name   string
		charts config.Charts
	}{{"none", config.Charts{}}, {"all", config.Charts{All: true}}} {
		b.Run(tc.name, func(b *testing.B) {
			in := sampleInput(b)
			in.Config.Charts = tc.charts
			for b.Loop() {
				res, err := compose.Compose(Kind, in, compose.Options{})
				require.NoError(b, err)
				require.NoError(b, pdf.Render(io.Discard, res.Doc, pdf.Options{}))
				require.NoError(b, htmlpage.Render(io.Discard, res.Doc))
			}
		})
	}
}

// The 图解's key figures are the statistics their Source names, with
// last year's beside them when its workbook is there.
func TestKeyFiguresComeFromTheStatistics(t *testing.T) {
	in := bigInput(t)
	ks := KeyFigures(in)
	require.Len(t, ks, 6)
	for _, k := range ks {
		var v, p int64
		for _, key := range strings.Split(k.Source, "+") {
			v += field(t, in, key)
			p += field(t, in, "2021:"+key)
		}
		assert.Equal(t, v, k.Value, k.Label)
		assert.True(t, k.HasPrev)
		assert.Equal(t, p, k.Prev, k.Label)
	}
	assert.Equal(t, int64(3119), ks[0].Value)
	assert.Equal(t, "比上年增加401件（增长14.8%）", ks[0].Change())
	in.Prev = nil
	assert.False(t, KeyFigures(in)[0].HasPrev)
}
