package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/pipeline"
	"github.com/nianbao/nianbao/report/readiness"
)

type buildOptions struct {
	Config  string
	Report  string // one kind (年报, 法治); "" for every report of the folder
	Draft   bool
	Force   bool
	Formats string // comma-separated; "" for all
}

func runBuild(e *env, args []string) error {
	o := buildOptions{}
	fs := newFlags(e, "build", "build [--config nianbao.toml] [--draft] [--force] [--format pdf,docx,md,txt,html,json,csv] [--report 年报|法治]")
	fs.StringVar(&o.Config, "config", config.FileName, "配置文件")
	fs.BoolVar(&o.Draft, "draft", false, "生成草稿：有错误或待补充内容时也生成，每个文件都标明“草稿”")
	fs.BoolVar(&o.Force, "force", false, "覆盖输出文件夹中已被修改过的同名文件")
	fs.StringVar(&o.Formats, "format", "", "只生成这些格式（pdf、docx、md、txt、html、json、csv，用逗号分隔），默认全部")
	fs.StringVar(&o.Report, "report", "", "只生成一种报告：年报（政府信息公开工作年度报告）或 法治（法治政府建设情况报告），默认生成本文件夹设置的全部报告")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("多余的参数：%s", strings.Join(fs.Args(), " "))}
	}
	return doBuild(e, o)
}

func doBuild(e *env, o buildOptions) error {
	cfg, err := loadConfig(e, o.Config, false)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, f := range strings.Split(o.Formats, ",") {
		if f = strings.TrimSpace(f); f != "" {
			want[f] = true
		}
	}
	for f := range want {
		if !pipeline.KnownFormat(f) {
			return &usageError{fmt.Sprintf("未知的格式“%s”，可用：pdf、docx、md、txt、html、json、csv", f)}
		}
	}
	ws := pipeline.Open(cfg, e.pipe(e.now()))
	reports := ws.Reports
	if o.Report != "" {
		k := pipeline.KindByID(o.Report)
		if k == nil {
			return &usageError{fmt.Sprintf("未知的报告“%s”，可用：年报、法治", o.Report)}
		}
		r := ws.Report(k.ID)
		if r == nil {
			return &usageError{fmt.Sprintf("本文件夹没有设置%s：请在 nianbao.toml 中加入 [law] 一节（nianbao init --law 可以写入）", k.Name)}
		}
		reports = []*pipeline.Report{r}
	}
	for _, r := range reports {
		if err := ws.FirstErr(r); err != nil {
			return err
		}
	}
	if !o.Draft {
		if n := printRefusal(e.stderr, reports); n > 0 {
			fmt.Fprintln(e.stderr, "改正后重新运行；如只需供审阅的草稿，请加 --draft。")
			return &findingsError{n}
		}
	}
	out, err := ws.Render(reports, pipeline.RenderOptions{Formats: want, Draft: o.Draft, Note: func(m diag.Message) {
		fmt.Fprintf(e.stderr, "提醒  %s\n", m.String())
	}})
	if err != nil {
		return err
	}
	files, whats, summaries := out.Files, out.Whats, out.Summaries
	written, err := writeOutputs(e, cfg.Path(cfg.Output), files, o.Force)
	if err != nil {
		return err
	}
	for i, p := range written {
		fmt.Fprintf(e.stdout, "写入  %s（%s）\n", e.displayPath(p), whats[i])
	}
	kind := "正式报告"
	if o.Draft {
		kind = "草稿"
	}
	if len(reports) == 1 {
		fmt.Fprintf(e.stdout, "生成完成（%s）：%s\n", kind, summaries[0])
		return nil
	}
	for i, r := range reports {
		fmt.Fprintf(e.stdout, "生成完成（%s，%s）：%s\n", r.Kind.Name, kind, summaries[i])
	}
	return nil
}

// printRefusal says why the reports cannot be built as formal reports and
// returns how many blockers it listed. What blocks every report (the
// statistics, the plan) is listed once.
func printRefusal(w io.Writer, reports []*pipeline.Report) int {
	if len(reports) == 1 {
		blocks := reports[0].Summary.Blockers
		if len(blocks) > 0 {
			fmt.Fprintln(w, "不能生成正式报告，因为：")
			printBlockers(w, blocks)
		}
		return len(blocks)
	}
	common := map[string]int{}
	for _, r := range reports {
		for _, b := range r.Summary.Blockers {
			common[b.String()]++
		}
	}
	var shared []readiness.Blocker
	for _, b := range reports[0].Summary.Blockers {
		if common[b.String()] == len(reports) {
			shared = append(shared, b)
		}
	}
	n := len(shared)
	if len(shared) > 0 {
		fmt.Fprintln(w, "不能生成正式报告，因为：")
		printBlockers(w, shared)
	}
	for _, r := range reports {
		var own []readiness.Blocker
		for _, b := range r.Summary.Blockers {
			if common[b.String()] != len(reports) {
				own = append(own, b)
			}
		}
		if len(own) > 0 {
			fmt.Fprintf(w, "不能生成正式的%s，因为：\n", r.Kind.Name)
			printBlockers(w, own)
			n += len(own)
		}
	}
	if n > 0 {
		// Offer only the reports that could be built on their own.
		var ready []string
		for _, r := range reports {
			if len(r.Summary.Blockers) == 0 {
				ready = append(ready, "--report "+r.Kind.ID)
			}
		}
		if len(ready) > 0 {
			fmt.Fprintf(w, "没有写入任何文件。只生成可以生成的报告，可加 %s。\n", strings.Join(ready, " 或 "))
		} else {
			fmt.Fprintln(w, "没有写入任何文件。")
		}
	}
	return n
}

// writeOutputs writes a command's files into the output folder as one set
// (report/outfile): all or nothing, never over a file the office changed
// unless force, and says why when it refuses.
func writeOutputs(e *env, dir string, files []outfile.File, force bool) ([]string, error) {
	written, err := outfile.WriteSetWith(dir, files, outfile.Options{Force: force, Note: func(p, msg string) {
		fmt.Fprintf(e.stderr, "提醒  %s：%s\n", e.displayPath(p), msg)
	}})
	var me *outfile.ModifiedError
	if errors.As(err, &me) {
		fmt.Fprintln(e.stderr, "没有写入任何文件：以下输出文件在上次生成后被修改过（或不是 nianbao 生成的）：")
		for _, p := range me.Paths {
			fmt.Fprintf(e.stderr, "  %s\n", e.displayPath(p))
		}
		fmt.Fprintln(e.stderr, "请先把修改过的文件另存到别处；如确需覆盖，请加 --force。")
		return nil, &findingsError{len(me.Paths)}
	}
	return written, err
}
