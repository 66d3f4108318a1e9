package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/pipeline"
	"github.com/nianbao/nianbao/report/readiness"
	"github.com/nianbao/nianbao/report/render/docx"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/htmlpage"
	"github.com/nianbao/nianbao/report/render/markdown"
	"github.com/nianbao/nianbao/report/render/pdf"
	"github.com/nianbao/nianbao/report/render/plaintext"
	"github.com/nianbao/nianbao/report/stats"
)

type buildOptions struct {
	Config  string
	Report  string // one kind (年报, 法治); "" for every report of the folder
	Draft   bool
	Force   bool
	Formats string // comma-separated; "" for all
}

// renderer writes the document model in one format.
type renderer struct {
	format, ext, what string
	render            func(io.Writer, *doc.Document, *config.Config) error
}

var renderers = []renderer{
	{"pdf", ".pdf", "打印稿 PDF", renderPDF},
	{"docx", ".docx", "可编辑 DOCX", renderDOCX},
	{"md", ".md", "Markdown", plain(markdown.Render)},
	{"txt", ".txt", "纯文本", plain(plaintext.Render)},
	{"html", ".html", "网页", plain(htmlpage.Render)},
}

func plain(f func(io.Writer, *doc.Document) error) func(io.Writer, *doc.Document, *config.Config) error {
	return func(w io.Writer, d *doc.Document, _ *config.Config) error { return f(w, d) }
}

// pdfFonts loads the fonts of the printable PDF: the bundled ones unless
// nianbao.toml names the office's own.
func pdfFonts(cfg *config.Config) (*fontset.Set, error) {
	spec := map[fontset.Role]string{}
	ff := cfg.Fonts
	for role, path := range map[fontset.Role]string{
		fontset.Title: ff.Title, fontset.Body: ff.Body, fontset.Heading1: ff.Heading1, fontset.Heading2: ff.Heading2,
		fontset.Number: ff.Number, fontset.Table: ff.Table, fontset.Fallback: ff.Fallback,
	} {
		if path != "" {
			spec[role] = cfg.Path(path)
		}
	}
	return fontset.Load(spec)
}

func renderPDF(w io.Writer, d *doc.Document, cfg *config.Config) error {
	fonts, err := pdfFonts(cfg)
	if err != nil {
		return err
	}
	return pdf.Render(w, d, pdf.Options{Fonts: fonts})
}

// checkGlyphs reports characters the PDF fonts lack, before rendering.
func checkGlyphs(e *env, d *doc.Document, cfg *config.Config) error {
	fonts, err := pdfFonts(cfg)
	if err != nil {
		return err
	}
	for _, m := range pdf.CheckGlyphs(d, fonts) {
		fmt.Fprintf(e.stderr, "提醒  %s\n", m.String())
	}
	return nil
}

func renderDOCX(w io.Writer, d *doc.Document, cfg *config.Config) error {
	n := cfg.DocxFonts
	return docx.Render(w, d, docx.Options{Fonts: docx.Fonts{Title: n.Title, Body: n.Body,
		Heading1: n.Heading1, Heading2: n.Heading2, Number: n.Number, Table: n.Table}})
}

