// Package readiness answers the office's January question "are we ready?":
// days left to the deadlines, how far the year's tasks got, the state of the
// statistics, and what still blocks a final report.
package readiness

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/textclean"
)

// StatsState is what is known of the statistics workbook.
type StatsState struct {
	File       string         `json:"file"`
	ReadErrors []diag.Message `json:"read_errors,omitempty"` // could not be read (or is missing)
	Errors     int            `json:"errors"`
	Warnings   int            `json:"warnings"`
	Blank      int            `json:"blank_cells"`
	ErrorList  []Item         `json:"error_list,omitempty"` // each error with its place
	Skipped    []string       `json:"skipped_rules,omitempty"`
}

// MarshalJSON keeps error_list a list of the lines status prints and adds
// the same errors in parts as error_details.
func (s StatsState) MarshalJSON() ([]byte, error) {
	type plain StatsState // without this method
	details := make([]itemJSON, len(s.ErrorList))
	for i, it := range s.ErrorList {
		details[i] = itemJSON(it)
	}
	return diag.MarshalJSON(struct {
		plain
		Details []itemJSON `json:"error_details,omitempty"`
	}{plain(s), details})
}

// Item is one positioned line: an error of the statistics, or a line
// under a blocker. It prints as "R1 统计表.xlsx › 申请情况!J6：…".
type Item struct {
	Rule    string     `json:"rule,omitempty"`
	Pos     diag.Pos   `json:"pos"`               // the cell found wrong
	Related []diag.Pos `json:"related,omitempty"` // the cells it is computed from
	Text    string     `json:"message"`
}

func (it Item) String() string {
	var b strings.Builder
	if it.Rule != "" {
		b.WriteString(it.Rule + " ")
	}
	if p := it.Pos.String(); p != "" {
		b.WriteString(p + "：")
	}
	b.WriteString(it.Text)
	return b.String()
}

// itemJSON is an Item in parts, for error_details.
type itemJSON Item

// MarshalJSON gives the line as status prints it (error_list); see
// StatsState.MarshalJSON for the parts.
func (it Item) MarshalJSON() ([]byte, error) { return diag.MarshalJSON(it.String()) }

// Blocker is one thing that stops a final report: a sentence, the place
// it concerns (the first problem of an input that cannot be read), and
// lines that say where (the statistics' errors, each with its cells).
type Blocker struct {
	Text   string
	Pos    []diag.Pos
	Detail []Item
}

// String is the blocker as status and build print it: the sentence, then
// each line of detail on a line of its own.
func (b Blocker) String() string {
	if len(b.Detail) == 0 {
		return b.Text
	}
	lines := make([]string, 0, 1+len(b.Detail))
	lines = append(lines, b.Text)
	for _, it := range b.Detail {
		lines = append(lines, it.String())
	}
	return strings.Join(lines, "\n")
}

// MarshalJSON keeps blockers a list of strings in status --json.
func (b Blocker) MarshalJSON() ([]byte, error) { return diag.MarshalJSON(b.String()) }

// Texts are the blockers as printed, for outputs that list them as text.
func Texts(bs []Blocker) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.String()
	}
	return out
}

// blocker is a blocker of one sentence.
func blocker(format string, args ...any) Blocker {
	return Blocker{Text: fmt.Sprintf(format, args...)}
}

// unreadable is the blocker of an input that failed to load, at the place
// of its first problem.
func unreadable(what string, err error) Blocker {
	b := blocker("%s无法读取：%v", what, firstLine(err))
	var de diag.Errors
	if errors.As(err, &de) && len(de) > 0 && !de[0].Pos.IsZero() {
		b.Pos = []diag.Pos{de[0].Pos}
	}
	return b
}

// Input is everything status looks at. A nil Plan or Ledger comes with the
// error that prevented loading it.
type Input struct {
	Org   string
	Year  int
	Today time.Time

	// Report is the report's name; Deadlines its dates, the first the one
	// its 成文日期 must meet.
	Report    string
	Deadlines []Due
	// ReportDate is the report's 成文日期, set by DateKey in nianbao.toml;
	// a formal report dated after its deadline would state its own
	// lateness (R17).
	ReportDate time.Time
	DateKey    string
	// Keep selects the plan tasks the report draws on; nil for all.
	Keep func(plan.Task) bool
	// OwnDeadlines says the folder makes several reports, each with its
	// own summary: the plan's reminder of the 法治 report is then not
	// needed.
	OwnDeadlines bool

	Plan       *plan.Plan
	PlanFile   string
	PlanErr    error
	Ledger     *ledger.Result
	LedgerFile string
	LedgerErr  error
	Stats      StatsState
	// Gaps are contents the report templates found missing (（待补充）).
	Gaps []string
	// Aggregate blocks a formal report of a roll-up: the aggregate is not
	// what a passed nianbao rollup made of the folder as it is now, or
	// its scope is not stated (the pipeline decides).
	Aggregate []Blocker
}

