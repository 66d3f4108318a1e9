package stats

import (
	"fmt"

	"github.com/nianbao/nianbao/report/diag"
)

const (
	NumRequestRows = 25
	NumRequestCols = 7
	NumAppealCols  = 15
)

// Indices of the 表三 rows that rules and narrative refer to. Each is tested
// against its official label (TestRowIndices), never against itself.
const (
	RowNew            = 0  // r01 一、本年新收
	RowCarriedIn      = 1  // r02 二、上年结转
	RowFirstOut       = 2  // r03 first outcome row
	RowGranted        = 2  // r03 （一）予以公开
	RowPartial        = 3  // r04 （二）部分公开
	RowDeniedFirst    = 4  // r05 （三）不予公开 1.
	RowDeniedLast     = 11 // r12 （三）不予公开 8.
	RowUnableFirst    = 12 // r13 （四）无法提供 1.
	RowUnableLast     = 14 // r15 （四）无法提供 3.
	RowNotProcFirst   = 15 // r16 （五）不予处理 1.
	RowNotProcConfirm = 19 // r20 （五）不予处理 5.要求行政机关确认或重新出具已获取信息
	RowNotProcLast    = 19 // r20 （五）不予处理 5.
	RowOtherFirst     = 20 // r21 （六）其他处理 1.
	RowNoFee          = 21 // r22 （六）2.申请人逾期未按收费通知要求缴纳费用
	RowOtherLast      = 22 // r23 （六）其他处理 3.
	RowLastOut        = 22 // r23 last outcome row
	RowTotal          = 23 // r24 （七）总计
	RowCarriedOut     = 24 // r25 四、结转下年度继续办理
	ColNatural        = 0  // A 自然人
	ColLegalFirst     = 1  // B 商业企业, first column under 法人或其他组织
	ColLegalLast      = 5  // F 其他, last column under 法人或其他组织
	ColTotal          = 6  // G 总计
)

// Stamp is the body and year a statistics workbook says it belongs to.
type Stamp struct {
	Org  string
	Year int
	// Where the stamp was read (a cell, or just the file when it came from
	// the document properties); File is "" when the workbook has none.
	Where     diag.Pos
	FromProps bool
}

// Stats is everything the statistics workbook holds for one body and year.
type Stats struct {
	Active   Active
	Requests Requests
	Appeals  Appeals
	InfoFees InfoFees
}

// DocCounts is one row of the first block of 表二.
type DocCounts struct {
	Issued   int64 `json:"issued"`   // 本年制发件数
	Repealed int64 `json:"repealed"` // 本年废止件数
	InForce  int64 `json:"in_force"` // 现行有效件数
}

// Active is 表二 (主动公开).
type Active struct {
	Regulations   DocCounts `json:"regulations"`    // 规章
	NormativeDocs DocCounts `json:"normative_docs"` // 行政规范性文件
	Licensing     int64     `json:"licensing"`      // 行政许可
	Punishment    int64     `json:"punishment"`     // 行政处罚
	Coercion      int64     `json:"coercion"`       // 行政强制
	Fees          Decimal   `json:"fees"`           // 行政事业性收费, 万元
}

// Requests is 表三: rows r01–r25 by columns A–G.
type Requests [NumRequestRows][NumRequestCols]int64

// Appeals is 表四: c1–c15.
type Appeals [NumAppealCols]int64

// InfoFees are the 信息处理费 figures that section 六 reports, in 元.
type InfoFees struct {
	Notices     int64   `json:"notices"`      // 收费通知件数
	NoticeTotal Decimal `json:"notice_total"` // 收费通知总金额（元）
	Collected   Decimal `json:"collected"`    // 实际收取金额（元）
}

// Field is one figure of Stats, addressed by its stable key.
type Field struct {
	Key     string // e.g. "regulations.issued", "r03.A", "c5", "info_fees.notices"
	Table   string // 表二, 表三, 表四 or 信息处理费
	Label   string // official label for messages: row label and column label
	Decimal bool   // amount (decimal ≥ 0) rather than count (integer ≥ 0)
}

// RequestKey is the stable key of a 表三 cell, e.g. "r03.A".
func RequestKey(row, col int) string {
	return RequestRows[row].Key + "." + RequestCols[col].Key
}

// AppealKey is the stable key of a 表四 cell, c1–c15.
func AppealKey(i int) string { return fmt.Sprintf("c%d", i+1) }

// AppealLabel names a 表四 column for messages, e.g. "行政诉讼·复议后起诉·总计".
func AppealLabel(i int) string {
	return AppealGroupLabel(AppealCols[i].Group) + "·" + AppealCols[i].Label
}

// AppealGroupLabel names a 表四 group for messages, e.g. "行政诉讼·复议后起诉".
func AppealGroupLabel(g int) string {
	ag := AppealGroups[g]
	if ag.Parent != "" {
		return ag.Parent + "·" + ag.Label
	}
	return ag.Label
}

// RequestLabel names a 表三 cell for messages, e.g. "（三）不予公开 1.属于国家秘密·自然人".
func RequestLabel(row, col int) string {
	return RequestRows[row].FullLabel() + "·" + RequestCols[col].Label
}
