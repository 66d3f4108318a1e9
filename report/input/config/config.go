// Package config holds nianbao.toml: the settings of one reporting year's
// working folder.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/infile"
	"github.com/nianbao/nianbao/report/input/tomlerr"
	"github.com/nianbao/nianbao/report/lazyre"
	"github.com/nianbao/nianbao/report/stats"
)

// FileName is the config file nianbao looks for in the working folder.
const FileName = "nianbao.toml"

// Config is one working folder's nianbao.toml.
type Config struct {
	Org           string    `toml:"org"`             // 机关名称（全称）
	Year          int       `toml:"year"`            // 报告年度
	Stats         string    `toml:"stats"`           // 本年度统计表
	LastYearStats string    `toml:"last_year_stats"` // 上年度统计表（可选）
	Plan          string    `toml:"plan"`            // 工作要点计划（TOML）
	Ledger        string    `toml:"ledger"`          // 任务台账（.xlsx 或 .toml）
	Output        string    `toml:"output"`          // 输出文件夹
	Deadline      time.Time `toml:"deadline"`        // 年度报告公布期限，默认为次年 1 月 31 日
	ReportDate    time.Time `toml:"report_date"`     // 成文日期
	Contact       []string  `toml:"contact"`         // 前言中的联系方式，每项一行
	Rulemaking    bool      `toml:"rulemaking"`      // 有规章制定权（R10）
	FeeLimit      float64   `toml:"fee_limit"`       // 行政事业性收费合理上限，万元（R11）
	BlankAsZero   bool      `toml:"blank_as_zero"`   // 办公室确认统计表中的空白单元格表示 0
	Website       string    `toml:"website"`         // 报告电子版的查阅网站（前言）
	Templates     string    `toml:"templates"`       // 自定义模板文件夹（可选）
	Narrative     Narrative `toml:"narrative"`       // 报告中由办公室撰写的文字
	Fonts         FontFiles `toml:"fonts"`           // 打印稿 PDF 的字体文件（可选）
	DocxFonts     FontNames `toml:"docx_fonts"`      // 可编辑 DOCX 中的字体名称（可选）
	// LastYearReport is last year's report as published (web page, DOCX
	// or text), the baseline when there is no last year's workbook.
	LastYearReport string `toml:"last_year_report"`
	// SimilarityThreshold is the share (percent) of a section's text found
	// in last year's report above which R18 warns; 0 means 50.
	SimilarityThreshold float64 `toml:"similarity_threshold"`

	Charts Charts `toml:"charts"` // 报告中的图表：true 为全部，或图表名称的列表
	// History are earlier years' workbooks for the charts (history.go).
	History History `toml:"history"`
	// Law sets the folder up for the 法治政府建设情况报告 too; nil when
	// nianbao.toml has no [law] table.
	Law *Law `toml:"law"`
	// Rollup makes the folder a roll-up of units' workbooks (nianbao
	// rollup); nil when nianbao.toml has no [rollup] table.
	Rollup *Rollup `toml:"rollup"`
	// Register is a register of applications kept outside the statistics
	// workbook (register.go); nil when nianbao.toml has no [register].
	Register *RegisterSource `toml:"register"`

	// Dir is the folder of the config file; relative paths are taken from it.
	Dir string `toml:"-"`
	// File is the config file's name, for messages.
	File string `toml:"-"`
	// NarrativeLines are the lines of the [narrative] keys, for messages.
	NarrativeLines map[string]int `toml:"-"`
}

// Narrative is the text the office writes itself; the report combines it
// with the task records and the figures. Every field is optional.
type Narrative struct {
	Summary      string `toml:"summary"`      // 一、总体情况 的开头
	Active       string `toml:"active"`       // （一）主动公开
	Requests     string `toml:"requests"`     // （二）依申请公开
	Management   string `toml:"management"`   // （三）政府信息管理
	Platform     string `toml:"platform"`     // （四）政府信息公开平台建设
	Supervision  string `toml:"supervision"`  // （五）监督保障
	Problems     string `toml:"problems"`     // 五、存在的主要问题
	Improvements string `toml:"improvements"` // 五、改进情况（下一步工作）
	Other        string `toml:"other"`        // 六、其他需要报告的事项
}

