package disclosure

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/stats"
)

// withHistory is the sample with 2020's and 2019's statistics as
// nianbao.toml's history gives them: last year's, a little changed.
func withHistory(t *testing.T) compose.Input {
	in := sampleInput(t)
	y2020, y2019 := *in.Prev, *in.Prev
	y2020.Requests[stats.RowNew][stats.ColTotal] = 9
	y2020.Requests[stats.RowTotal][stats.ColTotal] = 8
	y2020.Requests[stats.RowCarriedOut][stats.ColTotal] = 1
	y2020.Active.NormativeDocs = stats.DocCounts{Issued: 4, Repealed: 2, InForce: 2}
	y2019.Requests[stats.RowNew][stats.ColTotal] = 1200
	y2019.Active.NormativeDocs = stats.DocCounts{Issued: 0, Repealed: 0, InForce: 0}
	in.History = []compose.Past{{Year: 2020, Stats: &y2020}, {Year: 2019, Stats: &y2019}}
	return in
}

// With history, 申请办理 and 规范性文件 follow the years, oldest first:
// one group per year, one series per figure (three fills, whatever the
// number of years); every value is its year's statistic. The charts of
// one year's mix (办理结果, 申请人) still compare this year and last.
func TestTimelineCharts(t *testing.T) {
	in := withHistory(t)
	byYear := map[string]*stats.Stats{"2022": in.Stats, "2021": in.Prev, "2020": in.History[0].Stats, "2019": in.History[1].Stats}
	for _, id := range []string{ChartRequests, ChartDocs} {
		c := Chart(id, in)
		require.NotNil(t, c)
		assert.Equal(t, []string{"2019年", "2020年", "2021年", "2022年"}, c.Categories, id)
		assert.Len(t, c.Series, 3, id)
		assert.True(t, strings.HasPrefix(c.Title, "2019—2022年"), c.Title)
		for _, se := range c.Series {
			for i, src := range se.Sources {
				y, key, ok := strings.Cut(src, ":")
				if !ok {
					y, key = "2022", src
				}
				assert.Equal(t, strings.TrimSuffix(c.Categories[i], "年"), y, "%s %s: the year's own statistic", id, se.Name)
				sin := in
				sin.Stats, sin.Prev = byYear[y], nil
				assert.Equal(t, field(t, sin, key), se.Values[i], "%s %s %s", id, se.Name, c.Categories[i])
			}
		}
	}
	assert.Equal(t, []string{"新收", "办结", "结转下年度"}, names(Chart(ChartRequests, in)), "上年结转 repeats the year before's 结转下年度")
	assert.Equal(t, int64(1200), Chart(ChartRequests, in).Series[0].Values[0])
	assert.Equal(t, []string{"2022年", "2021年"}, names(Chart(ChartOutcomes, in)))
	assert.Equal(t, []string{"2022年", "2021年"}, names(Chart(ChartApplicant, in)))

	// Without last year's workbook, the history still makes a timeline.
	in.Prev = nil
	assert.Equal(t, []string{"2019年", "2020年", "2022年"}, Chart(ChartDocs, in).Categories)
}

// TestGoldenTimelineSVG: the charts of four years, as SVG.
func TestGoldenTimelineSVG(t *testing.T) {
	in := withHistory(t)
	for _, id := range []string{ChartRequests, ChartDocs} {
		got := chart.SVG(Chart(id, in), chart.Options{ID: "c"})
		path := filepath.Join("testdata", "charts", id+"-历年.svg")
		if *update {
			require.NoError(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "go test -update creates %s", path)
		assert.Equal(t, string(want), string(got), id)
	}
}
