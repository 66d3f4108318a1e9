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

// Export is the machine-readable statistics a build writes next to the
// report, so that a website or a higher office can take the figures
// without scraping the report. Keys are the stable keys of Fields.
type Export struct {
	Format string                   `json:"format"`
	Org    string                   `json:"org"`
	Year   int                      `json:"year"`
	Tables map[string][]ExportField `json:"tables"` // 表二, 表三, 表四, 信息处理费
	Values map[string]any           `json:"values"` // key → value
}

// ExportJSON encodes s as indented JSON; identical input gives identical bytes.
func ExportJSON(org string, year int, s *Stats) ([]byte, error) {
	e := Export{Format: "国办公开办函〔2021〕30号", Org: textclean.CleanLine(org), Year: year,
		Tables: map[string][]ExportField{}, Values: map[string]any{}}
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
