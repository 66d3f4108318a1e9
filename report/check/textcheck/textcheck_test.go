package textcheck_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/check/textcheck"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

func locate(key string) diag.Pos { return diag.Pos{File: "统计表.xlsx", Sheet: key} }

var narrative = diag.Pos{File: "nianbao.toml", Line: 42}

// body is a small consistent body in the shape of the 2022 平潭 report:
// 新收 74 (自然人 71, 商业企业 3), 上年结转 1 (自然人 1), 办结 75.
func body() *stats.Stats {
	s := &stats.Stats{}
	s.Requests[stats.RowNew] = [7]int64{71, 3, 0, 0, 0, 0, 74}
	s.Requests[stats.RowCarriedIn] = [7]int64{1, 0, 0, 0, 0, 0, 1}
	s.Requests[2] = [7]int64{21, 0, 0, 0, 0, 0, 21}  // 予以公开
	s.Requests[3] = [7]int64{8, 1, 0, 0, 0, 0, 9}    // 部分公开
	s.Requests[8] = [7]int64{1, 0, 0, 0, 0, 0, 1}    // 不予公开 5
	s.Requests[9] = [7]int64{2, 0, 0, 0, 0, 0, 2}    // 不予公开 6
	s.Requests[10] = [7]int64{1, 0, 0, 0, 0, 0, 1}   // 不予公开 7
	s.Requests[12] = [7]int64{37, 0, 0, 0, 0, 0, 37} // 无法提供 1
	s.Requests[20] = [7]int64{2, 0, 0, 0, 0, 0, 2}   // 其他处理 1
	s.Requests[22] = [7]int64{0, 2, 0, 0, 0, 0, 2}   // 其他处理 3
	s.Requests[stats.RowTotal] = [7]int64{72, 3, 0, 0, 0, 0, 75}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 88, Repealed: 55, InForce: 698}
	s.Active.Regulations = stats.DocCounts{Issued: 1, Repealed: 0, InForce: 11}
	s.Active.Licensing, s.Active.Punishment, s.Active.Coercion = 10690, 2113, 0
	s.Active.Fees = 9116_360000 // 9116.36 万元
	s.Appeals = stats.Appeals{0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0}
	s.InfoFees = stats.InfoFees{Notices: 2, NoticeTotal: stats.DecimalFromInt(300), Collected: stats.DecimalFromInt(200)}
	return s
}

// small: 新收 4, 上年结转 1, as in the brief's example of a wrong narrative.
func small(s *stats.Stats) {
	s.Requests[stats.RowNew] = [7]int64{4, 0, 0, 0, 0, 0, 4}
	s.Requests[stats.RowCarriedIn] = [7]int64{1, 0, 0, 0, 0, 0, 1}
}

// found is the part of a finding a case pins down: the key of the first
// table cell it names and the two figures.
type found struct {
	key, expected, found string
}

