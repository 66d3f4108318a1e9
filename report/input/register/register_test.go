package register

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

const year = 2022

func header() []string { return append([]string(nil), AppHeads[:]...) }

func caseHeader() []string { return append([]string(nil), CaseHeads[:]...) }

// sheet is a register sheet as rows: a title, a note, the header, the rows.
func sheet(head []string, rows ...[]string) [][]string {
	return append([][]string{{"某某局2022年政府信息公开申请登记台账"}, {"填写说明"}, head}, rows...)
}

// generated makes n applications at random, with their sheet rows.
func generated(n int, seed uint64) [][]string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var rows [][]string
	for i := 1; i <= n; i++ {
		recv := Date{year, 1 + rng.IntN(12), 1 + rng.IntN(28)}
		if rng.IntN(10) == 0 {
			recv.Y = year - 1
			recv.M = 12
		}
		status, out, ans := StatusDone, Outcomes[rng.IntN(len(Outcomes))], recv
		ans.D = min(28, ans.D+rng.IntN(5))
		if recv.Y < year {
			ans = Date{year, 1, 1 + rng.IntN(20)}
		}
		answered := ans.String()
		if rng.IntN(12) == 0 && recv.Y == year {
			status, out, answered = StatusCarried, "", ""
		}
		// Half the dates as Excel day numbers, as a date cell reads.
		received := recv.String()
		if i%2 == 0 {
			received = strconv.Itoa(recv.Serial())
		}
		rows = append(rows, []string{strconv.Itoa(i), received, Applicants[rng.IntN(len(Applicants))], "申请公开某事项", out, answered, status, ""})
	}
	return rows
}

// independentCount counts 表三 from the rows' text by the labels of the
// official table, without the register's model.
func independentCount(rows [][]string) map[string]int64 {
	out := map[string]int64{}
	for _, r := range rows {
		kind := r[2]
		col := ""
		for c, rc := range stats.RequestCols {
			if rc.Label == kind {
				col = stats.RequestCols[c].Key
			}
		}
		recvYear := ""
		if d, ok := parseDate(r[1]); ok {
			recvYear = strconv.Itoa(d.Y)
		}
		first := "r01"
		if recvYear != strconv.Itoa(year) {
			first = "r02"
		}
		out[first+"."+col]++
		out[first+".G"]++
		last := "r25"
		if r[6] != StatusCarried {
			for _, rr := range stats.RequestRows {
				if rr.FullLabel() == r[4] {
					last = rr.Key
				}
			}
			out["r24."+col]++
			out["r24.G"]++
		}
		out[last+"."+col]++
		out[last+".G"]++
	}
	return out
}

func TestCountGeneratedEqualsIndependentCount(t *testing.T) {
	rows := generated(5000, 1)
	reg, err := Parse("统计表.xlsx", year, Layout{}, sheet(header(), rows...), nil)
	require.NoError(t, err)
	require.Len(t, reg.Applications, 5000)
	want := independentCount(rows)
	var s stats.Stats
	reg.Count(&s)
	nonzero := 0
	for _, f := range s.Fields() {
		if f.Table != "表三" {
			continue
		}
		assert.Equal(t, want[f.Key], *f.Int, f.Key+" "+f.Label)
		if *f.Int > 0 {
			nonzero++
		}
	}
	assert.Greater(t, nonzero, 100, "the generated register fills most cells")
	// The table's own identity holds for the count.
	for c := range stats.RequestCols {
		assert.Equal(t, s.Requests[stats.RowNew][c]+s.Requests[stats.RowCarriedIn][c], s.Requests[stats.RowTotal][c]+s.Requests[stats.RowCarriedOut][c])
	}
	assert.Empty(t, reg.Compare(&s))
}

func TestCountCases(t *testing.T) {
	rows := sheet(caseHeader(),
		[]string{"1", "行政复议", "2022-02-01", "维持", "2022-04-01", ""},
		[]string{"2", "行政复议", "2022-03-01", "结果纠正", "2022-05-01", ""},
		[]string{"3", "未经复议直接起诉", "2022-03-01", "尚未审结", "", ""},
		[]string{"4", "行政诉讼·复议后起诉", "2021-11-01", "其他", "2022-01-09", ""},
		[]string{"5", "复议后起诉", "2022-06-01", "其他结果", "2022-08-01", ""},
	)
	reg, err := Parse("统计表.xlsx", year, Layout{}, sheet(header()), rows)
	require.NoError(t, err)
	a := reg.Appeals()
	assert.Equal(t, int64(1), a[stats.AppealCol(stats.AppealReview, stats.ResultUpheld)])
	assert.Equal(t, int64(1), a[stats.AppealCol(stats.AppealReview, stats.ResultCorrected)])
	assert.Equal(t, int64(2), a[stats.AppealCol(stats.AppealReview, stats.ResultTotal)])
	assert.Equal(t, int64(1), a[stats.AppealCol(stats.AppealSuitDirect, stats.ResultPending)])
	assert.Equal(t, int64(2), a[stats.AppealCol(stats.AppealSuitAfter, stats.ResultOther)])
	assert.Equal(t, int64(2), a[stats.AppealCol(stats.AppealSuitAfter, stats.ResultTotal)])
}

