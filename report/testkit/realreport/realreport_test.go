package realreport

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/stats"
)

func TestLoad(t *testing.T) {
	for _, name := range Names {
		r, err := Load(name)
		require.NoError(t, err, name)
		assert.NotEmpty(t, r.Agency)
		assert.NotEmpty(t, r.Narrative)
		// The published 总计 of 表三 as transcribed.
		assert.Positive(t, r.Stats.Requests[stats.RowNew][stats.ColTotal], name)
	}
	r, err := Load("2024-huaianshi.toml")
	require.NoError(t, err)
	assert.Equal(t, "3940", r.Stats.InfoFees.Collected.String(), "the 信息处理费 section 六 states")
	assert.Equal(t, int64(3119), r.Stats.Requests[stats.RowNew][stats.ColTotal])
	_, err = Load("没有.toml")
	assert.Error(t, err)
}
