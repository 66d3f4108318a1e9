package pipeline

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/readiness"
	"github.com/nianbao/nianbao/report/rollup"
	"github.com/nianbao/nianbao/templates"
)

// scopeMix is the error of a scope stated for a workbook that is no
// aggregate (spec §3.2: never mix): the preamble would call one body's
// figures those of a whole system. nil when there is none.
func scopeMix(cfg *config.Config, cur *workbook.Result, file string) []check.Finding {
	if cfg == nil || cfg.Rollup == nil || cfg.Rollup.Scope == "" || cur.Units > 0 {
		return nil
	}
	return []check.Finding{{Rule: "R14", Severity: diag.Error,
		Cells: []diag.Pos{{File: cfg.File, Line: cfg.Rollup.ScopeLine}, {File: file}},
		Message: fmt.Sprintf("nianbao.toml 的 [rollup] 写明汇总范围为“%s”，但统计表 %s 不是汇总统计表（不是 nianbao rollup 写出的）：报告不能把一个单位的数字说成%s的汇总。请把 stats 指向 nianbao rollup 写出的汇总统计表，或删去 scope",
			cfg.Rollup.Scope, file, cfg.Rollup.Scope)}}
}

// aggregateBlockers are what keeps a report from the statistics in cur
// from being formal because of the roll-up: an aggregate outside a
// roll-up folder, or without its scope, or not what a passed nianbao
// rollup made of the folder as it is now (its record, report/rollup);
// a roll-up folder whose statistics are no aggregate.
func aggregateBlockers(cfg *config.Config, o Options, cur *workbook.Result) []readiness.Blocker {
	if cur == nil || cfg.Rollup == nil && cur.Units == 0 {
		return nil
	}
	path := cfg.Path(cfg.Stats)
	file := o.DisplayPath(path)
	at := []diag.Pos{{File: file}}
	one := func(format string, args ...any) []readiness.Blocker {
		return []readiness.Blocker{{Text: fmt.Sprintf(format, args...), Pos: at}}
	}
	if cfg.Rollup == nil {
		return one("统计表 %s 是 %d 个单位的汇总统计表，而 nianbao.toml 没有 [rollup] 一节：汇总报告须在汇总文件夹中生成（nianbao init --units），由 nianbao rollup 核对每个单位都已报送且没有错误，并在 [rollup] 中用 scope 写明汇总范围",
			file, cur.Units)
	}
	if cur.Units == 0 {
		return one("统计表 %s 不是汇总统计表：汇总文件夹的正式报告须用 nianbao rollup 汇总各单位统计表后写出的汇总统计表。请运行 nianbao rollup", file)
	}
	var out []readiness.Blocker
	if cfg.Rollup.Scope == "" {
		out = append(out, readiness.Blocker{Pos: []diag.Pos{{File: cfg.File}},
			Text: fmt.Sprintf("统计表 %s 是 %d 个单位的汇总，nianbao.toml 的 [rollup] 中没有写明汇总范围：请加上 scope = \"本系统\"、\"本行政区域\" 或 \"本级\"，报告前言据此写明是哪一种汇总（三者不能混用）", file, cur.Units)})
	}
	rec, err := rollup.ReadRecord(path, file)
	switch {
	case err != nil:
		out = append(out, readiness.Blocker{Text: fmt.Sprintf("无法读取 %s 的汇总记录：%s。请重新运行 nianbao rollup", file, firstLine(err)), Pos: at})
	case rec == nil:
		out = append(out, one("%s 没有 nianbao rollup 的汇总记录（不是本版 nianbao rollup 写出的，或在其他软件中另存过），无法确认汇总时每个单位都已报送且没有错误。请重新运行 nianbao rollup", file)...)
	default:
		returns, skip := rollup.Folders(cfg)
		now := rollup.Now{Units: cfg.Rollup.Units, Excluded: cfg.Rollup.ExcludedReasons(), Year: cfg.Year,
			BlankAsZero: cfg.BlankAsZero, Returns: returns, Skip: skip, Display: o.DisplayPath}
		for _, s := range rec.Stale(now, &cur.Stats, cur.Units, file) {
			out = append(out, readiness.Blocker{Text: s, Pos: at})
		}
	}
	return out
}

func firstLine(err error) string {
	var de diag.Errors
	if errors.As(err, &de) && len(de) > 0 {
		return de[0].Text
	}
	return err.Error()
}

// preambleScope checks that the preamble of an aggregate's 年报, before
// its first heading, states the configured scope and no other: the
// default template does, an office's own preamble.tmpl may not.
func preambleScope(cfg *config.Config, cur *workbook.Result, d *doc.Document) []readiness.Blocker {
	if cfg.Rollup == nil || cfg.Rollup.Scope == "" || cur == nil || cur.Units == 0 {
		return nil
	}
	var pre strings.Builder
	for _, b := range d.Blocks {
		if _, ok := b.(doc.Heading); ok {
			break
		}
		if p, ok := b.(doc.Paragraph); ok {
			pre.WriteString(p.Text)
		}
	}
	text, scope := pre.String(), cfg.Rollup.Scope
	at := []diag.Pos{{File: cfg.File, Line: cfg.Rollup.ScopeLine}}
	var out []readiness.Blocker
	if !strings.Contains(text, scope) {
		out = append(out, readiness.Blocker{Pos: at, Text: fmt.Sprintf("报告前言没有写明汇总范围“%s”：汇总报告须在前言中写明（自定义的 preamble.tmpl 请参照默认模板使用 .Scope 和 .Units）", scope)})
	}
	for _, other := range config.Scopes {
		if other != scope && strings.Contains(text, other) {
			out = append(out, readiness.Blocker{Pos: at, Text: fmt.Sprintf("报告前言写了“%s”，而 nianbao.toml 的 [rollup] scope 是“%s”：本系统、本行政区域、本级不能混用，请改正模板或 scope", other, scope)})
		}
	}
	return out
}

// lawScope checks that the 法治 report of an aggregate says, where it
// cites the figures it shares with the 年报, that they are the sum over
// the units of the configured scope, and names no other scope: the
// default figures.tmpl does, an office's own copy from before may not.
func lawScope(cfg *config.Config, cur *workbook.Result, d *doc.Document) []readiness.Blocker {
	if cfg.Rollup == nil || cfg.Rollup.Scope == "" || cur == nil || cur.Units == 0 {
		return nil
	}
	var text strings.Builder
	for _, b := range d.Blocks {
		if p, ok := b.(doc.Paragraph); ok {
			text.WriteString(p.Text)
		}
	}
	scope := cfg.Rollup.Scope
	at := []diag.Pos{{File: cfg.File, Line: cfg.Rollup.ScopeLine}}
	var out []readiness.Blocker
	if !strings.Contains(text.String(), "汇总"+scope) {
		out = append(out, readiness.Blocker{Pos: at, Text: fmt.Sprintf("法治政府建设情况报告引用的规范性文件和行政复议、行政诉讼数字是 %d 个单位之和，报告没有写明汇总范围“%s”（自定义的 %s/%s/figures.tmpl 请参照默认模板使用 .Scope 和 .Units）",
			cur.Units, scope, config.TemplateFolder, templates.LawFolder)})
	}
	for _, other := range config.Scopes {
		if other != scope && strings.Contains(text.String(), "汇总"+other) {
			out = append(out, readiness.Blocker{Pos: at, Text: fmt.Sprintf("法治政府建设情况报告写了“汇总%s”，而 nianbao.toml 的 [rollup] scope 是“%s”：本系统、本行政区域、本级不能混用，请改正模板或 scope", other, scope)})
		}
	}
	return out
}
