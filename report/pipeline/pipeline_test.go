package pipeline

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/config"
	"github.com/nianbao/nianbao/report/diag"
)

func sample(t *testing.T) (*config.Config, Options) {
	dir, err := filepath.Abs("../../data")
	require.NoError(t, err)
	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	require.NoError(t, err)
	return cfg, Options{Dir: dir, Today: time.Date(2023, 1, 20, 9, 0, 0, 0, time.Local)}
}

// The shipped sample opens clean: the same answer for status and build.
func TestOpenSample(t *testing.T) {
	cfg, o := sample(t)
	w := Open(cfg, o)
	require.NoError(t, w.FirstErr())
	assert.True(t, w.Summary.Ready, "%v", w.Summary.Blockers)
	assert.Equal(t, 0, w.Check.Errors)
	assert.Equal(t, "统计表.xlsx", w.Check.File, "relative to the working folder")
	assert.Equal(t, "2021-统计表.xlsx", w.Check.LastYearFile)
	require.NotNil(t, w.Check.Prev)
	assert.Len(t, w.Plan.Tasks, 30)
	assert.Empty(t, w.Composed.Gaps)
	assert.Equal(t, "统计表.xlsx › 申请情况!J6", w.Cur.Locate("r01.G").String())
}

// A figure of the office's text that is not the table's is an R12 error of
// the check, and so a blocker of the summary.
func TestOpenCountsR12(t *testing.T) {
	cfg, o := sample(t)
	c := *cfg
	c.Narrative.Requests = "本年度共受理政府信息公开申请17件。"
	c.NarrativeLines = map[string]int{"requests": 40}
	w := Open(&c, o)
	require.NoError(t, w.FirstErr())
	assert.False(t, w.Summary.Ready)
	assert.Equal(t, 1, w.Check.Errors)
	assert.Equal(t, "R12", w.Check.Findings[0].Rule)
	assert.Equal(t, "nianbao.toml 第 40 行 [narrative] requests", w.Check.Findings[0].Cells[0].String())
}

func TestRelative(t *testing.T) {
	o := Options{Dir: "/a/b"}
	assert.Equal(t, "c/统计表.xlsx", o.DisplayPath("/a/b/c/统计表.xlsx"))
	assert.Equal(t, "/x/统计表.xlsx", o.DisplayPath("/x/统计表.xlsx"))
	err := o.Relative(diag.Errors{{Pos: diag.Pos{File: "/a/b/nianbao.toml", Line: 3}}})
	var de diag.Errors
	require.True(t, errors.As(err, &de))
	assert.Equal(t, "nianbao.toml", de[0].Pos.File)
	assert.Nil(t, o.Relative(nil))
}
