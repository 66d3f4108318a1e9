package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/workbook"
)

// More of the bad-input corpus: broken workbooks, ledgers, plans, configs,
// templates and command lines, as a careless user or an attacker would
// hand them over. Each runs through TestBadInputs.

const (
	statsFile  = "统计表.xlsx"
	lastFile   = "2021-统计表.xlsx"
	ledgerFile = "任务台账.xlsx"
)

// editBook changes a workbook of the sample folder as a spreadsheet user would.
func editBook(file string, fn func(t *testing.T, f *excelize.File)) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, file)
		f, err := excelize.OpenFile(p)
		require.NoError(t, err)
		fn(t, f)
		require.NoError(t, f.SaveAs(p))
		require.NoError(t, f.Close())
	}
}

func setStr(sheet, cell, v string) func(*testing.T, *excelize.File) {
	return func(t *testing.T, f *excelize.File) { require.NoError(t, f.SetCellStr(sheet, cell, v)) }
}

// rewriteZipPart replaces one part of a workbook's zip with text.
func rewriteZipPart(file, part string, edit func(old []byte) []byte) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, file)
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		require.NoError(t, err)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		found := false
		for _, zf := range zr.File {
			rc, err := zf.Open()
			require.NoError(t, err)
			var b bytes.Buffer
			_, err = b.ReadFrom(rc)
			require.NoError(t, err)
			require.NoError(t, rc.Close())
			content := b.Bytes()
			if zf.Name == part {
				content, found = edit(content), true
			}
			w, err := zw.Create(zf.Name)
			require.NoError(t, err)
			_, err = w.Write(content)
			require.NoError(t, err)
		}
		require.True(t, found, part)
		require.NoError(t, zw.Close())
		require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	}
}

// stampedBook writes a filled statistics workbook for another body or year.
func stampedBook(file, org string, year int) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		var buf bytes.Buffer
		s := sample2022()
		if strings.HasPrefix(file, "2021") {
			s = sample2021()
		}
		require.NoError(t, workbook.Write(&buf, workbook.Options{Org: org, Year: year, Values: s}))
		require.NoError(t, os.WriteFile(filepath.Join(dir, file), buf.Bytes(), 0o644))
	}
}

func init() {
	badInputs = append(append(badInputs, moreBadInputs...), damagedBooks...)
}

// damagedBooks are workbooks whose zip or XML is broken.
var damagedBooks = []badInput{
	{name: "stats truncated", edit: func(t *testing.T, dir string) {
		p := filepath.Join(dir, statsFile)
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(p, b[:len(b)/2], 0o644))
	}, args: []string{"check"}, code: exitInput, want: "统计表.xlsx："},
	{name: "sheet xml cut short", edit: rewriteZipPart(statsFile, "xl/worksheets/sheet2.xml", func(b []byte) []byte { return b[:len(b)/2] }), args: []string{"check"}, code: exitInput, want: "统计表.xlsx"},
}

