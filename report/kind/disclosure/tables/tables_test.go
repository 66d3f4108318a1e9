package tables

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/stats"
)

// gridText is the text at each grid position ("" where a span covers it
// from elsewhere), to compare with the official structure.
func origin(t *doc.Table) map[[2]int]doc.Placed {
	placed, _, _ := t.Grid()
	m := map[[2]int]doc.Placed{}
	for _, p := range placed {
		m[[2]int{p.Row, p.Col}] = p
	}
	return m
}

func TestGridsAreFull(t *testing.T) {
	s := &stats.Stats{}
	for _, id := range IDs {
		tb := Build(id, s)
		require.NotNil(t, tb, id)
		_, covered, cols := tb.Grid()
		for r, row := range covered {
			for c := 0; c < cols; c++ {
				assert.GreaterOrEqual(t, row[c], 0, "%s: grid hole at row %d col %d", id, r, c)
			}
		}
	}
	assert.Nil(t, Build("表五", s))
}

func TestActive(t *testing.T) {
	s := &stats.Stats{}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 88, Repealed: 55, InForce: 698}
	s.Active.Fees, _ = stats.ParseDecimal("9116.36")
	tb := Build(Active, s)
	assert.Len(t, tb.Rows, 14)
	assert.Equal(t, 2, tb.HeaderRows())
	o := origin(tb)
	assert.Equal(t, "第二十条第（一）项", o[[2]int{0, 0}].Text)
	assert.Equal(t, 4, o[[2]int{0, 0}].ColSpan)
	assert.Equal(t, "现行有效件数", o[[2]int{1, 3}].Text)
	assert.Equal(t, "698", o[[2]int{3, 3}].Text)
	assert.Equal(t, "0", o[[2]int{2, 1}].Text, "zeros written")
	assert.Equal(t, "本年收费金额（单位：万元）", o[[2]int{12, 1}].Text)
	assert.Equal(t, "9116.36", o[[2]int{13, 1}].Text)
	assert.Equal(t, 3, o[[2]int{13, 1}].ColSpan)
}

// 表二 is four blocks (第二十条第（一）（五）（六）（八）项), each opened by
// its own caption row and column-head row; 表三 and 表四 are one section
// each, opened by their three head rows.
func TestSections(t *testing.T) {
	s := &stats.Stats{}
	for _, tc := range []struct {
		id    string
		title string
		want  []doc.Section
		caps  []string
	}{
		{Active, "主动公开政府信息情况", []doc.Section{{Start: 0, Body: 2, End: 4}, {Start: 4, Body: 6, End: 7}, {Start: 7, Body: 9, End: 11}, {Start: 11, Body: 13, End: 14}},
			[]string{stats.LabelItem1, stats.LabelItem5, stats.LabelItem6, stats.LabelItem8}},
		{Requests, "收到和处理政府信息公开申请情况", []doc.Section{{Start: 0, Body: 3, End: 28}}, []string{stats.LabelRequestsNote}},
		{Appeals, "政府信息公开行政复议、行政诉讼情况", []doc.Section{{Start: 0, Body: 3, End: 4}}, []string{stats.LabelReview}},
	} {
		t.Run(tc.id, func(t *testing.T) {
			tb := Build(tc.id, s)
			assert.Equal(t, tc.title, tb.Title)
			assert.Empty(t, tb.Caption, "the official tables print no caption")
			secs := tb.Sections()
			assert.Equal(t, tc.want, secs)
			for i, sec := range secs {
				assert.Equal(t, tc.caps[i], tb.Rows[sec.Start].Cells[0].Text)
				if tc.id == Active {
					assert.Equal(t, stats.LabelInfo, tb.Rows[sec.Start+1].Cells[0].Text)
				}
			}
		})
	}
}

func TestRequests(t *testing.T) {
	s := &stats.Stats{}
	s.Requests[0] = [7]int64{71, 3, 0, 0, 0, 0, 74}
	tb := Build(Requests, s)
	assert.Len(t, tb.Rows, 28)
	assert.Equal(t, 3, tb.HeaderRows())
	o := origin(tb)
	note := o[[2]int{0, 0}]
	assert.Equal(t, stats.LabelRequestsNote, note.Text)
	assert.Equal(t, [2]int{3, 3}, [2]int{note.ColSpan, note.RowSpan})
	assert.Equal(t, "自然人", o[[2]int{1, 3}].Text)
	assert.Equal(t, 2, o[[2]int{1, 3}].RowSpan)
	assert.Equal(t, "法人或其他组织", o[[2]int{1, 4}].Text)
	assert.Equal(t, "其他", o[[2]int{2, 8}].Text)
	assert.Equal(t, "总计", o[[2]int{1, 9}].Text)
	assert.Equal(t, "一、本年新收政府信息公开申请数量", o[[2]int{3, 0}].Text)
	assert.Equal(t, "74", o[[2]int{3, 9}].Text)
	res := o[[2]int{5, 0}]
	assert.Equal(t, "三、本年度办理结果", res.Text)
	assert.Equal(t, 22, res.RowSpan)
	assert.Equal(t, "（三）不予公开", o[[2]int{7, 1}].Text)
	assert.Equal(t, 8, o[[2]int{7, 1}].RowSpan)
	assert.Equal(t, "（六）其他处理", o[[2]int{23, 1}].Text)
	assert.Equal(t, 3, o[[2]int{23, 1}].RowSpan)
	assert.Equal(t, "3.其他", o[[2]int{25, 2}].Text)
	assert.Equal(t, "（七）总计", o[[2]int{26, 1}].Text)
	assert.Equal(t, 2, o[[2]int{26, 1}].ColSpan)
	assert.Equal(t, "四、结转下年度继续办理", o[[2]int{27, 0}].Text)
}

func TestAppeals(t *testing.T) {
	s := &stats.Stats{}
	s.Appeals = stats.Appeals{72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20}
	tb := Build(Appeals, s)
	o := origin(tb)
	assert.Equal(t, "行政复议", o[[2]int{0, 0}].Text)
	assert.Equal(t, 5, o[[2]int{0, 0}].ColSpan)
	assert.Equal(t, "行政诉讼", o[[2]int{0, 5}].Text)
	assert.Equal(t, 10, o[[2]int{0, 5}].ColSpan)
	assert.Equal(t, 2, o[[2]int{1, 0}].RowSpan)
	assert.Equal(t, "未经复议直接起诉", o[[2]int{1, 5}].Text)
	assert.Equal(t, "复议后起诉", o[[2]int{1, 10}].Text)
	assert.Equal(t, "尚未审结", o[[2]int{2, 13}].Text)
	assert.Equal(t, "351", o[[2]int{3, 4}].Text)
	assert.Equal(t, "20", o[[2]int{3, 14}].Text)
}
