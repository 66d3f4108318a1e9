package pipeline

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/readiness"
)

func sample(t *testing.T) (*config.Config, Options) {
	dir, err := filepath.Abs("../../data")
	require.NoError(t, err)
	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	require.NoError(t, err)
	return cfg, Options{Dir: dir, Today: time.Date(2023, 1, 20, 9, 0, 0, 0, time.Local)}
}

// The shipped sample opens clean: the same answer for status and build.
func TestOpenSample(t *testing.T) {
	cfg, o := sample(t)
	w := Open(cfg, o)
	r := w.Report("年报")
	require.NotNil(t, r)
	require.NoError(t, w.FirstErr(r))
	assert.True(t, r.Summary.Ready, "%v", r.Summary.Blockers)
	assert.Equal(t, 0, w.Check.Errors)
	assert.Equal(t, "统计表.xlsx", w.Check.File, "relative to the working folder")
	assert.Equal(t, "2021-统计表.xlsx", w.Check.LastYearFile)
	require.NotNil(t, w.Check.Prev)
	assert.Len(t, w.Plan.Tasks, 34, "30 of the document, 4 invented 法治 tasks")
	assert.Empty(t, r.Composed.Gaps)
	assert.Equal(t, "统计表.xlsx › 申请情况!J6", w.Cur.Locate("r01.G").String())
}

// A figure of the office's text that is not the table's is an R12 error of
// the check, and so a blocker of the summary.
func TestOpenCountsR12(t *testing.T) {
	cfg, o := sample(t)
	c := *cfg
	c.Narrative.Requests = "本年度共受理政府信息公开申请17件。"
	c.NarrativeLines = map[string]int{"requests": 40}
	w := Open(&c, o)
	r := w.Reports[0]
	require.NoError(t, w.FirstErr(r))
	assert.False(t, r.Summary.Ready)
	assert.Equal(t, 1, w.Check.Errors)
	assert.Equal(t, "R12", w.Check.Findings[0].Rule)
	assert.Equal(t, "nianbao.toml 第 40 行 [narrative] requests", w.Check.Findings[0].Cells[0].String())
}

// A finding's cells reach the summary as they are: the blocker's line and
// the JSON of status name the same places in parts.
func TestOpenKeepsPositions(t *testing.T) {
	cfg, o := sample(t)
	c := *cfg
	c.Narrative.Requests = "本年度共受理政府信息公开申请17件。"
	c.NarrativeLines = map[string]int{"requests": 40}
	w := Open(&c, o)
	r := w.Reports[0]
	require.NoError(t, w.FirstErr(r))
	f := w.Check.Findings[0]
	require.GreaterOrEqual(t, len(f.Cells), 2)
	assert.Equal(t, diag.Pos{File: "nianbao.toml", Line: 40, What: "[narrative] requests"}, f.Cells[0])
	assert.Equal(t, diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}, f.Cells[1])

	want := readiness.Item{Rule: "R12", Pos: f.Cells[0], Related: f.Cells[1:], Text: f.Message}
	assert.Equal(t, []readiness.Item{want}, r.Summary.Stats.ErrorList)
	var blocker *readiness.Blocker
	for i, b := range r.Summary.Blockers {
		if strings.HasPrefix(b.Text, "统计表有 1 个错误") {
			blocker = &r.Summary.Blockers[i]
		}
	}
	require.NotNil(t, blocker, "%v", r.Summary.Blockers)
	assert.Equal(t, []readiness.Item{want}, blocker.Detail)
	assert.Equal(t, "统计表有 1 个错误：运行 nianbao check 查看全部\nR12 nianbao.toml 第 40 行 [narrative] requests："+f.Message, blocker.String())

	b, err := json.Marshal(r.Summary)
	require.NoError(t, err)
	var got struct {
		Stats struct {
			ErrorList []string `json:"error_list"`
			Details   []struct {
				Pos     diag.Pos
				Related []diag.Pos
			} `json:"error_details"`
		}
		Blockers []string
	}
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, []string{want.String()}, got.Stats.ErrorList)
	require.Len(t, got.Stats.Details, 1)
	assert.Equal(t, f.Cells[0], got.Stats.Details[0].Pos)
	assert.Equal(t, f.Cells[1:], got.Stats.Details[0].Related)
	assert.Contains(t, got.Blockers, blocker.String())
}