var moreBadInputs = []badInput{
	// the statistics workbook: what it is
	{name: "stats missing", edit: func(t *testing.T, dir string) { require.NoError(t, os.Remove(filepath.Join(dir, statsFile))) }, args: []string{"check"}, code: exitInput, want: "统计表.xlsx：找不到文件"},
	{name: "stats is a folder", edit: func(t *testing.T, dir string) {
		require.NoError(t, os.Remove(filepath.Join(dir, statsFile)))
		require.NoError(t, os.Mkdir(filepath.Join(dir, statsFile), 0o755))
	}, args: []string{"check"}, code: exitInput, want: "这是一个文件夹"},
	{name: "stats is text", edit: writeFile(statsFile, "序号,数量\n1,2\n"), args: []string{"check"}, code: exitInput, want: "统计表.xlsx：不是 Excel 工作簿"},
	{name: "stats is empty", edit: writeFile(statsFile, ""), args: []string{"build"}, code: exitInput, want: "统计表.xlsx：不是 Excel 工作簿"},
	{name: "stats is an old xls", edit: writeFile(statsFile, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"+strings.Repeat("\x00", 512)), args: []string{"check"}, code: exitInput, want: "旧版 .xls"},
	{name: "stats is encrypted", edit: writeFile(statsFile, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"+strings.Repeat("\x00", 64)+"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00"), args: []string{"check"}, code: exitInput, want: "打开密码"},
	{name: "stats named .xls", edit: replaceIn(cfgFile, `stats = "统计表.xlsx"`, `stats = "统计表.xls"`), args: []string{"check"}, code: exitInput, want: "旧版表格格式"},
	{name: "stats named .csv", edit: replaceIn(cfgFile, `stats = "统计表.xlsx"`, `stats = "统计表.csv"`), args: []string{"status"}, code: exitFindings, want: "CSV 文件不含表格结构"},
	{name: "stats zip without workbook", edit: func(t *testing.T, dir string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("readme.txt")
		_, _ = w.Write([]byte("hello"))
		require.NoError(t, zw.Close())
		require.NoError(t, os.WriteFile(filepath.Join(dir, statsFile), buf.Bytes(), 0o644))
	}, args: []string{"check"}, code: exitInput, want: "统计表.xlsx："},

	// the statistics workbook: what the office typed
	{name: "stats sheet deleted", edit: editBook(statsFile, func(t *testing.T, f *excelize.File) { require.NoError(t, f.DeleteSheet(workbook.SheetAppeals)) }), args: []string{"check"}, code: exitInput, want: "找不到工作表“复议诉讼”"},
	{name: "stats sheet renamed", edit: editBook(statsFile, func(t *testing.T, f *excelize.File) {
		require.NoError(t, f.SetSheetName(workbook.SheetRequests, "Sheet2"))
	}), args: []string{"check"}, code: exitInput, want: "找不到工作表“申请情况”"},
	{name: "stats label changed", edit: editBook(statsFile, setStr(workbook.SheetRequests, "C17", "属于行政查询")), args: []string{"check"}, code: exitInput, want: "统计表.xlsx › 申请情况：找不到标签“8.属于行政查询事项”"},
	{name: "stats label duplicated", edit: editBook(statsFile, setStr(workbook.SheetActive, "A20", "行政许可")), args: []string{"check"}, code: exitInput, want: "标签“行政许可”出现了 2 次"},
	{name: "stats negative count", edit: editBook(statsFile, setStr(workbook.SheetRequests, "D8", "-1")), args: []string{"check"}, code: exitInput, want: "申请情况!D8：（一）予以公开·自然人 填的是 -1，不能为负数"},
	{name: "stats fraction", edit: editBook(statsFile, setStr(workbook.SheetRequests, "D8", "2.5")), args: []string{"check"}, code: exitInput, want: "件数应为整数"},
	{name: "stats word", edit: editBook(statsFile, setStr(workbook.SheetAppeals, "A6", "一件")), args: []string{"check"}, code: exitInput, want: "复议诉讼!A6：行政复议·结果维持 填的是“一件”，不是数字"},
	{name: "stats huge number", edit: editBook(statsFile, setStr(workbook.SheetActive, "B9", "99999999999999999999")), args: []string{"check"}, code: exitInput, want: "数值过大"},
	{name: "stats amount too precise", edit: editBook(statsFile, setStr(workbook.SheetActive, "B16", "1.1234567")), args: []string{"check"}, code: exitInput, want: "金额最多保留 6 位小数"},
	{name: "stats number as text", edit: editBook(statsFile, setStr(workbook.SheetRequests, "D28", "1")), args: []string{"check"}, code: exitFindings, want: "申请情况!D28：D28 是文本格式的“1”"},
	{name: "stats merged inputs", edit: editBook(statsFile, func(t *testing.T, f *excelize.File) {
		require.NoError(t, f.MergeCell(workbook.SheetRequests, "E6", "F6"))
	}), args: []string{"check"}, code: exitInput, want: "申请情况!E6:F6：单元格 E6:F6 被合并成了一格"},
	{name: "stats blank cells", edit: typedSample(editBook(statsFile, func(t *testing.T, f *excelize.File) {
		require.NoError(t, f.SetCellValue(workbook.SheetRequests, "E10", nil))
	})), args: []string{"build"}, code: exitFindings, want: "R16 统计表.xlsx › 申请情况：1 个空白单元格：E10"},
	{name: "stats of another year", edit: stampedBook(statsFile, "江门市政府投资工程建设管理中心", 2021), args: []string{"build"}, code: exitFindings, want: "统计表的报告年度是 2021 年，本报告是 2022 年度"},
	{name: "stats of another body", edit: stampedBook(statsFile, "江门市某某局", 2022), args: []string{"check"}, code: exitFindings, want: "统计表的填报单位是“江门市某某局”"},
	{name: "last year's is this year's", edit: stampedBook(lastFile, "江门市政府投资工程建设管理中心", 2022), args: []string{"check"}, code: exitFindings, want: "上年度统计表 2021-统计表.xlsx 的报告年度是 2022 年，应为 2021 年"},
	{name: "last year's missing", edit: func(t *testing.T, dir string) { require.NoError(t, os.Remove(filepath.Join(dir, lastFile))) }, args: []string{"check"}, code: exitInput, want: "2021-统计表.xlsx：（上年度统计表）找不到文件"},
	// A formula no program has computed (no cached value), of another sheet.
	{name: "formula of another sheet", edit: typedSample(rewriteZipPart(statsFile, "xl/worksheets/sheet2.xml", func(b []byte) []byte {
		return regexp.MustCompile(`<c r="D8"([^>]*)><v>[^<]*</v></c>`).ReplaceAll(b, []byte(`<c r="D8"$1><f>主动公开!B5*1000</f></c>`))
	})), args: []string{"check"}, code: exitInput, want: "申请情况!D8：公式 =主动公开!B5*1000 没有计算结果"},
	{name: "shared strings not xml", edit: rewriteZipPart(statsFile, "xl/sharedStrings.xml", func([]byte) []byte { return []byte("<<<<not xml") }), args: []string{"check"}, code: exitInput, want: "统计表.xlsx"},

	// the ledger workbook
	{name: "ledger missing", edit: func(t *testing.T, dir string) { require.NoError(t, os.Remove(filepath.Join(dir, ledgerFile))) }, args: []string{"build"}, code: exitInput, want: "找不到任务台账"},
	{name: "ledger is text", edit: writeFile(ledgerFile, "not a workbook"), args: []string{"status"}, code: exitFindings, want: "任务台账无法读取"},
	{name: "ledger unknown status", edit: editBook(ledgerFile, setStr("任务台账", "I5", "差不多")), args: []string{"build"}, code: exitInput, want: "任务台账.xlsx › 任务台账!I5"},
	{name: "ledger unknown task id", edit: editBook(ledgerFile, setStr("任务台账", "A5", "99")), args: []string{"build"}, code: exitInput, want: "任务台账.xlsx › 任务台账!A5"},
	{name: "ledger header changed", edit: editBook(ledgerFile, setStr("任务台账", "A3", "编号")), args: []string{"build"}, code: exitInput, want: "找不到表头"},

	// the plan
	{name: "plan missing", edit: replaceIn(cfgFile, `plan = "2022-工作要点.toml"`, `plan = "没有的计划.toml"`), args: []string{"build"}, code: exitInput, want: "找不到工作要点计划文件"},
	{name: "plan unknown section", edit: replaceIn(planFile, `section = "依申请公开"`, `section = "年报"`), args: []string{"build"}, code: exitInput, want: "年报栏目 section“年报”无效"},
	{name: "plan unknown department", edit: replaceIn(planFile, "对外发声。\"\nlead = [\"办公室\"]", "对外发声。\"\nlead = [\"财务科\"]"), args: []string{"build"}, code: exitInput, want: "lead 中的科室“财务科”不在 departments 名单"},
	{name: "plan duplicate id", edit: replaceIn(planFile, "id = 2\n", "id = 1\n"), args: []string{"build"}, code: exitInput, want: "序号 1 与第"},
	{name: "plan department with markup", edit: replaceIn(planFile, `departments = ["办公室",`, `departments = ["办公室", "宣传科\n= 伪造的标题",`), args: []string{"build"}, code: exitInput, want: "不能为空，也不能有换行或控制字符"},
	{name: "plan misspelt key", edit: replaceIn(planFile, `section = "依申请公开"`, `secton = "依申请公开"`), args: []string{"build"}, code: exitInput, want: "未知的键“secton”"},

	// nianbao.toml: what it says
	{name: "config missing", edit: func(t *testing.T, dir string) { require.NoError(t, os.Remove(filepath.Join(dir, cfgFile))) }, args: []string{"status"}, code: exitInput, want: "找不到配置文件"},
	{name: "config unknown key", edit: replaceIn(cfgFile, "rulemaking = false", "rulmaking = false"), args: []string{"check"}, code: exitInput, want: "未知的设置项“rulmaking”"},
	{name: "config negative fee limit", edit: replaceIn(cfgFile, "fee_limit = 1000", "fee_limit = -1"), args: []string{"check"}, code: exitInput, want: "不能为负数"},
	{name: "config report date of another year", edit: replaceIn(cfgFile, "report_date = 2023-01-15", "report_date = 2019-01-15"), args: []string{"status"}, code: exitInput, want: "report_date（成文日期）2019-01-15 不在报告年度 2022 年或次年内"},
	{name: "config report date after deadline", edit: replaceIn(cfgFile, "report_date = 2023-01-15", "report_date = 2023-02-15"), args: []string{"build"}, code: exitFindings, want: "成文日期 2023-02-15 晚于公布期限 2023-01-31"},
	{name: "config year as text", edit: replaceIn(cfgFile, "year = 2022 ", "year = 二〇二二 "), args: []string{"check"}, code: exitInput, want: "nianbao.toml 第"},
	{name: "config narrative figure wrong", edit: replaceIn(cfgFile, "[narrative]\n", "[narrative]\nrequests = \"本年度共受理政府信息公开申请17件。\"\n"), args: []string{"build"}, code: exitFindings, want: "R12"},
	{name: "config templates folder missing", edit: replaceIn(cfgFile, "[narrative]\n", "templates = \"没有的模板\"\n[narrative]\n"), args: []string{"build"}, code: exitInput, want: "找不到模板文件夹"},

	// templates that are wrong
	{name: "template unknown function", edit: writeFile("模板/other.tmpl", "# {{section 6}}\n\n{{frobnicate 1}}\n"), args: []string{"build"}, code: exitInput, want: "other.tmpl 第 3 行"},
	{name: "template unknown field", edit: writeFile("模板/other.tmpl", "# {{section 6}}\n\n{{.Nope}}\n"), args: []string{"build"}, code: exitInput, want: "没有字段“Nope”"},
	{name: "template unknown directive", edit: writeFile("模板/other.tmpl", "# {{section 6}}\n\n::tabel 表二\n"), args: []string{"build"}, code: exitInput, want: "未知的指令“::tabel”"},
	{name: "template wrong heading", edit: writeFile("模板/other.tmpl", "# 六、其他事项\n"), args: []string{"build"}, code: exitInput, want: "官方的六个部分"},
	{name: "template tables swapped", edit: func(t *testing.T, dir string) {
		writeFile("模板/report.tmpl", "= {{.Org}}{{.Year}}年政府信息公开工作年度报告\n\n{{template \"overview.tmpl\" .}}\n\n# {{section 2}}\n\n::table 表三\n\n# {{section 3}}\n\n::table 表二\n\n# {{section 4}}\n\n::table 表四\n\n{{template \"problems.tmpl\" .}}\n\n{{template \"other.tmpl\" .}}\n")(t, dir)
	}, args: []string{"build"}, code: exitInput, want: "表二应放在“二、主动公开政府信息情况”之下"},

	// the command line
	{name: "extra argument", args: []string{"build", "多余"}, code: exitInput, want: "多余的参数"},
	{name: "bad --today", args: []string{"status", "--today", "20230120"}, code: exitInput, want: "--today 应写成 2023-01-20"},
	{name: "bad --format", args: []string{"build", "--format", "doc"}, code: exitInput, want: "未知的格式“doc”"},
	{name: "init into existing", args: []string{"init"}, code: exitInput, want: "--force"},
	{name: "init bad year", edit: func(t *testing.T, dir string) { require.NoError(t, os.Remove(filepath.Join(dir, cfgFile))) }, args: []string{"init", "--org", "某局", "--year", "22"}, code: exitInput, want: "--year 应为四位年份"},
	{name: "two workbooks to check", args: []string{"check", "a.xlsx", "b.xlsx"}, code: exitInput, want: "只能指定一个统计表"},
}

// inputHashes are the SHA-256 of every file of the folder but nianbao's
// own outputs: nothing a user gave may change.
func inputHashes(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel == "输出" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(rel, "nianbao-错误日志") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(h[:])
		return nil
	})
	require.NoError(t, err)
	return out
}