// Law is the [law] table: the 法治政府建设情况报告 of the same body and
// year (厅字〔2019〕28号), built from the same folder.
type Law struct {
	Title      string    `toml:"title"`       // 报告标题，默认“<机关名称><年度>年法治政府建设情况报告”
	Deadline   time.Time `toml:"deadline"`    // 报送期限，默认为次年 3 月 1 日
	PublishBy  time.Time `toml:"publish_by"`  // 公开期限，默认为次年 4 月 1 日
	ReportDate time.Time `toml:"report_date"` // 成文日期

	// The office's text for the five parts, in the report's order.
	Measures   string `toml:"measures"`   // （一）主要举措和成效
	Shortfalls string `toml:"shortfalls"` // （二）存在的不足和原因
	Leaders    string `toml:"leaders"`    // （三）主要负责人履行第一责任人职责
	NextYear   string `toml:"next_year"`  // （四）下一年度主要安排
	Other      string `toml:"other"`      // （五）其他需要报告的情况

	// Lines are the lines of the text keys, for messages.
	Lines map[string]int `toml:"-"`
}

// Rollup is the [rollup] table: the units whose statistics workbooks the
// office sums (本系统/本级汇总) and where their returns are kept.
type Rollup struct {
	Units    []string    `toml:"units"`    // 汇总单位，按名单顺序
	Returns  string      `toml:"returns"`  // 各单位报回的统计表所在文件夹，默认“回收”
	Excluded []Exclusion `toml:"excluded"` // 不纳入汇总的单位及原因
	// Scope is what the aggregate covers (spec §3.2), stated in the
	// report's preamble: one of Scopes; "" until the office says.
	Scope string `toml:"scope"`
	// ScopeLine is the line of scope in nianbao.toml, for messages.
	ScopeLine int `toml:"-"`
}

// Scopes an aggregate report may state (spec §3.2): the units of a
// vertically managed system, of an administrative region, or of the
// 本级政府 (the government and its departments).
var Scopes = []string{"本系统", "本行政区域", "本级"}

// Exclusion is a unit left out of the aggregate, with the reason the
// overview and the JSON record.
type Exclusion struct {
	Unit   string `toml:"unit"`
	Reason string `toml:"reason"`
}

// ExcludedReasons maps each excluded unit to its reason.
func (r *Rollup) ExcludedReasons() map[string]string {
	m := map[string]string{}
	for _, e := range r.Excluded {
		m[strings.TrimSpace(e.Unit)] = strings.TrimSpace(e.Reason)
	}
	return m
}

// LawTexts are the [law] texts with their keys and lines, for R12.
func (c *Config) LawTexts() []NarrativeText {
	if c.Law == nil {
		return nil
	}
	l := c.Law
	return texts("law", lawTextKeys, l.Lines, map[string]string{"measures": l.Measures, "shortfalls": l.Shortfalls,
		"leaders": l.Leaders, "next_year": l.NextYear, "other": l.Other})
}

// texts are a table's non-blank texts in the order of keys, each with the
// line it was written at.
func texts(table string, keys []string, lines map[string]int, values map[string]string) []NarrativeText {
	var out []NarrativeText
	for _, k := range keys {
		if v := values[k]; strings.TrimSpace(v) != "" {
			out = append(out, NarrativeText{Table: table, Key: k, Text: v, Line: lines[k]})
		}
	}
	return out
}

// FontFiles are the office's own font files for the printable PDF, by
// role; empty fields keep the bundled free fonts. A .ttc face is chosen
// with "#N", e.g. "C:/Windows/Fonts/simsun.ttc#0".
type FontFiles struct {
	Title    string `toml:"title"`
	Body     string `toml:"body"`
	Heading1 string `toml:"heading1"`
	Heading2 string `toml:"heading2"`
	Number   string `toml:"number"`
	Table    string `toml:"table"`
	Fallback string `toml:"fallback"`
}

// FontNames are font names as Word/WPS know them, for the DOCX; empty
// fields keep the usual office names (方正小标宋简体, 仿宋_GB2312, …).
type FontNames struct {
	Title    string `toml:"title"`
	Body     string `toml:"body"`
	Heading1 string `toml:"heading1"`
	Heading2 string `toml:"heading2"`
	Number   string `toml:"number"`
	Table    string `toml:"table"`
}