func summary(fs []check.Finding) []found {
	out := []found{}
	for _, f := range fs {
		key := ""
		if len(f.Cells) > 1 {
			key = strings.TrimPrefix(f.Cells[1].String(), "统计表.xlsx › ")
		}
		out = append(out, found{key, f.Expected, f.Found})
	}
	return out
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		mutate func(s *stats.Stats)
		want   []found
	}{
		// Received: 新收 or 新收 + 上年结转; the breakdown follows the total's choice.
		{"received counts the carry-over, breakdown too", "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。", nil, []found{}},
		{"received new only, breakdown new only", "全区收到政府信息公开申请74件，涉及自然人71件、商业企业3件。", nil, []found{}},
		{"breakdown must follow the total's choice", "全区收到政府信息公开申请75件，涉及自然人71件、商业企业3件。", nil,
			[]found{{"r01.A", "72", "71"}}},
		{"breakdown without a matching total accepts either", "全区收到政府信息公开申请80件，其中自然人72件、法人或其他组织3件。", nil,
			[]found{{"r01.G", "74 或 75", "80"}}},
		{"breakdown wrong either way", "收到申请75件，涉及自然人72件、商业企业4件。", nil,
			[]found{{"r01.B", "3", "4"}}},
		{"received wrong, no carry-over", "受理政府信息公开申请17件", func(s *stats.Stats) {
			s.Requests[stats.RowNew] = [7]int64{4, 0, 0, 0, 0, 0, 4}
			s.Requests[stats.RowCarriedIn] = [7]int64{}
		}, []found{{"r01.G", "4", "17"}}},
		{"received wrong", "受理政府信息公开申请17件", small, []found{{"r01.G", "4 或 5", "17"}}},
		{"number before the keyword", "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。", func(s *stats.Stats) {
			s.Requests[stats.RowNew][6], s.Requests[stats.RowCarriedIn][6] = 70, 0
			s.Requests[stats.RowTotal][6], s.Requests[stats.RowCarriedOut][6] = 69, 1
		}, []found{}},
		{"收到依申请信息公开", "2023年度我局共收到依申请信息公开26件", nil, []found{{"r01.G", "74 或 75", "26"}}},
		{"接收", "接收政府信息公开申请76件", nil, []found{{"r01.G", "74 或 75", "76"}}},
		{"regulations repealed", "废止规章1件", nil, []found{{"regulations.repealed", "0", "1"}}},
		{"suit pending", "行政诉讼1件，尚未审结1件", nil, []found{{"c9", "0", "1"}}},
		{"新收 with 本年", "本年新收政府信息公开申请74件", nil, []found{}},

		// Handled, carried in and out.
		{"handled ok", "全年办结政府信息公开申请75件", nil, []found{}},
		{"handled wrong", "收到申请75件，办理完毕74件", nil, []found{{"r24.G", "75", "74"}}},
		{"breakdown after a carry-over is unclear", "收到申请75件，其中上年结转1件，涉及自然人72件、商业企业3件", nil, []found{}},
		{"handled by applicant", "办结75件，其中自然人72件，法人或其他组织3件", nil, []found{}},
		{"淮安 sentence shape", "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复。", func(s *stats.Stats) {
			s.Requests[stats.RowNew][6], s.Requests[stats.RowCarriedIn][6] = 3119, 34
			s.Requests[stats.RowTotal][6], s.Requests[stats.RowCarriedOut][6] = 3050, 103
		}, []found{}},
		{"上年度结转 is r02, not r25", "上年度结转申请34件", nil, []found{{"r02.G", "1", "34"}}},
		{"结转下年度 is r25", "另有3件结转下年度继续办理", nil, []found{{"r25.G", "0", "3"}}},
		{"N件结转下年度 ok", "0件结转下年度", nil, []found{}},
		{"延期答复 is not handled", "收到申请75件，延期答复3件", nil, []found{}},
		{"答复 of something else", "收到申请75件。答复网民留言120件，办结审批事项300件", nil, []found{}},
		{"答复 without requests in the text", "办结120件", nil, []found{}},
		{"答复 later in a text about requests", "全年收到申请75件。均已办结，共办结74件", nil, []found{{"r24.G", "75", "74"}}},
		{"a single row inside a group", "不予公开中属于国家秘密的2件，不予处理的重复申请1件", nil, []found{}},

		// Outcomes and shares.
		{"outcome counts", "予以公开21件，部分公开9件，不予公开4件，无法提供37件，不予处理0件，其他处理4件。", nil, []found{}},
		{"outcome wrong", "不予公开5件", nil, []found{{"r05.G", "4", "5"}}},
		{"outcome of one applicant column", "自然人申请中予以公开21件，法人或其他组织申请中部分公开2件", nil, []found{{"r04.B", "1", "2"}}},
		{"share of one applicant column is left alone", "自然人申请中予以公开21件，占30%", nil, []found{}},
		{"不予以公开 is not 予以公开", "不予以公开4件", nil, []found{}},
		{"share ok", "予以公开21件，占28%", nil, []found{}},
		{"share wrong", "予以公开21件，占30%", nil, []found{{"r03.G", "28%", "30%"}}},
		{"share one decimal", "部分公开9件，占12.0%；不予公开4件，占5.3%", nil, []found{}},
		{"share half up", "部分公开9件（12%），无法提供37件（49.3%）", nil, []found{}},
		{"share one decimal wrong", "无法提供37件，占49.4%", nil, []found{{"r13.G", "49.3%", "49.4%"}}},
		{"share of 办结总数", "予以公开21件，占办结总数的30%", nil, []found{{"r03.G", "28%", "30%"}}},
		{"share named after the group", "其中部分公开的占12%", nil, []found{}},
		{"share of something else is left alone", "予以公开21件，占收到申请总数的30%", nil, []found{}},
		{"不予受理 is not 受理", "不予受理申请3件", nil, []found{}},
		{"rate of handled is not a share", "办结75件，办结率100%，答复率98%", nil, []found{}},

		// 表四.
		{"review and suit", "共有行政诉讼案件1件、行政复议案件2件，均已结案。", nil, []found{}},
		{"review wrong", "被申请行政复议3件", nil, []found{{"c5", "2", "3"}}},
		{"review results", "行政复议2件，其中维持0件、纠正1件", nil, []found{}},
		{"review result wrong", "行政复议2件，其中纠正2件", nil, []found{{"c2", "1", "2"}}},
		{"suit wrong", "行政诉讼案件2件", nil, []found{{"c10", "1", "2"}}},
		{"suit upheld", "行政诉讼1件，结果维持1件", nil, []found{}},
		{"review and suit together is left alone", "行政复议和行政诉讼共5件", nil, []found{}},

		// 表二.
		{"in force ok", "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。", nil, []found{}},
		{"in force wrong", "现行有效行政规范性文件700件", nil, []found{{"normative_docs.in_force", "698", "700"}}},
		{"issued and repealed", "制发规范性文件88件，废止56件", nil, []found{{"normative_docs.repealed", "55", "56"}}},
		{"regulations", "制定规章2件，现行有效规章11件", nil, []found{{"regulations.issued", "1", "2"}}},
		{"规章制度 is not 规章", "制定规章制度5件", nil, []found{}},
		{"docs without a column are left alone", "公开规范性文件88件", nil, []found{}},
		{"规章和规范性文件 together is left alone", "制定规章和规范性文件共89件", nil, []found{}},
		{"licensing and punishment", "作出行政许可决定10690件，行政处罚2113件，行政强制1件", nil, []found{{"coercion", "0", "1"}}},
		{"fees at the precision written", "行政事业性收费9116.36万元，约合", nil, []found{}},
		{"fees rounded", "收取行政事业性收费9116万元", nil, []found{}},
		{"fees in 亿元", "行政事业性收费0.91亿元", nil, []found{}},
		{"fees wrong", "行政事业性收费9116.5万元", nil, []found{{"fees", "9116.36万元", "9116.5万元"}}},
		{"info fee", "全年收取政府信息公开信息处理费200元。", nil, []found{}},
		{"info fee wrong", "收取信息处理费3940元", nil, []found{{"info_fees.collected", "200元", "3940元"}}},
		{"fee notices", "发出收费通知2件，金额300元", nil, []found{}},
		{"fee notices wrong", "发出收费通知3件，金额400元", nil, []found{{"info_fees.notices", "2", "3"}, {"info_fees.notice_total", "300元", "400元"}}},

		// Numerals.
		{"chinese numeral ok", "收到申请七十四件", nil, []found{}},
		{"chinese numeral 十七 ok", "收到申请十七件", func(s *stats.Stats) { s.Requests[stats.RowNew][6], s.Requests[stats.RowCarriedIn][6] = 17, 0 }, []found{}},
		{"chinese numeral 十七 wrong", "收到申请十七件", small, []found{{"r01.G", "4 或 5", "17"}}},
		{"chinese numerals 两 and 零", "收到申请一百零五件，办结两件", nil, []found{{"r01.G", "74 或 75", "105"}, {"r24.G", "75", "2"}}},
		{"colloquial 一百五 is left alone", "收到申请一百五件", nil, []found{}},
		{"thousands separator", "受理政府信息公开申请3,119件", func(s *stats.Stats) { s.Requests[stats.RowNew][6] = 3119 }, []found{}},
		{"thousands separator wrong", "受理政府信息公开申请3,121件", func(s *stats.Stats) { s.Requests[stats.RowNew][6] = 3119 }, []found{{"r01.G", "3119 或 3120", "3121"}}},
		{"full-width digits", "受理政府信息公开申请３１１９件", func(s *stats.Stats) { s.Requests[stats.RowNew][6] = 3119 }, []found{}},
		{"full-width digits wrong", "受理政府信息公开申请３１１８件", func(s *stats.Stats) { s.Requests[stats.RowNew][6] = 3119 }, []found{{"r01.G", "3119 或 3120", "3118"}}},
		{"PDF blanks between digits and characters", "受理政府信息公开申请 75 件", nil, []found{}},

		// Left alone.
		{"条 is not a table figure", "2022年全区共主动公开政府信息14571条。", nil, []found{}},
		{"estimates", "收到申请约80件，办结70余件，结转100件以上", nil, []found{}},
		{"other units", "收到申请后培训3次、200人次，梳理事项12项，解读10篇", nil, []found{}},
		{"more estimates", "收到申请近80件、近百件，办结一万二件", nil, []found{}},
		{"growth rate", "收到申请75件，同比增长25%", nil, []found{}},
		{"ordinals and dates", "第3项任务于2022年3月完成，收到申请的第5件", nil, []found{}},
		{"a list of outcomes shares the figure", "予以公开、部分公开共30件", nil, []found{}},
		{"two outcomes in one window", "予以公开和部分公开共30件", nil, []found{}},
		{"receive and carry-in in one window", "上年结转和本年新收申请共75件", nil, []found{}},
		{"unrelated 件", "办理人大代表建议12件，政协提案8件", nil, []found{}},
		{"件次 is not 件", "收到申请80件次", nil, []found{}},
		{"the topic ends with the sentence", "收到申请75件。自然人参加培训30件", nil, []found{}},
		{"empty", "", nil, []found{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := body()
			if tt.mutate != nil {
				tt.mutate(s)
			}
			got := textcheck.Check([]textcheck.Text{{Text: tt.text, Where: narrative, What: "[narrative] requests"}}, s, locate)
			assert.Equal(t, tt.want, summary(got))
			for _, f := range got {
				assert.Equal(t, "R12", f.Rule)
				assert.Equal(t, diag.Error, f.Severity)
				assert.Equal(t, "nianbao.toml 第 42 行 [narrative] requests", f.Cells[0].String())
			}
		})
	}
}

