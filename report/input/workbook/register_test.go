package workbook

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/stats"
)

// genRegister makes a register of n applications and n/20 cases of 2022 at
// random, through the register's own reader.
func genRegister(t testing.TB, n int, seed uint64) *register.Register {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 3))
	apps := [][]string{register.AppHeads[:]}
	for i := 1; i <= n; i++ {
		recv := register.Date{Y: 2022, M: 1 + rng.IntN(11), D: 1 + rng.IntN(28)}
		if rng.IntN(10) == 0 {
			recv = register.Date{Y: 2021, M: 12, D: 1 + rng.IntN(28)}
		}
		ans := register.Date{Y: 2022, M: 12, D: 1 + rng.IntN(28)}
		out, status, answered := register.Outcomes[rng.IntN(len(register.Outcomes))], register.StatusDone, ans.String()
		if rng.IntN(15) == 0 && recv.Y == 2022 {
			out, status, answered = "", register.StatusCarried, ""
		}
		apps = append(apps, []string{strconv.Itoa(i), recv.String(), register.Applicants[rng.IntN(6)], "申请公开某文件", out, answered, status, ""})
	}
	cases := [][]string{register.CaseHeads[:]}
	for i := 1; i <= n/20; i++ {
		res := rng.IntN(4)
		closed := ""
		if res != stats.ResultPending {
			closed = "2022-11-01"
		}
		cases = append(cases, []string{strconv.Itoa(i), register.Kinds[rng.IntN(3)], "2022-03-01", register.Results[res], closed, ""})
	}
	reg, err := register.Parse("x", 2022, register.Layout{}, apps, cases)
	require.NoError(t, err)
	return reg
}

func writeRegister(t testing.TB, reg *register.Register) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteRegister(&buf, Options{Org: "测试机关", Year: 2022, Values: consistent(2)}, reg))
	return buf.Bytes()
}

// staleRegister is data, the workbook of reg, with a row added to the
// register after the file was last calculated.
func staleRegister(t testing.TB, data []byte, reg *register.Register) []byte {
	return editWorkbook(t, data, func(x *excelize.File) {
		row := strconv.Itoa(registerTop + 1 + len(reg.Applications))
		for c, v := range []string{"X1", "", "科研机构", "", "（五）不予处理 2.重复申请", "", "已办结"} {
			if v != "" {
				require.NoError(t, x.SetCellStr(register.SheetApplications, string(rune('A'+c))+row, v))
			}
		}
		require.NoError(t, x.SetCellInt(register.SheetApplications, "B"+row, 44621))
		require.NoError(t, x.SetCellInt(register.SheetApplications, "F"+row, 44622))
	})
}

func TestRegisterModeRoundTrip(t *testing.T) {
	reg := genRegister(t, 400, 1)
	data := writeRegister(t, reg)
	res, err := Read("统计表.xlsx", data)
	require.NoError(t, err)
	require.NotNil(t, res.Register)
	assert.Len(t, res.Register.Applications, 400)
	want := consistent(2)
	reg.Count(want)
	assert.Equal(t, *want, res.Stats)
	assert.Empty(t, res.Warnings)
	assert.Empty(t, res.Blanks)
	assert.Empty(t, res.BlankTables)

	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	formula, err := f.GetCellFormula(SheetRequests, "D8")
	require.NoError(t, err)
	assert.Equal(t, `COUNTIFS('申请登记'!$C:$C,"自然人",'申请登记'!$E:$E,"（一）予以公开")`, formula)
	a2, _ := f.GetCellValue(SheetRequests, "A2")
	assert.Contains(t, a2, "统计方式：申请登记台账计数")
	assert.Contains(t, a2, "填报单位：测试机关")
	assert.Equal(t, 2022, res.Stamp.Year)
	// An empty register counts zeros and the file reads without errors.
	var buf bytes.Buffer
	require.NoError(t, WriteRegister(&buf, Options{Org: "测试机关", Year: 2022}, nil))
	res, err = Read("统计表.xlsx", buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, stats.Requests{}, res.Stats.Requests)
	require.NotNil(t, res.Register)
}