func TestRelative(t *testing.T) {
	o := Options{Dir: "/a/b"}
	assert.Equal(t, "c/统计表.xlsx", o.DisplayPath("/a/b/c/统计表.xlsx"))
	assert.Equal(t, "/x/统计表.xlsx", o.DisplayPath("/x/统计表.xlsx"))
	err := o.Relative(diag.Errors{{Pos: diag.Pos{File: "/a/b/nianbao.toml", Line: 3}}})
	var de diag.Errors
	require.True(t, errors.As(err, &de))
	assert.Equal(t, "nianbao.toml", de[0].Pos.File)
	assert.Nil(t, o.Relative(nil))
}

// Render makes the set of files of a build: every report the folder makes,
// in every format asked for, named by the kind; a draft is marked in its
// names and its JSON.
func TestRender(t *testing.T) {
	cfg, o := sample(t)
	w := Open(cfg, o)
	out, err := w.Render(w.Reports, RenderOptions{})
	require.NoError(t, err)
	var names []string
	for _, f := range out.Files {
		names = append(names, f.Name)
		assert.NotEmpty(t, f.Data, f.Name)
	}
	assert.Equal(t, []string{
		"2022年政府信息公开工作年度报告.pdf", "2022年政府信息公开工作年度报告.docx", "2022年政府信息公开工作年度报告.md",
		"2022年政府信息公开工作年度报告.txt", "2022年政府信息公开工作年度报告.html", "2022年统计数据.json",
		"2022年统计数据-表二.csv", "2022年统计数据-表三.csv", "2022年统计数据-表四.csv", "2022年统计数据-信息处理费.csv",
		"2022年统计数据-申请登记.csv", "2022年统计数据-复议诉讼登记.csv",
		"2022年法治政府建设情况报告.pdf", "2022年法治政府建设情况报告.docx", "2022年法治政府建设情况报告.md",
		"2022年法治政府建设情况报告.txt", "2022年法治政府建设情况报告.html", "2022年法治政府建设情况报告数据.json",
	}, names)
	assert.Len(t, out.Whats, len(out.Files))
	assert.Len(t, out.Summaries, 2)

	w = Open(cfg, o)
	out, err = w.Render([]*Report{w.Report("法治")}, RenderOptions{Formats: map[string]bool{"txt": true, "json": true}, Draft: true})
	require.NoError(t, err)
	require.Len(t, out.Files, 2)
	assert.Equal(t, "2022年法治政府建设情况报告（草稿）.txt", out.Files[0].Name)
	assert.Contains(t, string(out.Files[0].Data), "【草稿】")
	assert.Equal(t, "2022年法治政府建设情况报告数据（草稿）.json", out.Files[1].Name)
	assert.Contains(t, string(out.Files[1].Data), `"draft": true`)
}

func TestKnownFormat(t *testing.T) {
	for f, want := range map[string]bool{"pdf": true, "docx": true, "md": true, "txt": true, "html": true, "json": true, "csv": true, "pdfx": false, "": false} {
		assert.Equal(t, want, KnownFormat(f), f)
	}
}

// nianbao check of the shipped sample, in one process: read this year's
// and last year's workbooks, run every rule and R12 (issue 13: ≤ 10 ms).
func BenchmarkCheckSample(b *testing.B) {
	dir, err := filepath.Abs("../../data")
	require.NoError(b, err)
	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	require.NoError(b, err)
	o := Options{Dir: dir, Today: time.Date(2023, 1, 20, 9, 0, 0, 0, time.Local)}
	b.ReportAllocs()
	for b.Loop() {
		rep, _, err := Check(cfg, o)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Errors != 0 {
			b.Fatal(rep.Summary)
		}
	}
}
