package compose

import (
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/textclean"

	"github.com/nianbao/nianbao/report/config"
	"github.com/nianbao/nianbao/report/ledger"
	"github.com/nianbao/nianbao/report/plan"
	"github.com/nianbao/nianbao/report/stats"
)

// Data is what templates see. Every figure comes from the statistics model:
// templates never retype a number (rule R12 holds by construction).
type Data struct {
	Org     string
	Year    int
	Date    time.Time // 成文日期
	Website string
	Contact []string

	Stats   *stats.Stats
	Prev    *stats.Stats // last year's, or nil
	HasPrev bool

	Req     Requests // this year's 表三 summary
	PrevReq Requests // last year's (zero without Prev)
	Appeals Appeals
	Active  stats.Active
	PrevAct stats.Active
	Fees    stats.InfoFees

	Narrative config.Narrative

	Tasks   []Task // every task of the plan, in plan order
	NotDone []Task // tasks recorded as 推进中, 未启动 or not recorded
	Counts  Counts
}

// Requests summarises 表三 column G (总计).
type Requests struct {
	New, CarriedIn, Handled, CarriedOut int64
	NewNatural, NewLegal                int64 // 新收: 自然人, 法人或其他组织
	Granted, Partial, Denied, Unable    int64
	NotProcessed, Other                 int64
}

// Appeals summarises 表四.
type Appeals struct {
	Review, SuitDirect, SuitAfter, Suits int64 // 总计 of each group; Suits = both litigation groups
	ReviewCorrected, SuitsCorrected      int64
}

// Task is a plan task with its record.
type Task struct {
	ID       int
	Section  string // report section it feeds
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

// Input is what a report is composed from.
type Input struct {
	Config *config.Config
	Stats  *stats.Stats
	Prev   *stats.Stats
	Plan   *plan.Plan
	Ledger *ledger.Ledger
}

func sumRows(s *stats.Stats, from, to, col int) int64 {
	var n int64
	for r := from; r <= to; r++ {
		n += s.Requests[r][col]
	}
	return n
}

func summarize(s *stats.Stats) Requests {
	g := stats.ColTotal
	r := Requests{
		New: s.Requests[stats.RowNew][g], CarriedIn: s.Requests[stats.RowCarriedIn][g],
		Handled: s.Requests[stats.RowTotal][g], CarriedOut: s.Requests[stats.RowCarriedOut][g],
		NewNatural: s.Requests[stats.RowNew][stats.ColNatural],
		Granted:    s.GroupTotal(stats.GroupGranted, g), Partial: s.GroupTotal(stats.GroupPartial, g),
		Denied:       s.GroupTotal(stats.GroupDenied, g),
		Unable:       s.GroupTotal(stats.GroupUnable, g),
		NotProcessed: s.GroupTotal(stats.GroupNotProc, g),
		Other:        s.GroupTotal(stats.GroupOther, g),
	}
	for c := stats.ColLegalFirst; c <= stats.ColLegalLast; c++ {
		r.NewLegal += s.Requests[stats.RowNew][c]
	}
	return r
}

func newData(in Input) *Data {
	c := in.Config
	d := &Data{
		Org: clean(c.Org), Year: c.Year, Date: c.ReportDate, Website: clean(c.Website),
		Stats: in.Stats, Prev: in.Prev, HasPrev: in.Prev != nil,
		Narrative: cleanNarrative(c.Narrative),
	}
	for _, l := range c.Contact {
		if l = clean(l); l != "" && !strings.HasSuffix(l, "：") {
			d.Contact = append(d.Contact, l)
		}
	}
	s := in.Stats
	d.Req, d.Active, d.Fees = summarize(s), s.Active, s.InfoFees
	direct, after := s.AppealTotal(stats.AppealSuitDirect), s.AppealTotal(stats.AppealSuitAfter)
	d.Appeals = Appeals{Review: s.AppealTotal(stats.AppealReview), SuitDirect: direct, SuitAfter: after, Suits: direct + after,
		ReviewCorrected: s.Appeal(stats.AppealReview, stats.ResultCorrected),
		SuitsCorrected:  s.Appeal(stats.AppealSuitDirect, stats.ResultCorrected) + s.Appeal(stats.AppealSuitAfter, stats.ResultCorrected)}
	if in.Prev != nil {
		d.PrevReq, d.PrevAct = summarize(in.Prev), in.Prev.Active
	}
	if in.Plan != nil {
		for _, t := range in.Plan.Tasks {
			r := ledger.Record{}
			if in.Ledger != nil {
				r = in.Ledger.Get(t.ID)
			}
			task := Task{ID: t.ID, Section: t.Section, Title: clean(stripNumber(t.Task)), Detail: clean(t.Detail),
				Lead: cleanAll(in.Plan.Expand(t.Lead)), Status: r.Status.Label(), Done: r.Status == ledger.Done,
				Result: clean(r.Result), Evidence: clean(r.Evidence), Note: clean(r.Note)}
			d.Tasks = append(d.Tasks, task)
			d.Counts.Total++
			switch r.Status {
			case ledger.Done:
				d.Counts.Done++
			case ledger.InProgress:
				d.Counts.InProgress++
			case ledger.NotStarted:
				d.Counts.NotStarted++
			case ledger.NotApply:
				d.Counts.NotApply++
			default:
				d.Counts.Unset++
			}
			if r.Status != ledger.Done && r.Status != ledger.NotApply {
				d.NotDone = append(d.NotDone, task)
			}
		}
	}
	return d
}

// clean makes user text safe for the markup: the shared policy, and line
// breaks join (a paragraph of user text stays one paragraph).
func clean(s string) string { return textclean.CleanLine(s) }

func cleanAll(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		if s = clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cleanNarrative keeps blank-line paragraph breaks of the office's text
// (paras splits on them) but removes everything else clean removes.
func cleanNarrative(n config.Narrative) config.Narrative {
	f := func(s string) string {
		var paras []string
		for _, p := range splitParas(s) {
			paras = append(paras, clean(p))
		}
		return strings.Join(paras, "\n\n")
	}
	return config.Narrative{Summary: f(n.Summary), Active: f(n.Active), Requests: f(n.Requests),
		Management: f(n.Management), Platform: f(n.Platform), Supervision: f(n.Supervision),
		Problems: f(n.Problems), Improvements: f(n.Improvements), Other: f(n.Other)}
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
