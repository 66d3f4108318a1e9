// Package pipeline opens a working folder (config, statistics, last year's
// statistics, plan, ledger, the office's text) into one checked, located
// state, and composes the report from it. The commands ask this one object,
// so check, status and build can never disagree.
package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/check/textcheck"
	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/input/published"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/kind/disclosure"
	"github.com/nianbao/nianbao/report/kind/lawgov"
	"github.com/nianbao/nianbao/report/readiness"
	"github.com/nianbao/nianbao/report/stats"
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
	// PrevReport is last year's published report when it is the baseline
	// (last_year_report): its text is compared with this year's (R18).
	PrevReport *published.Result `json:"-"`
	// PrevTextFile names where PrevReport's text was read.
	PrevTextFile string `json:"-"`
	// Similarity is R18's measure of each compared section, when last
	// year's text is at hand and the report was composed.
	Similarity []SectionSimilarity `json:"similarity,omitempty"`
	// History are the years before last year's (nianbao.toml history),
	// newest first.
	History []compose.Past `json:"-"`
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
	lastReport := ""
	if cfg != nil {
		if path == "" {
			path = cfg.Path(cfg.Stats)
		}
		if cfg.LastYearStats != "" && cfg.LastYearReport != "" && lastPath == "" {
			return nil, nil, diag.Errorf(diag.Pos{File: cfg.File}, "last_year_stats 和 last_year_report 只能填一个：有上年度统计表时用 last_year_stats，只有上年公布的报告时用 last_year_report")
		}
		if lastPath == "" {
			lastPath = cfg.Path(cfg.LastYearStats)
		}
		if lastPath == "" && cfg.LastYearReport != "" {
			lastReport = cfg.Path(cfg.LastYearReport)
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
	if cfg != nil && cfg.Register != nil {
		if err := useRegister(cfg, cur); err != nil {
			return nil, nil, o.Relative(err)
		}
	}
	rep := &CheckReport{File: o.DisplayPath(path), ReadWarnings: cur.Warnings}
	in.Stats, in.Locate = &cur.Stats, cur.Locate
	in.File, in.Stamp = o.DisplayPath(path), cur.Stamp
	in.BlankNotes, in.BlankTables, in.TextNumbers = cur.BlankNotes, cur.BlankTables, cur.TextNumbers
	if lastReport != "" {
		prev, pub, notes, err := published.Baseline(lastReport, o.DisplayPath(lastReport))
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, diag.Errorf(diag.Pos{File: o.DisplayPath(lastReport)}, "找不到 last_year_report 指定的上年报告。请检查 nianbao.toml 中的路径")
			}
			return nil, nil, o.Relative(err)
		}
		in.Prev, in.PrevLocate = &prev.Stats, prev.Locate
		in.PrevFile, in.PrevStamp = o.DisplayPath(lastReport), prev.Stamp
		rep.LastYearFile, rep.Prev, rep.PrevReport = o.DisplayPath(lastReport), prev, pub
		rep.PrevTextFile = rep.LastYearFile
		rep.ReadWarnings = append(rep.ReadWarnings, notes...)
	}
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
		// Last year's text, when nianbao import wrote it next to the
		// workbook, is what R18 compares with.
		if y := prev.Stamp.Year; y != 0 {
			tp := filepath.Join(filepath.Dir(lastPath), published.TextFileName(y))
			if _, err := os.Stat(tp); err == nil {
				pub, err := published.ReadTextFile(tp, o.DisplayPath(tp))
				if err != nil {
					return nil, nil, o.Relative(err)
				}
				rep.PrevReport, rep.PrevTextFile = pub, o.DisplayPath(tp)
			}
		}
	}
	if cfg != nil {
		h, err := history(cfg, o, in.Prev != nil)
		if err != nil {
			return nil, nil, err
		}
		rep.History = h
	}
	rep.Result = check.Run(in)
	if rep.ReadWarnings == nil {
		rep.ReadWarnings = []diag.Message{}
	}
	var texts []textcheck.Text
	if cfg != nil {
		// R12: the figures the office wrote in nianbao.toml, for every
		// report the folder makes.
		for _, k := range KindsOf(cfg) {
			for _, n := range k.Texts(cfg) {
				texts = append(texts, textcheck.Text{Text: n.Text, Where: diag.Pos{File: cfg.File, Line: n.Line}, What: "[" + n.Table + "] " + n.Key})
			}
		}
	}
	rep.Add(append(textcheck.Check(texts, &cur.Stats, cur.Locate), scopeMix(cfg, cur, o.DisplayPath(path))...))
	return rep, cur, nil
}

// Kinds are the reports nianbao makes, in the order it builds them.
var Kinds = []*compose.Kind{disclosure.Kind, lawgov.Kind}

// KindsOf are the reports cfg's folder is set up for.
func KindsOf(cfg *config.Config) []*compose.Kind {
	var out []*compose.Kind
	for _, k := range Kinds {
		if k.Configured(cfg) {
			out = append(out, k)
		}
	}
	return out
}

