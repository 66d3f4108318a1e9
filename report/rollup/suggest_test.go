package rollup

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

func TestSuggest(t *testing.T) {
	county := []string{"某某县教育体育局", "某某县财政局", "某某县卫生健康局", "甲镇人民政府", "乙镇人民政府", "某某县人民政府办公室"}
	for _, tt := range []struct {
		units []string
		stamp string
		want  string // "" for no suggestion
	}{
		// Close to one unit.
		{county, "某某县教育局", "某某县教育体育局"},          // runes left out
		{county, "教育体育局", "某某县教育体育局"},           // 简称
		{county, "某某县卫健局", "某某县卫生健康局"},          // 卫健
		{county, "某某县卫生建康局", "某某县卫生健康局"},        // a wrong rune
		{county, "某某县财政局局", "某某县财政局"},           // a rune too many
		{county, "某某县 人民政府办公室（）", "某某县人民政府办公室"}, // folded, then one pair too many
		{county, "某某县人民政府办", "某某县人民政府办公室"},
		{[]string{"县教育局", "县财政局"}, "县教育体育局", "县教育局"}, // the list misspelt
		{[]string{"某某县教育局 "}, "某某县教育体育局", "某某县教育局"},
		// Two as close: no guess.
		{county, "丙镇人民政府", ""},
		{county, "镇人民政府", ""},
		{county, "人民政府", ""},
		{[]string{"县教育局", "县体育局"}, "县教育体育局", ""},
		{[]string{"县财政局", "县教育局"}, "县局", ""},
		// Far.
		{county, "某市交通运输局", ""},
		{county, "某某县公安局", ""},
		{county, "局", ""},
		{[]string{"县财政局"}, "县民政局", ""}, // one rune of four: another unit
		{[]string{"财政局"}, "民政局", ""},
		{[]string{"某某县人民政府办公室"}, "政府", ""}, // held, but less than half
	} {
		t.Run(tt.stamp, func(t *testing.T) {
			ns, err := listUnits(tt.units)
			require.NoError(t, err)
			got := ""
			if i := ns.suggest(tt.stamp); i >= 0 {
				got = ns[i].name
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// A misspelt stamp is suggested, never summed: the file stays of no unit,
// the unit stays missing and says where its return may be.
func TestSuggestInRun(t *testing.T) {
	dir := t.TempDir()
	_, figs := writeUnits(t, t.TempDir(), 3, year, 5)
	writeBook(t, filepath.Join(dir, "财政.xlsx"), workbook.Options{Org: "某某县财政局", Year: year, Values: figs[0]})
	writeBook(t, filepath.Join(dir, "教育.xlsx"), workbook.Options{Org: "某某县教育局", Year: year, Values: figs[1]})
	writeBook(t, filepath.Join(dir, "镇.xlsx"), workbook.Options{Org: "丙镇人民政府", Year: year, Values: figs[2]})
	res, err := Run(Options{Units: []string{"某某县财政局", "某某县教育体育局", "甲镇人民政府", "乙镇人民政府"}, Dir: dir, Year: year})
	require.NoError(t, err)

	require.Len(t, res.Others, 2)
	f := res.Others[0]
	assert.Equal(t, "教育.xlsx", f.Path)
	assert.Equal(t, Unknown, f.State, "a suggestion never maps the file")
	assert.Equal(t, "某某县教育体育局", f.Suggest)
	require.Len(t, f.Messages, 1)
	assert.Contains(t, f.Messages[0].String(), "教育.xlsx")
	assert.Contains(t, f.Messages[0].Text, "填报单位是“某某县教育局”，不在汇总单位名单中，是否为名单中的“某某县教育体育局”？")
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"suggestion":"某某县教育体育局"`)

	g := res.Others[1]
	assert.Equal(t, "镇.xlsx", g.Path)
	assert.Empty(t, g.Suggest, "甲镇 and 乙镇 are as close")
	assert.NotContains(t, g.Messages[0].Text, "是否为")
	b, err = json.Marshal(g)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "suggestion")

	u := res.Units[1]
	assert.Equal(t, Missing, u.State)
	assert.False(t, u.Included)
	assert.Contains(t, u.Reason, "教育.xlsx 的填报单位“某某县教育局”与该单位名称相近，请核对")
	assert.NotContains(t, res.Units[2].Reason+res.Units[3].Reason, "相近")
	assert.Equal(t, 1, res.Included)
	assert.Equal(t, independentSum([]*stats.Stats{figs[0]}), res.Sum)
	assert.Contains(t, strings.Join(res.Blockers(), "\n"), "某某县教育体育局：未报送")

	page := string(Page("某县", "本系统", res))
	assert.Contains(t, page, "是否为“某某县教育体育局”？")
	assert.Contains(t, page, "与该单位名称相近")
}
