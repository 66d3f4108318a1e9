package stats

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecimal(t *testing.T) {
	tests := []struct {
		in, str, fixed2 string
		err             error
	}{
		{"0", "0", "0.00", nil},
		{"12", "12", "12.00", nil},
		{"9116.36", "9116.36", "9116.36", nil},
		{"24252.311082", "24252.311082", "24252.311082", nil},
		{"0.5", "0.5", "0.50", nil},
		{".5", "0.5", "0.50", nil},
		{"1.2300", "1.23", "1.23", nil},
		{"-3.5", "-3.5", "-3.50", nil},
		{"1.1234567", "", "", ErrTooPrecise},
		{"1.12345670", "", "", ErrTooPrecise},
		{"abc", "", "", nil},
		{"", "", "", nil},
		{"1.2.3", "", "", nil},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if tt.str == "" {
			require.Error(t, err, tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err, tt.in)
			}
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.str, d.String(), tt.in)
		assert.Equal(t, tt.fixed2, d.Fixed(2), tt.in)
	}
	assert.True(t, DecimalFromInt(3).IsWhole())
	assert.EqualValues(t, 3, DecimalFromInt(3).Int())
}

func TestDecimalJSON(t *testing.T) {
	var v struct{ Fees Decimal }
	require.NoError(t, json.Unmarshal([]byte(`{"Fees": 96171.6}`), &v))
	assert.Equal(t, "96171.6", v.Fees.String())
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Fees": 96171.6}`, string(b))
}

func TestLabelsAndKeys(t *testing.T) {
	s := &Stats{}
	fields := s.Fields()
	assert.Len(t, fields, 10+NumRequestRows*NumRequestCols+NumAppealCols+3)
	seen := map[string]bool{}
	for _, f := range fields {
		assert.False(t, seen[f.Key], "duplicate key %s", f.Key)
		seen[f.Key] = true
		assert.True(t, (f.Int == nil) != (f.Dec == nil), f.Key)
	}
	assert.Equal(t, "r01.A", RequestKey(0, 0))
	assert.Equal(t, "r25.G", RequestKey(24, 6))
	assert.Equal(t, "c15", AppealKey(14))
	assert.Equal(t, "行政诉讼·复议后起诉·总计", AppealLabel(14))
	assert.Equal(t, "（三）不予公开 1.属于国家秘密·自然人", RequestLabel(4, 0))
	// 表三 has 22 rows under 三、本年度办理结果 (docs/format.md#table3).
	n := 0
	for _, r := range RequestRows {
		if r.Level1 == "三、本年度办理结果" {
			n++
		}
	}
	assert.Equal(t, 22, n)
	labels := map[string]bool{}
	for _, r := range RequestRows {
		assert.False(t, labels[r.Label()], "row labels identify rows: %s", r.Label())
		labels[r.Label()] = true
	}
}

func TestExportJSON(t *testing.T) {
	s := &Stats{}
	s.Requests[0][6] = 74
	s.Active.Fees, _ = ParseDecimal("9116.36")
	b, err := ExportJSON(ExportMeta{Org: "平潭综合实验区", Year: 2022, ReportDate: "2023-02-20"}, s)
	require.NoError(t, err)
	var e struct {
		Org    string
		Year   int
		Tables map[string][]map[string]any
		Values map[string]float64
	}
	require.NoError(t, json.Unmarshal(b, &e))
	assert.Equal(t, 2022, e.Year)
	assert.EqualValues(t, 74, e.Values["r01.G"])
	assert.EqualValues(t, 9116.36, e.Values["fees"])
	assert.Len(t, e.Tables["表三"], 175)
	assert.Equal(t, "一、本年新收政府信息公开申请数量·总计", e.Tables["表三"][6]["label"])
	b2, _ := ExportJSON(ExportMeta{Org: "平潭综合实验区", Year: 2022, ReportDate: "2023-02-20"}, s)
	assert.Equal(t, b, b2)
}