// Path resolves a path from the config against the config's folder.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// TemplateFolder is the folder of templates next to nianbao.toml that is
// used without being named in it (init --templates creates it).
const TemplateFolder = "模板"

// TemplateDir is the folder whose templates override the defaults: the one
// named by templates, else a 模板 folder next to nianbao.toml, else "".
func (c *Config) TemplateDir() string {
	if c.Templates != "" {
		return c.Path(c.Templates)
	}
	d := filepath.Join(c.Dir, TemplateFolder)
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// FeeLimitDecimal is fee_limit as a Decimal; 0 when unset.
func (c *Config) FeeLimitDecimal() stats.Decimal {
	return stats.Decimal(c.FeeLimit * 1e6)
}

// Load reads and validates the config file at path.
func Load(path string) (*Config, error) {
	data, err := infile.Read(path, infile.MaxTOML, "配置文件", "10 KB")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: path}, "找不到配置文件。请在工作文件夹中运行 nianbao init 生成，或用 --config 指定")
		}
		return nil, err
	}
	c, err := Parse(filepath.Base(path), data)
	if err != nil {
		return nil, err
	}
	c.Dir = filepath.Dir(path)
	return c, nil
}

// Parse reads a config from memory; name is used in messages.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{File: name}
	md, err := toml.Decode(string(data), c)
	if err != nil {
		return nil, parseError(name, err)
	}
	var errs diag.Errors
	undecoded := map[string]bool{}
	for _, k := range md.Undecoded() {
		undecoded[k.String()] = true
	}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && undecoded[k[:len(k)-1].String()] {
			continue // reported with its table
		}
		line := 0
		if len(errs) < diag.MaxPerFile { // only these are shown; each look-up reads the file
			line = keyLine(data, k)
		}
		errs = append(errs, diag.Message{
			Pos:      diag.Pos{File: name, Line: line},
			Severity: diag.Error,
			Text:     fmt.Sprintf("未知的设置项“%s”，请检查拼写（可用的设置项：%s）", k.String(), strings.Join(keysFor(k), "、")),
		})
	}
	fail := func(key, format string, args ...any) {
		errs = append(errs, diag.Message{
			Pos:      diag.Pos{File: name, Line: keyLine(data, toml.Key{key})},
			Severity: diag.Error,
			Text:     fmt.Sprintf(format, args...),
		})
	}
	if c.Charts.All || len(c.Charts.Names) > 0 {
		c.Charts.Line = keyLine(data, toml.Key{"charts"})
	}
	if len(c.History.Files) > 0 {
		c.History.Line = keyLine(data, toml.Key{"history"})
	}
	if strings.TrimSpace(c.Org) == "" {
		fail("org", "请填写 org（机关名称，用全称，例如 org = \"江门市政府投资工程建设管理中心\"）")
	}
	if c.Year < 2008 || c.Year > 2100 {
		fail("year", "year（报告年度）应为四位年份，例如 year = 2022，实为 %d", c.Year)
	}
	if c.Stats == "" {
		c.Stats = "统计表.xlsx"
	}
	if c.Output == "" {
		c.Output = "输出"
	}
	// plan = "" says the office has no 工作要点 plan (the statute requires
	// none): the report is then written from [narrative] alone.
	if c.Plan == "" && !md.IsDefined("plan") {
		c.Plan = "工作要点.toml"
	}
	if c.Ledger == "" && c.Plan != "" {
		c.Ledger = "任务台账.xlsx"
	}
	if c.Deadline.IsZero() && c.Year > 0 {
		// 条例第四十九条: departments publish last year's report by 1月31日.
		c.Deadline = time.Date(c.Year+1, time.January, 31, 0, 0, 0, 0, time.Local)
	}
	if !c.Deadline.IsZero() && c.Year > 0 && (c.Deadline.Year() < c.Year-1 || c.Deadline.Year() > c.Year+2) {
		fail("deadline", "deadline（公布期限）%s 不在报告年度 %d 年的前一年至后两年之内，请核对（通常为 %d-01-31）", c.Deadline.Format("2006-01-02"), c.Year, c.Year+1)
	}
	if c.FeeLimit < 0 {
		fail("fee_limit", "fee_limit（行政事业性收费合理上限，万元）不能为负数")
	}
	if !c.ReportDate.IsZero() && c.Year > 0 && (c.ReportDate.Year() < c.Year || c.ReportDate.Year() > c.Year+1) {
		fail("report_date", "report_date（成文日期）%s 不在报告年度 %d 年或次年内，请核对", c.ReportDate.Format("2006-01-02"), c.Year)
	}
	if l := c.Law; l != nil && c.Year > 0 {
		// 厅字〔2019〕28号: reported by 3月1日, published by 4月1日.
		if l.Deadline.IsZero() {
			l.Deadline = time.Date(c.Year+1, time.March, 1, 0, 0, 0, 0, time.Local)
		}
		if l.PublishBy.IsZero() {
			l.PublishBy = time.Date(c.Year+1, time.April, 1, 0, 0, 0, 0, time.Local)
		}
		for _, d := range []struct {
			key  string
			date time.Time
			what string
		}{{"deadline", l.Deadline, "报送期限"}, {"publish_by", l.PublishBy, "公开期限"}, {"report_date", l.ReportDate, "成文日期"}} {
			if !d.date.IsZero() && (d.date.Year() < c.Year || d.date.Year() > c.Year+1) {
				errs = append(errs, diag.Message{Pos: diag.Pos{File: name, Line: keyLine(data, toml.Key{"law", d.key})}, Severity: diag.Error,
					Text: fmt.Sprintf("[law] 中的 %s（%s）%s 不在报告年度 %d 年或次年内，请核对", d.key, d.what, d.date.Format("2006-01-02"), c.Year)})
			}
		}
	}
	if r := c.Rollup; r != nil {
		errs = append(errs, r.validate(name, data)...)
	}
	if c.Register != nil {
		errs = append(errs, checkRegister(name, data, c.Register)...)
	}
	if len(errs) > 0 {
		return nil, errs.Capped(diag.MaxPerFile)
	}
	if c.Law != nil {
		c.Law.Lines = map[string]int{}
		for _, k := range lawTextKeys {
			if line := keyLine(data, toml.Key{"law", k}); line > 0 {
				c.Law.Lines[k] = line
			}
		}
	}
	c.NarrativeLines = map[string]int{}
	for _, k := range narrativeKeys {
		if line := keyLine(data, toml.Key{"narrative", k}); line > 0 {
			c.NarrativeLines[k] = line
		}
	}
	return c, nil
}

