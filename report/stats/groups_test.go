package stats

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRequestGroups finds every named group of 表三 by its official label,
// as printed in the table, and its rows by their official numbering.
func TestRequestGroups(t *testing.T) {
	tests := []struct {
		name        string
		g           int
		label       string
		first, last string // Level3 prefixes of its first and last rows; "" for single-row groups
	}{
		{"GroupGranted", GroupGranted, "（一）予以公开", "", ""},
		{"GroupPartial", GroupPartial, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", ""},
		{"GroupDenied", GroupDenied, "（三）不予公开", "1.属于国家秘密", "8.属于行政查询事项"},
		{"GroupUnable", GroupUnable, "（四）无法提供", "1.本机关不掌握相关政府信息", "3.补正后申请内容仍不明确"},
		{"GroupNotProc", GroupNotProc, "（五）不予处理", "1.信访举报投诉类申请", "5.要求行政机关确认或重新出具已获取信息"},
		{"GroupOther", GroupOther, "（六）其他处理", "1.申请人无正当理由逾期不补正", "3.其他"},
	}
	assert.Len(t, RequestGroups, len(tests))
	for _, tt := range tests {
		g := RequestGroups[tt.g]
		assert.Equal(t, tt.label, g.Label, tt.name)
		assert.Equal(t, tt.label[:len("（一）")], g.Ordinal(), tt.name)
		assert.Equal(t, tt.label, RequestRows[g.First].Level2, tt.name)
		assert.Equal(t, tt.label, RequestRows[g.Last].Level2, tt.name)
		if tt.first == "" {
			assert.Equal(t, g.First, g.Last, tt.name)
		} else {
			assert.True(t, strings.HasPrefix(RequestRows[g.First].Level3, tt.first), tt.name)
			assert.True(t, strings.HasPrefix(RequestRows[g.Last].Level3, tt.last), tt.name)
		}
	}
	// The groups tile r03–r23 and agree with the row constants.
	assert.Equal(t, RowFirstOut, RequestGroups[0].First)
	assert.Equal(t, RowLastOut, RequestGroups[NumRequestGroups-1].Last)
	for g := 1; g < NumRequestGroups; g++ {
		assert.Equal(t, RequestGroups[g-1].Last+1, RequestGroups[g].First)
	}
	assert.Equal(t, [2]int{RowDeniedFirst, RowDeniedLast}, [2]int{RequestGroups[GroupDenied].First, RequestGroups[GroupDenied].Last})
	assert.Equal(t, [2]int{RowUnableFirst, RowUnableLast}, [2]int{RequestGroups[GroupUnable].First, RequestGroups[GroupUnable].Last})
	assert.Equal(t, [2]int{RowNotProcFirst, RowNotProcLast}, [2]int{RequestGroups[GroupNotProc].First, RequestGroups[GroupNotProc].Last})
	assert.Equal(t, [2]int{RowOtherFirst, RowOtherLast}, [2]int{RequestGroups[GroupOther].First, RequestGroups[GroupOther].Last})

	s := &Stats{}
	for r := range s.Requests {
		s.Requests[r][ColTotal] = int64(r + 1) // r03 = 3 … r23 = 23
	}
	assert.EqualValues(t, 3, s.GroupTotal(GroupGranted, ColTotal))
	assert.EqualValues(t, 5+6+7+8+9+10+11+12, s.GroupTotal(GroupDenied, ColTotal))
	assert.EqualValues(t, 21+22+23, s.GroupTotal(GroupOther, ColTotal))
	assert.EqualValues(t, 0, s.GroupTotal(GroupOther, ColNatural))
}

// TestAppealCols finds every named group and column of 表四 by its official label.
func TestAppealCols(t *testing.T) {
	assert.Equal(t, NumAppealCols, NumAppealGroups*NumAppealResults)
	groups := []struct {
		name          string
		g             int
		parent, label string
	}{
		{"AppealReview", AppealReview, "", "行政复议"},
		{"AppealSuitDirect", AppealSuitDirect, "行政诉讼", "未经复议直接起诉"},
		{"AppealSuitAfter", AppealSuitAfter, "行政诉讼", "复议后起诉"},
	}
	for _, tt := range groups {
		assert.Equal(t, tt.label, AppealGroups[tt.g].Label, tt.name)
		assert.Equal(t, tt.parent, AppealGroups[tt.g].Parent, tt.name)
	}
	results := []struct {
		name  string
		res   int
		label string
	}{
		{"ResultUpheld", ResultUpheld, "结果维持"},
		{"ResultCorrected", ResultCorrected, "结果纠正"},
		{"ResultOther", ResultOther, "其他结果"},
		{"ResultPending", ResultPending, "尚未审结"},
		{"ResultTotal", ResultTotal, "总计"},
	}
	for _, tt := range results {
		assert.Equal(t, tt.label, AppealResults[tt.res], tt.name)
	}
	// c1–c15 in the official order (spec table 表四).
	want := []string{
		"行政复议·结果维持", "行政复议·结果纠正", "行政复议·其他结果", "行政复议·尚未审结", "行政复议·总计",
		"行政诉讼·未经复议直接起诉·结果维持", "行政诉讼·未经复议直接起诉·结果纠正", "行政诉讼·未经复议直接起诉·其他结果",
		"行政诉讼·未经复议直接起诉·尚未审结", "行政诉讼·未经复议直接起诉·总计",
		"行政诉讼·复议后起诉·结果维持", "行政诉讼·复议后起诉·结果纠正", "行政诉讼·复议后起诉·其他结果",
		"行政诉讼·复议后起诉·尚未审结", "行政诉讼·复议后起诉·总计",
	}
	for i, w := range want {
		assert.Equal(t, w, AppealLabel(i), "c%d", i+1)
		c := AppealCols[i]
		assert.Equal(t, i, AppealCol(c.Group, c.Result), "c%d", i+1)
	}
	assert.Equal(t, 4, AppealCol(AppealReview, ResultTotal))
	assert.Equal(t, 9, AppealCol(AppealSuitDirect, ResultTotal))
	assert.Equal(t, 14, AppealCol(AppealSuitAfter, ResultTotal))

	s := &Stats{}
	for i := range s.Appeals {
		s.Appeals[i] = int64(i + 1)
	}
	assert.EqualValues(t, 5, s.AppealTotal(AppealReview))
	assert.EqualValues(t, 10, s.AppealTotal(AppealSuitDirect))
	assert.EqualValues(t, 15, s.AppealTotal(AppealSuitAfter))
	assert.EqualValues(t, 12, s.Appeal(AppealSuitAfter, ResultCorrected))
}

// TestLegalCols finds the columns under 法人或其他组织 by their official group label.
func TestLegalCols(t *testing.T) {
	var legal []int
	for i, c := range RequestCols {
		if c.Group == LabelLegalPersons {
			legal = append(legal, i)
		}
	}
	assert.Equal(t, []int{ColLegalFirst, 2, 3, 4, ColLegalLast}, legal)
	assert.Equal(t, "商业企业", RequestCols[ColLegalFirst].Label)
	assert.Equal(t, "其他", RequestCols[ColLegalLast].Label)
}
