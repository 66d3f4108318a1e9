package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/config"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/ledger"
	"github.com/nianbao/nianbao/report/plan"
	"github.com/nianbao/nianbao/report/readiness"
	"github.com/nianbao/nianbao/report/stats"
)

type statusOptions struct {
	Config string
	Today  string // 2023-01-20; "" means the clock
	JSON   bool
}

func runStatus(e *env, args []string) error {
	o := statusOptions{}
	fs := newFlags(e, "status", "status [--config nianbao.toml] [--today 2023-01-20] [--json]")
	fs.StringVar(&o.Config, "config", config.FileName, "配置文件")
	fs.StringVar(&o.Today, "today", "", "按指定日期计算（例如 2023-01-20），默认为今天")
	fs.BoolVar(&o.JSON, "json", false, "以 JSON 输出，供其他程序读取")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("多余的参数：%s", strings.Join(fs.Args(), " "))}
	}
	return doStatus(e, o)
}

func doStatus(e *env, o statusOptions) error {
	today := e.now()
	if o.Today != "" {
		t, err := time.ParseInLocation("2006-01-02", o.Today, time.Local)
		if err != nil {
			return &usageError{fmt.Sprintf("--today 应写成 2023-01-20 这样的日期，实为“%s”", o.Today)}
		}
		today = t
	}
	cfg, err := loadConfig(e, o.Config, false)
	if err != nil {
		return err
	}
	in := readiness.Input{Org: cfg.Org, Year: cfg.Year, Today: today, Deadline: cfg.Deadline,
		PlanFile: cfg.Plan, LedgerFile: cfg.Ledger}
	in.Plan, in.PlanErr = plan.LoadFor(cfg.Path(cfg.Plan), cfg.Year)
	if in.Plan != nil {
		in.Ledger, in.LedgerErr = ledger.Load(cfg.Path(cfg.Ledger), ledger.Options{Plan: in.Plan, Today: today})
	} else {
		in.LedgerErr = errors.New("需先改正工作要点计划")
	}
	in.Stats.File = cfg.Stats
	rep, cur, err := loadChecked(e, checkOptions{}, cfg)
	var de diag.Errors
	switch {
	case errors.As(err, &de):
		in.Stats.ReadErrors = de
	case err != nil:
		in.Stats.ReadErrors = []diag.Message{{Severity: diag.Error, Text: err.Error()}}
	default:
		in.Stats.Errors, in.Stats.Warnings, in.Stats.Blank = rep.Errors, rep.Warnings, len(cur.Blanks)
		for _, s := range rep.Skipped {
			in.Stats.Skipped = append(in.Stats.Skipped, s.Rule+" "+s.Reason)
		}
	}
	if in.Plan != nil && in.Ledger != nil && cur != nil {
		// Compose the report as build would, to learn of missing content.
		var prev *stats.Stats
		if rep.prev != nil {
			prev = &rep.prev.Stats
		}
		res, err := compose.Compose(compose.Input{Config: cfg, Stats: &cur.Stats, Prev: prev, Plan: in.Plan, Ledger: in.Ledger.Ledger},
			compose.Options{TemplateDir: cfg.TemplateDir()})
		if err != nil {
			msg, _, _ := strings.Cut(err.Error(), "\n")
			in.Gaps = []string{"报告模板有错误：" + msg}
		} else {
			in.Gaps = res.Gaps
		}
	}
	sum := readiness.Compute(in)
	if o.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		printStatus(e.stdout, sum)
	}
	if !sum.Ready {
		return &findingsError{len(sum.Blockers)}
	}
	return nil
}

func cnDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

func printStatus(w io.Writer, s readiness.Summary) {
	fmt.Fprintf(w, "%s %d 年政府信息公开工作年度报告 · 准备情况（%s）\n\n", s.Org, s.Year, cnDate(s.Today))
	fmt.Fprintln(w, "期限")
	for _, d := range s.Deadlines {
		left := fmt.Sprintf("还剩 %d 天", d.DaysLeft)
		switch {
		case d.DaysLeft == 0:
			left = "就是今天"
		case d.DaysLeft < 0:
			left = fmt.Sprintf("已过期 %d 天", -d.DaysLeft)
		}
		extra := ""
		if d.TaskID > 0 {
			extra = fmt.Sprintf("（工作要点第 %d 项）", d.TaskID)
		}
		fmt.Fprintf(w, "  %s %s：%s%s\n", d.Name, cnDate(d.Date), left, extra)
	}

	fmt.Fprintf(w, "\n统计表 %s\n", s.Stats.File)
	switch {
	case len(s.Stats.ReadErrors) > 0:
		for _, m := range s.Stats.ReadErrors {
			fmt.Fprintf(w, "  无法读取：%s\n", m.String())
		}
	default:
		fmt.Fprintf(w, "  检查：%d 个错误，%d 个提醒", s.Stats.Errors, s.Stats.Warnings)
		if s.Stats.Blank > 0 {
			fmt.Fprintf(w, "（其中 %d 个空白单元格按 0 计算）", s.Stats.Blank)
		}
		fmt.Fprintln(w)
		for _, sk := range s.Stats.Skipped {
			fmt.Fprintf(w, "  未检查：%s\n", sk)
		}
	}

	if s.Tasks > 0 {
		fmt.Fprintf(w, "\n工作要点落实（共 %d 项）\n  ", s.Tasks)
		var parts []string
		for _, c := range s.ByStatus {
			parts = append(parts, fmt.Sprintf("%s %d", c.Status, c.N))
		}
		fmt.Fprintln(w, strings.Join(parts, " · "))
		fmt.Fprintln(w, "  按牵头科室：")
		for _, d := range s.ByDept {
			var ps []string
			for _, c := range d.ByStatus {
				ps = append(ps, fmt.Sprintf("%s %d", c.Status, c.N))
			}
			fmt.Fprintf(w, "    %s：%d 项（%s）\n", d.Name, d.Total, strings.Join(ps, "，"))
		}
		if len(s.Overdue) > 0 {
			fmt.Fprintln(w, "  逾期未完成：")
			for _, o := range s.Overdue {
				fmt.Fprintf(w, "    第 %d 项（%s牵头）完成时限 %s，%s，已逾期 %d 天：%s\n", o.ID, strings.Join(o.Lead, "、"), cnDate(o.Due), o.Status, o.DaysOver, clipText(o.Detail, 30))
			}
		}
	}
	if len(s.Notes) > 0 {
		fmt.Fprintln(w, "\n提醒")
		for _, m := range s.Notes {
			fmt.Fprintf(w, "  %s\n", m.String())
		}
	}
	fmt.Fprintln(w)
	if s.Ready {
		fmt.Fprintln(w, "可以生成正式报告。")
		return
	}
	fmt.Fprintln(w, "尚不能生成正式报告，还需：")
	for i, b := range s.Blockers {
		fmt.Fprintf(w, "  %d. %s\n", i+1, b)
	}
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "……"
}
