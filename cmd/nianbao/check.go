package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/pipeline"
)

type checkOptions struct {
	Config   string // nianbao.toml; "" with a workbook argument means no config
	Workbook string // overrides the config's stats
	LastYear string // overrides the config's last_year_stats
	JSON     bool
	Rules    bool // print the rule catalogue instead
}

func runCheck(e *env, args []string) error {
	o := checkOptions{}
	fs := newFlags(e, "check", "check [--config nianbao.toml] [--last-year 上年统计表.xlsx] [--json] [--rules] [统计表.xlsx]")
	fs.StringVar(&o.Config, "config", "", "配置文件（默认为当前文件夹的 nianbao.toml）")
	fs.StringVar(&o.LastYear, "last-year", "", "上年度统计表，用于跨年核对（默认取配置的 last_year_stats）")
	fs.BoolVar(&o.JSON, "json", false, "以 JSON 输出，供其他程序读取")
	fs.BoolVar(&o.Rules, "rules", false, "列出官方格式的全部规则、级别和 nianbao 在哪里核对")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.Rules {
		printRules(e)
		return nil
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

// pipe is the pipeline's view of the command's environment.
func (e *env) pipe(today time.Time) pipeline.Options {
	return pipeline.Options{Dir: e.dir, Today: today}
}

func doCheck(e *env, o checkOptions) error {
	cfg, err := loadConfig(e, o.Config, o.Workbook != "")
	var rep *pipeline.CheckReport
	if err == nil {
		po := e.pipe(e.now())
		po.Workbook, po.LastYear = o.Workbook, o.LastYear
		if pipeline.ComparesText(cfg) && o.Workbook == "" && o.LastYear == "" {
			// R18 compares the composed text with last year's report:
			// the folder is opened whole, as status does.
			ws := pipeline.Open(cfg, po)
			rep, err = ws.Check, ws.StatsErr
		} else {
			rep, _, err = pipeline.Check(cfg, po)
		}
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
			*pipeline.CheckReport
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

func printCheck(e *env, rep *pipeline.CheckReport) {
	w := e.stdout
	fmt.Fprintf(w, "统计表：%s\n", e.displayPath(rep.File))
	if rep.LastYearFile != "" {
		what := "上年度统计表"
		if !strings.EqualFold(filepath.Ext(rep.LastYearFile), ".xlsx") {
			what = "上年度报告"
		}
		fmt.Fprintf(w, "%s：%s\n", what, e.displayPath(rep.LastYearFile))
	}
	fmt.Fprintln(w)
	one := func(f check.Finding, indent string) {
		where := ""
		if len(f.Cells) > 0 {
			where = f.Cells[0].String() + "："
		}
		fmt.Fprintf(w, "%s%s %-4s  %s%s\n", indent, f.Severity, f.Rule, where, f.Message)
		if len(f.Cells) > 1 {
			fmt.Fprintf(w, "%s           涉及：%s\n", indent, diag.Join(f.Cells[1:], "；"))
		}
	}
	// Errors first (check sorts them so); findings one cell explains are
	// listed together under it.
	done := map[diag.Pos]bool{}
	for _, f := range rep.Findings {
		if f.Cause.IsZero() {
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
	printSimilarity(w, rep.Similarity)
	if len(rep.ReadWarnings)+len(rep.Findings)+len(rep.Skipped)+len(rep.Similarity) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, rep.Summary)
}

// printSimilarity prints R18's figures: the office's text, which can
// warn, and the template's, which cannot, apart.
func printSimilarity(w io.Writer, sims []pipeline.SectionSimilarity) {
	if len(sims) == 0 {
		return
	}
	fmt.Fprintln(w, "与上年报告相同的文字（R18，只有办公室撰写的文字计入雷同）：")
	for _, s := range sims {
		fmt.Fprintf(w, "  %s：办公室撰写 %s，模板生成 %s\n", s.Section, share(s.Own, s.OwnChars), share(s.Generated, s.GeneratedChars))
	}
}

func share(pct float64, chars int) string {
	if chars == 0 {
		return "无可比文字"
	}
	return fmt.Sprintf("%s%%（计 %d 字）", strconv.FormatFloat(pct, 'f', -1, 64), chars)
}

// displayPath shortens paths under the working folder.
func (e *env) displayPath(p string) string { return e.pipe(time.Time{}).DisplayPath(p) }

// printRules prints the rule catalogue, each rule with its section in docs/rules.md.
func printRules(e *env) {
	for _, r := range check.Rules {
		fmt.Fprintf(e.stdout, "%-4s %s  %s\n           核对：%s\n           说明：%s\n", r.ID, r.Severity, r.Title, r.Where, r.Doc)
	}
}
