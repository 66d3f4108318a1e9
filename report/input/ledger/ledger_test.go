package ledger

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/plan"
)

func samplePlan(t testing.TB) *plan.Plan {
	p, err := plan.Load("../../../data/2022-工作要点.toml")
	require.NoError(t, err)
	return p
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.Local) }

func writeBook(t testing.TB, p *plan.Plan, recs map[int]Record) []byte {
	var buf bytes.Buffer
	require.NoError(t, WriteXLSX(&buf, p, WriteOptions{Org: "测试机关", Year: 2022, Records: recs}))
	return buf.Bytes()
}

// edit applies cell changes to a ledger workbook.
func edit(t testing.TB, data []byte, cells map[string]any, insertRows int) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer func() { _ = f.Close() }() // read only: nothing to lose
	if insertRows > 0 {
		require.NoError(t, f.InsertRows(Sheet, 1, insertRows))
	}
	for ref, v := range cells {
		require.NoError(t, f.SetCellValue(Sheet, ref, v))
	}
	var out bytes.Buffer
	_, err = f.WriteTo(&out)
	require.NoError(t, err)
	return out.Bytes()
}

func TestWriteAndReadBack(t *testing.T) {
	p := samplePlan(t)
	recs := map[int]Record{
		1:  {Status: Done, Result: "更新了主动公开目录。", Evidence: "目录截图"},
		2:  {Status: InProgress},
		30: {Status: NotApply, Note: "上级另行部署"},
	}
	data := writeBook(t, p, recs)
	res, err := ReadXLSX("任务台账.xlsx", data, Options{Plan: p, Today: day(2023, 1, 10)})
	require.NoError(t, err)
	l := res.Ledger
	assert.Len(t, l.Records, len(p.Tasks), "every plan row is read, blank ones as 未填写")
	assert.Equal(t, Done, l.Get(1).Status)
	assert.Equal(t, "更新了主动公开目录。", l.Get(1).Result)
	assert.Equal(t, "目录截图", l.Get(1).Evidence)
	assert.Equal(t, NotApply, l.Get(30).Status)
	assert.Equal(t, "上级另行部署", l.Get(30).Note)
	assert.Equal(t, Unset, l.Get(5).Status)
	assert.Equal(t, diag.Pos{File: "任务台账.xlsx", Sheet: Sheet, Cell: "A4"}, l.Get(1).Pos)
	assert.Empty(t, res.Warnings)
}

