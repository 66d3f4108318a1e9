// Package pipeline opens a working folder (config, statistics, last year's
// statistics, plan, ledger, the office's text) into one checked, located
// state, and composes the report from it. The commands ask this one object,
// so check, status and build can never disagree.
package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/check"
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

// Options say where and when a folder is opened.
type Options struct {
	// Dir is the working folder: messages name files relative to it, as
	// the clerk would type them.
	Dir   string
	Today time.Time
	// Workbook and LastYear name statistics workbooks instead of the
	// config's stats and last_year_stats (relative to Dir).
	Workbook, LastYear string
}

// DisplayPath shortens paths under the working folder.
func (o Options) DisplayPath(p string) string {
	if rel, err := filepath.Rel(o.Dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// Relative names the files of err's positions relative to the working
// folder; other errors pass unchanged.
func (o Options) Relative(err error) error {
	var de diag.Errors
	if errors.As(err, &de) {
		for i := range de {
			if filepath.IsAbs(de[i].Pos.File) {
				de[i].Pos.File = o.DisplayPath(de[i].Pos.File)
			}
		}
	}
	return err
}

func (o Options) abs(p string) string {
	if p != "" && !filepath.IsAbs(p) {
		return filepath.Join(o.Dir, p)
	}
	return p
}

// CheckReport is the statistics checked: what check prints (and its
// --json), and what status and build count as errors.
type CheckReport struct {
	File         string         `json:"file"`
	LastYearFile string         `json:"last_year_file,omitempty"`
	ReadWarnings []diag.Message `json:"read_warnings"`
	check.Result
	Summary string `json:"summary"`

	// Prev is last year's workbook, when configured.
	Prev *workbook.Result `json:"-"`
}

// Add takes findings of other sources (R12 on the office's texts) into the
// report, errors still first, and counts again.
func (rep *CheckReport) Add(fs []check.Finding) {
	rep.Findings = append(rep.Findings, fs...)
	sort.SliceStable(rep.Findings, func(i, j int) bool { return rep.Findings[i].Severity > rep.Findings[j].Severity })
	rep.count()
}

// count sets the totals and the summary line from the findings.
func (rep *CheckReport) count() {
	rep.Errors, rep.Warnings = 0, len(rep.ReadWarnings)
	for _, f := range rep.Findings {
		if f.Severity == diag.Error {
			rep.Errors++
		} else {
			rep.Warnings++
		}
	}
	rep.Summary = fmt.Sprintf("检查完成：%d 个错误，%d 个提醒", rep.Errors, rep.Warnings)
}

// Check reads the workbooks (named in o, else configured in cfg; cfg may
// be nil) and runs every rule, R12 on the config's [narrative] included.
func Check(cfg *config.Config, o Options) (*CheckReport, *workbook.Result, error) {
	in := check.Input{}
	path, lastPath := o.abs(o.Workbook), o.abs(o.LastYear)
	if cfg != nil {
		if path == "" {
			path = cfg.Path(cfg.Stats)
		}
		if lastPath == "" {
			lastPath = cfg.Path(cfg.LastYearStats)
		}
		in.Rulemaking, in.FeeLimit = cfg.Rulemaking, cfg.FeeLimitDecimal()
		in.Org, in.Year, in.BlankAsZero = cfg.Org, cfg.Year, cfg.BlankAsZero
	}
	cur, err := workbook.ReadFile(path)
	if err != nil {
		return nil, nil, o.Relative(err)
	}
	// Positions name files as the clerk would type them, so that this
	// year's and last year's workbooks are never confused in a message.
	cur.Rename(o.DisplayPath(path))
	rep := &CheckReport{File: o.DisplayPath(path), ReadWarnings: cur.Warnings}
	in.Stats, in.Locate = &cur.Stats, cur.Locate
	in.File, in.Stamp = o.DisplayPath(path), cur.Stamp
	in.BlankNotes, in.BlankTables, in.TextNumbers = cur.BlankNotes, cur.BlankTables, cur.TextNumbers
	if lastPath != "" {
		prev, err := workbook.ReadFile(lastPath)
		if err != nil {
			var de diag.Errors
			if errors.As(err, &de) {
				for i := range de {
					de[i].Text = "（上年度统计表）" + de[i].Text
				}
			}
			return nil, nil, o.Relative(err)
		}
		prev.Rename(o.DisplayPath(lastPath))
		in.Prev, in.PrevLocate = &prev.Stats, prev.Locate
		in.PrevFile, in.PrevStamp = o.DisplayPath(lastPath), prev.Stamp
		rep.LastYearFile, rep.Prev = o.DisplayPath(lastPath), prev
	}
	rep.Result = check.Run(in)
	if rep.ReadWarnings == nil {
		rep.ReadWarnings = []diag.Message{}
	}
	var texts []textcheck.Text
	if cfg != nil {
		// R12: the figures the office wrote in nianbao.toml.
		for _, n := range cfg.NarrativeTexts() {
			texts = append(texts, textcheck.Text{Text: n.Text, Where: diag.Pos{File: cfg.File, Line: n.Line}, What: "[narrative] " + n.Key})
		}
	}
	rep.Add(textcheck.Check(texts, &cur.Stats, cur.Locate))
	return rep, cur, nil
}

// Workspace is a working folder opened, checked and composed once. Inputs
// that fail to load are kept as errors: status lists them, build stops on
// them.
type Workspace struct {
	Config *config.Config

	Check    *CheckReport
	Cur      *workbook.Result
	StatsErr error

	Plan      *plan.Plan // nil without a plan (plan = "") or when it failed
	PlanErr   error
	Ledger    *ledger.Result
	LedgerErr error

	Composed   *compose.Result
	ComposeErr error

	// Summary answers status, and whether a formal report may be built.
	Summary readiness.Summary
}

// Open loads every input of cfg's folder as of o.Today.
func Open(cfg *config.Config, o Options) *Workspace {
	w := &Workspace{Config: cfg}
	in := readiness.Input{Org: cfg.Org, Year: cfg.Year, Today: o.Today, Deadline: cfg.Deadline, ReportDate: cfg.ReportDate,
		PlanFile: cfg.Plan, LedgerFile: cfg.Ledger}
	if cfg.Plan != "" {
		w.Plan, w.PlanErr = plan.LoadFor(cfg.Path(cfg.Plan), cfg.Year)
		w.PlanErr = o.Relative(w.PlanErr)
		in.Plan, in.PlanErr = w.Plan, w.PlanErr
		if w.Plan != nil {
			w.Ledger, w.LedgerErr = ledger.Load(cfg.Path(cfg.Ledger), ledger.Options{Plan: w.Plan, Today: o.Today})
			w.LedgerErr = o.Relative(w.LedgerErr)
		} else {
			w.LedgerErr = errors.New("需先改正工作要点计划")
		}
		in.Ledger, in.LedgerErr = w.Ledger, w.LedgerErr
	}
	in.Stats.File = cfg.Stats
	w.Check, w.Cur, w.StatsErr = Check(cfg, Options{Dir: o.Dir, Today: o.Today})
	if w.StatsErr == nil && w.Plan != nil && w.Ledger != nil {
		// R12 on what the ledger says was done; the report quotes it.
		w.Check.Add(textcheck.Check(ledgerTexts(cfg, o, w.Plan, w.Ledger.Ledger), &w.Cur.Stats, w.Cur.Locate))
	}
	var de diag.Errors
	switch {
	case errors.As(w.StatsErr, &de):
		in.Stats.ReadErrors = de
	case w.StatsErr != nil:
		in.Stats.ReadErrors = []diag.Message{{Severity: diag.Error, Text: w.StatsErr.Error()}}
	default:
		rep := w.Check
		in.Stats.Errors, in.Stats.Warnings, in.Stats.Blank = rep.Errors, rep.Warnings, len(w.Cur.Blanks)
		for _, s := range rep.Skipped {
			in.Stats.Skipped = append(in.Stats.Skipped, s.Rule+" "+s.Reason)
		}
		for _, f := range rep.Findings {
			if f.Severity == diag.Error {
				it := readiness.Item{Rule: f.Rule, Text: f.Message}
				if len(f.Cells) > 0 {
					it.Pos, it.Related = f.Cells[0], f.Cells[1:]
				}
				in.Stats.ErrorList = append(in.Stats.ErrorList, it)
			}
		}
	}
	planOK := cfg.Plan == "" || w.Plan != nil && w.Ledger != nil
	if w.Cur != nil && planOK {
		var prev *stats.Stats
		if w.Check.Prev != nil {
			prev = &w.Check.Prev.Stats
		}
		var l *ledger.Ledger
		if w.Ledger != nil {
			l = w.Ledger.Ledger
		}
		w.Composed, w.ComposeErr = compose.Compose(compose.Input{Config: cfg, Stats: &w.Cur.Stats, Prev: prev, Plan: w.Plan, Ledger: l},
			compose.Options{TemplateDir: cfg.TemplateDir()})
		w.ComposeErr = o.Relative(w.ComposeErr)
		if w.ComposeErr != nil {
			msg, _, _ := strings.Cut(w.ComposeErr.Error(), "\n")
			in.Gaps = []string{"报告模板有错误：" + msg}
		} else {
			in.Gaps = w.Composed.Gaps
		}
	}
	w.Summary = readiness.Compute(in)
	return w
}

// FirstErr is the first input that could not be loaded, for build.
func (w *Workspace) FirstErr() error {
	for _, err := range []error{w.StatsErr, w.PlanErr, w.LedgerErr, w.ComposeErr} {
		if err != nil {
			return err
		}
	}
	return nil
}

// ledgerTexts are the 完成情况 and 备注 (progress, next steps) texts of the
// ledger, each placed at its task's row.
func ledgerTexts(cfg *config.Config, o Options, p *plan.Plan, l *ledger.Ledger) []textcheck.Text {
	var out []textcheck.Text
	for _, t := range p.Tasks {
		r := l.Get(t.ID)
		where := r.Pos
		if where.File == "" {
			where.File = o.DisplayPath(cfg.Path(cfg.Ledger))
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
