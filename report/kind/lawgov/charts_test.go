package lawgov

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
)

func chartIDs(d *doc.Document) []string {
	var ids []string
	for _, b := range d.Blocks {
		if c, ok := b.(*doc.Chart); ok {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// The 法治 report draws the charts its figures allow (表二, 表四) when
// nianbao.toml asks, and passes over the 年报's names it has no chart of.
func TestCharts(t *testing.T) {
	in := sampleInput(t)
	res, err := compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	assert.Empty(t, chartIDs(res.Doc))

	in.Config.Charts = config.Charts{All: true}
	res, err = compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"规范性文件", "复议诉讼"}, chartIDs(res.Doc))

	in.Config.Charts = config.Charts{Names: []string{"申请办理", "复议诉讼"}}
	res, err = compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"复议诉讼"}, chartIDs(res.Doc))

	assert.Len(t, keyFigures(in), 3)
}