// Carry-over: received last year and answered this year is 二、上年结转 and
// its outcome; unanswered at the year's end is 四、结转下年度.
func TestCarryOver(t *testing.T) {
	rows := sheet(header(),
		[]string{"1", "2021-12-28", "自然人", "", "（一）予以公开", "2022-01-10", "已办结", ""},
		[]string{"2", "2022-12-20", "商业企业", "", "", "", "结转下年度", ""},
		[]string{"3", "2022-12-21", "商业企业", "", "", "2023-01-05", "结转下年度", "次年答复"},
		[]string{"4", "2022-03-01", "科研机构", "", "（二）部分公开", "2022-03-10", "", ""},
	)
	reg, err := Parse("统计表.xlsx", year, Layout{}, rows, nil)
	require.NoError(t, err)
	q := reg.Requests()
	assert.Equal(t, int64(1), q[stats.RowCarriedIn][stats.ColNatural])
	assert.Equal(t, int64(3), q[stats.RowNew][stats.ColTotal])
	assert.Equal(t, int64(1), q[stats.RowGranted][stats.ColNatural])
	assert.Equal(t, int64(1), q[stats.RowPartial][2])
	assert.Equal(t, int64(2), q[stats.RowCarriedOut][stats.ColLegalFirst])
	assert.Equal(t, int64(2), q[stats.RowTotal][stats.ColTotal])

	var prev [stats.NumRequestCols]int64
	prev[stats.ColNatural] = 1
	at := func(c int) diag.Pos {
		return diag.Pos{File: "2021-统计表.xlsx", Sheet: "申请情况", Cell: fmt.Sprintf("%c30", 'D'+c)}
	}
	assert.Empty(t, reg.CarriedIn(prev, at))
	prev[stats.ColNatural], prev[stats.ColLegalFirst] = 2, 1
	ms := reg.CarriedIn(prev, at)
	require.Len(t, ms, 2)
	assert.Contains(t, ms[0].String(), "统计表.xlsx › 申请登记 B列：台账中 2021 年收到的自然人申请有 1 件")
	assert.Contains(t, ms[0].String(), "2021-统计表.xlsx › 申请情况!D30")
}

