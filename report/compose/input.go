package compose

import (
	"strings"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/textclean"
)

// Input is what a report is composed from: one working folder's inputs,
// whatever the kind of report.
type Input struct {
	Config *config.Config
	Stats  *stats.Stats
	Prev   *stats.Stats
	Plan   *plan.Plan
	Ledger *ledger.Ledger
	// Register is the register of applications 表三 was counted from; nil
	// when the office typed the tables.
	Register *register.Register
	// Units > 0 says Stats are the aggregate of that many units (nianbao
	// rollup): the report then states its scope.
	Units int
	// History are years before Prev's (nianbao.toml history), newest
	// first: the charts that follow the years show them too.
	History []Past
}

// Past is one earlier year's statistics.
type Past struct {
	Year  int
	Stats *stats.Stats
}

// Task is a plan task with its record.
type Task struct {
	ID       int
	Section  string // the 年报 section it feeds ("" for none)
	Law      string // the 法治 report part it feeds ("" for none)
	Title    string // 工作任务 without its numbering
	Detail   string
	Lead     []string
	Status   string // 已完成 / 推进中 / 未启动 / 不适用 / 未填写
	Done     bool
	Result   string // 完成情况
	Evidence string
	Note     string
}

// Counts are tasks by status.
type Counts struct {
	Total, Done, InProgress, NotStarted, NotApply, Unset int
}

// Tasks are the plan's tasks for which keep is true, in plan order, with
// their records; notDone are those recorded as 推进中, 未启动 or not at all.
func Tasks(in Input, keep func(plan.Task) bool) (all, notDone []Task, n Counts) {
	if in.Plan == nil {
		return nil, nil, n
	}
	for _, t := range in.Plan.Tasks {
		if !keep(t) {
			continue
		}
		r := ledger.Record{}
		if in.Ledger != nil {
			r = in.Ledger.Get(t.ID)
		}
		task := Task{ID: t.ID, Section: t.Section, Law: t.LawSection, Title: Clean(stripNumber(t.Task)), Detail: Clean(t.Detail),
			Lead: cleanAll(in.Plan.Expand(t.Lead)), Status: r.Status.Label(), Done: r.Status == ledger.Done,
			Result: Clean(r.Result), Evidence: Clean(r.Evidence), Note: Clean(r.Note)}
		all = append(all, task)
		n.Total++
		switch r.Status {
		case ledger.Done:
			n.Done++
		case ledger.InProgress:
			n.InProgress++
		case ledger.NotStarted:
			n.NotStarted++
		case ledger.NotApply:
			n.NotApply++
		default:
			n.Unset++
		}
		if r.Status != ledger.Done && r.Status != ledger.NotApply {
			notDone = append(notDone, task)
		}
	}
	return all, notDone, n
}

// Clean makes user text safe for the markup: the shared policy, and line
// breaks join (a paragraph of user text stays one paragraph).
func Clean(s string) string { return textclean.CleanLine(s) }

func cleanAll(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		if s = Clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// CleanParas keeps the blank-line paragraph breaks of the office's text
// (paras splits on them) but removes everything else Clean removes.
func CleanParas(s string) string {
	var out []string
	for _, p := range splitParas(s) {
		out = append(out, Clean(p))
	}
	return strings.Join(out, "\n\n")
}

func splitParas(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stripNumber removes the heading number of a plan's 工作任务
// ("（一）持续推进…。" → "持续推进…") so that templates can number anew.
func stripNumber(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "（") {
		if i := strings.Index(s, "）"); i > 0 && i <= len("（十二）") {
			s = s[i+len("）"):]
		}
	}
	return strings.TrimSuffix(strings.TrimSpace(s), "。")
}
