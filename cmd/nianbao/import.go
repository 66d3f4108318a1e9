package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/published"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/stats"
)

type importOptions struct {
	File  string // the published report
	Dir   string // where to write
	Org   string // overrides the title's body
	Year  int    // overrides the title's year
	Force bool
}

func runImport(e *env, args []string) error {
	o := importOptions{}
	fs := newFlags(e, "import", "import 上年报告.html|.docx|.txt [--dir 文件夹] [--org 机关名称] [--year 年度] [--force]")
	fs.StringVar(&o.Dir, "dir", ".", "写入统计表和报告正文的文件夹")
	fs.StringVar(&o.Org, "org", "", "机关名称；默认取报告标题中的机关名称")
	fs.IntVar(&o.Year, "year", 0, "报告年度；默认取报告标题中的年度")
	fs.BoolVar(&o.Force, "force", false, "覆盖已存在的文件（默认从不改动已有文件）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 1:
		o.File = fs.Arg(0)
	case 0:
		return &usageError{"请指定要导入的年度报告文件，例如：nianbao import 2021年报.html"}
	default:
		return &usageError{fmt.Sprintf("只能导入一个文件，多余的参数：%s", strings.Join(fs.Args()[1:], " "))}
	}
	return doImport(e, o)
}

// importedStatsName and importedTextName are the files import writes; the
// text (published.TextFile) is what R18 compares this year's text with
// when last year's baseline is the imported workbook.
func importedStatsName(year int) string { return fmt.Sprintf("%d-统计表（导入）.xlsx", year) }
func importedTextName(year int) string  { return published.TextFileName(year) }

func doImport(e *env, o importOptions) error {
	path := o.File
	if !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	res, err := published.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &usageError{fmt.Sprintf("找不到文件“%s”。请检查路径", o.File)}
	}
	if err != nil {
		return e.relativeErr(err)
	}
	if o.Org != "" {
		res.Org = o.Org
	}
	if o.Year != 0 {
		res.Year = o.Year
	}
	if res.Org == "" || res.Year == 0 {
		return diag.Errorf(diag.Pos{File: o.File}, "没有从标题中读出机关名称和年度（标题应为“<机关名称><年份>年政府信息公开工作年度报告”）。请用 --org 和 --year 指定")
	}
	if res.Year < 2021 {
		return diag.Errorf(diag.Pos{File: o.File}, "这是 %d 年度的报告；2021 年版表格（国办公开办函〔2021〕30号）从 2021 年度报告起使用，nianbao 只导入 2021 年度及以后的报告（R15）", res.Year)
	}
	var book bytes.Buffer
	if err := workbook.Write(&book, workbook.Options{Org: res.Org, Year: res.Year, Values: &res.Stats, TotalsAsValues: true}); err != nil {
		return err
	}
	td := res.Text(filepath.Base(path))
	text, err := json.MarshalIndent(td, "", "  ")
	if err != nil {
		return err
	}
	dir := o.Dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(e.dir, dir)
	}
	files := []struct {
		name, what string
		data       []byte
	}{
		{importedStatsName(res.Year), fmt.Sprintf("%s %d 年度统计表，数字取自已公布的报告", res.Org, res.Year), book.Bytes()},
		{importedTextName(res.Year), "报告正文，按六个部分", append(text, '\n')},
	}
	if !o.Force {
		var exist []string
		for _, f := range files {
			if _, err := os.Lstat(filepath.Join(dir, f.name)); err == nil {
				exist = append(exist, e.displayPath(filepath.Join(dir, f.name)))
			}
		}
		if len(exist) > 0 {
			return diag.Errorf(diag.Pos{}, "以下文件已存在，未覆盖：%s。如确需覆盖，请加 --force", strings.Join(exist, "、"))
		}
	}
	// Both files are written before anything is printed: a closed
	// terminal or pipe must not stop the import between them. A failed
	// second file takes back a first one that was new.
	var made []string
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		_, statErr := os.Lstat(p)
		if err := outfile.Write(p, f.data, true); err != nil {
			for _, m := range made {
				_ = os.Remove(m) // best effort: the error below says what failed
			}
			return err
		}
		if statErr != nil {
			made = append(made, p)
		}
	}
	printImport(e, o.File, res)
	for _, f := range files {
		fmt.Fprintf(e.stdout, "写入  %s（%s）\n", e.displayPath(filepath.Join(dir, f.name)), f.what)
	}
	fmt.Fprintf(e.stdout, "\n下一年度的 nianbao.toml 中可写 last_year_report = \"%s\"（直接用已公布的报告），或 last_year_stats = \"%s\"（用导入的统计表，可先核对修改）。\n",
		filepath.Base(path), importedStatsName(res.Year))
	return nil
}

// printImport lists every figure with its source, then everything that
// could not be mapped.
func printImport(e *env, file string, res *published.Result) {
	w := e.stdout
	fmt.Fprintf(w, "读取  %s：%s（机关：%s，年度：%d）\n\n", file, res.Title, res.Org, res.Year)
	table := ""
	for _, f := range res.Stats.Fields() {
		src, ok := res.Sources[f.Key]
		if !ok {
			continue
		}
		if src.Table != table {
			table = src.Table
			fmt.Fprintf(w, "%s\n", table)
		}
		v := ""
		if f.Dec != nil {
			v = f.Dec.String()
		} else {
			v = fmt.Sprint(*f.Int)
		}
		where := src.Pos.What
		if src.Pos.Line > 0 {
			where = fmt.Sprintf("第 %d 行", src.Pos.Line)
		}
		fmt.Fprintf(w, "  %-10s ← %s（%s）\n", v, published.WhatOf(src), where)
	}
	section := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s（%d）：\n", title, len(items))
		for _, s := range items {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	msgs := func(ms []diag.Message) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.String())
		}
		return out
	}
	section("未能对应的内容", msgs(res.Unmapped))
	section("报告中没有的数字（按 0 写入统计表）", res.Missing)
	section("提醒", msgs(res.Warnings))
	section("按原样导入、但不符合勾稽关系的数字", msgs(res.Breaks))
	var missingSec []string
	for i, h := range res.Headings {
		if h == "" {
			missingSec = append(missingSec, []string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}[i])
		}
	}
	section("没有找到的部分", missingSec)
	fmt.Fprintln(w)
}
