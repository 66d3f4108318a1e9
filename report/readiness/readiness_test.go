package readiness

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 15, 4, 0, 0, time.Local) }

func input(t *testing.T, today time.Time, recs map[int]ledger.Record) Input {
	p, err := plan.Load("../../data/2022-工作要点.toml")
	require.NoError(t, err)
	if recs == nil {
		recs = map[int]ledger.Record{}
		for _, task := range p.Tasks {
			recs[task.ID] = ledger.Record{ID: task.ID, Status: ledger.Done, Result: "已完成。"}
		}
	}
	return Input{
		Org: "测试机关", Year: 2022, Today: today, DateKey: "report_date",
		Deadlines:  []Due{{Name: "政府信息公开工作年度报告公布期限", Label: "公布期限", Date: time.Date(2023, 1, 31, 0, 0, 0, 0, time.Local), Key: "deadline", Basis: "条例第四十九条，R17"}},
		ReportDate: time.Date(2023, 1, 15, 0, 0, 0, 0, time.Local),
		Plan:       p, PlanFile: "工作要点.toml", LedgerFile: "任务台账.xlsx",
		Ledger: &ledger.Result{Ledger: &ledger.Ledger{Records: recs}},
		Stats:  StatsState{File: "统计表.xlsx"},
		// The 年报's tasks: the sample plan also holds 法治-only ones.
		Keep: func(t plan.Task) bool { return t.Section != "" },
	}
}

func TestDeadlines(t *testing.T) {
	tests := []struct {
		today         time.Time
		left, lawLeft int
	}{
		{day(2023, 1, 20), 11, 40},
		{day(2023, 1, 31), 0, 29},
		{day(2023, 2, 2), -2, 27},
		{day(2022, 12, 1), 61, 90},
	}
	for _, tt := range tests {
		s := Compute(input(t, tt.today, nil))
		require.Len(t, s.Deadlines, 2)
		assert.Equal(t, "2023-01-31", s.Deadlines[0].Date)
		assert.Equal(t, tt.left, s.Deadlines[0].DaysLeft, tt.today)
		assert.Equal(t, "2023-03-01", s.Deadlines[1].Date)
		assert.Equal(t, tt.lawLeft, s.Deadlines[1].DaysLeft, tt.today)
		assert.Equal(t, 30, s.Deadlines[1].TaskID)
		assert.True(t, s.Ready, "%v", s.Blockers)
		assert.Empty(t, s.Overdue)
	}
}

func TestTasksByStatusDeptAndOverdue(t *testing.T) {
	in := input(t, day(2023, 1, 20), nil)
	recs := in.Ledger.Ledger.Records
	recs[18] = ledger.Record{ID: 18, Status: ledger.InProgress}
	recs[24] = ledger.Record{ID: 24, Status: ledger.NotApply}
	recs[7] = ledger.Record{ID: 7, Status: ledger.Done} // no result
	delete(recs, 29)
	delete(recs, 30)
	s := Compute(in)
	assert.Equal(t, []Count{{"已完成", 26}, {"推进中", 1}, {"未启动", 0}, {"不适用", 1}, {"未填写", 2}}, s.ByStatus)
	require.NotEmpty(t, s.ByDept)
	assert.Equal(t, "办公室", s.ByDept[0].Name)
	assert.Equal(t, 30, s.ByDept[0].Total)
	assert.Equal(t, "计划财务科", s.ByDept[1].Name)
	assert.Equal(t, 7, s.ByDept[1].Total, "tasks of 各科室")
	require.Len(t, s.Overdue, 1)
	assert.Equal(t, Overdue{ID: 18, Detail: in.Plan.Tasks[17].Detail, Lead: []string{"办公室"}, Due: "2022-12-31", Status: "推进中", DaysOver: 20}, s.Overdue[0])
	assert.False(t, s.Ready)
	assert.Equal(t, []string{
		"2 项任务尚未填写完成状态（第 29、30 项）：请在任务台账中选择",
		"1 项已完成的任务没有填写完成情况（第 7 项）：年度报告需要写明做了什么",
	}, Texts(s.Blockers))
}

