package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/unitlist"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/rollup"
)

// Folders of a roll-up working folder, and the aggregate rollup writes
// into its output folder (stats of its nianbao.toml).
const (
	rollupAggregate = "汇总统计表.xlsx"

	handOutFolder = rollup.HandOutFolder // blank workbooks to send to the units
	returnsFolder = "回收"                 // where the office saves what the units send back
)

// doInitUnits makes a roll-up working folder: a blank statistics workbook
// stamped with each unit's name and the year, to send out (the same
// workbook a body fills for its own report), and a nianbao.toml listing
// the units for nianbao rollup.
func doInitUnits(e *env, o initOptions) error {
	if o.Plan != "" || o.Templates || o.Law {
		return &usageError{"--units 不能与 --plan、--templates、--law 同用：先用 --units 建立汇总文件夹，需要时再在其中运行 nianbao init --templates 或 --law"}
	}
	path := o.Units
	if !filepath.IsAbs(path) {
		path = filepath.Join(e.dir, path)
	}
	units, err := unitlist.Read(path)
	if err != nil {
		return err
	}
	if strings.TrimSpace(o.Org) == "" {
		return &usageError{"请用 --org 指定汇总报告的机关名称（全称），例如：nianbao init --units 单位名单.xlsx --org 某某县人民政府办公室"}
	}
	if o.Year == 0 {
		o.Year = e.now().Year() - 1
	}
	if o.Year < 2008 || o.Year > 2100 {
		return &usageError{fmt.Sprintf("--year 应为四位年份，实为 %d", o.Year)}
	}
	dir := o.Dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(e.dir, dir)
	}
	aggregate := filepath.ToSlash(filepath.Join("输出", rollupAggregate))
	cfgPath := filepath.Join(dir, config.FileName)
	cfgText := config.RollupTemplate(o.Org, o.Year, units, aggregate)
	wrote, kept := 0, 0
	put := func(p string, data []byte) (bool, error) {
		err := outfile.Write(p, data, o.Force)
		var xe *outfile.ExistsError
		switch {
		case errors.As(err, &xe):
			kept++
			return false, nil
		case err != nil:
			return false, err
		}
		wrote++
		return true, nil
	}
	ok, err := put(cfgPath, []byte(cfgText))
	if err != nil {
		return err
	}
	if ok {
		fmt.Fprintf(e.stdout, "写入  %s（汇总配置文件，%d 个单位）\n", e.displayPath(cfgPath), len(units))
	} else {
		fmt.Fprintf(e.stdout, "保留  %s（已存在，未改动；如需重新生成请加 --force）\n", e.displayPath(cfgPath))
	}
	var book bytes.Buffer
	books := 0
	for _, u := range units {
		book.Reset()
		if err := workbook.Write(&book, workbook.Options{Org: u, Year: o.Year}); err != nil {
			return err
		}
		ok, err := put(filepath.Join(dir, handOutFolder, u+".xlsx"), book.Bytes())
		if err != nil {
			return err
		}
		if ok {
			books++
		}
	}
	out := filepath.Join(dir, handOutFolder)
	fmt.Fprintf(e.stdout, "写入  %s%c（%d 个单位的空白统计表，已标明单位名称和 %d 年度）\n", e.displayPath(out), filepath.Separator, books, o.Year)
	if n := len(units) - books; n > 0 {
		fmt.Fprintf(e.stdout, "保留  %d 个已存在的统计表（未改动；如需重新生成请加 --force）\n", n)
	}
	ret := filepath.Join(dir, returnsFolder)
	if err := os.MkdirAll(ret, 0o755); err != nil {
		return err
	}
	if wrote == 0 {
		return &usageError{"文件都已存在，没有写入任何文件。如确需重新生成，请加 --force（将覆盖已有的文件）"}
	}
	if !ok && kept > 0 {
		fmt.Fprintf(e.stdout, "\n%s 已存在，未改动。请确认其中有以下一节：\n\n%s", config.FileName, cfgText[strings.Index(cfgText, "# 本系统/本级汇总"):])
	}
	fmt.Fprintf(e.stdout, "\n下一步：\n  1. 把“%s”文件夹中的统计表分别发给各单位，请各单位只填浅黄色单元格、不改文件结构（文件名可改）；\n"+
		"  2. 各单位报回的统计表存入“%s”文件夹（文件名不限，按表中标明的单位识别）；\n"+
		"  3. 运行 nianbao rollup 查看各单位报送和核对情况，并生成汇总统计表；\n"+
		"  4. 在 %s 中填写汇总报告的文字，运行 nianbao build 生成汇总报告。\n",
		handOutFolder, returnsFolder, config.FileName)
	return nil
}
