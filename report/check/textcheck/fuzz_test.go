package textcheck_test

import (
	"testing"

	"github.com/nianbao/nianbao/report/check/textcheck"
	"github.com/nianbao/nianbao/report/diag"
)

func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		"全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件",
		"受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）",
		"予以公开21件，占28.0%；部分公开9件（12%）",
		"收到申请十七件，办结一百零五件，结转两件",
		"受理政府信息公开申请３，１１９件，3,119件",
		"行政复议2件，其中维持0件、纠正1件；行政诉讼1件",
		"现行有效行政规范性文件698件，废止55件，制定规章1件",
		"行政事业性收费9116.36万元，信息处理费3940元，收费通知2件",
		"一万二千件，一万零五件，九千九百九十九万件，99999999999999999999件",
		"０．５％、、，。…（）\n\r\u00a0件",
	} {
		f.Add(seed)
	}
	s := body()
	f.Fuzz(func(t *testing.T, text string) {
		got := textcheck.Check([]textcheck.Text{{Text: text, Where: diag.Pos{File: "nianbao.toml", Line: 1}}}, s, locate)
		for _, fd := range got {
			if fd.Rule != "R12" || len(fd.Cells) == 0 || fd.Cells[0].String() == "" || fd.Message == "" {
				t.Fatalf("bad finding for %q: %+v", text, fd)
			}
		}
		// Without a place or a name the text is still located.
		for _, fd := range textcheck.Check([]textcheck.Text{{Text: text}}, s, nil) {
			if len(fd.Cells) == 0 || fd.Cells[0].String() == "" {
				t.Fatalf("finding without a place for %q: %+v", text, fd)
			}
		}
	})
}