func TestStatsAndInputsBlock(t *testing.T) {
	in := input(t, day(2023, 1, 20), nil)
	in.Stats.Errors = 2
	j6 := diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}
	in.Stats.ErrorList = []Item{
		{Rule: "R1", Pos: j6, Related: []diag.Pos{{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6", End: "I6"}}, Text: "…"},
		{Rule: "ID", Pos: diag.Pos{File: "统计表.xlsx", Sheet: "主动公开", Cell: "A2"}, Text: "…"},
	}
	s := Compute(in)
	assert.Equal(t, []string{"统计表有 2 个错误：运行 nianbao check 查看全部\nR1 统计表.xlsx › 申请情况!J6：…\nID 统计表.xlsx › 主动公开!A2：…"}, Texts(s.Blockers))
	require.Len(t, s.Blockers[0].Detail, 2)
	assert.Equal(t, in.Stats.ErrorList[0], s.Blockers[0].Detail[0], "the errors keep their cells")
	in.Stats.Errors, in.Stats.ErrorList = 0, nil

	in.Stats.ReadErrors = []diag.Message{{Pos: diag.Pos{File: "统计表.xlsx"}, Text: "找不到文件"}}
	in.Ledger, in.LedgerErr = nil, errors.New("任务台账.xlsx：不是 Excel 工作簿")
	s = Compute(in)
	assert.Equal(t, []string{"任务台账无法读取：任务台账.xlsx：不是 Excel 工作簿", "统计表无法读取：统计表.xlsx：找不到文件"}, Texts(s.Blockers))
	assert.Empty(t, s.Blockers[0].Pos, "a plain error has no place")
	assert.Equal(t, []diag.Pos{{File: "统计表.xlsx"}}, s.Blockers[1].Pos)

	in.Plan, in.PlanErr = nil, diag.Errorf(diag.Pos{File: "工作要点.toml", Line: 3}, "格式错误")
	s = Compute(in)
	assert.Equal(t, "工作要点计划无法读取：工作要点.toml 第 3 行：格式错误", s.Blockers[0].String())
	assert.Equal(t, []diag.Pos{{File: "工作要点.toml", Line: 3}}, s.Blockers[0].Pos)
	assert.Len(t, s.Deadlines, 1)
}

func TestIDList(t *testing.T) {
	assert.Equal(t, "1—3、5、7、8、10—30", idList(append([]int{1, 2, 3, 5, 7, 8}, seq(10, 30)...)))
	assert.Equal(t, "", idList(nil))
}

func seq(a, b int) []int {
	var out []int
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}

func TestReportDate(t *testing.T) {
	tests := []struct {
		name  string
		date  time.Time
		block string
	}{
		{"before the deadline", time.Date(2023, 1, 15, 0, 0, 0, 0, time.Local), ""},
		{"on the deadline", time.Date(2023, 1, 31, 0, 0, 0, 0, time.Local), ""},
		{"after the deadline", time.Date(2023, 2, 1, 0, 0, 0, 0, time.Local), "成文日期 2023-02-01 晚于公布期限 2023-01-31"},
		{"unset", time.Time{}, "没有设置 report_date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(t, day(2023, 1, 20), nil)
			in.ReportDate = tt.date
			s := Compute(in)
			if tt.block == "" {
				assert.Empty(t, s.Blockers)
				return
			}
			require.Len(t, s.Blockers, 1)
			assert.Contains(t, s.Blockers[0].String(), tt.block)
		})
	}
}

// Without a plan (plan = ""), nothing about tasks blocks; an empty plan is
// a note, not a blocker.
func TestNoPlan(t *testing.T) {
	in := input(t, day(2023, 1, 20), nil)
	in.Plan, in.Ledger = nil, nil
	s := Compute(in)
	assert.True(t, s.Ready, "%v", s.Blockers)

	in = input(t, day(2023, 1, 20), nil)
	in.Plan = &plan.Plan{Year: 2022}
	s = Compute(in)
	assert.True(t, s.Ready, "%v", s.Blockers)
	require.Len(t, s.Notes, 1)
	assert.Contains(t, s.Notes[0].Text, "工作要点计划中还没有任务")
}

// A report counts only its own tasks, and one of several reports leaves the
// plan's reminder of the 法治 report to that report's own summary.
func TestKeepAndOwnDeadlines(t *testing.T) {
	in := input(t, day(2023, 1, 20), nil)
	in.Keep = func(t plan.Task) bool { return t.LawSection != "" }
	delete(in.Ledger.Ledger.Records, 104)
	in.Report, in.DateKey = "法治政府建设情况报告", "[law] 的 report_date"
	in.Deadlines = []Due{{Name: "法治政府建设情况报告报送期限", Label: "报送期限", Date: day(2023, 3, 1), Key: "[law] 的 deadline", Basis: "厅字〔2019〕28号"}}
	in.OwnDeadlines = true
	in.ReportDate = day(2023, 3, 2)
	s := Compute(in)
	assert.Equal(t, 5, s.Tasks, "task 9 and the four 法治 tasks")
	require.Len(t, s.Deadlines, 1, "no reminder from the plan")
	require.Len(t, s.Blockers, 2)
	assert.Equal(t, "成文日期 2023-03-02 晚于报送期限 2023-03-01（厅字〔2019〕28号）：请在 nianbao.toml 中把 [law] 的 report_date 改为期限之前的日期；确已逾期的，请按本单位规定报批后在 [law] 的 deadline 中写明实际期限", s.Blockers[0].String())
	assert.Contains(t, s.Blockers[1].String(), "1 项任务尚未填写完成状态（第 104 项）")

	in.ReportDate = time.Time{}
	s = Compute(in)
	assert.Equal(t, "nianbao.toml 中没有设置 [law] 的 report_date（成文日期，即报告落款日期），例如 report_date = 2023-02-13", s.Blockers[0].String())
}

func TestItemString(t *testing.T) {
	j6 := diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}
	tests := []struct {
		name string
		item Item
		want string
	}{
		{"rule, cell and text", Item{Rule: "R1", Pos: j6, Text: "总计不对"}, "R1 统计表.xlsx › 申请情况!J6：总计不对"},
		{"range", Item{Rule: "R10", Pos: diag.Pos{File: "统计表.xlsx", Sheet: "主动公开", Cell: "B5", End: "D5"}, Text: "t"}, "R10 统计表.xlsx › 主动公开!B5:D5：t"},
		{"file only", Item{Rule: "ID", Pos: diag.Pos{File: "统计表.xlsx"}, Text: "t"}, "ID 统计表.xlsx：t"},
		{"file and line", Item{Rule: "R12", Pos: diag.Pos{File: "nianbao.toml", Line: 42, What: "[narrative] requests"}, Text: "t"}, "R12 nianbao.toml 第 42 行 [narrative] requests：t"},
		{"no place", Item{Rule: "R1", Text: "t"}, "R1 t"},
		{"text only", Item{Text: "另有 3 个错误"}, "另有 3 个错误"},
		{"related cells are not printed", Item{Rule: "R1", Pos: j6, Related: []diag.Pos{j6}, Text: "t"}, "R1 统计表.xlsx › 申请情况!J6：t"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.item.String(), tt.name)
	}
}

