package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/config"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/ledger"
	"github.com/nianbao/nianbao/report/plan"
	"github.com/nianbao/nianbao/report/readiness"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/textcheck"
	"github.com/nianbao/nianbao/report/workbook"
)

// workspace is a working folder opened, checked and composed once: build
// and status both look at it, so they can never disagree about whether a
// formal report may be made. Inputs that fail to load are kept as errors
// (status lists them; build stops on them).
type workspace struct {
	cfg *config.Config

	check    *checkReport
	cur      *workbook.Result
	statsErr error

	plan      *plan.Plan // nil without a plan (plan = "") or when it failed
	planErr   error
	ledger    *ledger.Result
	ledgerErr error

	composed   *compose.Result
	composeErr error

	summary readiness.Summary
}

// openWorkspace loads every input of cfg's folder as of today.
func openWorkspace(e *env, cfg *config.Config, today time.Time) *workspace {
	w := &workspace{cfg: cfg}
	in := readiness.Input{Org: cfg.Org, Year: cfg.Year, Today: today, Deadline: cfg.Deadline, ReportDate: cfg.ReportDate,
		PlanFile: cfg.Plan, LedgerFile: cfg.Ledger}
	if cfg.Plan != "" {
		w.plan, w.planErr = plan.LoadFor(cfg.Path(cfg.Plan), cfg.Year)
		w.planErr = e.relativeErr(w.planErr)
		in.Plan, in.PlanErr = w.plan, w.planErr
		if w.plan != nil {
			w.ledger, w.ledgerErr = ledger.Load(cfg.Path(cfg.Ledger), ledger.Options{Plan: w.plan, Today: today})
			w.ledgerErr = e.relativeErr(w.ledgerErr)
		} else {
			w.ledgerErr = errors.New("需先改正工作要点计划")
		}
		in.Ledger, in.LedgerErr = w.ledger, w.ledgerErr
	}
	in.Stats.File = cfg.Stats
	w.check, w.cur, w.statsErr = loadChecked(e, checkOptions{}, cfg)
	if w.statsErr == nil && w.plan != nil && w.ledger != nil {
		// R12 on what the ledger says was done; the report quotes it.
		w.check.add(textcheck.Check(ledgerTexts(e, cfg, w.plan, w.ledger.Ledger), &w.cur.Stats, w.cur.Locate))
		w.check.count()
	}
	var de diag.Errors
	switch {
	case errors.As(w.statsErr, &de):
		in.Stats.ReadErrors = de
	case w.statsErr != nil:
		in.Stats.ReadErrors = []diag.Message{{Severity: diag.Error, Text: w.statsErr.Error()}}
	default:
		rep := w.check
		in.Stats.Errors, in.Stats.Warnings, in.Stats.Blank = rep.Errors, rep.Warnings, len(w.cur.Blanks)
		for _, s := range rep.Skipped {
			in.Stats.Skipped = append(in.Stats.Skipped, s.Rule+" "+s.Reason)
		}
		for _, f := range rep.Findings {
			if f.Severity == diag.Error {
				where := ""
				if len(f.Cells) > 0 {
					where = f.Cells[0] + "："
				}
				in.Stats.ErrorList = append(in.Stats.ErrorList, fmt.Sprintf("%s %s%s", f.Rule, where, f.Message))
			}
		}
	}
	planOK := cfg.Plan == "" || w.plan != nil && w.ledger != nil
	if w.cur != nil && planOK {
		var prev *stats.Stats
		if w.check.prev != nil {
			prev = &w.check.prev.Stats
		}
		var l *ledger.Ledger
		if w.ledger != nil {
			l = w.ledger.Ledger
		}
		w.composed, w.composeErr = compose.Compose(compose.Input{Config: cfg, Stats: &w.cur.Stats, Prev: prev, Plan: w.plan, Ledger: l},
			compose.Options{TemplateDir: cfg.TemplateDir()})
		w.composeErr = e.relativeErr(w.composeErr)
		if w.composeErr != nil {
			msg, _, _ := strings.Cut(w.composeErr.Error(), "\n")
			in.Gaps = []string{"报告模板有错误：" + msg}
		} else {
			in.Gaps = w.composed.Gaps
		}
	}
	w.summary = readiness.Compute(in)
	return w
}

// firstErr is the first input that could not be loaded, for build.
func (w *workspace) firstErr() error {
	for _, err := range []error{w.statsErr, w.planErr, w.ledgerErr, w.composeErr} {
		if err != nil {
			return err
		}
	}
	return nil
}

// ledgerTexts are the 完成情况 and 备注 (progress, next steps) texts of the
// ledger, each placed at its task's row.
func ledgerTexts(e *env, cfg *config.Config, p *plan.Plan, l *ledger.Ledger) []textcheck.Text {
	var out []textcheck.Text
	for _, t := range p.Tasks {
		r := l.Get(t.ID)
		where := r.Pos
		if where.File == "" {
			where.File = e.displayPath(cfg.Path(cfg.Ledger))
		}
		if r.Result != "" {
			out = append(out, textcheck.Text{Text: r.Result, Where: where, What: fmt.Sprintf("第 %d 项任务的完成情况", t.ID)})
		}
		if r.Note != "" {
			out = append(out, textcheck.Text{Text: r.Note, Where: where, What: fmt.Sprintf("第 %d 项任务的备注", t.ID)})
		}
	}
	return out
}