// Every bad input is reported at its cell, all of them at once.
func TestBadInputsAtTheirCells(t *testing.T) {
	rows := sheet(header(),
		/* 4 */ []string{"1", "2022-01-05", "公民", "", "（一）予以公开", "2022-01-06", "已办结", ""},
		/* 5 */ []string{"2", "2022-01-05", "", "", "（一）予以公开", "2022-01-06", "", ""},
		/* 6 */ []string{"3", "2022-01-05", "自然人", "", "予以公开", "2022-01-06", "", ""},
		/* 7 */ []string{"4", "2022-01-05", "自然人", "", "", "", "", ""},
		/* 8 */ []string{"4", "2022-01-05", "自然人", "", "（一）予以公开", "2022-01-06", "", ""},
		/* 9 */ []string{"6", "2023-01-05", "自然人", "", "（一）予以公开", "2023-01-06", "", ""},
		/* 10 */ []string{"7", "2022-03-05", "自然人", "", "（一）予以公开", "2022-03-01", "", ""},
		/* 11 */ []string{"8", "2022-03-05", "自然人", "", "（二）部分公开；（三）不予公开 1.属于国家秘密", "2022-03-09", "", ""},
		/* 12 */ []string{"9", "2020-12-05", "自然人", "", "（一）予以公开", "2022-03-01", "", ""},
		/* 13 */ []string{"10", "2021-12-05", "自然人", "", "（一）予以公开", "2021-12-09", "", ""},
		/* 14 */ []string{"11", "2022-02-30", "自然人", "", "（一）予以公开", "", "", ""},
		/* 15 */ []string{"12", "2022-12-30", "自然人", "", "（一）予以公开", "2023-01-03", "已办结", ""},
		/* 16 */ []string{"13", "2022-12-01", "自然人", "", "（一）予以公开", "", "结转下年度", ""},
		/* 17 */ []string{"14", "2022-12-01", "自然人", "", "", "2022-12-05", "结转下年度", ""},
		/* 18 */ []string{"15", "2022-12-01", "自然人", "", "（三）不予公开 9.其他", "", "", ""},
		/* 19 */ []string{"", "2022-12-01", "自然人", "", "（七）总计", "2022-12-02", "", ""},
		/* 20 */ []string{"17", "2022-12-01", "自然人", "", "（一）予以公开", "2022-12-02", "办完了", ""},
		/* 21 */ []string{"18", "", "自然人", "", "（一）予以公开", "2022-12-02", "", ""},
		/* 22 */ []string{}, []string{"99"}, []string{"", "", "", "", "", "", "", ""},
	)
	cases := sheet(caseHeader(),
		/* 4 */ []string{"1", "复议", "2022-02-01", "维持", "2022-04-01", ""},
		/* 5 */ []string{"2", "行政复议", "2022-02-01", "撤销", "2022-04-01", ""},
		/* 6 */ []string{"3", "行政复议", "2022-05-01", "维持", "2022-04-01", ""},
		/* 7 */ []string{"4", "行政复议", "2022-05-01", "尚未审结", "2022-06-01", ""},
		/* 8 */ []string{"4", "行政复议", "2022-05-01", "维持", "2023-06-01", ""},
		/* 9 */ []string{"6", "行政复议", "2023-05-01", "尚未审结", "", ""},
	)
	_, err := Parse("统计表.xlsx", year, Layout{}, rows, cases)
	require.Error(t, err)
	var es diag.Errors
	require.ErrorAs(t, err, &es)
	got := map[string]string{}
	for _, m := range es {
		assert.Equal(t, diag.Error, m.Severity)
		key := m.Pos.Sheet + "!" + m.Pos.Cell
		got[key] += m.Text + "\n"
	}
	want := map[string]string{
		"申请登记!C4":   "申请人类型“公民”不是规定的类别",
		"申请登记!C5":   "申请人类型为空。请从下拉列表选择：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他",
		"申请登记!E6":   "办理结果“予以公开”不是规定的类别。是否应为“（一）予以公开”？",
		"申请登记!E7":   "办理结果为空",
		"申请登记!A8":   "序号“4”与第 7 行重复",
		"申请登记!B9":   "收到日期 2023-01-05 晚于报告年度 2022 年",
		"申请登记!F10":  "答复日期 2022-03-01 早于收到日期 2022-03-05",
		"申请登记!E11":  "一件申请只计一种办理结果",
		"申请登记!B12":  "收到日期 2020-12-05 早于上一年度",
		"申请登记!F13":  "2021 年收到并于 2021-12-09 答复的申请属于 2021 年度",
		"申请登记!B14":  "收到日期“2022-02-30”不是日期",
		"申请登记!F15":  "答复日期 2023-01-03 晚于报告年度 2022 年",
		"申请登记!E16":  "办理状态为“结转下年度”的申请尚未办结，不计办理结果",
		"申请登记!G17":  "办理状态为“结转下年度”，但答复日期 2022-12-05 在报告年度内",
		"申请登记!E18":  "办理结果“（三）不予公开 9.其他”不是规定的类别。是否应为“（三）不予公开",
		"申请登记!A19":  "序号为空",
		"申请登记!E19":  "办理结果“（七）总计”不是规定的类别",
		"申请登记!G20":  "办理状态“办完了”不是规定的类别",
		"申请登记!B21":  "收到日期为空",
		"复议诉讼登记!B4": "案件类型“复议”不是规定的类别。是否应为“行政复议”？",
		"复议诉讼登记!D5": "结果“撤销”不是规定的类别",
		"复议诉讼登记!E6": "审结日期 2022-04-01 早于收到日期 2022-05-01",
		"复议诉讼登记!E7": "结果为“尚未审结”，但填了审结日期",
		"复议诉讼登记!A8": "序号“4”与第 7 行重复",
		"复议诉讼登记!E8": "审结日期 2023-06-01 不在报告年度 2022 年内",
		"复议诉讼登记!C9": "收到日期 2023-05-01 晚于报告年度 2022 年",
	}
	for k, w := range want {
		assert.Contains(t, got[k], w, k)
	}
	for k := range got {
		_, ok := want[k]
		assert.True(t, ok, "unexpected message at %s: %s", k, got[k])
	}
	// Every message names the file, sheet and cell.
	for _, m := range es {
		assert.True(t, strings.HasPrefix(m.String(), "统计表.xlsx › "), m.String())
	}
}

func TestRowsAfterTheLastIgnored(t *testing.T) {
	rows := sheet(header(), []string{"1", "2022-01-05", "自然人", "", "（一）予以公开", "2022-01-06", "", ""})
	for i := 2; i < 500; i++ {
		rows = append(rows, []string{strconv.Itoa(i), "", "", "", "", "", "", ""})
	}
	reg, err := Parse("统计表.xlsx", year, Layout{}, rows, nil)
	require.NoError(t, err)
	assert.Len(t, reg.Applications, 1)
}

