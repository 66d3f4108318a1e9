package stats

import (
	"encoding/json"

	"github.com/nianbao/nianbao/report/textclean"
)

// ExportField is one figure in the machine-readable statistics.
type ExportField struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
	Value any    `json:"value"`
}

// SchemaVersion is the version of the JSON shape below; it changes when a
// key is removed or changes meaning, never when one is added.
const SchemaVersion = 2

// Export is the machine-readable statistics a build writes next to the
// report, so that a website or a higher office can take the figures
// without scraping the report. Keys are the stable keys of Fields.
type Export struct {
	Schema     int                      `json:"schema_version"`
	Format     string                   `json:"format"`
	Org        string                   `json:"org"`
	Year       int                      `json:"year"`
	ReportDate string                   `json:"report_date"` // 成文日期, 2023-01-15; "" when unset
	Draft      bool                     `json:"draft"`       // true: figures not fit to publish
	Check      *ExportCheck             `json:"check,omitempty"`
	Tables     map[string][]ExportField `json:"tables"` // 表二, 表三, 表四, 信息处理费
	Values     map[string]any           `json:"values"` // key → value
}

// ExportMeta is what the statistics JSON says about itself.
type ExportMeta struct {
	Org        string
	Year       int
	ReportDate string
	Draft      bool
	Check      *ExportCheck // the draft's check result
}

// ExportCheck is the check result a draft's JSON carries, so that nobody
// mistakes its figures for published ones.
type ExportCheck struct {
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
	Gaps     int      `json:"gaps"`
	Summary  string   `json:"summary"`
	Blockers []string `json:"blockers"`
}

// ExportJSON encodes s as indented JSON; identical input gives identical bytes.
func ExportJSON(m ExportMeta, s *Stats) ([]byte, error) {
	e := Export{Schema: SchemaVersion, Format: "国办公开办函〔2021〕30号", Org: textclean.CleanLine(m.Org), Year: m.Year,
		ReportDate: m.ReportDate, Draft: m.Draft, Check: m.Check,
		Tables: map[string][]ExportField{}, Values: map[string]any{}}
	if e.Check != nil && e.Check.Blockers == nil {
		e.Check.Blockers = []string{}
	}
	for _, f := range s.Fields() {
		var v any
		unit := "件"
		if f.Int != nil {
			v = *f.Int
		} else {
			v = *f.Dec
			unit = "元"
			if f.Key == "fees" {
				unit = "万元"
			}
		}
		e.Tables[f.Table] = append(e.Tables[f.Table], ExportField{Key: f.Key, Label: f.Label, Unit: unit, Value: v})
		e.Values[f.Key] = v
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
