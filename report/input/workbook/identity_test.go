package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
)

func TestReadStamp(t *testing.T) {
	const org = "某某市某某局（办公室）"
	tests := []struct {
		name      string
		opts      Options
		edit      func(f *excelize.File)
		org       string
		year      int
		where     string
		fromProps bool
	}{
		{"stamped by init", Options{Org: org, Year: 2025}, nil, org, 2025, "统计表.xlsx › 主动公开!A2", false},
		{"no stamp", Options{}, nil, "", 0, "", false},
		{"row 2 cleared: properties remain", Options{Org: org, Year: 2025}, func(f *excelize.File) {
			for _, s := range DataSheets {
				require.NoError(t, f.SetCellStr(s, "A2", ""))
			}
		}, org, 2025, "统计表.xlsx", true},
		{"row 2 edited wins over properties", Options{Org: org, Year: 2025}, func(f *excelize.File) {
			require.NoError(t, f.SetCellStr(SheetActive, "A2", "填报单位：另一个局　　报告年度：2024年"))
		}, "另一个局", 2024, "统计表.xlsx › 主动公开!A2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := write(t, tt.opts)
			if tt.edit != nil {
				data = editWorkbook(t, data, tt.edit)
			}
			res, err := Read(book, data)
			require.NoError(t, err)
			assert.Equal(t, tt.org, res.Stamp.Org)
			assert.Equal(t, tt.year, res.Stamp.Year)
			assert.Equal(t, tt.where, res.Stamp.Where.String())
			assert.Equal(t, tt.fromProps, res.Stamp.FromProps)
		})
	}
}

func TestReadTextNumbers(t *testing.T) {
	base := consistent(3)
	data := editWorkbook(t, write(t, Options{Values: base, TotalsAsValues: true}), func(f *excelize.File) {
		require.NoError(t, f.SetCellStr(SheetRequests, "D30", "2"))
		require.NoError(t, f.SetCellStr(SheetActive, "B9", "１２"))
		require.NoError(t, f.SetCellStr(SheetRequests, "E30", "/")) // a placeholder is not a number
	})
	res, err := Read(book, data)
	require.NoError(t, err)
	var where []string
	for _, m := range res.TextNumbers {
		where = append(where, m.Pos.String())
		assert.Equal(t, "R6", m.Rule)
		assert.Contains(t, m.Text, "是文本格式的")
		assert.Contains(t, m.Text, "合计公式不会计入它")
	}
	assert.ElementsMatch(t, []string{"统计表.xlsx › 申请情况!D30", "统计表.xlsx › 主动公开!B9"}, where)

	// Numbers typed as numbers are not reported.
	res, err = Read(book, write(t, Options{Values: base}))
	require.NoError(t, err)
	assert.Empty(t, res.TextNumbers)
}

func TestReadRefusesMergedInputs(t *testing.T) {
	data := editWorkbook(t, write(t, Options{Values: consistent(3)}), func(f *excelize.File) {
		require.NoError(t, f.MergeCell(SheetRequests, "D6", "E6"))
	})
	errs := readFails(t, data)
	require.Len(t, errs, 1, errs.Error())
	assert.Equal(t, diag.Pos{File: book, Sheet: SheetRequests, Cell: "D6:E6"}, errs[0].Pos)
	assert.Contains(t, errs[0].Text, "被合并成了一格")
	assert.Contains(t, errs[0].Text, "D6、E6")

	// The official merges of 表二 (one input, top left) are fine.
	_, err := Read(book, write(t, Options{Values: consistent(3)}))
	require.NoError(t, err)
}

func TestReadBlankTables(t *testing.T) {
	res, err := Read(book, write(t, Options{Org: "某局", Year: 2025}))
	require.NoError(t, err)
	var sheets []string
	for _, p := range res.BlankTables {
		sheets = append(sheets, p.Sheet)
	}
	assert.Equal(t, DataSheets, sheets)

	data := editWorkbook(t, write(t, Options{}), func(f *excelize.File) {
		require.NoError(t, f.SetCellInt(SheetRequests, "D6", 0))
	})
	res, err = Read(book, data)
	require.NoError(t, err)
	sheets = nil
	for _, p := range res.BlankTables {
		sheets = append(sheets, p.Sheet)
	}
	assert.Equal(t, []string{SheetActive, SheetAppeals, SheetInfoFees}, sheets)
}

func TestRename(t *testing.T) {
	res, err := Read(book, write(t, Options{Org: "某局", Year: 2025}))
	require.NoError(t, err)
	res.Rename("上年/统计表.xlsx")
	assert.Equal(t, "上年/统计表.xlsx › 申请情况!D6", res.Locate("r01.A").String())
	assert.Equal(t, "上年/统计表.xlsx", res.Stamp.Where.File)
	for _, w := range res.Warnings {
		assert.Equal(t, "上年/统计表.xlsx", w.Pos.File)
	}
}