// validate checks the [rollup] table and sets its default folder.
func (r *Rollup) validate(name string, data []byte) diag.Errors {
	var errs diag.Errors
	fail := func(key string, format string, args ...any) {
		errs = append(errs, diag.Message{Pos: diag.Pos{File: name, Line: keyLine(data, toml.Key{"rollup", key})}, Severity: diag.Error,
			Text: fmt.Sprintf(format, args...)})
	}
	if r.Returns == "" {
		r.Returns = "回收"
	}
	r.Scope = strings.TrimSpace(r.Scope)
	r.ScopeLine = keyLine(data, toml.Key{"rollup", "scope"})
	if r.Scope != "" && !slices.Contains(Scopes, r.Scope) {
		fail("scope", "[rollup] 的 scope（汇总范围）是“%s”，只能是“本系统”“本行政区域”或“本级”：报告前言据此写明汇总范围", r.Scope)
	}
	if len(r.Units) == 0 {
		fail("units", "[rollup] 中的 units（汇总单位名单）是空的。请列出各单位，例如 units = [\"县财政局\", \"县教育局\"]")
	}
	seen := map[string]bool{}
	for _, u := range r.Units {
		n := foldName(u)
		switch {
		case n == "":
			fail("units", "[rollup] 的 units 中有空的单位名称")
		case seen[n]:
			fail("units", "[rollup] 的 units 中“%s”出现了两次", strings.TrimSpace(u))
		}
		seen[n] = true
	}
	for _, e := range r.Excluded {
		switch {
		case !seen[foldName(e.Unit)]:
			fail("excluded", "[rollup] 的 excluded 中的“%s”不在 units 名单中。请核对单位名称", e.Unit)
		case strings.TrimSpace(e.Reason) == "":
			fail("excluded", "[rollup] 的 excluded 中“%s”没有写原因（reason）。不纳入汇总的单位须写明原因，汇总情况中会列出", e.Unit)
		}
	}
	return errs
}

