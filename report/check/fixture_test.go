package check_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

// loadFixture is a published report (report/testkit/realreport) and its figures.
func loadFixture(t testing.TB, name string) (*realreport.Report, *stats.Stats) {
	t.Helper()
	r, err := realreport.Load(name)
	require.NoError(t, err)
	return r, r.Stats
}

// workbookOf writes s into a statistics workbook the way the office would
// have filled it, totals typed as published; blank lists cells left empty.
func workbookOf(t testing.TB, s *stats.Stats, blank []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, workbook.Write(&buf, workbook.Options{Values: s, TotalsAsValues: true}))
	if len(blank) == 0 {
		return buf.Bytes()
	}
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	for _, ref := range blank {
		require.NoError(t, f.SetCellValue(workbook.SheetRequests, ref, nil))
	}
	var out bytes.Buffer
	_, err = f.WriteTo(&out)
	require.NoError(t, err)
	return out.Bytes()
}
