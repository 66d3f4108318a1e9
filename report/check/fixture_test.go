package check_test

import (
	"bytes"
	"math"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/workbook"
)

// A published report as transcribed in testdata/real-reports (copied from
// ../shared/real-reports).
type fixture struct {
	Agency  string
	Year    int
	FeeNote string `toml:"fee_note"`
	Active  struct {
		Regulations   map[string]int64
		NormativeDocs map[string]int64 `toml:"normative_docs"`
		Licensing     int64
		Punishment    int64
		Coercion      int64
		Fees          float64 `toml:"fees_wan_yuan"`
	}
	Requests map[string][]int64
	Appeals  struct {
		Review          []int64
		SuitDirect      []int64 `toml:"suit_direct"`
		SuitAfterReview []int64 `toml:"suit_after_review"`
	}
}

// fixtureRows are the fixture's 表三 keys in the order r01–r25.
var fixtureRows = []string{"new", "carried_in", "granted", "partial",
	"denied_state_secret", "denied_law_forbidden", "denied_security_stability", "denied_third_party",
	"denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
	"unable_not_held", "unable_need_creation", "unable_unclear",
	"not_processed_petition", "not_processed_duplicate", "not_processed_publication", "not_processed_excessive", "not_processed_confirm",
	"other_no_correction", "other_no_fee", "other_misc", "total", "carried_out"}

func loadFixture(t testing.TB, name string) (*fixture, *stats.Stats) {
	t.Helper()
	var fx fixture
	md, err := toml.DecodeFile(filepath.Join("testdata", "real-reports", name), &fx)
	require.NoError(t, err)
	_ = md
	s := &stats.Stats{}
	doc := func(m map[string]int64) stats.DocCounts {
		return stats.DocCounts{Issued: m["issued"], Repealed: m["repealed"], InForce: m["in_force"]}
	}
	s.Active = stats.Active{
		Regulations: doc(fx.Active.Regulations), NormativeDocs: doc(fx.Active.NormativeDocs),
		Licensing: fx.Active.Licensing, Punishment: fx.Active.Punishment, Coercion: fx.Active.Coercion,
		Fees: stats.Decimal(math.Round(fx.Active.Fees * 1e6)),
	}
	require.Len(t, fx.Requests, stats.NumRequestRows)
	for r, key := range fixtureRows {
		row := fx.Requests[key]
		require.Len(t, row, stats.NumRequestCols, key)
		copy(s.Requests[r][:], row)
	}
	for g, vals := range [][]int64{fx.Appeals.Review, fx.Appeals.SuitDirect, fx.Appeals.SuitAfterReview} {
		require.Len(t, vals, 5)
		copy(s.Appeals[g*5:], vals)
	}
	return &fx, s
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
	defer f.Close()
	for _, ref := range blank {
		require.NoError(t, f.SetCellValue(workbook.SheetRequests, ref, nil))
	}
	var out bytes.Buffer
	_, err = f.WriteTo(&out)
	require.NoError(t, err)
	return out.Bytes()
}
