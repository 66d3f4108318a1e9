package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/templates"
)

// templateFolder is where init --templates puts the default templates.
const templateFolder = config.TemplateFolder

type initOptions struct {
	Dir  string // working folder to create
	Org  string // default: the plan's org
	Year int    // default: the plan's year, else last calendar year
	Plan string // 工作要点 plan to copy into the folder; "" writes an empty one
	// Templates copies the default report templates into 模板/ for editing.
	Templates bool
	// Law sets the folder up for the 法治政府建设情况报告 too.
	Law bool
	// Register writes the statistics workbook in register mode: 表三 and
	// 表四 counted from the sheets 申请登记 and 复议诉讼登记.
	Register bool
	Force    bool
	// Units is a list of units: init then makes a roll-up folder (initunits.go).
	Units string
}

func runInit(e *env, args []string) error {
	o := initOptions{}
	fs := newFlags(e, "init", "init --org 机关名称 [--year 年度] [--plan 工作要点.toml] [--dir 文件夹] [--templates] [--law] [--register] [--units 单位名单.xlsx] [--force]")
	fs.StringVar(&o.Dir, "dir", ".", "工作文件夹（不存在时创建）")
	fs.StringVar(&o.Org, "org", "", "机关名称（全称），例如 江门市政府投资工程建设管理中心；有 --plan 时默认取计划中的机关名称")
	fs.IntVar(&o.Year, "year", 0, "报告年度；默认取计划中的年度，没有计划时为上一年")
	fs.StringVar(&o.Plan, "plan", "", "本年度政务公开工作要点计划文件（TOML），复制到工作文件夹并据此生成任务台账；不指定时生成空白计划")
	fs.BoolVar(&o.Templates, "templates", false, "把默认的报告模板复制到“模板”文件夹，供修改（配置文件中 templates 指向它）")
	fs.BoolVar(&o.Law, "law", false, "同时准备法治政府建设情况报告（在 nianbao.toml 中加入 [law] 一节）")
	fs.BoolVar(&o.Register, "register", false, "统计表带申请登记台账：逐件登记申请和复议诉讼案件，“申请情况”“复议诉讼”两表由台账自动计数")
	fs.BoolVar(&o.Force, "force", false, "覆盖已存在的文件（默认从不改动已有文件）")
	fs.StringVar(&o.Units, "units", "", "汇总单位名单（.xlsx、.csv 或 .txt，每行一个单位）：为每个单位生成一份空白统计表放入“下发”文件夹，并创建汇总工作文件夹（nianbao rollup）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("多余的参数：%s", strings.Join(fs.Args(), " "))}
	}
	if o.Units != "" {
		return doInitUnits(e, o)
	}
	return doInit(e, o)
}

