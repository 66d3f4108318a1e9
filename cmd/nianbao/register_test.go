package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/pipeline"
	"github.com/nianbao/nianbao/report/stats"
)

// init --register writes the workbook in register mode; check reads it
// with nothing registered yet as a clean, empty count.
func TestInitRegister(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "init", "--org", "某某市某某局", "--register")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "申请登记")
	res, err := workbook.ReadFile(filepath.Join(dir, "统计表.xlsx"))
	require.NoError(t, err)
	require.NotNil(t, res.Register)
	assert.Equal(t, stats.Requests{}, res.Stats.Requests)
	r = runIn(t, dir, "check")
	assert.Equal(t, exitOK, r.code, r.out+r.errOut)
}

// foreignExport writes an export of another system: its own sheet name,
// headers, column order and words.
func foreignExport(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	require.NoError(t, f.SetSheetName("Sheet1", "导出数据"))
	head := []string{"申请编号", "申请人姓名", "申请人身份", "登记时间", "所需信息内容描述", "答复类型", "当前状态", "答复时间"}
	for i, r := range append([][]string{head}, rows...) {
		for j, v := range r {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			require.NoError(t, f.SetCellStr("导出数据", ref, v))
		}
	}
	require.NoError(t, f.SaveAs(path))
}

const registerTOML = `
[register]
file = "省平台导出.xlsx"
sheet = "导出数据"

[register.columns]
seq = "申请编号"
received = "登记时间"
applicant = "申请人身份"
outcome = "答复类型"
answered = "答复时间"
status = "当前状态"
content = "所需信息内容描述"

[register.values.applicant]
"公民" = "自然人"
"企业" = "商业企业"

[register.values.outcome]
"同意公开" = "（一）予以公开"
"部分同意公开" = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"

[register.values.status]
"办结" = "已办结"
"处理中" = "结转下年度"
`

func TestMappedExportCountsRequests(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, exitOK, runIn(t, dir, "init", "--org", "某某市某某局", "--year", "2022").code)
	cfgPath := filepath.Join(dir, config.FileName)
	cfg, err := os.ReadFile(cfgPath)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfgPath, append(cfg, registerTOML...), 0o644))
	rows := [][]string{
		{"YSQ-1", "张三", "公民", "2022-03-01", "某文件", "同意公开", "办结", "2022-03-08"},
		{"YSQ-2", "某公司", "企业", "2022-05-06", "某批复", "部分同意公开", "办结", "2022-05-20"},
		{"YSQ-3", "李四", "公民", "2022-12-29", "某记录", "", "处理中", ""},
	}
	foreignExport(t, filepath.Join(dir, "省平台导出.xlsx"), rows)

	c, err := config.Load(cfgPath)
	require.NoError(t, err)
	_, cur, err := pipeline.Check(c, pipeline.Options{Dir: dir})
	require.NoError(t, err)
	q := cur.Stats.Requests
	assert.Equal(t, int64(2), q[stats.RowNew][stats.ColNatural])
	assert.Equal(t, int64(1), q[stats.RowGranted][stats.ColNatural])
	assert.Equal(t, int64(1), q[stats.RowPartial][stats.ColLegalFirst])
	assert.Equal(t, int64(1), q[stats.RowCarriedOut][stats.ColNatural])
	assert.Equal(t, int64(3), q[stats.RowNew][stats.ColTotal])

	// A figure typed in the workbook that the count contradicts is noted at its cell.
	var typed stats.Stats
	typed.Requests[stats.RowGranted][stats.ColNatural] = 5
	var buf bytes.Buffer
	require.NoError(t, workbook.Write(&buf, workbook.Options{Org: "某某市某某局", Year: 2022, Values: &typed}))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "统计表.xlsx"), buf.Bytes(), 0o644))
	_, cur, err = pipeline.Check(c, pipeline.Options{Dir: dir})
	require.NoError(t, err)
	assert.Equal(t, int64(1), cur.Stats.Requests[stats.RowGranted][stats.ColNatural])
	var notes []string
	for _, m := range cur.Warnings {
		notes = append(notes, m.String())
	}
	assert.Contains(t, notes, "统计表.xlsx › 申请情况!D8：（一）予以公开·自然人 填的是 5，按登记台账（省平台导出.xlsx › 导出数据）逐件计数为 1；nianbao 采用计数")

	// An unmapped value: an error at its cell listing the official choices.
	foreignExport(t, filepath.Join(dir, "省平台导出.xlsx"), append(rows, []string{"YSQ-4", "王五", "个体户", "2022-06-01", "x", "同意公开", "办结", "2022-06-02"}))
	r := runIn(t, dir, "check")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "省平台导出.xlsx › 导出数据!C5：申请人类型“个体户”不是规定的类别。可选：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他，或在 nianbao.toml 的 [register] 中为它指定对应的类别")
}

