package rollup

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

// Extra sheets of the aggregate workbook.
const (
	SheetUnits    = "汇总单位"
	SheetExcluded = "未纳入汇总"
)

// Workbook writes the aggregate as a statistics workbook in the official
// layout, stamped with org (the body that publishes the aggregate), the
// year and the number of units summed: a higher roll-up reads it as one
// of its units.
func Workbook(r *Result, org string) ([]byte, error) { return WorkbookWith(r, org, nil) }

// WorkbookWith writes the aggregate with rec, the record of the run that
// made it (record.go), when rec is not nil.
func WorkbookWith(r *Result, org string, rec *Record) ([]byte, error) {
	sum := r.Sum
	var props []workbook.Prop
	if rec != nil {
		p, err := rec.prop()
		if err != nil {
			return nil, err
		}
		props = append(props, p)
	}
	var buf bytes.Buffer
	err := workbook.Write(&buf, workbook.Options{
		Org: org, Year: r.Year, Values: &sum, Units: max(r.Included, 1),
		// The totals are the sums of the units' totals (R14 by
		// construction): when a unit's own totals are wrong, formulas
		// would silently put other figures in the aggregate than the sum.
		TotalsAsValues: !totalsAdd(&sum),
		Sheets:         []workbook.Sheet{unitSheet(r), excludedSheet(r)},
		Props:          props,
	})
	return buf.Bytes(), err
}

// totalsAdd tells whether the 总计 cells of s are the sums of their parts.
func totalsAdd(s *stats.Stats) bool {
	res := check.Run(check.Input{Stats: s})
	for _, f := range res.Findings {
		switch f.Rule {
		case "R1", "R2", "R5":
			return false
		}
	}
	return true
}

// KeyFigures name the figures the unit sheet shows of each unit.
var KeyFigures = []struct {
	Label string
	Get   func(*stats.Stats) string
}{
	{"本年新收申请", func(s *stats.Stats) string { return itoa(s.Requests[stats.RowNew][stats.ColTotal]) }},
	{"办理结果总计", func(s *stats.Stats) string { return itoa(s.Requests[stats.RowTotal][stats.ColTotal]) }},
	{"结转下年度", func(s *stats.Stats) string { return itoa(s.Requests[stats.RowCarriedOut][stats.ColTotal]) }},
	{"行政复议", func(s *stats.Stats) string { return itoa(s.AppealTotal(stats.AppealReview)) }},
	{"行政诉讼", func(s *stats.Stats) string {
		return itoa(s.AppealTotal(stats.AppealSuitDirect) + s.AppealTotal(stats.AppealSuitAfter))
	}},
	{"规范性文件制发", func(s *stats.Stats) string { return itoa(s.Active.NormativeDocs.Issued) }},
	{"信息处理费实收（元）", func(s *stats.Stats) string { return s.InfoFees.Collected.String() }},
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func unitSheet(r *Result) workbook.Sheet {
	head := []string{"序号", "单位", "状态", "纳入汇总", "文件", "错误", "提醒"}
	num := map[int]bool{0: true, 5: true, 6: true}
	for _, k := range KeyFigures {
		head = append(head, k.Label)
		num[len(head)-1] = true
	}
	rows := [][]string{head}
	for i, u := range r.Units {
		in := "否"
		if u.Included {
			in = "是"
			if u.SubUnits > 0 {
				in = fmt.Sprintf("是（本身是 %d 个单位的汇总）", u.SubUnits)
			}
		}
		file := ""
		if len(u.Files) > 0 {
			file = u.Files[0]
		}
		row := []string{itoa(int64(i + 1)), u.Name, u.State.Label(), in, file, itoa(int64(u.Errors)), itoa(int64(u.Warnings))}
		for _, k := range KeyFigures {
			v := ""
			if u.Included {
				v = k.Get(u.Stats)
			}
			row = append(row, v)
		}
		rows = append(rows, row)
	}
	total := []string{"", "合计", "", fmt.Sprintf("%d 个单位", r.Included), "", "", ""}
	for _, k := range KeyFigures {
		total = append(total, k.Get(&r.Sum))
	}
	rows = append(rows, total)
	return workbook.Sheet{Name: SheetUnits, Rows: rows, Numeric: num}
}

func excludedSheet(r *Result) workbook.Sheet {
	rows := [][]string{{"单位或文件", "状态", "原因"}}
	for _, u := range r.Units {
		if u.Included {
			continue
		}
		rows = append(rows, []string{u.Name, u.State.Label(), u.Reason})
	}
	for _, f := range r.Others {
		why := ""
		if len(f.Messages) > 0 {
			why = f.Messages[0].Text
		}
		rows = append(rows, []string{f.Path, f.State.Label(), why})
	}
	return workbook.Sheet{Name: SheetExcluded, Rows: rows}
}