func doInit(e *env, o initOptions) error {
	var (
		p        *plan.Plan
		planData []byte
	)
	dir := o.Dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(e.dir, dir)
	}
	// In a working folder that has its nianbao.toml, init fills in what is
	// missing (the ledger once the plan has tasks, the templates) for the
	// body, year and plan that file names.
	planName, ledgerName, writePlan := "工作要点.toml", "任务台账.xlsx", true
	cfgPath := filepath.Join(dir, config.FileName)
	hasLaw := false // the existing nianbao.toml already has [law]
	if _, statErr := os.Stat(cfgPath); statErr == nil {
		cfg, err := config.Load(cfgPath)
		hasLaw = err == nil && cfg.Law != nil
		switch {
		case err != nil && o.Org == "":
			return err
		case err != nil:
			fmt.Fprintf(e.stderr, "提醒：%s 无法读取，按命令行参数生成（%s）\n", config.FileName, firstLine(err))
		default:
			if o.Org == "" {
				o.Org = cfg.Org
			}
			if o.Year == 0 {
				o.Year = cfg.Year
			}
			switch {
			case o.Plan != "":
			case cfg.Plan == "":
				writePlan = false // the office has no plan: no ledger either
			default:
				planName, writePlan = cfg.Plan, false
				if _, err := os.Stat(cfg.Path(cfg.Plan)); err == nil {
					o.Plan = cfg.Path(cfg.Plan)
				}
			}
			if cfg.Ledger != "" {
				ledgerName = cfg.Ledger
			}
		}
	}
	if o.Plan != "" {
		path := o.Plan
		if !filepath.IsAbs(path) {
			path = filepath.Join(e.dir, path)
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return &usageError{fmt.Sprintf("找不到工作要点计划文件“%s”。请检查 --plan 后的路径；还没有计划文件时不加 --plan，init 会生成空白的 工作要点.toml 供填写", o.Plan)}
		}
		var err error
		if p, err = plan.Load(path); err != nil {
			return err
		}
		planData, _ = os.ReadFile(path)
		if o.Org == "" {
			o.Org = p.Org
		}
		if o.Year == 0 {
			o.Year = p.Year
		}
	}
	if o.Year == 0 {
		o.Year = e.now().Year() - 1
	}
	if p == nil {
		planData = []byte(plan.EmptyTemplate(o.Org, o.Year))
		var err error
		if p, err = plan.Parse("工作要点.toml", planData); err != nil {
			return err
		}
	}
	if p.Year != 0 && p.Year != o.Year {
		fmt.Fprintf(e.stderr, "提醒：计划文件的年度是 %d，报告年度是 %d，请核对\n", p.Year, o.Year)
	}
	if strings.TrimSpace(o.Org) == "" {
		return &usageError{"请用 --org 指定机关名称（全称），例如：nianbao init --org 江门市政府投资工程建设管理中心"}
	}
	if o.Year < 2008 || o.Year > 2100 {
		return &usageError{fmt.Sprintf("--year 应为四位年份，实为 %d", o.Year)}
	}
	var book bytes.Buffer
	writeBook := workbook.Write
	if o.Register {
		writeBook = func(w io.Writer, opts workbook.Options) error { return workbook.WriteRegister(w, opts, nil) }
	}
	if err := writeBook(&book, workbook.Options{Org: o.Org, Year: o.Year}); err != nil {
		return err
	}
	tmplDir := ""
	if o.Templates {
		tmplDir = templateFolder
	}
	var ledgerBook bytes.Buffer
	if err := ledger.WriteXLSX(&ledgerBook, p, ledger.WriteOptions{Org: o.Org, Year: o.Year}); err != nil {
		return err
	}
	type file struct {
		name, what string
		data       []byte
	}
	files := []file{
		{config.FileName, "配置文件", []byte(config.Template(o.Org, o.Year, tmplDir, o.Law))},
		{"统计表.xlsx", "统计表", book.Bytes()},
	}
	if writePlan {
		files = append(files, file{planName, fmt.Sprintf("工作要点计划，%d 项任务", len(p.Tasks)), planData})
	}
	if (writePlan || o.Plan != "") && strings.EqualFold(filepath.Ext(ledgerName), ".xlsx") {
		files = append(files, file{ledgerName, fmt.Sprintf("任务台账，%d 项任务", len(p.Tasks)), ledgerBook.Bytes()})
	}
	if o.Templates {
		names, err := fs.Glob(templates.FS, "*.tmpl")
		if err != nil {
			return err
		}
		for _, n := range names {
			b, _ := templates.FS.ReadFile(n)
			files = append(files, file{filepath.Join(templateFolder, n), "报告模板", b})
		}
		if o.Law || hasLaw {
			names, err := fs.Glob(templates.LawGov, "*.tmpl")
			if err != nil {
				return err
			}
			for _, n := range names {
				b, _ := fs.ReadFile(templates.LawGov, n)
				files = append(files, file{filepath.Join(templateFolder, templates.LawFolder, n), "法治政府建设情况报告模板", b})
			}
		}
	}
	// Every file is written before anything is printed: a closed terminal
	// or pipe must not stop init half-way through the folder.
	wrote, kept, keptConfig := 0, 0, false
	keptFile := make([]bool, len(files))
	for i, f := range files {
		p := filepath.Join(dir, f.name)
		err := outfile.Write(p, f.data, o.Force)
		var xe *outfile.ExistsError
		switch {
		case errors.As(err, &xe):
			keptFile[i] = true
			kept++
			keptConfig = keptConfig || f.name == config.FileName
		case err != nil:
			return err
		default:
			wrote++
		}
	}
	for i, f := range files {
		p := filepath.Join(dir, f.name)
		if keptFile[i] {
			fmt.Fprintf(e.stdout, "保留  %s（已存在，未改动；如需重新生成请加 --force）\n", e.displayPath(p))
		} else {
			fmt.Fprintf(e.stdout, "写入  %s（%s）\n", e.displayPath(p), f.what)
		}
	}
	if o.Law && !hasLaw && keptConfig {
		// Never edit the office's nianbao.toml: show what to add.
		fmt.Fprintf(e.stdout, "\n%s 已存在，未改动。要同时生成法治政府建设情况报告，请把以下一节复制到该文件末尾：\n\n%s\n", config.FileName, config.LawTemplate(o.Year))
	}
	if o.Templates && kept > 0 {
		fmt.Fprintf(e.stdout, "提示：要使用“%s”文件夹中的模板，请确认 %s 中设置了 templates = \"%s\"。\n", templateFolder, config.FileName, templateFolder)
	}
	if wrote == 0 && !(o.Law && !hasLaw && keptConfig) {
		return &usageError{"文件都已存在，没有写入任何文件。如确需重新生成，请加 --force（将覆盖已填写的内容）"}
	}
	fmt.Fprintf(e.stdout, "\n下一步：\n  1. 打开 %s，核对机关名称、年度和联系方式；\n", filepath.Join(dir, config.FileName))
	if len(p.Tasks) == 0 {
		fmt.Fprintf(e.stdout, "  · 工作要点.toml 还是空的：录入本年度工作要点后，删除任务台账.xlsx 并重新运行 nianbao init；\n")
	}
	step2 := "在统计表.xlsx 的浅黄色单元格中填写本年度数字（没有的填 0）"
	if o.Register {
		step2 = "在统计表.xlsx 的“申请登记”“复议诉讼登记”中逐件登记申请和案件（申请情况、复议诉讼两表自动计数），其余浅黄色单元格填写本年度数字"
	}
	fmt.Fprintf(e.stdout, "  2. %s，运行 nianbao check 核对；\n  3. 在任务台账.xlsx 中记录每项任务的完成状态和完成情况；\n  4. 运行 nianbao status 查看还缺什么、离公布期限还有几天。\n", step2)
	return nil
}

func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
