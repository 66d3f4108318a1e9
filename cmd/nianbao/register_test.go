package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

// init --register writes the workbook in register mode; check reads it
// with nothing registered yet as a clean, empty count.
func TestInitRegister(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "init", "--org", "某某市某某局", "--register")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "申请登记")
	res, err := workbook.ReadFile(filepath.Join(dir, "统计表.xlsx"))
	require.NoError(t, err)
	require.NotNil(t, res.Register)
	assert.Equal(t, stats.Requests{}, res.Stats.Requests)
	r = runIn(t, dir, "check")
	assert.Equal(t, exitOK, r.code, r.out+r.errOut)
}