func TestRegisterConfigErrors(t *testing.T) {
	_, err := config.Parse("nianbao.toml", []byte("org = \"甲\"\nyear = 2022\n[register]\nfile = \"x.xlsx\"\n[register.columns]\nwhen = \"A\"\n[register.values.outcome]\n\"同意\" = \"予以公开\"\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nianbao.toml 第 6 行：[register.columns] 中未知的字段“when”")
	assert.Contains(t, err.Error(), "nianbao.toml 第 8 行：[register.values.outcome] 中“同意”对应的“予以公开”不是规定的类别，应为：（一）予以公开、")
}

// build writes the statistics as open data CSV: BOM, official labels as
// headers, a line per table row, the figures of the JSON.
func TestBuildOpenDataCSV(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "build", "--format", "csv,json", "--report", "年报")
	require.Equal(t, exitOK, r.code, r.out+r.errOut)
	assert.Contains(t, r.out, "开放数据（CSV）")
	read := func(name string) [][]string {
		data, err := os.ReadFile(filepath.Join(dir, "输出", name))
		require.NoError(t, err)
		require.True(t, bytes.HasPrefix(data, []byte("\ufeff")), "UTF-8 BOM")
		rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
		require.NoError(t, err)
		return rows
	}
	var js struct{ Values map[string]json.Number }
	data, err := os.ReadFile(filepath.Join(dir, "输出", "2022年统计数据.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &js))

	req := read("2022年统计数据-表三.csv")
	require.Len(t, req, stats.NumRequestRows+1)
	assert.Equal(t, []string{"项目", "自然人", "法人或其他组织·商业企业", "法人或其他组织·科研机构", "法人或其他组织·社会公益组织", "法人或其他组织·法律服务机构", "法人或其他组织·其他", "总计"}, req[0])
	assert.Equal(t, "三、本年度办理结果 （三）不予公开 1.属于国家秘密", req[1+stats.RowDeniedFirst][0])
	for row := range stats.RequestRows {
		for c := range stats.RequestCols {
			assert.Equal(t, js.Values[stats.RequestKey(row, c)].String(), req[row+1][c+1], stats.RequestKey(row, c))
		}
	}
	app := read("2022年统计数据-表四.csv")
	require.Len(t, app, 2)
	assert.Equal(t, "行政复议·结果维持", app[0][0])
	for i := range stats.AppealCols {
		assert.Equal(t, js.Values[stats.AppealKey(i)].String(), app[1][i])
	}
	act := read("2022年统计数据-表二.csv")
	assert.Equal(t, stats.LabelRegs, act[1][0])
	assert.Equal(t, js.Values["fees"].String(), act[6][5])
	read("2022年统计数据-信息处理费.csv")
	// The sample keeps a register: it is published without its personal fields.
	reg := read("2022年统计数据-申请登记.csv")
	assert.Len(t, reg, 6)
	assert.NotContains(t, fmt.Sprint(reg), "招标文件")
	assert.Len(t, read("2022年统计数据-复议诉讼登记.csv"), 2)
}

// typedSample puts the sample's figures typed into the tables (no register)
// before edit, for the cases about typed cells.
func typedSample(edit func(*testing.T, string)) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		var buf bytes.Buffer
		require.NoError(t, workbook.Write(&buf, workbook.Options{Org: sampleOrg, Year: 2022, Values: sample2022()}))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "统计表.xlsx"), buf.Bytes(), 0o644))
		edit(t, dir)
	}
}

// The register as open data leaves out 申请内容, 备注 and names.
func TestBuildRegisterCSVWithoutPersonalFields(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, exitOK, runIn(t, dir, "init", "--org", "某某市某某局", "--year", "2022").code)
	cfgPath := filepath.Join(dir, config.FileName)
	cfg, err := os.ReadFile(cfgPath)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfgPath, append(cfg, registerTOML...), 0o644))
	foreignExport(t, filepath.Join(dir, "省平台导出.xlsx"), [][]string{
		{"YSQ-1", "张三", "公民", "2022-03-01", "张三的房屋征收补偿档案", "同意公开", "办结", "2022-03-08"},
	})
	r := runIn(t, dir, "build", "--format", "csv", "--draft", "--report", "年报")
	require.Equal(t, exitOK, r.code, r.out+r.errOut)
	data, err := os.ReadFile(filepath.Join(dir, "输出", "2022年统计数据-申请登记（草稿）.csv"))
	require.NoError(t, err)
	assert.Equal(t, "\ufeff序号,收到日期,申请人类型,办理结果,答复日期,办理状态\r\nYSQ-1,2022-03-01,自然人,（一）予以公开,2022-03-08,已办结\r\n", string(data))
	assert.NotContains(t, string(data), "张三")
}
