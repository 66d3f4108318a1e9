package disclosure

import (
	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/stats"
)

// openData is the statistics as CSV, and the register they were counted
// from without its personal fields (seed task 18, 开放广东).
func openData(in compose.Input) []stats.CSVTable {
	out := stats.ExportCSV(in.Stats)
	if in.Register != nil {
		apps, cases := in.Register.OpenData()
		out = append(out, stats.CSVTable{Name: "申请登记", Data: apps})
		if cases != nil {
			out = append(out, stats.CSVTable{Name: "复议诉讼登记", Data: cases})
		}
	}
	return out
}
