package textcheck_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/stats"
)

// realReports are the published reports transcribed in
// report/check/testdata/real-reports (a copy of shared/real-reports).
var realReports = []string{"2021-pingtan.toml", "2022-pingtan.toml", "2023-shuyang-fgj.toml", "2024-huaianshi.toml"}

const realReportsDir = "../check/testdata/real-reports"

// fixture is a published report: its figures and the excerpts of its text.
type fixture struct {
	Agency    string
	Year      int
	Narrative string `toml:"narrative_excerpt"`
	Problems  string `toml:"problems_excerpt"`
	FeeNote   string `toml:"fee_note"`
	Active    struct {
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
	InfoFees *struct {
		Notices     int64
		NoticeTotal float64 `toml:"notice_total"`
		Collected   float64
	} `toml:"info_fees"`
}

// fixtureRows are the fixture's 表三 keys in the order r01–r25.
var fixtureRows = []string{"new", "carried_in", "granted", "partial",
	"denied_state_secret", "denied_law_forbidden", "denied_security_stability", "denied_third_party",
	"denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
	"unable_not_held", "unable_need_creation", "unable_unclear",
	"not_processed_petition", "not_processed_duplicate", "not_processed_publication", "not_processed_excessive", "not_processed_confirm",
	"other_no_correction", "other_no_fee", "other_misc", "total", "carried_out"}

// publishedInfoFees: the fixtures transcribe the statutory tables only, and
// 信息处理费 is not in a table; the 淮安 report states it in section 六
// ("全年收取政府信息公开信息处理费3940元"), which is the published figure.
var publishedInfoFees = map[string]stats.InfoFees{
	"2024-huaianshi.toml": {Collected: stats.DecimalFromInt(3940)},
}

func decimal(f float64) stats.Decimal { return stats.Decimal(math.Round(f * 1e6)) }

func loadFixture(t testing.TB, name string) (*fixture, *stats.Stats) {
	t.Helper()
	var fx fixture
	_, err := toml.DecodeFile(filepath.Join(realReportsDir, name), &fx)
	require.NoError(t, err)
	s := &stats.Stats{}
	doc := func(m map[string]int64) stats.DocCounts {
		return stats.DocCounts{Issued: m["issued"], Repealed: m["repealed"], InForce: m["in_force"]}
	}
	s.Active = stats.Active{
		Regulations: doc(fx.Active.Regulations), NormativeDocs: doc(fx.Active.NormativeDocs),
		Licensing: fx.Active.Licensing, Punishment: fx.Active.Punishment, Coercion: fx.Active.Coercion,
		Fees: decimal(fx.Active.Fees),
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
	if fx.InfoFees != nil {
		s.InfoFees = stats.InfoFees{Notices: fx.InfoFees.Notices,
			NoticeTotal: decimal(fx.InfoFees.NoticeTotal), Collected: decimal(fx.InfoFees.Collected)}
	} else if f, ok := publishedInfoFees[name]; ok {
		s.InfoFees = f
	}
	return &fx, s
}
