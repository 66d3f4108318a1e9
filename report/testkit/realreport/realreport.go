// Package realreport loads the figures and text excerpts of real published
// reports (testdata/, copied from shared/real-reports) for the tests of
// every package that checks figures: one loader, so that a transcription
// quirk is handled in one place.
package realreport

import (
	"fmt"
	"math"
	"path/filepath"
	"runtime"

	"github.com/BurntSushi/toml"

	"github.com/nianbao/nianbao/report/stats"
)

// Names are the transcribed reports, oldest first.
var Names = []string{"2021-pingtan.toml", "2022-pingtan.toml", "2023-shuyang-fgj.toml", "2024-huaianshi.toml"}

// Report is one published report.
type Report struct {
	Agency    string
	Year      int
	Narrative string // narrative_excerpt: sentences of 一、总体情况
	Problems  string // problems_excerpt
	FeeNote   string // fee_note: the 信息处理费 sentence of 六
	Stats     *stats.Stats
}

type file struct {
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

// rows are the files' 表三 keys in the order r01–r25.
var rows = []string{"new", "carried_in", "granted", "partial",
	"denied_state_secret", "denied_law_forbidden", "denied_security_stability", "denied_third_party",
	"denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
	"unable_not_held", "unable_need_creation", "unable_unclear",
	"not_processed_petition", "not_processed_duplicate", "not_processed_publication", "not_processed_excessive", "not_processed_confirm",
	"other_no_correction", "other_no_fee", "other_misc", "total", "carried_out"}

// publishedInfoFees: the files transcribe the statutory tables only, and
// 信息处理费 is not in a table; the 淮安 report states it in section 六
// ("全年收取政府信息公开信息处理费3940元"), which is the published figure.
var publishedInfoFees = map[string]stats.InfoFees{
	"2024-huaianshi.toml": {Collected: stats.DecimalFromInt(3940)},
}

// Dir is the folder of the files.
func Dir() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "testdata")
}

func decimal(f float64) stats.Decimal { return stats.Decimal(math.Round(f * 1e6)) }

// Load reads one report by name (one of Names).
func Load(name string) (*Report, error) {
	var f file
	if _, err := toml.DecodeFile(filepath.Join(Dir(), name), &f); err != nil {
		return nil, err
	}
	s := &stats.Stats{}
	doc := func(m map[string]int64) stats.DocCounts {
		return stats.DocCounts{Issued: m["issued"], Repealed: m["repealed"], InForce: m["in_force"]}
	}
	s.Active = stats.Active{
		Regulations: doc(f.Active.Regulations), NormativeDocs: doc(f.Active.NormativeDocs),
		Licensing: f.Active.Licensing, Punishment: f.Active.Punishment, Coercion: f.Active.Coercion,
		Fees: decimal(f.Active.Fees),
	}
	if len(f.Requests) != stats.NumRequestRows {
		return nil, fmt.Errorf("%s: %d rows of 表三, want %d", name, len(f.Requests), stats.NumRequestRows)
	}
	for r, key := range rows {
		row := f.Requests[key]
		if len(row) != stats.NumRequestCols {
			return nil, fmt.Errorf("%s: row %s has %d cells", name, key, len(row))
		}
		copy(s.Requests[r][:], row)
	}
	for g, vals := range [][]int64{f.Appeals.Review, f.Appeals.SuitDirect, f.Appeals.SuitAfterReview} {
		if len(vals) != 5 {
			return nil, fmt.Errorf("%s: 表四 group %d has %d cells", name, g, len(vals))
		}
		copy(s.Appeals[g*5:], vals)
	}
	if f.InfoFees != nil {
		s.InfoFees = stats.InfoFees{Notices: f.InfoFees.Notices,
			NoticeTotal: decimal(f.InfoFees.NoticeTotal), Collected: decimal(f.InfoFees.Collected)}
	} else if fees, ok := publishedInfoFees[name]; ok {
		s.InfoFees = fees
	}
	return &Report{Agency: f.Agency, Year: f.Year, Narrative: f.Narrative, Problems: f.Problems, FeeNote: f.FeeNote, Stats: s}, nil
}