// Past ten errors the blocker sums up the rest on one more line.
func TestStatsBlockerShowsTen(t *testing.T) {
	in := input(t, day(2023, 1, 20), nil)
	for i := range 12 {
		in.Stats.ErrorList = append(in.Stats.ErrorList, Item{Rule: "R6", Pos: diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: fmt.Sprintf("D%d", 6+i)}, Text: "负数"})
	}
	in.Stats.Errors = len(in.Stats.ErrorList)
	s := Compute(in)
	require.Len(t, s.Blockers, 1)
	b := s.Blockers[0]
	require.Len(t, b.Detail, 11)
	assert.Equal(t, in.Stats.ErrorList[:10], b.Detail[:10])
	assert.Equal(t, Item{Text: "另有 2 个错误，见 nianbao check"}, b.Detail[10])
	lines := strings.Split(b.String(), "\n")
	require.Len(t, lines, 12)
	assert.Equal(t, "统计表有 12 个错误：运行 nianbao check 查看全部", lines[0])
	assert.Equal(t, "R6 统计表.xlsx › 申请情况!D6：负数", lines[1])
	assert.Equal(t, "另有 2 个错误，见 nianbao check", lines[11])
}

// In JSON, blockers and error_list stay the lines status prints; the
// errors' places come in parts as error_details.
func TestSummaryJSON(t *testing.T) {
	in := input(t, day(2023, 1, 20), nil)
	in.Stats.Errors = 1
	in.Stats.ErrorList = []Item{{Rule: "R1", Pos: diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"},
		Related: []diag.Pos{{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6", End: "I6"}}, Text: "<总计> & 合计"}}
	s := Compute(in)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(s))
	assert.Contains(t, b.String(), `"error_list":["R1 统计表.xlsx › 申请情况!J6：<总计> & 合计"]`, "not escaped, as nianbao writes JSON")
	var got struct {
		Stats struct {
			ErrorList []string `json:"error_list"`
			Details   []struct {
				Rule    string
				Pos     diag.Pos
				Related []diag.Pos
				Message string
			} `json:"error_details"`
		}
		Blockers []string
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	assert.Equal(t, []string{"统计表有 1 个错误：运行 nianbao check 查看全部\nR1 统计表.xlsx › 申请情况!J6：<总计> & 合计"}, got.Blockers)
	assert.Equal(t, []string{"R1 统计表.xlsx › 申请情况!J6：<总计> & 合计"}, got.Stats.ErrorList)
	require.Len(t, got.Stats.Details, 1)
	d := got.Stats.Details[0]
	assert.Equal(t, "R1", d.Rule)
	assert.Equal(t, diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}, d.Pos)
	assert.Equal(t, []diag.Pos{{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6", End: "I6"}}, d.Related)
	assert.Equal(t, "<总计> & 合计", d.Message)

	// No errors: neither key.
	b.Reset()
	require.NoError(t, json.NewEncoder(&b).Encode(StatsState{File: "统计表.xlsx"}))
	assert.Equal(t, `{"file":"统计表.xlsx","errors":0,"warnings":0,"blank_cells":0}`+"\n", b.String())
}
