package disclosure

import (
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/plan"
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
	// Units > 0: the figures are the aggregate of that many units; Scope
	// is what they cover (本系统, 本行政区域, 本级; "" when not set).
	// Both are zero for a body's own report, so its preamble never
	// states a scope (spec §3.2: never mix).
	Units int
	Scope string

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
type Task = compose.Task

// Counts are tasks by status.
type Counts = compose.Counts

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

// hasSection keeps the tasks that feed this report: a plan may also hold
// tasks only for the 法治政府建设情况报告.
func hasSection(t plan.Task) bool { return t.Section != "" }

func newData(in compose.Input) *Data {
	c := in.Config
	d := &Data{
		Org: compose.Clean(c.Org), Year: c.Year, Date: c.ReportDate, Website: compose.Clean(c.Website),
		Stats: in.Stats, Prev: in.Prev, HasPrev: in.Prev != nil,
		Narrative: cleanNarrative(c.Narrative),
	}
	if in.Units > 0 {
		d.Units = in.Units
		if c.Rollup != nil {
			d.Scope = c.Rollup.Scope
		}
	}
	for _, l := range c.Contact {
		if l = compose.Clean(l); l != "" && !strings.HasSuffix(l, "：") {
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
	d.Tasks, d.NotDone, d.Counts = compose.Tasks(in, hasSection)
	return d
}

// cleanNarrative keeps blank-line paragraph breaks of the office's text
// (paras splits on them) but removes everything else clean removes.
func cleanNarrative(n config.Narrative) config.Narrative {
	f := compose.CleanParas
	return config.Narrative{Summary: f(n.Summary), Active: f(n.Active), Requests: f(n.Requests),
		Management: f(n.Management), Platform: f(n.Platform), Supervision: f(n.Supervision),
		Problems: f(n.Problems), Improvements: f(n.Improvements), Other: f(n.Other)}
}
