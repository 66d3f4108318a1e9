package main

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/pipeline"
)

func reversed(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// Last year's page with this year's template text but other text of the
// office's own (here: each of its passages reversed): no R18 warning,
// though the template's sentences repeat word for word.
func TestOnlyGeneratedTextRepeats(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "build", "--format", "html")
	require.Equal(t, exitOK, r.code, r.errOut)
	page := strings.ReplaceAll(string(readOut(t, dir, reportBase+".html")), "2022年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告")

	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	require.NoError(t, err)
	ws := pipeline.Open(cfg, pipeline.Options{Dir: dir, Today: fixedNow()})
	require.NotNil(t, ws.Reports[0].Composed)
	var own []string
	add := func(text string, spans []doc.Span) {
		for _, s := range spans {
			own = append(own, text[s.Start:s.End])
		}
	}
	for _, b := range ws.Reports[0].Composed.Doc.Blocks {
		switch b := b.(type) {
		case doc.Paragraph:
			add(b.Text, b.Own)
		case doc.List:
			for i, it := range b.Items {
				if i < len(b.Own) {
					add(it, b.Own[i])
				}
			}
		}
	}
	require.NotEmpty(t, own)
	replaced := 0
	for _, s := range own {
		if e := html.EscapeString(s); strings.Contains(page, e) {
			page = strings.ReplaceAll(page, e, html.EscapeString(reversed(s)))
			replaced++
		}
	}
	require.Greater(t, replaced, len(own)*9/10, "the office's passages found in the page")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "2021年报.html"), []byte(page), 0o644))
	useLastYearReport(t, dir, "2021年报.html")

	r = runIn(t, dir, "check")
	assert.NotContains(t, r.out, "提醒 R18", r.out)
	assert.Contains(t, r.out, "一、总体情况：办公室撰写 0%")
	assert.Contains(t, r.out, "五、存在的主要问题及改进情况：办公室撰写 2.5%", "a phrase of a ledger entry is also in the plan's task text")
	assert.Contains(t, r.out, "模板生成 100%")
}
