package stats

import "strings"

// RequestGroup is one group of outcome rows of 表三 under 三、本年度办理结果:
// （一）予以公开 … （六）其他处理. The official table has no subtotal rows
// (docs/rules.md#r4); a group's figure is the sum of its rows.
type RequestGroup struct {
	Label       string // as printed in the table, e.g. "（三）不予公开"
	First, Last int    // its rows, inclusive
}

// Ordinal is the group's number as printed, e.g. "（三）".
func (g RequestGroup) Ordinal() string {
	if i := strings.Index(g.Label, "）"); i >= 0 {
		return g.Label[:i+len("）")]
	}
	return g.Label
}

// Indices into RequestGroups. Each is tested against its official label.
const (
	GroupGranted = iota // （一）予以公开
	GroupPartial        // （二）部分公开
	GroupDenied         // （三）不予公开
	GroupUnable         // （四）无法提供
	GroupNotProc        // （五）不予处理
	GroupOther          // （六）其他处理
	NumRequestGroups
)

// RequestGroups are the outcome groups （一）–（六） of 表三 in order, derived
// from RequestRows: together they tile RowFirstOut–RowLastOut.
var RequestGroups = func() [NumRequestGroups]RequestGroup {
	var gs [NumRequestGroups]RequestGroup
	n := -1
	for r := RowFirstOut; r <= RowLastOut; r++ {
		l := RequestRows[r].Level2
		if n < 0 || gs[n].Label != l {
			n++
			gs[n] = RequestGroup{Label: l, First: r}
		}
		gs[n].Last = r
	}
	return gs
}()

// GroupTotal is the sum of group g's rows in 表三 column col.
func (s *Stats) GroupTotal(g, col int) int64 {
	var n int64
	for r := RequestGroups[g].First; r <= RequestGroups[g].Last; r++ {
		n += s.Requests[r][col]
	}
	return n
}

// Indices into AppealGroups.
const (
	AppealReview     = iota // 行政复议
	AppealSuitDirect        // 行政诉讼·未经复议直接起诉
	AppealSuitAfter         // 行政诉讼·复议后起诉
	NumAppealGroups
)

// Indices into AppealResults: the columns inside each group of 表四.
const (
	ResultUpheld    = iota // 结果维持
	ResultCorrected        // 结果纠正
	ResultOther            // 其他结果
	ResultPending          // 尚未审结
	ResultTotal            // 总计 = the four before it (docs/rules.md#r5)
	NumAppealResults
)

// AppealCol is the 表四 column (0-based, c1 = 0) of result res in group g.
func AppealCol(g, res int) int { return g*NumAppealResults + res }

// AppealColumn names one column of 表四.
type AppealColumn struct {
	Group  int    // index into AppealGroups
	Result int    // index into AppealResults
	Label  string // the column's own label, e.g. "结果维持"
}

// AppealCols are the columns c1–c15 of 表四 in order.
var AppealCols = func() [NumAppealCols]AppealColumn {
	var cs [NumAppealCols]AppealColumn
	for i := range cs {
		g, res := i/NumAppealResults, i%NumAppealResults
		cs[i] = AppealColumn{Group: g, Result: res, Label: AppealResults[res]}
	}
	return cs
}()

// Appeal is the figure of result res in 表四 group g.
func (s *Stats) Appeal(g, res int) int64 { return s.Appeals[AppealCol(g, res)] }

// AppealTotal is the 总计 of 表四 group g.
func (s *Stats) AppealTotal(g int) int64 { return s.Appeal(g, ResultTotal) }
