package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/pipeline"
	"github.com/nianbao/nianbao/report/readiness"
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
		if o.JSON {
			writeJSONError(e.stdout, "status", err)
		}
		return err
	}
	ws := pipeline.Open(cfg, e.pipe(today))
	sum := ws.Reports[0].Summary
	if o.JSON {
		msgs := []jsonMessage{}
		if ws.Check != nil {
			msgs = checkMessages(ws.Check)
		}
		for _, m := range append(append([]diag.Message{}, sum.Stats.ReadErrors...), sum.Notes...) {
			msgs = append(msgs, messageOf(m))
		}
		type report struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
			readiness.Summary
		}
		out := struct {
			jsonEnvelope
			readiness.Summary
			// Reports is every report of a folder that makes more than one.
			Reports []report `json:"reports,omitempty"`
		}{jsonEnvelope: jsonEnvelope{Schema: jsonSchema, Command: "status", OK: ws.Ready(), Messages: msgs}, Summary: sum}
		if len(ws.Reports) > 1 {
			for _, r := range ws.Reports {
				out.Reports = append(out.Reports, report{r.Kind.ID, r.Kind.Name, r.Summary})
			}
		}
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	} else {
		printStatus(e.stdout, sum)
		for _, r := range ws.Reports[1:] {
			printOther(e.stdout, r.Kind.Name, r.Summary, sum.Blockers)
		}
	}
	if !ws.Ready() {
		n := 0
		for _, r := range ws.Reports {
			n += len(r.Summary.Blockers)
		}
		return &findingsError{n}
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
	printDeadlines(w, s)

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

	printTasks(w, s, "工作要点落实")
	if len(s.Notes) > 0 {
		fmt.Fprintln(w, "\n提醒")
		for _, m := range s.Notes {
			fmt.Fprintf(w, "  %s\n", m.String())
		}
	}
	fmt.Fprintln(w)
	printReady(w, s)
}

// printOther is a further report of the folder: its own deadlines, tasks
// and blockers; the statistics and notes were printed with the first, and
// a blocker the first report has too is named by its first line only.
func printOther(w io.Writer, name string, s readiness.Summary, first []readiness.Blocker) {
	fmt.Fprintf(w, "\n%s %d 年%s · 准备情况\n\n", s.Org, s.Year, name)
	printDeadlines(w, s)
	printTasks(w, s, "工作任务")
	fmt.Fprintln(w)
	if s.Ready {
		fmt.Fprintln(w, "可以生成正式报告。")
		return
	}
	shared := map[string]bool{}
	for _, b := range first {
		shared[b.String()] = true
	}
	blocks := make([]readiness.Blocker, len(s.Blockers))
	for i, b := range s.Blockers {
		blocks[i] = b
		if shared[b.String()] {
			blocks[i] = readiness.Blocker{Text: b.Text + "（同上）", Pos: b.Pos}
		}
	}
	fmt.Fprintln(w, "尚不能生成正式报告，还需：")
	printBlockers(w, blocks)
}

func printDeadlines(w io.Writer, s readiness.Summary) {
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

}

func printTasks(w io.Writer, s readiness.Summary, what string) {
	if s.Tasks > 0 {
		fmt.Fprintf(w, "\n%s（共 %d 项）\n  ", what, s.Tasks)
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
}

func printReady(w io.Writer, s readiness.Summary) {
	if s.Ready {
		fmt.Fprintln(w, "可以生成正式报告。")
		return
	}
	fmt.Fprintln(w, "尚不能生成正式报告，还需：")
	printBlockers(w, s.Blockers)
}

// printBlockers numbers the blockers; a blocker's further lines (the
// places it concerns) are indented under it.
func printBlockers(w io.Writer, blockers []readiness.Blocker) {
	for i, b := range blockers {
		first, rest, _ := strings.Cut(b.String(), "\n")
		fmt.Fprintf(w, "  %d. %s\n", i+1, first)
		if rest != "" {
			for _, l := range strings.Split(rest, "\n") {
				fmt.Fprintf(w, "     %s\n", l)
			}
		}
	}
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "……"
}