// Due is a deadline of the report, as configured.
type Due struct {
	Name  string // 政府信息公开工作年度报告公布期限
	Label string // 公布期限
	Date  time.Time
	Key   string // the nianbao.toml key that sets it
	Basis string // 条例第四十九条，R17
}

// Deadline is one date the office must meet.
type Deadline struct {
	Name     string `json:"name"`
	Date     string `json:"date"`      // 2023-01-31
	DaysLeft int    `json:"days_left"` // negative when past
	TaskID   int    `json:"task_id,omitempty"`
}

// Count is a number of tasks in one status.
type Count struct {
	Status string `json:"status"`
	N      int    `json:"n"`
}

// Dept is the tasks a department leads, by status.
type Dept struct {
	Name     string  `json:"name"`
	Total    int     `json:"total"`
	ByStatus []Count `json:"by_status"`
}

// Overdue is a task past its 完成时限 and not finished.
type Overdue struct {
	ID       int      `json:"id"`
	Detail   string   `json:"detail"`
	Lead     []string `json:"lead"`
	Due      string   `json:"due"`
	Status   string   `json:"status"`
	DaysOver int      `json:"days_over"`
}

// Summary is the answer.
type Summary struct {
	Org       string         `json:"org"`
	Year      int            `json:"year"`
	Today     string         `json:"today"`
	Deadlines []Deadline     `json:"deadlines"`
	Tasks     int            `json:"tasks"`
	ByStatus  []Count        `json:"by_status"`
	ByDept    []Dept         `json:"by_department"`
	Overdue   []Overdue      `json:"overdue"`
	Stats     StatsState     `json:"stats"`
	Notes     []diag.Message `json:"notes"` // warnings of the plan and ledger
	Blockers  []Blocker      `json:"blockers"`
	Ready     bool           `json:"ready"`
}

// statusOrder is how statuses are listed; Unset last.
var statusOrder = append(append([]ledger.Status{}, ledger.Statuses...), ledger.Unset)

// days counts calendar days from a to b, whatever the clock time and zone.
func days(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}

// LawReportMarker identifies the plan task of the 法治政府建设情况年度报告.
const LawReportMarker = "法治政府建设"

// Compute builds the summary.
func Compute(in Input) Summary {
	s := Summary{Org: textclean.CleanLine(in.Org), Year: in.Year, Today: in.Today.Format("2006-01-02"), Stats: in.Stats}
	for _, d := range in.Deadlines {
		s.Deadlines = append(s.Deadlines, Deadline{Name: d.Name, Date: d.Date.Format("2006-01-02"), DaysLeft: days(in.Today, d.Date)})
	}
	var block []Blocker
	gate := Due{}
	if len(in.Deadlines) > 0 {
		gate = in.Deadlines[0]
	}
	switch {
	case in.ReportDate.IsZero():
		block = append(block, blocker("nianbao.toml 中没有设置 %s（成文日期，即报告落款日期），例如 report_date = %s",
			in.DateKey, gate.Date.AddDate(0, 0, -16).Format("2006-01-02")))
	case !gate.Date.IsZero() && days(in.ReportDate, gate.Date) < 0:
		block = append(block, blocker("成文日期 %s 晚于%s %s（%s）：请在 nianbao.toml 中把 %s 改为期限之前的日期；确已逾期的，请按本单位规定报批后在 %s 中写明实际期限",
			in.ReportDate.Format("2006-01-02"), gate.Label, gate.Date.Format("2006-01-02"), gate.Basis, in.DateKey, gate.Key))
	}
	if in.Plan == nil {
		if in.PlanErr != nil {
			block = append(block, unreadable("工作要点计划", in.PlanErr))
		}
	} else {
		for _, t := range in.Plan.Tasks {
			if !in.OwnDeadlines && t.Due != nil && strings.Contains(t.Detail, LawReportMarker) {
				d := t.Due.Time(time.UTC)
				s.Deadlines = append(s.Deadlines, Deadline{Name: "法治政府建设情况年度报告", Date: t.Due.String(), DaysLeft: days(in.Today, d), TaskID: t.ID})
				break
			}
		}
		if len(in.Plan.Tasks) == 0 {
			// The statute requires no plan: the report's text then comes
			// from [narrative], and what is missing there blocks as a gap.
			s.Notes = append(s.Notes, diag.Message{Pos: diag.Pos{File: in.PlanFile}, Severity: diag.Warning,
				Text: "工作要点计划中还没有任务：报告的文字将全部取自 nianbao.toml 的 [narrative]。如本年度有工作要点，请录入后删除任务台账并重新运行 nianbao init；没有的，可在 nianbao.toml 中写 plan = \"\""})
		}
	}
	var l *ledger.Ledger
	if in.Ledger != nil {
		l = in.Ledger.Ledger
		s.Notes = append(s.Notes, in.Ledger.Warnings...)
	} else if in.LedgerErr != nil {
		block = append(block, unreadable("任务台账", in.LedgerErr))
	}
	if in.Plan != nil && l != nil {
		s.tasks(in, l, &block)
	}
	switch {
	case len(in.Stats.ReadErrors) > 0:
		b := blocker("统计表无法读取：%s", in.Stats.ReadErrors[0].String())
		if p := in.Stats.ReadErrors[0].Pos; !p.IsZero() {
			b.Pos = []diag.Pos{p}
		}
		block = append(block, b)
	case in.Stats.Errors > 0:
		// One blocker, its errors on the following lines, so that status
		// says exactly where without sending the clerk to another command.
		b := blocker("统计表有 %d 个错误：运行 nianbao check 查看全部", in.Stats.Errors)
		const shown = 10
		for i, e := range in.Stats.ErrorList {
			if i == shown {
				b.Detail = append(b.Detail, Item{Text: fmt.Sprintf("另有 %d 个错误，见 nianbao check", len(in.Stats.ErrorList)-shown)})
				break
			}
			b.Detail = append(b.Detail, e)
		}
		block = append(block, b)
	}
	block = append(block, in.Aggregate...)
	for _, g := range in.Gaps {
		block = append(block, blocker("%s", "报告内容待补充："+g))
	}
	s.Blockers = block
	if s.Blockers == nil {
		s.Blockers = []Blocker{}
	}
	if s.Notes == nil {
		s.Notes = []diag.Message{}
	}
	if s.Overdue == nil {
		s.Overdue = []Overdue{}
	}
	s.Ready = len(s.Blockers) == 0
	return s
}