func TestCheckMessage(t *testing.T) {
	s := body()
	small(s)
	got := textcheck.Check([]textcheck.Text{{Text: "2023年，全区受理政府信息公开申请17件。", Where: narrative, What: "[narrative] requests"}}, s, locate)
	require.Len(t, got, 1)
	assert.Equal(t, check.Finding{
		Rule: "R12", Severity: diag.Error,
		Cells:    []diag.Pos{{File: "nianbao.toml", Line: 42, What: "[narrative] requests"}, {File: "统计表.xlsx", Sheet: "r01.G"}, {File: "统计表.xlsx", Sheet: "r02.G"}},
		Expected: "4 或 5", Found: "17",
		Message: "[narrative] requests 写“全区受理政府信息公开申请17件”，但统计表 一、本年新收政府信息公开申请数量（总计）为 4 件（加上年结转为 5 件）",
	}, got[0])
}

func TestCheckQuotesTheOriginal(t *testing.T) {
	got := textcheck.Check([]textcheck.Text{{Text: "受理政府信息公开申请３，１１９件", Where: diag.Pos{File: "任务台账.xlsx", Sheet: "任务台账", Cell: "F7"}}},
		body(), nil)
	require.Len(t, got, 1)
	assert.Equal(t, []diag.Pos{{File: "任务台账.xlsx", Sheet: "任务台账", Cell: "F7"}}, got[0].Cells, "without a locator only the text's place is named")
	assert.Contains(t, got[0].Message, "写“受理政府信息公开申请３，１１９件”")
}

