package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/config"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/textcheck"
	"github.com/nianbao/nianbao/report/workbook"
)

type checkOptions struct {
	Config   string // nianbao.toml; "" with a workbook argument means no config
	Workbook string // overrides the config's stats
	LastYear string // overrides the config's last_year_stats
	JSON     bool
}

func runCheck(e *env, args []string) error {
	o := checkOptions{}
	fs := newFlags(e, "check", "check [--config nianbao.toml] [--last-year 上年统计表.xlsx] [--json] [统计表.xlsx]")
	fs.StringVar(&o.Config, "config", "", "配置文件（默认为当前文件夹的 nianbao.toml）")
	fs.StringVar(&o.LastYear, "last-year", "", "上年度统计表，用于跨年核对（默认取配置的 last_year_stats）")
	fs.BoolVar(&o.JSON, "json", false, "以 JSON 输出，供其他程序读取")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
	case 1:
		o.Workbook = fs.Arg(0)
	default:
		return &usageError{"只能指定一个统计表"}
	}
	return doCheck(e, o)
}

// checkReport is the --json output of check.
type checkReport struct {
	File         string         `json:"file"`
	LastYearFile string         `json:"last_year_file,omitempty"`
	ReadWarnings []diag.Message `json:"read_warnings"`
	check.Result
	Summary string `json:"summary"`

	prev *workbook.Result // last year's workbook, when configured
}

// loadConfig loads the config named by path (relative to the working
// folder); "" means nianbao.toml when no workbook is named, else none.
func loadConfig(e *env, path string, optional bool) (*config.Config, error) {
	if path == "" {
		if optional {
			return nil, nil
		}
		path = config.FileName
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	cfg, err := config.Load(path)
	if err == nil {
		e.outDir = cfg.Path(cfg.Output) // where a crash log goes
	}
	return cfg, e.relativeErr(err)
}

// loadChecked reads the workbooks (named in o, else configured in cfg) and
// runs the rules: shared by check, status and build.
func loadChecked(e *env, o checkOptions, cfg *config.Config) (*checkReport, *workbook.Result, error) {
	in := check.Input{}
	path, lastPath := o.Workbook, o.LastYear
	if path != "" && !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	if lastPath != "" && !filepath.IsAbs(lastPath) {
		lastPath = filepath.Join(e.dir, lastPath)
	}
	if cfg != nil {
		if path == "" {
			path = cfg.Path(cfg.Stats)
		}
		if lastPath == "" {
			lastPath = cfg.Path(cfg.LastYearStats)
		}
		in.Rulemaking = cfg.Rulemaking
		in.FeeLimit = cfg.FeeLimitDecimal()
	}
	if cfg != nil {
		in.Org, in.Year, in.BlankAsZero = cfg.Org, cfg.Year, cfg.BlankAsZero
	}
	cur, err := workbook.ReadFile(path)
	if err != nil {
		return nil, nil, e.relativeErr(err)
	}
	// Positions name files as the clerk would type them, so that this
	// year's and last year's workbooks are never confused in a message.
	cur.Rename(e.displayPath(path))
	rep := &checkReport{File: e.displayPath(path), ReadWarnings: cur.Warnings}
	in.Stats, in.Locate = &cur.Stats, cur.Locate
	in.File, in.Stamp = e.displayPath(path), cur.Stamp
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
			return nil, nil, e.relativeErr(err)
		}
		prev.Rename(e.displayPath(lastPath))
		in.Prev, in.PrevLocate = &prev.Stats, prev.Locate
		in.PrevFile, in.PrevStamp = e.displayPath(lastPath), prev.Stamp
		rep.LastYearFile, rep.prev = e.displayPath(lastPath), prev
	}
	rep.Result = check.Run(in)
	if rep.ReadWarnings == nil {
		rep.ReadWarnings = []diag.Message{}
	}
	if cfg != nil {
		// R12: the figures the office wrote in nianbao.toml.
		var texts []textcheck.Text
		for _, n := range cfg.NarrativeTexts() {
			texts = append(texts, textcheck.Text{Text: n.Text, Where: diag.Pos{File: cfg.File, Line: n.Line}, What: "[narrative] " + n.Key})
		}
		rep.add(textcheck.Check(texts, &cur.Stats, cur.Locate))
	}
	rep.count()
	return rep, cur, nil
}

// add takes findings of other sources (R12 on the office's texts) into the
// report, errors still first.
func (rep *checkReport) add(fs []check.Finding) {
	rep.Findings = append(rep.Findings, fs...)
	sort.SliceStable(rep.Findings, func(i, j int) bool { return rep.Findings[i].Severity > rep.Findings[j].Severity })
}

// count sets the totals and the summary line from the findings.
func (rep *checkReport) count() {
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

func doCheck(e *env, o checkOptions) error {
	cfg, err := loadConfig(e, o.Config, o.Workbook != "")
	var rep *checkReport
	if err == nil {
		rep, _, err = loadChecked(e, o, cfg)
	}
	if err != nil {
		if o.JSON {
			writeJSONError(e.stdout, "check", err)
		}
		return err
	}
	if o.JSON {
		out := struct {
			jsonEnvelope
			*checkReport
		}{jsonEnvelope{Schema: jsonSchema, Command: "check", OK: rep.Errors == 0, Messages: checkMessages(rep)}, rep}
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	} else {
		printCheck(e, rep)
	}
	if rep.Errors > 0 {
		return &findingsError{rep.Errors}
	}
	return nil
}

func printCheck(e *env, rep *checkReport) {
	w := e.stdout
	fmt.Fprintf(w, "统计表：%s\n", e.displayPath(rep.File))
	if rep.LastYearFile != "" {
		fmt.Fprintf(w, "上年度统计表：%s\n", e.displayPath(rep.LastYearFile))
	}
	fmt.Fprintln(w)
	one := func(f check.Finding, indent string) {
		where := ""
		if len(f.Cells) > 0 {
			where = f.Cells[0] + "："
		}
		fmt.Fprintf(w, "%s%s %-4s  %s%s\n", indent, f.Severity, f.Rule, where, f.Message)
		if len(f.Cells) > 1 {
			fmt.Fprintf(w, "%s           涉及：%s\n", indent, strings.Join(f.Cells[1:], "；"))
		}
	}
	// Errors first (check sorts them so); findings one cell explains are
	// listed together under it.
	done := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Cause == "" {
			one(f, "")
			continue
		}
		if done[f.Cause] {
			continue
		}
		done[f.Cause] = true
		// The cause's own finding (a number stored as text) first.
		var head, rest []check.Finding
		for _, g := range rep.Findings {
			switch {
			case g.Cause != f.Cause:
			case g.Rule == "R6" && len(g.Cells) > 0 && g.Cells[0] == g.Cause:
				head = append(head, g)
			default:
				rest = append(rest, g)
			}
		}
		fmt.Fprintf(w, "%s 一处错误导致以下 %d 项不平（先改正这一格）：\n", f.Cause, len(rest))
		for _, g := range append(head, rest...) {
			one(g, "    ")
		}
	}
	for _, m := range rep.ReadWarnings {
		fmt.Fprintf(w, "提醒       %s\n", m.String())
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "未检查 %-4s %s\n", s.Rule, s.Reason)
	}
	if len(rep.ReadWarnings)+len(rep.Findings)+len(rep.Skipped) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, rep.Summary)
}

// displayPath shortens paths under the working folder.
func (e *env) displayPath(p string) string {
	if rel, err := filepath.Rel(e.dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}