// foldName compares unit names as typed: spaces and bracket widths don't
// count (as rollup.NormName).
func foldName(s string) string {
	return strings.NewReplacer(" ", "", "\t", "", "\u00a0", "", "\u3000", "", "(", "（", ")", "）").Replace(s)
}

// NarrativeTexts are the office's texts with the key and line each was
// written at, in a fixed order, for checks of what they say (R12).
func (c *Config) NarrativeTexts() []NarrativeText {
	n := c.Narrative
	return texts("narrative", narrativeKeys, c.NarrativeLines, map[string]string{"summary": n.Summary, "active": n.Active,
		"requests": n.Requests, "management": n.Management, "platform": n.Platform, "supervision": n.Supervision,
		"problems": n.Problems, "improvements": n.Improvements, "other": n.Other})
}

// NarrativeText is one [narrative] text of nianbao.toml.
type NarrativeText struct {
	Table string // narrative or law
	Key   string // summary, active, …
	Text  string
	Line  int // line of the key in the file; 0 when unknown
}

var knownKeys = []string{"org", "year", "stats", "last_year_stats", "last_year_report", "similarity_threshold", "plan", "ledger", "output", "deadline", "report_date", "contact", "website", "rulemaking", "fee_limit", "blank_as_zero", "templates", "narrative", "fonts", "docx_fonts", "law", "rollup", "register", "charts", "history"}

// parseError turns a toml error into a positioned Chinese message.
func parseError(name string, err error) error {
	if line, text, ok := tomlerr.Explain(err); ok {
		return diag.Errorf(diag.Pos{File: name, Line: line}, "%s", text)
	}
	return diag.Errorf(diag.Pos{File: name}, "格式错误：%v", err)
}

var narrativeKeys = []string{"summary", "active", "requests", "management", "platform", "supervision", "problems", "improvements", "other"}

var lawTextKeys = []string{"measures", "shortfalls", "leaders", "next_year", "other"}

var lawKeys = append([]string{"title", "deadline", "publish_by", "report_date"}, lawTextKeys...)

var rollupKeys = []string{"units", "returns", "excluded", "scope"}

var exclusionKeys = []string{"unit", "reason"}

var fontKeys = []string{"title", "body", "heading1", "heading2", "number", "table", "fallback"}

func keysFor(k toml.Key) []string {
	if len(k) > 1 && k[0] == "narrative" {
		return narrativeKeys
	}
	if len(k) > 1 && k[0] == "law" {
		return lawKeys
	}
	if len(k) > 2 && k[0] == "rollup" && k[1] == "excluded" {
		return exclusionKeys
	}
	if len(k) > 1 && k[0] == "rollup" {
		return rollupKeys
	}
	if len(k) > 1 && k[0] == "register" {
		return registerKeys
	}
	if len(k) > 1 && (k[0] == "fonts" || k[0] == "docx_fonts") {
		return fontKeys
	}
	return knownKeys
}

var tableLine = lazyre.New(`^\s*\[\[?\s*([^\]]+?)\s*\]\]?`)

// keyLine finds the line that sets key k: toml's metadata keeps no positions
// for keys it did not decode.
func keyLine(data []byte, k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	table := strings.Join(k[:len(k)-1], ".")
	last := k[len(k)-1]
	cur := ""
	// Lines are split on bytes, not by a bufio.Scanner, so that no line is
	// too long to count.
	n := 0
	for line := range bytes.Lines(data) {
		n++
		line = bytes.TrimRight(line, "\r\n")
		if m := tableLine().FindSubmatch(line); m != nil {
			cur = strings.Trim(string(m[1]), `"`)
			if cur == strings.Join(k, ".") {
				return n
			}
			continue
		}
		name, _, ok := bytes.Cut(line, []byte("="))
		if !ok {
			continue
		}
		if string(bytes.Trim(bytes.TrimSpace(name), `"'`)) == last && cur == table {
			return n
		}
	}
	return 0
}