// KindByID finds a kind by its ID (年报, 法治) or its name.
func KindByID(id string) *compose.Kind {
	for _, k := range Kinds {
		if k.ID == id || k.Name == id {
			return k
		}
	}
	return nil
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

	// Reports are the reports the folder is set up for, the 政府信息公开
	// 工作年度报告 first.
	Reports []*Report
}

// Report is one kind of report composed from the folder, and whether a
// formal one may be built.
type Report struct {
	Kind       *compose.Kind
	Composed   *compose.Result
	ComposeErr error
	// Summary answers status, and whether a formal report may be built.
	Summary readiness.Summary
}

// Report is the workspace's report of kind id; nil when the folder is not
// set up for it.
func (w *Workspace) Report(id string) *Report {
	for _, r := range w.Reports {
		if r.Kind.ID == id {
			return r
		}
	}
	return nil
}

// Ready says whether every report may be built as a formal report.
func (w *Workspace) Ready() bool {
	for _, r := range w.Reports {
		if !r.Summary.Ready {
			return false
		}
	}
	return true
}

// Open loads every input of cfg's folder as of o.Today, and composes each
// report the folder is set up for.
func Open(cfg *config.Config, o Options) *Workspace {
	w := &Workspace{Config: cfg}
	in := readiness.Input{Org: cfg.Org, Year: cfg.Year, Today: o.Today, PlanFile: cfg.Plan, LedgerFile: cfg.Ledger}
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
		// R12 on what the ledger says was done; the reports quote it.
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
	in.Aggregate = aggregateBlockers(cfg, o, w.Cur)
	kinds := KindsOf(cfg)
	for _, k := range kinds {
		r := w.compose(k, in, o, len(kinds) > 1)
		if k == disclosure.Kind && r.Composed != nil && w.Check != nil && w.Check.PrevReport != nil {
			// R18 needs the composed text; its warnings count in every
			// report's readiness from here on.
			var entries []textcheck.Text
			if w.Plan != nil && w.Ledger != nil {
				entries = ledgerTexts(cfg, o, w.Plan, w.Ledger.Ledger)
			}
			fs, sims := copied(cfg, r.Composed.Doc, w.Check.PrevReport, w.Check.PrevTextFile, entries)
			w.Check.Similarity = sims
			if len(fs) > 0 {
				w.Check.Add(fs)
				in.Stats.Warnings = w.Check.Warnings
				r = w.compose(k, in, o, len(kinds) > 1)
			}
		}
		w.Reports = append(w.Reports, r)
	}
	return w
}

// compose makes one report and answers its readiness; others says the
// folder makes more than one report (then each report's summary keeps to
// its own deadlines).
func (w *Workspace) compose(k *compose.Kind, in readiness.Input, o Options, others bool) *Report {
	cfg := w.Config
	r := &Report{Kind: k}
	in.Report, in.ReportDate, in.DateKey = k.Name, k.Date(cfg), k.DateKey
	for _, d := range k.Deadlines(cfg) {
		in.Deadlines = append(in.Deadlines, readiness.Due{Name: d.Name, Label: d.Label, Date: d.Date, Key: d.Key, Basis: d.Basis})
	}
	in.Keep, in.OwnDeadlines = k.Keep, others
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
		r.Composed, r.ComposeErr = compose.Compose(k, compose.Input{Config: cfg, Stats: &w.Cur.Stats, Prev: prev, Plan: w.Plan, Ledger: l, Units: w.Cur.Units, History: w.Check.History},
			compose.Options{TemplateDir: cfg.TemplateDir()})
		r.ComposeErr = o.Relative(r.ComposeErr)
		if r.ComposeErr != nil {
			msg, _, _ := strings.Cut(r.ComposeErr.Error(), "\n")
			in.Gaps = []string{"报告模板有错误：" + msg}
		} else {
			in.Gaps = r.Composed.Gaps
			switch k {
			case disclosure.Kind:
				in.Aggregate = append(in.Aggregate[:len(in.Aggregate):len(in.Aggregate)], preambleScope(cfg, w.Cur, r.Composed.Doc)...)
			case lawgov.Kind:
				in.Aggregate = append(in.Aggregate[:len(in.Aggregate):len(in.Aggregate)], lawScope(cfg, w.Cur, r.Composed.Doc)...)
			}
		}
	}
	r.Summary = readiness.Compute(in)
	return r
}

// Input is what the reports were composed from, for their JSON export,
// open data and 图解.
func (w *Workspace) Input() compose.Input {
	in := compose.Input{Config: w.Config, Plan: w.Plan}
	if w.Cur != nil {
		in.Stats, in.Register, in.Units = &w.Cur.Stats, w.Cur.Register, w.Cur.Units
	}
	if w.Check != nil && w.Check.Prev != nil {
		in.Prev = &w.Check.Prev.Stats
	}
	if w.Ledger != nil {
		in.Ledger = w.Ledger.Ledger
	}
	if w.Check != nil {
		in.History = w.Check.History
	}
	return in
}

// FirstErr is the first input of report r that could not be loaded, for
// build.
func (w *Workspace) FirstErr(r *Report) error {
	for _, err := range []error{w.StatsErr, w.PlanErr, w.LedgerErr, r.ComposeErr} {
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