func TestCheckPlaces(t *testing.T) {
	tests := []struct {
		name string
		text textcheck.Text
		want string
	}{
		{"place and name", textcheck.Text{Where: diag.Pos{File: "任务台账.xlsx", Sheet: "任务台账", Cell: "F7"}, What: "第 3 项任务的完成情况"}, "任务台账.xlsx › 任务台账!F7 第 3 项任务的完成情况"},
		{"place only", textcheck.Text{Where: narrative}, "nianbao.toml 第 42 行"},
		{"name only", textcheck.Text{What: "[narrative] requests"}, "[narrative] requests"},
		{"neither", textcheck.Text{}, "（未注明出处的文字）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.text.Text = "行政复议9件"
			got := textcheck.Check([]textcheck.Text{tt.text}, body(), nil)
			require.Len(t, got, 1)
			assert.Equal(t, tt.want, got[0].Cells[0].String())
		})
	}
}

func TestCheckNilStats(t *testing.T) {
	assert.Empty(t, textcheck.Check([]textcheck.Text{{Text: "收到申请17件"}}, nil, nil))
}

// excerpts are the user-written texts of a published report.
func excerpts(fx *realreport.Report) []textcheck.Text {
	return []textcheck.Text{
		{Text: fx.Narrative, Where: diag.Pos{File: "nianbao.toml"}, What: "narrative_excerpt"},
		{Text: fx.Problems, Where: diag.Pos{File: "nianbao.toml"}, What: "problems_excerpt"},
		{Text: fx.FeeNote, Where: diag.Pos{File: "nianbao.toml"}, What: "fee_note"},
	}
}