func TestLayout(t *testing.T) {
	data := writeBook(t, samplePlan(t), nil)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer func() { _ = f.Close() }() // read only: nothing to lose
	rows, err := f.GetRows(Sheet)
	require.NoError(t, err)
	assert.Equal(t, []string{"序号", "工作要求", "工作任务", "具体要求", "牵头科室", "协办科室", "完成时限", "年报栏目", "完成状态", "完成情况", "佐证材料", "备注"}, rows[2])
	assert.Len(t, rows, 37, "3 head rows, 30 tasks of the document and 4 invented 法治 tasks")
	assert.Equal(t, "法治：主要举措和成效", rows[33][7], "a 法治-only task names its part")
	assert.Equal(t, "主动公开；法治：主要举措和成效", rows[11][7], "task 9 feeds both reports")
	assert.Equal(t, "29", rows[31][0])
	assert.Equal(t, "2023-01-31", rows[31][6])
	dvs, err := f.GetDataValidations(Sheet)
	require.NoError(t, err)
	require.Len(t, dvs, 1)
	assert.Equal(t, "I4:I37", dvs[0].Sqref)
	assert.Equal(t, "list", dvs[0].Type)
	for ref, wantLocked := range map[string]bool{"A4": true, "D4": true, "I4": false, "J4": false, "K4": false, "L4": false} {
		id, _ := f.GetCellStyle(Sheet, ref)
		st, _ := f.GetStyle(id)
		assert.Equal(t, wantLocked, st.Protection == nil || st.Protection.Locked, ref)
	}
	panes, err := f.GetPanes(Sheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	pl, err := f.GetPageLayout(Sheet)
	require.NoError(t, err)
	assert.Equal(t, "landscape", *pl.Orientation)
	assert.True(t, bytes.Equal(data, writeBook(t, samplePlan(t), nil)), "deterministic")
}

func TestInsertedRowsDoNotMatter(t *testing.T) {
	p := samplePlan(t)
	data := edit(t, writeBook(t, p, map[int]Record{3: {Status: Done, Result: "按时发布年报。"}}), nil, 2)
	res, err := ReadXLSX("任务台账.xlsx", data, Options{Plan: p})
	require.NoError(t, err)
	assert.Equal(t, "按时发布年报。", res.Ledger.Get(3).Result)
	assert.Equal(t, "A8", res.Ledger.Get(3).Pos.Cell)
}

func TestReadErrors(t *testing.T) {
	p := samplePlan(t)
	base := writeBook(t, p, nil)
	tests := []struct {
		name  string
		cells map[string]any
		cell  string
		want  string
	}{
		{"unknown status", map[string]any{"I5": "完成"}, "I5", "完成状态“完成”不是可选值"},
		{"id not in plan", map[string]any{"A5": 31}, "A5", "序号 31 不在工作要点计划中"},
		{"duplicate id", map[string]any{"A6": 1}, "A6", "序号 1 重复"},
		{"id not a number", map[string]any{"A7": "第四项"}, "A7", "序号“第四项”不是正整数"},
		{"row without id", map[string]any{"A40": "", "J40": "写在表外的完成情况"}, "A40", "序号为空"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadXLSX("任务台账.xlsx", edit(t, base, tt.cells, 0), Options{Plan: p})
			var de diag.Errors
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "任务台账.xlsx", de[0].Pos.File)
			assert.Equal(t, Sheet, de[0].Pos.Sheet)
			assert.Equal(t, tt.cell, de[0].Pos.Cell)
			assert.Contains(t, de[0].Text, tt.want)
		})
	}
	for _, bad := range [][]byte{nil, []byte("hello"), base[:len(base)/2]} {
		_, err := ReadXLSX("任务台账.xlsx", bad, Options{Plan: p})
		var de diag.Errors
		require.ErrorAs(t, err, &de)
	}
}

func TestWarnings(t *testing.T) {
	p := samplePlan(t)
	data := writeBook(t, p, map[int]Record{
		1:  {Status: Done},       // no 完成情况
		18: {Status: InProgress}, // due 2022-12-31
		29: {Status: InProgress}, // due 2023-01-31: not yet
	})
	res, err := ReadXLSX("任务台账.xlsx", data, Options{Plan: p, Today: day(2023, 1, 20)})
	require.NoError(t, err)
	var texts []string
	for _, w := range res.Warnings {
		texts = append(texts, w.String())
	}
	require.Len(t, texts, 2, "%v", texts)
	assert.Contains(t, texts[0], "任务台账.xlsx › 任务台账!A4：第 1 项任务标为已完成，但没有填写完成情况")
	assert.Contains(t, texts[1], "第 18 项任务仍在推进中，已超过完成时限 2022-12-31 20 天")
}

func TestMissingTasksWarned(t *testing.T) {
	p := samplePlan(t)
	res, err := ReadTOML("任务台账.toml", []byte("[[record]]\nid = 1\nstatus = \"已完成\"\nresult = \"做了\"\n"), Options{Plan: p})
	require.NoError(t, err)
	require.Len(t, res.Warnings, 1)
	assert.Contains(t, res.Warnings[0].Text, "台账中没有第 2、3、4")
}

