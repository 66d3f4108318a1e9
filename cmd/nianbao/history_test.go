package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

// earlierBook writes a workbook of year for org, with last year's
// figures a little changed, as nianbao init and the office would.
func earlierBook(t *testing.T, dir, file, org string, year int) {
	t.Helper()
	s := sample2021()
	if year != 0 { // 0: unstamped, with last year's figures
		s.Requests[stats.RowNew] = [7]int64{int64(year - 2015), 0, 0, 0, 0, 0, int64(year - 2015)}
		s.Active.NormativeDocs = stats.DocCounts{Issued: int64(year - 2017), Repealed: 1, InForce: int64(year - 2018)}
	}
	var buf bytes.Buffer
	require.NoError(t, workbook.Write(&buf, workbook.Options{Org: org, Year: year, Values: s}))
	require.NoError(t, os.WriteFile(filepath.Join(dir, file), buf.Bytes(), 0o644))
}

// setHistory puts `history = …` on the line after charts = true (line
// 15 of the sample's nianbao.toml).
func setHistory(t *testing.T, dir, value string) {
	t.Helper()
	replaceIn(cfgFile, "charts = true\n", "charts = true\nhistory = "+value+"\n")(t, dir)
}

// build with history: 申请办理 and 规范性文件 follow four years in the
// report, the 图解 (SVG and PNG) and the 法治 report; the others still
// compare two years.
func TestBuildWithHistory(t *testing.T) {
	dir := withCharts(t)
	earlierBook(t, dir, "2020-统计表.xlsx", sampleOrg, 2020)
	earlierBook(t, dir, "2019-统计表.xlsx", sampleOrg, 2019)
	setHistory(t, dir, `["2019-统计表.xlsx", "2020-统计表.xlsx"]`)
	r := runIn(t, dir, "build")
	require.Equal(t, exitOK, r.code, r.errOut)
	page := string(readOut(t, dir, reportBase+".html"))
	assert.Contains(t, page, "2019—2022年政府信息公开申请办理情况")
	assert.Contains(t, page, "2019—2022年行政规范性文件制发、废止和现行有效情况")
	assert.Contains(t, page, ">2019年<")
	poster := string(readOut(t, dir, reportBase+"-图解.svg"))
	assert.Contains(t, poster, "2019—2022年政府信息公开申请办理情况")
	law := string(readOut(t, dir, lawBase+".html"))
	assert.Contains(t, law, "2019—2022年行政规范性文件制发、废止和现行有效情况")
	pic := readOut(t, dir, reportBase+"-图解.png")
	_, err := png.Decode(bytes.NewReader(pic))
	require.NoError(t, err)
	if keep := os.Getenv("NIANBAO_KEEP_POSTER"); keep != "" {
		require.NoError(t, os.WriteFile(keep, pic, 0o644))
	}

	// An earlier year as published (a page nianbao import reads) serves
	// as well as its workbook: the same figures, the same charts.
	s := sample2021()
	s.Requests[stats.RowNew] = [7]int64{4, 0, 0, 0, 0, 0, 4}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 2, Repealed: 1, InForce: 1}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "2019年报.html"), publishedPage(t, sampleOrg, 2019, s), 0o644))
	replaceIn(cfgFile, `"2019-统计表.xlsx"`, `"2019年报.html"`)(t, dir)
	r = runIn(t, dir, "build", "--force")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Equal(t, page, string(readOut(t, dir, reportBase+".html")))
	assert.Equal(t, pic, readOut(t, dir, reportBase+"-图解.png"))
}

// Every file of history that is missing, of no known kind, unstamped,
// of a year not before last year's, of another body, or a second file of
// a year, stops check with a message at the key's line.
func TestHistoryErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value string
		edit  func(t *testing.T, dir string)
		want  string
	}{
		{"missing", `["2019-统计表.xlsx"]`, nil, "找不到 history 中的“2019-统计表.xlsx”"},
		{"a PDF", `["2019年报.pdf"]`, writeFile("2019年报.pdf", "%PDF-1.4"), "history 中的“2019年报.pdf”不是统计表（.xlsx）或已公布的报告"},
		{"unstamped", `["旧表.xlsx"]`, func(t *testing.T, dir string) { earlierBook(t, dir, "旧表.xlsx", "", 0) }, "history 中的“旧表.xlsx”没有标明报告年度"},
		{"this year", `["统计表.xlsx"]`, nil, "history 中的“统计表.xlsx”是 2022 年度的；history 只列往年（2020 年及以前）"},
		{"last year", `["2021-统计表.xlsx"]`, nil, "是上年度（2021 年）的，上年度已由 last_year_stats 或 last_year_report 提供"},
		{"another body", `["2019-统计表.xlsx"]`, func(t *testing.T, dir string) { earlierBook(t, dir, "2019-统计表.xlsx", "江门市某某局", 2019) }, "填报单位是“江门市某某局”"},
		{"a year twice", `["2019-统计表.xlsx", "2019副本.xlsx"]`, func(t *testing.T, dir string) {
			earlierBook(t, dir, "2019-统计表.xlsx", sampleOrg, 2019)
			earlierBook(t, dir, "2019副本.xlsx", sampleOrg, 2019)
		}, "“2019-统计表.xlsx”和“2019副本.xlsx”都是 2019 年度的"},
		{"not a list", `"2019-统计表.xlsx"`, nil, "history 应为往年统计表文件名的列表"},
		{"not names", `[2019]`, nil, "history 的每一项应为文件名"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := withCharts(t)
			if tc.edit != nil {
				tc.edit(t, dir)
			}
			setHistory(t, dir, tc.value)
			r := runIn(t, dir, "check")
			assert.NotEqual(t, exitOK, r.code)
			msg := r.out + r.errOut
			assert.Contains(t, msg, tc.want)
			assert.Contains(t, msg, "nianbao.toml 第 15 行：", "the key's line")
			for _, w := range asciiWord.FindAllString(quotedInput.ReplaceAllString(msg, ""), -1) {
				assert.True(t, allowedWords[strings.ToLower(w)] || allowedWords[w], "English word %q in %q", w, msg)
			}
		})
	}
}