func (s *Summary) tasks(in Input, l *ledger.Ledger, block *[]Blocker) {
	p := in.Plan
	total := map[ledger.Status]int{}
	depts := map[string]map[ledger.Status]int{}
	order := append([]string{}, p.Departments...)
	var unset, noResult []int
	for _, t := range p.Tasks {
		if in.Keep != nil && !in.Keep(t) {
			continue
		}
		s.Tasks++
		r := l.Get(t.ID)
		total[r.Status]++
		for _, d := range p.Expand(t.Lead) {
			if depts[d] == nil {
				depts[d] = map[ledger.Status]int{}
				if !contains(order, d) {
					order = append(order, d)
				}
			}
			depts[d][r.Status]++
		}
		switch {
		case r.Status == ledger.Unset:
			unset = append(unset, t.ID)
		case r.Status == ledger.Done && strings.TrimSpace(r.Result) == "":
			noResult = append(noResult, t.ID)
		}
		if t.Due != nil && r.Status != ledger.Done && r.Status != ledger.NotApply {
			if over := days(t.Due.Time(time.UTC), in.Today); over > 0 {
				s.Overdue = append(s.Overdue, Overdue{ID: t.ID, Detail: t.Detail, Lead: p.Expand(t.Lead), Due: t.Due.String(), Status: r.Status.Label(), DaysOver: over})
			}
		}
	}
	for _, st := range statusOrder {
		s.ByStatus = append(s.ByStatus, Count{st.Label(), total[st]})
	}
	for _, d := range order {
		m := depts[d]
		if m == nil {
			continue
		}
		dp := Dept{Name: d}
		for _, st := range statusOrder {
			dp.Total += m[st]
			if m[st] > 0 {
				dp.ByStatus = append(dp.ByStatus, Count{st.Label(), m[st]})
			}
		}
		s.ByDept = append(s.ByDept, dp)
	}
	if len(unset) > 0 {
		*block = append(*block, blocker("%d 项任务尚未填写完成状态（第 %s 项）：请在任务台账中选择", len(unset), idList(unset)))
	}
	if len(noResult) > 0 {
		*block = append(*block, blocker("%d 项已完成的任务没有填写完成情况（第 %s 项）：年度报告需要写明做了什么", len(noResult), idList(noResult)))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstLine(err error) string {
	if err == nil {
		return ""
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// idList writes ascending task ids with runs joined: "1—3、7、9—10".
func idList(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, fmt.Sprint(ids[i]))
		case j == i+1:
			parts = append(parts, fmt.Sprint(ids[i]), fmt.Sprint(ids[j]))
		default:
			parts = append(parts, fmt.Sprintf("%d—%d", ids[i], ids[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}