func TestTOML(t *testing.T) {
	p := samplePlan(t)
	src := `# 任务台账
[[record]]
id = 1
status = "已完成"
result = "更新了目录。"
evidence = "截图"

[[record]]
id = 2
status = "推进中"
note = "系统升级中"
`
	res, err := ReadTOML("任务台账.toml", []byte(src), Options{})
	require.NoError(t, err)
	assert.Equal(t, Done, res.Ledger.Get(1).Status)
	assert.Equal(t, "截图", res.Ledger.Get(1).Evidence)
	assert.Equal(t, "系统升级中", res.Ledger.Get(2).Note)
	assert.Equal(t, 8, res.Ledger.Get(2).Pos.Line)

	for _, tt := range []struct {
		src  string
		line int
		want string
	}{
		{"[[record]]\nid = 1\nstatus = \"完成\"\n", 1, "不是可选值"},
		{"[[record]]\nid = 1\nstauts = \"已完成\"\n", 3, "未知的键"},
		{"[[record]]\nid = \"一\"\n", 2, "值类型不对"},
		{"[[record]]\nid = 1\n[[record]]\nid = 1\n", 3, "序号 1 重复"},
		{"[[record]]\nid = 99\n", 1, "不在工作要点计划中"},
		{"[[record]\n", 2, "缺少右边的两个方括号"},
	} {
		_, err := ReadTOML("任务台账.toml", []byte(tt.src), Options{Plan: p})
		var de diag.Errors
		require.ErrorAs(t, err, &de, tt.src)
		assert.Equal(t, tt.line, de[0].Pos.Line, tt.src)
		assert.Contains(t, de[0].Text, tt.want, tt.src)
	}
}

func FuzzReadXLSX(f *testing.F) {
	p := samplePlan(f)
	good := writeBook(f, p, map[int]Record{1: {Status: Done, Result: "x"}})
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ReadXLSX("任务台账.xlsx", data, Options{Plan: p})
		if err == nil {
			require.NotNil(t, res.Ledger)
			return
		}
		var de diag.Errors
		require.ErrorAs(t, err, &de)
		require.NotEmpty(t, de[0].Text)
	})
}

func FuzzReadTOML(f *testing.F) {
	p := samplePlan(f)
	f.Add([]byte("[[record]]\nid = 1\nstatus = \"已完成\"\nresult = \"x\"\n"))
	f.Add([]byte("[[record]]\nid = 0\n[x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ReadTOML("任务台账.toml", data, Options{Plan: p})
		if err == nil {
			require.NotNil(t, res.Ledger)
			return
		}
		var de diag.Errors
		require.ErrorAs(t, err, &de)
		require.NotEmpty(t, de[0].Text)
	})
}

// Task rows are as high as their wrapped text, but not fixed ("custom"),
// so that Excel and LibreOffice fit them again to a long 完成情况 typed in
// later; only the title, note and header rows are fixed.
func TestTaskRowsFitTheirText(t *testing.T) {
	p := &plan.Plan{Tasks: []plan.Task{{ID: 1, Task: "任务", Detail: "具体要求", Section: "主动公开"}}}
	var b bytes.Buffer
	require.NoError(t, WriteXLSX(&b, p, WriteOptions{Org: "某局", Year: 2025,
		Records: map[int]Record{1: {ID: 1, Status: Done, Result: strings.Repeat("完成情况很长。", 25)}}}))
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	defer func() { _ = f.Close() }() // read only: nothing to lose
	rows, err := f.GetRows(Sheet)
	require.NoError(t, err)
	require.Len(t, rows, headerRow+1)
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	require.NoError(t, err)
	var sheet string
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, err := zf.Open()
			require.NoError(t, err)
			data, err := io.ReadAll(rc)
			require.NoError(t, err)
			sheet = string(data)
		}
	}
	require.NotEmpty(t, sheet)
	task := sheet[strings.Index(sheet, `<row r="4"`):]
	task = task[:strings.Index(task, ">")]
	assert.NotContains(t, task, "customHeight")
	// 175 characters in a column of 19.9 a line: 9 lines of 14 pt, and 4.
	assert.Contains(t, task, `ht="130"`)
	h, err := f.GetRowHeight(Sheet, 4)
	require.NoError(t, err)
	assert.Equal(t, 130.0, h)
	head := sheet[strings.Index(sheet, `<row r="3"`):]
	assert.Contains(t, head[:strings.Index(head, ">")], `customHeight=`)
}
