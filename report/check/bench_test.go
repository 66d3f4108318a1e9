package check_test

import (
	"bytes"
	"testing"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/input/workbook"
)

// Target (issue 2): reading and checking one filled workbook in under 30 ms.
func BenchmarkReadAndCheck(b *testing.B) {
	_, s := loadFixture(b, "2024-huaianshi.toml")
	_, p := loadFixture(b, "2022-pingtan.toml")
	cur := workbookOf(b, s, nil)
	prev := workbookOf(b, p, nil)
	b.ReportAllocs()
	for b.Loop() {
		res, err := workbook.Read("统计表.xlsx", cur)
		if err != nil {
			b.Fatal(err)
		}
		last, err := workbook.Read("上年统计表.xlsx", prev)
		if err != nil {
			b.Fatal(err)
		}
		out := check.Run(check.Input{Stats: &res.Stats, Locate: res.Locate, Prev: &last.Stats, PrevLocate: last.Locate, Rulemaking: true})
		if len(out.Findings) == 0 {
			b.Fatal("expected cross-year findings between unrelated bodies")
		}
	}
}

// Uncached formulas (a workbook never opened by a spreadsheet program) make
// the reader compute totals itself.
func BenchmarkReadUncachedFormulas(b *testing.B) {
	_, s := loadFixture(b, "2021-pingtan.toml")
	var data []byte
	{
		var buf = new(bytes.Buffer)
		if err := workbook.Write(buf, workbook.Options{Values: s}); err != nil {
			b.Fatal(err)
		}
		data = buf.Bytes()
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := workbook.Read("统计表.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}
