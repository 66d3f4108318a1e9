package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
)

func TestCharts(t *testing.T) {
	c, err := Parse(FileName, []byte("org = \"某局\"\nyear = 2022\n"))
	require.NoError(t, err)
	assert.False(t, c.Charts.Wants("申请办理"), "none by default: the national format has no charts")

	c, err = Parse(FileName, []byte("org = \"某局\"\nyear = 2022\ncharts = true\n"))
	require.NoError(t, err)
	assert.True(t, c.Charts.Wants("申请办理"))
	assert.Equal(t, 3, c.Charts.Line)

	c, err = Parse(FileName, []byte("org = \"某局\"\nyear = 2022\n\ncharts = [\"复议诉讼\", \" 申请办理 \"]\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"复议诉讼", "申请办理"}, c.Charts.Names)
	assert.True(t, c.Charts.Wants("申请办理"))
	assert.False(t, c.Charts.Wants("办理结果"))
	assert.Equal(t, 4, c.Charts.Line)

	for src, want := range map[string]string{
		"charts = \"申请办理\"\n": "charts 应为 true、false 或图表名称的列表",
		"charts = [1]\n":      "charts 的每一项应为图表名称",
		"charts = [\"\"]\n":   "charts 的每一项应为图表名称",
	} {
		_, err := Parse(FileName, []byte("org = \"某局\"\nyear = 2022\n"+src))
		require.Error(t, err, src)
		var de diag.Errors
		require.ErrorAs(t, err, &de)
		assert.Contains(t, de.Error(), want, src)
		assert.Equal(t, 3, de[0].Pos.Line, src)
	}
}
