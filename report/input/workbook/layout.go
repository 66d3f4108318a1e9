// Package workbook holds the statistics workbook (统计表.xlsx): the three
// statutory tables in their official layout plus the 信息处理费 figures,
// written for the office to fill and read back into stats.Stats.
//
// The writer places every table at fixed cells; the reader finds each table
// by its labels instead, so that a user who inserts a row or column does not
// break it.
package workbook

import (
	"fmt"

	"github.com/nianbao/nianbao/report/stats"
)

// Sheet names. Messages name cells as "统计表.xlsx › 申请情况!D12".
const (
	SheetActive   = "主动公开"
	SheetRequests = "申请情况"
	SheetAppeals  = "复议诉讼"
	SheetInfoFees = "信息处理费"
	SheetNotes    = "填表说明"
)

// Document properties that stamp the workbook with its body and year, so
// that another body's or year's workbook is recognised even when row 2 of
// the sheets was changed.
const (
	PropOrg  = "nianbao-填报单位"
	PropYear = "nianbao-报告年度"
	// PropUnits marks an aggregate (nianbao rollup): the number of units
	// whose figures it sums, so that a higher roll-up knows what it reads.
	PropUnits = "nianbao-汇总单位数"
)

// DataSheets are the sheets the reader needs, in workbook order.
var DataSheets = []string{SheetActive, SheetRequests, SheetAppeals, SheetInfoFees}

// Where the writer puts things (1-based rows, column letters).
const (
	activeTop    = 3 // first row of 表二
	requestsTop  = 3 // first header row of 表三
	requestsData = requestsTop + 3
	appealsTop   = 3
	appealsData  = appealsTop + 3
	infoFeesTop  = 3
)

// requestCol is the sheet column of 表三 data column i (A–G → D–J).
func requestCol(i int) string { return string(rune('D' + i)) }

// appealCol is the sheet column of 表四 column i (c1–c15 → A–O).
func appealCol(i int) string { return string(rune('A' + i)) }

func cell(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

// activeCells maps the 表二 keys to the cells the writer uses.
func activeCells() map[string]string {
	r := activeTop
	return map[string]string{
		"regulations.issued":      cell("B", r+2),
		"regulations.repealed":    cell("C", r+2),
		"regulations.in_force":    cell("D", r+2),
		"normative_docs.issued":   cell("B", r+3),
		"normative_docs.repealed": cell("C", r+3),
		"normative_docs.in_force": cell("D", r+3),
		"licensing":               cell("B", r+6),
		"punishment":              cell("B", r+9),
		"coercion":                cell("B", r+10),
		"fees":                    cell("B", r+13),
	}
}

var infoFeeLabels = []struct{ key, label string }{
	{"info_fees.notices", stats.LabelFeeNotices},
	{"info_fees.notice_total", stats.LabelFeeNoticeTotal},
	{"info_fees.collected", stats.LabelFeeCollected},
}