func TestMissingHeader(t *testing.T) {
	_, err := Parse("x.xlsx", year, Layout{}, [][]string{{"序号", "日期"}}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.xlsx › 申请登记：找不到表头（含“收到日期”“申请人类型”“办理结果”的一行）")
}

// An export of the province's system: other headers, other words.
func TestMappedForeignExport(t *testing.T) {
	lay := Layout{
		AppSheet:  "导出数据",
		CaseSheet: "-",
		AppCols: map[Field]string{
			FSeq: "申请编号", FReceived: "登记时间", FApplicant: "申请人身份", FOutcome: "答复类型",
			FAnswered: "H", FStatus: "当前状态", FContent: "所需信息内容描述", FNote: "-",
		},
		AppValues: map[Field]map[string]string{
			FApplicant: {"公民": "自然人", "企业": "商业企业", "律师事务所": "法律服务机构"},
			FOutcome:   {"同意公开": "（一）予以公开", "部分同意公开": "（二）部分公开", "信息不存在": "（四）无法提供 1.本机关不掌握相关政府信息"},
			FStatus:    {"办结": "已办结", "处理中": "结转下年度"},
		},
	}
	rows := [][]string{
		{"申请编号", "申请人姓名", "申请人身份", "登记时间", "所需信息内容描述", "答复类型", "当前状态", "答复时间"},
		{"YSQ2022-001", "张三", "公民", "2022/3/1 09:30:00", "某文件", "同意公开", "办结", "2022/3/8"},
		{"YSQ2022-002", "某公司", "企业", "2022年5月6日", "某批复", "部分同意公开", "办结", "2022年5月20日"},
		{"YSQ2022-003", "李四", "律师事务所", "2022.12.29", "某记录", "", "处理中", ""},
		{"YSQ2022-004", "王五", "公 民", "20220701", "某记录", "信息不存在", "办结", "44760"},
	}
	reg, err := Parse("省平台导出.xlsx", year, lay, rows, nil)
	require.NoError(t, err)
	q := reg.Requests()
	assert.Equal(t, int64(2), q[stats.RowNew][stats.ColNatural])
	assert.Equal(t, int64(1), q[stats.RowGranted][stats.ColNatural])
	assert.Equal(t, int64(1), q[stats.RowUnableFirst][stats.ColNatural])
	assert.Equal(t, int64(1), q[stats.RowPartial][stats.ColLegalFirst])
	assert.Equal(t, int64(1), q[stats.RowCarriedOut][4])
	assert.Equal(t, Date{2022, 7, 18}, reg.Applications[3].Answered)

	// An unmapped value is an error at its cell listing the official choices.
	rows = append(rows, []string{"YSQ2022-005", "赵六", "个体工商户", "2022-08-01", "x", "同意公开", "办结", "2022-08-02"})
	_, err = Parse("省平台导出.xlsx", year, lay, rows, nil)
	require.Error(t, err)
	assert.Equal(t, "省平台导出.xlsx › 导出数据!C6：申请人类型“个体工商户”不是规定的类别。可选：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他，或在 nianbao.toml 的 [register] 中为它指定对应的类别", err.Error())
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Date{
		"2022-03-01": {2022, 3, 1}, "2022/3/1": {2022, 3, 1}, "2022.3.1": {2022, 3, 1},
		"2022年3月1日": {2022, 3, 1}, "20220301": {2022, 3, 1}, "44621": {2022, 3, 1},
		"44621.75": {2022, 3, 1}, "２０２２-０３-０１": {2022, 3, 1}, "2022-03-01 10:00": {2022, 3, 1},
		"": {},
	} {
		got, ok := parseDate(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"2022-02-29", "3月1日", "22-3-1", "abc", "1e5", "-5", "2022-13-01", "99999999"} {
		_, ok := parseDate(in)
		assert.False(t, ok, in)
	}
	d := Date{2022, 3, 1}
	assert.Equal(t, 44621, d.Serial())
}

func TestChoicesAreTheOfficialLabels(t *testing.T) {
	assert.Len(t, Outcomes, 21)
	assert.Equal(t, "（一）予以公开", Outcomes[0])
	assert.Equal(t, "（六）其他处理 3.其他", Outcomes[len(Outcomes)-1])
	assert.Equal(t, []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}, Applicants)
	assert.Equal(t, []string{"行政复议", "未经复议直接起诉", "复议后起诉"}, Kinds)
	for i, o := range Outcomes {
		assert.Equal(t, i, outcomeMatch.match(o))
	}
	assert.Equal(t, stats.RowPartial-stats.RowFirstOut, outcomeMatch.match("（二）部分公开"))
	assert.Equal(t, stats.RowPartial-stats.RowFirstOut, outcomeMatch.match("(二)部分公开"))
}
