package compose

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/stats"
)

func TestHelpers(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "零"}, {1, "一"}, {10, "十"}, {11, "十一"}, {20, "二十"}, {23, "二十三"}, {100, "一百"},
		{105, "一百零五"}, {110, "一百一十"}, {999, "九百九十九"}, {1000, "一千"}, {1001, "一千零一"},
		{1010, "一千零一十"}, {1100, "一千一百"}, {9999, "九千九百九十九"}, {10000, "一万"},
		{10001, "一万零一"}, {10010, "一万零一十"}, {10100, "一万零一百"}, {11000, "一万一千"},
		{100000, "十万"}, {100001, "十万零一"}, {100010, "十万零一十"}, {110000, "十一万"},
		{1000000, "一百万"}, {10000000, "一千万"}, {100000000, "一亿"}, {100000001, "一亿零一"},
		{100010000, "一亿零一万"}, {110000000, "一亿一千万"}, {1000000000, "十亿"},
		{123456789012, "一千二百三十四亿五千六百七十八万九千零一十二"},
		{1000000000000, "一万亿"}, {1000100000000, "一万零一亿"}, {1000000000001, "一万亿零一"},
		{9999999999999999, "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九"},
	} {
		got, err := chineseNumber(c.n)
		require.NoError(t, err)
		assert.Equal(t, c.want, got, c.n)
	}
	for _, bad := range []int64{-1, 10000000000000000} {
		_, err := chineseNumber(bad)
		assert.Error(t, err, bad)
	}
	for n := 1; n <= 1200; n++ { // every count a section can plausibly have
		_, err := chineseNumber(n)
		require.NoError(t, err, n)
	}
	for _, c := range []struct {
		cur, prev int64
		want      string
	}{{9, 8, "比上年增长12.5%"}, {97, 100, "比上年下降3.0%"}, {5, 5, "与上年持平"}, {4, 0, "上年为0"}, {0, 0, "与上年持平"}, {2, 3, "比上年下降33.3%"}, {1, 3, "比上年下降66.7%"}} {
		got, err := change(c.cur, c.prev)
		require.NoError(t, err)
		assert.Equal(t, c.want, got, c)
	}
	s, _ := groupDigits(int64(3985758))
	assert.Equal(t, "3,985,758", s)
	s, _ = groupDigits(7)
	assert.Equal(t, "7", s)
	d, _ := stats.ParseDecimal("24252.311082")
	assert.Equal(t, "24,252.311082", amount(d))
	assert.Equal(t, "2023年1月5日", chineseDate(time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)))
	st, _ := doctest.Huaian2024()
	n, err := sumCells(st, "r13", "r15", "G")
	require.NoError(t, err)
	assert.EqualValues(t, 1165, n)
	n, _ = sumCells(st, "r03", "r23", "A")
	assert.EqualValues(t, st.Requests[stats.RowTotal][0], n, "（七）总计 is the sum of the outcomes")
	_, err = sumCells(st, "r00", "r05", "G")
	assert.Error(t, err)
	_, err = sumCells(st, "r01", "r05", "H")
	assert.Error(t, err)
	it, _ := items("件", "予以公开", int64(3), "部分公开", int64(0), "无法提供", 1)
	assert.Equal(t, "予以公开3件、无法提供1件", it)
}