// nianbao counts from the rows: a typed figure that differs is an error at
// its cell, a stale cached result a note, an uncalculated formula nothing.
func TestRegisterModeDisagreements(t *testing.T) {
	reg := genRegister(t, 200, 2)
	data := writeRegister(t, reg)
	want := consistent(2)
	reg.Count(want)

	typed := editWorkbook(t, data, func(x *excelize.File) {
		require.NoError(t, x.SetCellInt(SheetRequests, "D8", 999))
	})
	_, err := Read("统计表.xlsx", typed)
	require.Error(t, err)
	assert.Contains(t, err.Error(), fmt.Sprintf("统计表.xlsx › 申请情况!D8：（一）予以公开·自然人 填的是 999，按“申请登记”逐件计数为 %d", want.Requests[stats.RowGranted][0]))

	// A row added to the register after the file was last calculated.
	stale := staleRegister(t, data, reg)
	res, err := Read("统计表.xlsx", stale)
	require.NoError(t, err)
	assert.Equal(t, want.Requests[stats.RowNotProcFirst+1][2]+1, res.Stats.Requests[stats.RowNotProcFirst+1][2])
	var notes []string
	for _, m := range res.Warnings {
		notes = append(notes, m.String())
	}
	assert.Contains(t, strings.Join(notes, "\n"), "统计表.xlsx › 申请情况!F22：（五）不予处理 2.重复申请·科研机构 显示为")

	// Formulas without cached values (a program that drops them): counted.
	bare := editWorkbook(t, data, func(x *excelize.File) {
		for r := range stats.RequestRows {
			for c := 0; c < 6; c++ {
				ref := cell(requestCol(c), requestsData+r)
				fo, _ := x.GetCellFormula(SheetRequests, ref)
				require.NoError(t, x.SetCellValue(SheetRequests, ref, nil))
				if fo != "" {
					require.NoError(t, x.SetCellFormula(SheetRequests, ref, fo))
				}
			}
		}
	})
	res, err = Read("统计表.xlsx", bare)
	require.NoError(t, err)
	assert.Equal(t, want.Requests, res.Stats.Requests)

	// Without the report year the register cannot be placed in the year.
	noYear := editWorkbook(t, data, func(x *excelize.File) {
		for _, s := range DataSheets {
			require.NoError(t, x.SetCellStr(s, "A2", "填报说明"))
		}
		require.NoError(t, x.SetCustomProps(excelize.CustomProperty{Name: PropYear, Value: nil}))
	})
	_, err = Read("统计表.xlsx", noYear)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "统计表.xlsx › 申请情况!A2：找不到报告年度")

	// A bad register row is an error at its cell in the statistics workbook.
	bad := editWorkbook(t, data, func(x *excelize.File) {
		require.NoError(t, x.SetCellStr(register.SheetApplications, "C4", "公民"))
	})
	_, err = Read("统计表.xlsx", bad)
	require.Error(t, err)
	var es diag.Errors
	require.ErrorAs(t, err, &es)
	assert.Equal(t, diag.Pos{File: "统计表.xlsx", Sheet: register.SheetApplications, Cell: "C4"}, es[0].Pos)
}

// LibreOffice opens a register-mode workbook and its COUNTIFS give the
// figures nianbao counts.
func TestLibreOfficeCountsRegister(t *testing.T) {
	reg := genRegister(t, 600, 5)
	data := writeRegister(t, reg)
	// Drop the cached values, so that what LibreOffice shows is its own count.
	data = editWorkbook(t, data, func(x *excelize.File) {
		for r := range stats.RequestRows {
			for c := 0; c < 6; c++ {
				ref := cell(requestCol(c), requestsData+r)
				if fo, _ := x.GetCellFormula(SheetRequests, ref); fo != "" {
					require.NoError(t, x.SetCellInt(SheetRequests, ref, -1))
					require.NoError(t, x.SetCellFormula(SheetRequests, ref, fo))
				}
			}
		}
		for i := range stats.AppealCols {
			ref := cell(appealCol(i), appealsData)
			if fo, _ := x.GetCellFormula(SheetAppeals, ref); fo != "" {
				require.NoError(t, x.SetCellInt(SheetAppeals, ref, -1))
				require.NoError(t, x.SetCellFormula(SheetAppeals, ref, fo))
			}
		}
	})
	dir := t.TempDir()
	in := filepath.Join(dir, "统计表.xlsx")
	require.NoError(t, os.WriteFile(in, data, 0o644))
	soffice(t, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, in)

	var want stats.Stats
	reg.Count(&want)
	req := readCSV(t, filepath.Join(dir, "统计表-"+SheetRequests+".csv"))
	nonzero := 0
	for r := range stats.RequestRows {
		for c := range stats.RequestCols {
			ref := cell(requestCol(c), requestsData+r)
			assert.Equal(t, strconv.FormatInt(want.Requests[r][c], 10), csvCell(req, ref), "%s %s", ref, stats.RequestLabel(r, c))
			if want.Requests[r][c] > 0 {
				nonzero++
			}
		}
	}
	assert.Greater(t, nonzero, 100)
	app := readCSV(t, filepath.Join(dir, "统计表-"+SheetAppeals+".csv"))
	for i := range stats.AppealCols {
		ref := cell(appealCol(i), appealsData)
		assert.Equal(t, strconv.FormatInt(want.Appeals[i], 10), csvCell(app, ref), "%s %s", ref, stats.AppealLabel(i))
	}
}

// BenchmarkReadRegister5000 reads a statistics workbook keeping 5,000
// applications: opening, reading the tables and counting the register.
func BenchmarkReadRegister5000(b *testing.B) {
	data := writeRegister(b, genRegister(b, 5000, 9))
	// Read as nianbao does, not through both readers as the tests do.
	hook := readHook
	readHook = nil
	defer func() { readHook = hook }()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("统计表.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzReadRegister feeds the reader damaged register-mode workbooks: figures
// with their positions, or positioned messages, never a panic.
func FuzzReadRegister(f *testing.F) {
	small := writeRegister(f, genRegister(f, 30, 4))
	bad := editWorkbook(f, small, func(x *excelize.File) {
		require.NoError(f, x.SetCellStr(register.SheetApplications, "C5", "公民"))
		require.NoError(f, x.SetCellStr(register.SheetApplications, "B6", "2022-02-30"))
		require.NoError(f, x.SetCellInt(SheetRequests, "D8", 3))
	})
	for _, seed := range [][]byte{small, bad, stored(f, small), stored(f, bad), stored(f, small)[:len(small)/2]} {
		f.Add(seed)
	}
	const name = "统计表.xlsx"
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(name, data)
		if err == nil {
			for _, w := range res.Warnings {
				require.Equal(t, name, w.Pos.File)
				require.NotEmpty(t, w.Pos.Sheet, w.String())
			}
			return
		}
		var errs diag.Errors
		require.ErrorAs(t, err, &errs)
		for _, m := range errs {
			require.Equal(t, name, m.Pos.File, m.String())
		}
	})
}
