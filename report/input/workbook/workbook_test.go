package workbook

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// consistent makes random figures that satisfy every hard rule.
func consistent(seed uint64) *stats.Stats {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := &stats.Stats{}
	s.Active.Regulations = stats.DocCounts{Issued: rng.Int64N(5), Repealed: rng.Int64N(3), InForce: rng.Int64N(40)}
	s.Active.NormativeDocs = stats.DocCounts{Issued: rng.Int64N(50), Repealed: rng.Int64N(30), InForce: rng.Int64N(700)}
	s.Active.Licensing, s.Active.Punishment, s.Active.Coercion = rng.Int64N(10000), rng.Int64N(5000), rng.Int64N(100)
	s.Active.Fees = stats.Decimal(rng.Int64N(1e12))
	for c := 0; c < 6; c++ {
		var out int64
		for r := stats.RowFirstOut; r <= stats.RowLastOut; r++ {
			v := rng.Int64N(4)
			s.Requests[r][c] = v
			out += v
		}
		s.Requests[stats.RowTotal][c] = out
		s.Requests[stats.RowCarriedIn][c] = rng.Int64N(3)
		s.Requests[stats.RowCarriedOut][c] = rng.Int64N(3)
		s.Requests[stats.RowNew][c] = out + s.Requests[stats.RowCarriedOut][c] + rng.Int64N(2)
		s.Requests[stats.RowCarriedIn][c] = out + s.Requests[stats.RowCarriedOut][c] - s.Requests[stats.RowNew][c]
		if s.Requests[stats.RowCarriedIn][c] < 0 {
			s.Requests[stats.RowNew][c] += s.Requests[stats.RowCarriedIn][c]
			s.Requests[stats.RowCarriedIn][c] = 0
		}
	}
	for r := range s.Requests {
		var sum int64
		for c := 0; c < 6; c++ {
			sum += s.Requests[r][c]
		}
		s.Requests[r][stats.ColTotal] = sum
	}
	for g := 0; g < 3; g++ {
		var sum int64
		for k := 0; k < 4; k++ {
			v := rng.Int64N(5)
			s.Appeals[g*5+k] = v
			sum += v
		}
		s.Appeals[g*5+4] = sum
	}
	s.InfoFees = stats.InfoFees{Notices: 2, NoticeTotal: stats.DecimalFromInt(300), Collected: stats.DecimalFromInt(200)}
	return s
}

func write(t testing.TB, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, opts))
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		want := consistent(seed)
		for _, totalsAsValues := range []bool{false, true} {
			data := write(t, Options{Org: "测试机关", Year: 2022, Values: want, TotalsAsValues: totalsAsValues})
			res, err := Read("统计表.xlsx", data)
			require.NoError(t, err)
			assert.Equal(t, *want, res.Stats, "seed %d totalsAsValues %v", seed, totalsAsValues)
			assert.Empty(t, res.Warnings)
		}
	}
}

func TestLocate(t *testing.T) {
	res, err := Read("统计表.xlsx", write(t, Options{Values: consistent(1)}))
	require.NoError(t, err)
	for key, want := range map[string]string{
		"r01.A":              "统计表.xlsx › 申请情况!D6",
		"r25.G":              "统计表.xlsx › 申请情况!J30",
		"r24.A":              "统计表.xlsx › 申请情况!D29",
		"c1":                 "统计表.xlsx › 复议诉讼!A6",
		"c15":                "统计表.xlsx › 复议诉讼!O6",
		"regulations.issued": "统计表.xlsx › 主动公开!B5",
		"fees":               "统计表.xlsx › 主动公开!B16",
		"info_fees.notices":  "统计表.xlsx › 信息处理费!B4",
	} {
		assert.Equal(t, want, res.Locate(key).String(), key)
	}
	assert.True(t, res.Locate("no.such.key").IsZero())
	assert.Len(t, res.cells, len((&stats.Stats{}).Fields()), "every figure has a position")
}

func TestBlankWorkbookReadsAsZeroWithWarnings(t *testing.T) {
	res, err := Read("统计表.xlsx", write(t, Options{Org: "测试机关", Year: 2022}))
	require.NoError(t, err)
	assert.Equal(t, stats.Stats{}, res.Stats)
	assert.Empty(t, res.Warnings)
	require.Len(t, res.BlankNotes, 4)
	assert.Equal(t, diag.Pos{File: "统计表.xlsx", Sheet: SheetRequests}, res.BlankNotes[1].Pos)
	assert.Contains(t, res.BlankNotes[1].Text, "144 个空白单元格")
	assert.Contains(t, res.BlankNotes[1].Text, "D6:I28、D30:I30")
	assert.Len(t, res.BlankTables, 4)
}

// Formulas written by init carry no cached value until a spreadsheet
// program saves the file: the reader must compute them.
func TestUncachedFormulasAreComputed(t *testing.T) {
	data := write(t, Options{})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	require.NoError(t, f.SetCellInt(SheetRequests, "D6", 7))
	require.NoError(t, f.SetCellInt(SheetRequests, "E6", 2))
	require.NoError(t, f.SetCellInt(SheetRequests, "D8", 5))
	require.NoError(t, f.SetCellInt(SheetAppeals, "K6", 3))
	formula, err := f.GetCellFormula(SheetRequests, "J6")
	require.NoError(t, err)
	assert.Equal(t, "SUM(D6:I6)", formula)
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	require.NoError(t, err)
	res, err := Read("统计表.xlsx", buf.Bytes())
	require.NoError(t, err)
	assert.EqualValues(t, 9, res.Stats.Requests[0][stats.ColTotal])
	assert.EqualValues(t, 5, res.Stats.Requests[stats.RowTotal][0])
	assert.EqualValues(t, 5, res.Stats.Requests[stats.RowTotal][stats.ColTotal])
	assert.EqualValues(t, 3, res.Stats.Appeals[14])
}
