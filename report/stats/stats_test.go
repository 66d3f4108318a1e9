package stats

import (
	"encoding/json"
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
	// 表三 has 22 rows under 三、本年度办理结果 (spec §1.3.2).
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
	b, err := ExportJSON("平潭综合实验区", 2022, s)
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
	b2, _ := ExportJSON("平潭综合实验区", 2022, s)
	assert.Equal(t, b, b2)
}
