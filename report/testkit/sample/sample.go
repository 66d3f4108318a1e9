// Package sample loads the working folder nianbao ships in data/ as build
// does, for the tests of the packages below the pipeline (which cannot
// import it).
package sample

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/input/workbook"
)

// Dir is the sample working folder, wherever the test runs from.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "data")
}

// Input loads the sample's config, workbooks, plan and ledger.
func Input(t testing.TB) compose.Input {
	t.Helper()
	cfg, err := config.Load(filepath.Join(Dir(), config.FileName))
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
