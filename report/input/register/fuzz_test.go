package register

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// grid reads a sheet written as lines of tab-separated cells.
func grid(s string) [][]string {
	var rows [][]string
	for _, l := range strings.Split(s, "\n") {
		rows = append(rows, strings.Split(l, "\t"))
	}
	return rows
}

func FuzzParse(f *testing.F) {
	head := strings.Join(AppHeads[:], "\t")
	f.Add(head+"\n1\t2022-01-05\t自然人\t\t（一）予以公开\t2022-01-06\t已办结\t", strings.Join(CaseHeads[:], "\t")+"\n1\t行政复议\t2022-01-01\t维持\t2022-03-01\t")
	f.Add(head+"\n1\t44621\t公民\t\t予以公开\t\t\t\n1\t2021-12-31\t其他\t\t\t\t结转下年度\t", "")
	f.Add(head+"\n\t2022/13/1\t\t\t（二）部分公开；（三）不予公开 1.属于国家秘密\t1e400\t\t", "案件类型\t结果\n复议\t")
	f.Fuzz(func(t *testing.T, apps, cases string) {
		var caseRows [][]string
		if cases != "" {
			caseRows = grid(cases)
		}
		reg, err := Parse("统计表.xlsx", 2022, Layout{}, grid(apps), caseRows)
		if err != nil {
			var es diag.Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error is not positioned: %v", err)
			}
			for _, m := range es {
				if m.Pos.File != "统计表.xlsx" || m.Pos.Sheet == "" {
					t.Fatalf("message without its sheet: %s", m)
				}
			}
			return
		}
		q := reg.Requests()
		for c := range stats.RequestCols {
			if q[stats.RowNew][c]+q[stats.RowCarriedIn][c] != q[stats.RowTotal][c]+q[stats.RowCarriedOut][c] {
				t.Fatalf("count breaks the identity of 表三 in column %d", c)
			}
		}
		if int(q[stats.RowNew][stats.ColTotal]+q[stats.RowCarriedIn][stats.ColTotal]) != len(reg.Applications) {
			t.Fatal("an application counted other than once")
		}
	})
}

// BenchmarkCount5000 counts 表三 of 5,000 applications, as an office of
// 3,000 a year with room to spare; target ≤ 20 ms for parse and count.
func BenchmarkCount5000(b *testing.B) {
	rows := sheet(header(), generated(5000, 3)...)
	b.ReportAllocs()
	for b.Loop() {
		reg, err := Parse("统计表.xlsx", year, Layout{}, rows, nil)
		if err != nil {
			b.Fatal(err)
		}
		var s stats.Stats
		reg.Count(&s)
	}
}

// FuzzRead feeds the workbook reader of a register damaged files: a
// register or positioned messages naming the file, never a panic.
func FuzzRead(f *testing.F) {
	x := excelize.NewFile()
	_ = x.SetSheetName("Sheet1", SheetApplications)
	rows := [][]string{AppHeads[:], {"1", "44621", "自然人", "", "（一）予以公开", "44622", "已办结", ""}, {"2", "2022-13-01", "公民", "", "", "", "", ""}}
	for i, r := range rows {
		for j, v := range r {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			_ = x.SetCellStr(SheetApplications, ref, v)
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	_ = x.Close()
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Read("导出.xlsx", data, 2022, Layout{})
		if err == nil {
			return
		}
		var es diag.Errors
		if !errors.As(err, &es) {
			t.Fatalf("not positioned: %v", err)
		}
		for _, m := range es {
			if m.Pos.File != "导出.xlsx" {
				t.Fatalf("message without the file: %s", m)
			}
		}
	})
}

// BenchmarkCountOnly5000 is the counting alone, the rows already read.
func BenchmarkCountOnly5000(b *testing.B) {
	reg, err := Parse("统计表.xlsx", year, Layout{}, sheet(header(), generated(5000, 3)...), nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var s stats.Stats
		reg.Count(&s)
	}
}
