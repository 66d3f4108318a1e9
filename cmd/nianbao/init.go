package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/report/config"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/workbook"
)

type initOptions struct {
	Dir   string // working folder to create
	Org   string
	Year  int
	Force bool
}

func runInit(e *env, args []string) error {
	o := initOptions{}
	fs := newFlags(e, "init", "init --org 机关名称 [--year 年度] [--dir 文件夹] [--force]")
	fs.StringVar(&o.Dir, "dir", ".", "工作文件夹（不存在时创建）")
	fs.StringVar(&o.Org, "org", "", "机关名称（全称），例如 江门市政府投资工程建设管理中心")
	fs.IntVar(&o.Year, "year", e.now().Year()-1, "报告年度，默认为上一年")
	fs.BoolVar(&o.Force, "force", false, "覆盖已存在的文件（默认从不改动已有文件）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("多余的参数：%s", strings.Join(fs.Args(), " "))}
	}
	return doInit(e, o)
}

func doInit(e *env, o initOptions) error {
	if strings.TrimSpace(o.Org) == "" {
		return &usageError{"请用 --org 指定机关名称（全称），例如：nianbao init --org 江门市政府投资工程建设管理中心"}
	}
	if o.Year < 2008 || o.Year > 2100 {
		return &usageError{fmt.Sprintf("--year 应为四位年份，实为 %d", o.Year)}
	}
	dir := o.Dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(e.dir, dir)
	}
	var book bytes.Buffer
	if err := workbook.Write(&book, workbook.Options{Org: o.Org, Year: o.Year}); err != nil {
		return err
	}
	files := []struct {
		name, what string
		data       []byte
	}{
		{config.FileName, "配置文件", []byte(config.Template(o.Org, o.Year))},
		{"统计表.xlsx", "统计表", book.Bytes()},
	}
	wrote, kept := 0, 0
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		err := outfile.Write(p, f.data, o.Force)
		var xe *outfile.ExistsError
		switch {
		case errors.As(err, &xe):
			fmt.Fprintf(e.stdout, "保留  %s（%s已存在，未改动；如需重新生成请加 --force）\n", p, f.what)
			kept++
		case err != nil:
			return err
		default:
			fmt.Fprintf(e.stdout, "写入  %s（%s）\n", p, f.what)
			wrote++
		}
	}
	if wrote == 0 {
		return &usageError{"文件都已存在，没有写入任何文件。如确需重新生成，请加 --force（将覆盖已填写的内容）"}
	}
	fmt.Fprintf(e.stdout, "\n下一步：\n  1. 打开 %s，核对机关名称、年度和联系方式；\n  2. 在统计表.xlsx 的浅黄色单元格中填写本年度数字（没有的填 0）；\n  3. 运行 nianbao check 核对数字。\n", filepath.Join(dir, config.FileName))
	return nil
}