func runBuild(e *env, args []string) error {
	o := buildOptions{}
	fs := newFlags(e, "build", "build [--config nianbao.toml] [--draft] [--force] [--format pdf,docx,md,txt,html,json] [--report 年报|法治]")
	fs.StringVar(&o.Config, "config", config.FileName, "配置文件")
	fs.BoolVar(&o.Draft, "draft", false, "生成草稿：有错误或待补充内容时也生成，每个文件都标明“草稿”")
	fs.BoolVar(&o.Force, "force", false, "覆盖输出文件夹中已被修改过的同名文件")
	fs.StringVar(&o.Formats, "format", "", "只生成这些格式（pdf、docx、md、txt、html、json，用逗号分隔），默认全部")
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
		if f != "json" && !knownFormat(f) {
			return &usageError{fmt.Sprintf("未知的格式“%s”，可用：pdf、docx、md、txt、html、json", f)}
		}
	}
	all := len(want) == 0
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
	var files []outfile.File
	var whats, summaries []string
	for _, r := range reports {
		summary := fmt.Sprintf("%s；%d 项待补充", ws.Check.Summary, len(r.Composed.Gaps))
		summaries = append(summaries, summary)
		d := r.Composed.Doc
		if o.Draft {
			// A draft is the same document, marked: the note names what
			// keeps it from being formal.
			d.Meta.Draft = true
			d.Meta.DraftNote = "不得公开发布。" + summary + "。"
		}
		base := r.Kind.FileBase(cfg.Year)
		if o.Draft {
			base += "（草稿）"
		}
		for _, rd := range renderers {
			if !all && !want[rd.format] {
				continue
			}
			var buf bytes.Buffer
			if rd.format == "pdf" {
				if err := checkGlyphs(e, d, cfg); err != nil {
					return err
				}
			}
			render := rd.render
			if rd.format == "md" {
				// The charts' pictures go beside the Markdown file, in the set.
				var svgs []outfile.File
				svgs, render = markdownCharts(base, d)
				files = append(files, svgs...)
				for range svgs {
					whats = append(whats, "Markdown 的图表（SVG）")
				}
			}
			if err := render(&buf, d, cfg); err != nil {
				var de diag.Errors
				if errors.As(err, &de) {
					return err
				}
				return fmt.Errorf("生成%s失败：%w", rd.what, err)
			}
			files = append(files, outfile.File{Name: base + rd.ext, Data: buf.Bytes()})
			whats = append(whats, rd.what)
		}
		pf, pw, err := posterFiles(r.Kind, ws.Input(), d, base, all || want["html"], all || want["pdf"])
		if err != nil {
			return err
		}
		files, whats = append(files, pf...), append(whats, pw...)
		if all || want["json"] {
			meta := stats.ExportMeta{Org: d.Meta.Org, Year: cfg.Year, ReportDate: d.Meta.ISODate, Draft: o.Draft}
			if o.Draft {
				rep := ws.Check
				meta.Check = &stats.ExportCheck{Errors: rep.Errors, Warnings: rep.Warnings, Gaps: len(r.Composed.Gaps), Summary: summary, Blockers: readiness.Texts(r.Summary.Blockers)}
			}
			data, err := r.Kind.Export(ws.Input(), meta)
			if err != nil {
				return err
			}
			name := fmt.Sprintf("%d年%s.json", cfg.Year, r.Kind.ExportName)
			if o.Draft {
				name = fmt.Sprintf("%d年%s（草稿）.json", cfg.Year, r.Kind.ExportName)
			}
			files = append(files, outfile.File{Name: name, Data: data})
			if r.Kind.ExportName == "统计数据" {
				whats = append(whats, "统计数据（JSON）")
			} else {
				whats = append(whats, "数据（JSON）")
			}
		}
	}
	outDir := cfg.Path(cfg.Output)
	written, err := outfile.WriteSetWith(outDir, files, outfile.Options{Force: o.Force, Note: func(p, msg string) {
		fmt.Fprintf(e.stderr, "提醒  %s：%s\n", e.displayPath(p), msg)
	}})
	var me *outfile.ModifiedError
	if errors.As(err, &me) {
		fmt.Fprintln(e.stderr, "没有写入任何文件：以下输出文件在上次生成后被修改过（或不是 nianbao 生成的）：")
		for _, p := range me.Paths {
			fmt.Fprintf(e.stderr, "  %s\n", e.displayPath(p))
		}
		fmt.Fprintln(e.stderr, "请先把修改过的文件另存到别处；如确需覆盖，请加 --force。")
		return &findingsError{len(me.Paths)}
	}
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

func knownFormat(f string) bool {
	for _, r := range renderers {
		if r.format == f {
			return true
		}
	}
	return false
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
