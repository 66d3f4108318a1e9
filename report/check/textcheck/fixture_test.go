package textcheck_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

// realReports are the published reports of report/realreport.
var realReports = realreport.Names

func loadFixture(t testing.TB, name string) (*realreport.Report, *stats.Stats) {
	t.Helper()
	r, err := realreport.Load(name)
	require.NoError(t, err)
	return r, r.Stats
}