func TestRealReports(t *testing.T) {
	for _, name := range realReports {
		t.Run(name, func(t *testing.T) {
			fx, s := loadFixture(t, name)
			assert.Empty(t, textcheck.Check(excerpts(fx), s, locate))
		})
	}
}

// TestRealReportsMutated changes one figure of each checkable sentence of
// the published texts and expects exactly that figure to be reported.
func TestRealReportsMutated(t *testing.T) {
	tests := []struct {
		file, from, to string
		want           found
	}{
		{"2021-pingtan.toml", "共收到70件申请", "共收到71件申请", found{"r01.G", "70", "71"}},
		{"2021-pingtan.toml", "办结69件", "办结68件", found{"r24.G", "69", "68"}},
		{"2021-pingtan.toml", "1件结转下年度", "2件结转下年度", found{"r25.G", "1", "2"}},
		{"2022-pingtan.toml", "现行有效行政规范性文件698件", "现行有效行政规范性文件699件", found{"normative_docs.in_force", "698", "699"}},
		{"2022-pingtan.toml", "制发的规范性文件88件", "制发的规范性文件87件", found{"normative_docs.issued", "88", "87"}},
		{"2022-pingtan.toml", "申请75件", "申请76件", found{"r01.G", "74 或 75", "76"}},
		{"2022-pingtan.toml", "自然人72件", "自然人73件", found{"r01.A", "72", "73"}},
		{"2022-pingtan.toml", "商业企业3件", "商业企业2件", found{"r01.B", "3", "2"}},
		{"2022-pingtan.toml", "行政诉讼案件1件", "行政诉讼案件3件", found{"c10", "1", "3"}},
		{"2022-pingtan.toml", "行政复议案件2件", "行政复议案件1件", found{"c5", "2", "1"}},
		{"2023-shuyang-fgj.toml", "依申请信息公开26件", "依申请信息公开27件", found{"r01.G", "26", "27"}},
		{"2024-huaianshi.toml", "申请3119件", "申请3120件", found{"r01.G", "3119 或 3153", "3120"}},
		{"2024-huaianshi.toml", "答复3050件", "答复3051件", found{"r24.G", "3050", "3051"}},
		{"2024-huaianshi.toml", "结转申请34件", "结转申请35件", found{"r02.G", "34", "35"}},
		{"2024-huaianshi.toml", "另有103件", "另有104件", found{"r25.G", "103", "104"}},
		{"2024-huaianshi.toml", "信息处理费3940元", "信息处理费3950元", found{"info_fees.collected", "3940元", "3950元"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.to, func(t *testing.T) {
			fx, s := loadFixture(t, tt.file)
			texts := excerpts(fx)
			changed := false
			for i := range texts {
				if strings.Contains(texts[i].Text, tt.from) {
					texts[i].Text = strings.Replace(texts[i].Text, tt.from, tt.to, 1)
					changed = true
				}
			}
			require.True(t, changed, "the published text has %q", tt.from)
			assert.Equal(t, []found{tt.want}, summary(textcheck.Check(texts, s, locate)))
		})
	}
}
