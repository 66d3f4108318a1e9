package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/workbook"
)

func editConfig(t *testing.T, dir string, pairs ...string) {
	t.Helper()
	p := filepath.Join(dir, "nianbao.toml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	for i := 0; i+1 < len(pairs); i += 2 {
		require.True(t, bytes.Contains(b, []byte(pairs[i])), pairs[i])
		b = bytes.Replace(b, []byte(pairs[i]), []byte(pairs[i+1]), 1)
	}
	require.NoError(t, os.WriteFile(p, b, 0o644))
}

func blankCells(t *testing.T, path, sheet string, refs ...string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	for _, r := range refs {
		require.NoError(t, f.SetCellValue(sheet, r, nil))
	}
	require.NoError(t, f.SaveAs(path))
	require.NoError(t, f.Close())
}

// One gate decides whether a formal report may be built; status and build
// agree on it, and each case says where the problem is.
func TestFormalReportGate(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		ready   bool
		want    string // in status's blockers
	}{
		{"ready", func(t *testing.T, dir string) {}, true, ""},
		{"the workbook as init wrote it", func(t *testing.T, dir string) {
			var buf bytes.Buffer
			require.NoError(t, workbook.Write(&buf, workbook.Options{Org: "江门市政府投资工程建设管理中心", Year: 2022}))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "统计表.xlsx"), buf.Bytes(), 0o644))
		}, false, "R16 统计表.xlsx › 申请情况：“申请情况”工作表一个数字也没有填"},
		{"blank cells not confirmed", func(t *testing.T, dir string) {
			blankCells(t, filepath.Join(dir, "统计表.xlsx"), workbook.SheetRequests, "E10", "F10")
		}, false, "R16 统计表.xlsx › 申请情况：2 个空白单元格：E10:F10。官方格式要求没有的填写 0，请填写数字（没有的填 0）。如这些空白确实表示 0，请在 nianbao.toml 中设置 blank_as_zero = true"},
		{"blank cells confirmed as 0", func(t *testing.T, dir string) {
			blankCells(t, filepath.Join(dir, "统计表.xlsx"), workbook.SheetRequests, "E10", "F10")
			editConfig(t, dir, "# blank_as_zero = true", "blank_as_zero = true")
		}, true, ""},
		{"a wholly blank table even when confirmed", func(t *testing.T, dir string) {
			blankCells(t, filepath.Join(dir, "统计表.xlsx"), workbook.SheetInfoFees, "B4", "B5", "B6")
			editConfig(t, dir, "# blank_as_zero = true", "blank_as_zero = true")
		}, false, "“信息处理费”工作表一个数字也没有填"},
		{"report date after the deadline", func(t *testing.T, dir string) {
			editConfig(t, dir, "report_date = 2023-01-15", "report_date = 2023-02-03")
		}, false, "成文日期 2023-02-03 晚于公布期限 2023-01-31"},
		{"last year's workbook as this year's", func(t *testing.T, dir string) {
			editConfig(t, dir, "year = 2022", "year = 2023", "deadline = 2023-01-31", "deadline = 2024-01-31", "report_date = 2023-01-15", "report_date = 2024-01-15")
		}, false, "ID 统计表.xlsx › 主动公开!A2：统计表的报告年度是 2022 年，本报告是 2023 年度"},
		{"another body's workbook", func(t *testing.T, dir string) {
			editConfig(t, dir, `org = "江门市政府投资工程建设管理中心"`, `org = "江门市某某局"`)
		}, false, "统计表的填报单位是“江门市政府投资工程建设管理中心”，本报告的机关是“江门市某某局”"},
		{"this year's workbook as last year's", func(t *testing.T, dir string) {
			editConfig(t, dir, `last_year_stats = ""`, `last_year_stats = "统计表.xlsx"`)
		}, false, "上年度统计表 统计表.xlsx 的报告年度是 2022 年，应为 2021 年"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := readyFolder(t)
			tt.prepare(t, dir)
			st := runIn(t, dir, "status", "--today", "2023-01-20", "--json")
			var sum struct {
				Ready    bool
				Blockers []string
			}
			require.NoError(t, json.Unmarshal([]byte(st.out), &sum), st.out+st.errOut)
			assert.Equal(t, tt.ready, sum.Ready, "%v", sum.Blockers)
			b := runIn(t, dir, "build", "--format", "md,json")
			if tt.ready {
				assert.Equal(t, exitOK, b.code, b.errOut)
				assert.Equal(t, exitOK, st.code)
				return
			}
			assert.Equal(t, exitFindings, st.code)
			assert.Equal(t, exitFindings, b.code, "build and status agree")
			assert.Contains(t, b.errOut, "不能生成正式报告")
			found := false
			for _, bl := range sum.Blockers {
				found = found || bytes.Contains([]byte(bl), []byte(tt.want))
			}
			assert.True(t, found, "want %q in %v", tt.want, sum.Blockers)
			assert.Contains(t, b.errOut, tt.want, "build names the same problem")
		})
	}
}

