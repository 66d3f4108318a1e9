package disclosure

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/input/workbook"
)

const sampleDir = "../../../data"

// sampleInput loads the shipped sample as build does.
func sampleInput(t testing.TB) compose.Input {
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
	return compose.Input{Config: cfg, Stats: &cur.Stats, Prev: &prev.Stats, Plan: p, Ledger: l.Ledger}
}