// TestRowIndices finds every row and column that code refers to by index
// through its official label, so that a wrong constant cannot pass.
func TestRowIndices(t *testing.T) {
	byLabel := func(level2, level3 string) int {
		for i, r := range RequestRows {
			if strings.HasPrefix(r.Level2, level2) && strings.HasPrefix(r.Level3, level3) {
				return i
			}
		}
		t.Fatalf("no row %s %s", level2, level3)
		return -1
	}
	level1 := func(prefix string) int {
		for i, r := range RequestRows {
			if r.Level2 == "" && strings.HasPrefix(r.Level1, prefix) {
				return i
			}
		}
		t.Fatalf("no row %s", prefix)
		return -1
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"RowNew", RowNew, level1("一、本年新收")},
		{"RowCarriedIn", RowCarriedIn, level1("二、上年结转")},
		{"RowCarriedOut", RowCarriedOut, level1("四、结转下年度")},
		{"RowFirstOut", RowFirstOut, byLabel("（一）予以公开", "")},
		{"RowGranted", RowGranted, byLabel("（一）予以公开", "")},
		{"RowPartial", RowPartial, byLabel("（二）部分公开", "")},
		{"RowDeniedFirst", RowDeniedFirst, byLabel("（三）不予公开", "1.")},
		{"RowDeniedLast", RowDeniedLast, byLabel("（三）不予公开", "8.")},
		{"RowUnableFirst", RowUnableFirst, byLabel("（四）无法提供", "1.")},
		{"RowUnableLast", RowUnableLast, byLabel("（四）无法提供", "3.")},
		{"RowNotProcFirst", RowNotProcFirst, byLabel("（五）不予处理", "1.")},
		{"RowNotProcConfirm", RowNotProcConfirm, byLabel("（五）不予处理", "5.要求行政机关确认")},
		{"RowNotProcLast", RowNotProcLast, byLabel("（五）不予处理", "5.")},
		{"RowOtherFirst", RowOtherFirst, byLabel("（六）其他处理", "1.")},
		{"RowNoFee", RowNoFee, byLabel("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用")},
		{"RowOtherLast", RowOtherLast, byLabel("（六）其他处理", "3.其他")},
		{"RowLastOut", RowLastOut, byLabel("（六）其他处理", "3.其他")},
		{"RowTotal", RowTotal, byLabel("（七）总计", "")},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got, tt.name)
	}
	assert.Equal(t, "自然人", RequestCols[ColNatural].Label)
	assert.Equal(t, "总计", RequestCols[ColTotal].Label)
	// The outcome groups tile r03–r23 with no gap.
	assert.Equal(t, RowFirstOut, RowGranted)
	assert.Equal(t, RowGranted+1, RowPartial)
	assert.Equal(t, RowPartial+1, RowDeniedFirst)
	assert.Equal(t, RowDeniedLast+1, RowUnableFirst)
	assert.Equal(t, RowUnableLast+1, RowNotProcFirst)
	assert.Equal(t, RowNotProcLast+1, RowOtherFirst)
	assert.Equal(t, RowOtherLast+1, RowTotal)
}

// Fields names every figure (its names made once) and points into the
// value it was asked of, not into the one the names were made from.
func TestFieldsNamesAndPointers(t *testing.T) {
	var a, b Stats
	fa, fb := a.Fields(), b.Fields()
	require.Len(t, fa, len(fb))
	keys := map[string]bool{}
	for i, f := range fa {
		require.NotEmpty(t, f.Key)
		require.NotEmpty(t, f.Table, f.Key)
		require.NotEmpty(t, f.Label, f.Key)
		require.False(t, keys[f.Key], "duplicate key %s", f.Key)
		keys[f.Key] = true
		require.Equal(t, f.Key, fb[i].Key)
		require.True(t, (f.Int == nil) != (f.Dec == nil), f.Key)
		if f.Int != nil {
			*f.Int = int64(i + 1)
			require.Zero(t, *fb[i].Int, f.Key)
		}
	}
	assert.Equal(t, int64(1), a.Active.Regulations.Issued)
	assert.Equal(t, "表三", fa[10].Table)
	assert.Equal(t, RequestKey(0, 0), fa[10].Key)
	assert.Equal(t, RequestLabel(0, 0), fa[10].Label)
	assert.Equal(t, int64(11), a.Requests[0][0])
	assert.Equal(t, AppealLabel(len(a.Appeals)-1), fa[10+NumRequestRows*NumRequestCols+len(a.Appeals)-1].Label)
}