// A draft's statistics are not fit to publish: their JSON says so, under
// a draft file name, with the check result.
func TestDraftJSON(t *testing.T) {
	dir := readyFolder(t)
	blankCells(t, filepath.Join(dir, "统计表.xlsx"), workbook.SheetRequests, "E10")
	r := runIn(t, dir, "build", "--draft", "--format", "json")
	require.Equal(t, exitOK, r.code, r.errOut)
	_, err := os.Stat(filepath.Join(dir, "输出", "2022年统计数据.json"))
	assert.True(t, os.IsNotExist(err), "no draft under the formal name")
	b, err := os.ReadFile(filepath.Join(dir, "输出", "2022年统计数据（草稿）.json"))
	require.NoError(t, err)
	var out struct {
		Schema     int    `json:"schema_version"`
		Draft      bool   `json:"draft"`
		ReportDate string `json:"report_date"`
		Check      struct {
			Errors   int
			Blockers []string
		}
	}
	require.NoError(t, json.Unmarshal(b, &out))
	assert.True(t, out.Draft)
	assert.Equal(t, 2, out.Schema)
	assert.Equal(t, "2023-01-15", out.ReportDate)
	assert.Equal(t, 1, out.Check.Errors)
	assert.NotEmpty(t, out.Check.Blockers)

	require.NoError(t, os.RemoveAll(filepath.Join(dir, "输出")))
	dir = readyFolder(t)
	r = runIn(t, dir, "build", "--format", "json")
	require.Equal(t, exitOK, r.code, r.errOut)
	b, err = os.ReadFile(filepath.Join(dir, "输出", "2022年统计数据.json"))
	require.NoError(t, err)
	var formal map[string]any
	require.NoError(t, json.Unmarshal(b, &formal))
	assert.Equal(t, false, formal["draft"])
	assert.NotContains(t, formal, "check")
}

// The statute requires no 工作要点: plan = "" gives a formal report written
// from [narrative], and only missing text blocks.
func TestFormalReportWithoutPlan(t *testing.T) {
	dir := readyFolder(t)
	editConfig(t, dir, `plan = "工作要点.toml"`, `plan = ""`)
	r := runIn(t, dir, "status", "--today", "2023-01-20")
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.out, "报告内容待补充：一、（三）政府信息管理")
	assert.NotContains(t, r.out, "工作要点")
	editConfig(t, dir, `management = ""`, `management = "修订信息发布审核制度。"`,
		`platform = ""`, `platform = "网站集约化运行。"`, `supervision = ""`, `supervision = "开展年度考核。"`)
	r = runIn(t, dir, "build", "--format", "md")
	require.Equal(t, exitOK, r.code, r.errOut)
	md := string(readOut(t, dir, reportBase+".md"))
	assert.Contains(t, md, "修订信息发布审核制度。")
	assert.NotContains(t, md, "工作要点")
}
