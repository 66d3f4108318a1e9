package workbook

import (
	"bytes"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func merges(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	mc, err := f.GetMergeCells(sheet)
	require.NoError(t, err)
	out := map[string]string{}
	for _, m := range mc {
		if m.GetStartAxis() == "A1" || m.GetStartAxis() == "A2" {
			continue // title and 填报单位 rows above the table
		}
		out[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	return out
}

// The official merged-cell structure (docs/format.md), cell by cell.
func TestOfficialLayout(t *testing.T) {
	f := open(t, write(t, Options{Org: "测试机关", Year: 2022}))
	assert.Equal(t, []string{SheetActive, SheetRequests, SheetAppeals, SheetInfoFees, SheetNotes}, f.GetSheetList())

	act := merges(t, f, SheetActive)
	for rng, label := range map[string]string{
		"A3:D3": "第二十条第（一）项", "A7:D7": "第二十条第（五）项", "B8:D8": "本年处理决定数量",
		"B9:D9": "", "A10:D10": "第二十条第（六）项", "B11:D11": "本年处理决定数量", "B12:D12": "", "B13:D13": "",
		"A14:D14": "第二十条第（八）项", "B15:D15": "本年收费金额（单位：万元）", "B16:D16": "",
	} {
		assert.Equal(t, label, act[rng], rng)
	}
	for ref, label := range map[string]string{
		"A4": "信息内容", "B4": "本年制发件数", "C4": "本年废止件数", "D4": "现行有效件数",
		"A5": "规章", "A6": "行政规范性文件", "A8": "信息内容", "A9": "行政许可", "A12": "行政处罚",
		"A13": "行政强制", "A15": "信息内容", "A16": "行政事业性收费",
	} {
		v, _ := f.GetCellValue(SheetActive, ref)
		assert.Equal(t, label, v, ref)
	}

	req := merges(t, f, SheetRequests)
	want := map[string]string{
		"A3:C5":   "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
		"D3:J3":   "申请人情况",
		"D4:D5":   "自然人",
		"E4:I4":   "法人或其他组织",
		"J4:J5":   "总计",
		"A6:C6":   "一、本年新收政府信息公开申请数量",
		"A7:C7":   "二、上年结转政府信息公开申请数量",
		"A8:A29":  "三、本年度办理结果",
		"B8:C8":   "（一）予以公开",
		"B9:C9":   "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
		"B10:B17": "（三）不予公开",
		"B18:B20": "（四）无法提供",
		"B21:B25": "（五）不予处理",
		"B26:B28": "（六）其他处理",
		"B29:C29": "（七）总计",
		"A30:C30": "四、结转下年度继续办理",
	}
	if !assert.Equal(t, want, req) {
		keys := make([]string, 0, len(req))
		for k := range req {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Log(keys)
	}
	for ref, label := range map[string]string{
		"E5": "商业企业", "F5": "科研机构", "G5": "社会公益组织", "H5": "法律服务机构", "I5": "其他",
		"C10": "1.属于国家秘密", "C12": "3.危及“三安全一稳定”", "C17": "8.属于行政查询事项",
		"C26": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"C27": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "C28": "3.其他",
	} {
		v, _ := f.GetCellValue(SheetRequests, ref)
		assert.Equal(t, label, v, ref)
	}

	app := merges(t, f, SheetAppeals)
	assert.Equal(t, map[string]string{
		"A3:E3": "行政复议", "F3:O3": "行政诉讼",
		"A4:A5": "结果维持", "B4:B5": "结果纠正", "C4:C5": "其他结果", "D4:D5": "尚未审结", "E4:E5": "总计",
		"F4:J4": "未经复议直接起诉", "K4:O4": "复议后起诉",
	}, app)
	for i, ref := range []string{"F5", "G5", "H5", "I5", "J5", "K5", "L5", "M5", "N5", "O5"} {
		v, _ := f.GetCellValue(SheetAppeals, ref)
		assert.Equal(t, []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}[i%5], v, ref)
	}
}

func TestFormulasProtectionValidation(t *testing.T) {
	f := open(t, write(t, Options{}))
	for _, c := range []struct{ sheet, ref, formula string }{
		{SheetRequests, "J6", "SUM(D6:I6)"},
		{SheetRequests, "J30", "SUM(D30:I30)"},
		{SheetRequests, "D29", "SUM(D8:D28)"},
		{SheetRequests, "J29", "SUM(D29:I29)"},
		{SheetAppeals, "E6", "SUM(A6:D6)"},
		{SheetAppeals, "J6", "SUM(F6:I6)"},
		{SheetAppeals, "O6", "SUM(K6:N6)"},
	} {
		got, err := f.GetCellFormula(c.sheet, c.ref)
		require.NoError(t, err)
		assert.Equal(t, c.formula, got, c.ref)
	}
	calc, err := f.GetCalcProps()
	require.NoError(t, err)
	require.NotNil(t, calc.FullCalcOnLoad)
	assert.True(t, *calc.FullCalcOnLoad)

	locked := func(sheet, ref string) bool {
		id, err := f.GetCellStyle(sheet, ref)
		require.NoError(t, err)
		st, err := f.GetStyle(id)
		require.NoError(t, err)
		return st.Protection == nil || st.Protection.Locked
	}
	assert.True(t, locked(SheetRequests, "A6"), "label locked")
	assert.True(t, locked(SheetRequests, "J6"), "total locked")
	assert.False(t, locked(SheetRequests, "D6"), "input unlocked")
	assert.False(t, locked(SheetActive, "B16"), "fee input unlocked")
	assert.False(t, locked(SheetAppeals, "A6"), "appeal input unlocked")

	for _, sheet := range DataSheets {
		dvs, err := f.GetDataValidations(sheet)
		require.NoError(t, err)
		require.NotEmpty(t, dvs, sheet)
		for _, dv := range dvs {
			assert.NotEmpty(t, dv.PromptTitle, sheet)
			assert.Contains(t, []string{"whole", "decimal"}, dv.Type, sheet)
			assert.Equal(t, "0", dv.Formula1, sheet)
		}
	}
	dvs, _ := f.GetDataValidations(SheetRequests)
	assert.Equal(t, "D6:I28 D30:I30", dvs[0].Sqref)

	names := f.GetDefinedName()
	titles := map[string]string{}
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	assert.Equal(t, "'申请情况'!$3:$5", titles[SheetRequests])
	assert.Equal(t, "'复议诉讼'!$3:$5", titles[SheetAppeals])
	for _, sheet := range DataSheets {
		pl, err := f.GetPageLayout(sheet)
		require.NoError(t, err)
		require.NotNil(t, pl.Size)
		assert.Equal(t, 9, *pl.Size, "A4")
		require.NotNil(t, pl.FitToWidth)
		assert.Equal(t, 1, *pl.FitToWidth)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	a := write(t, Options{Org: "测试机关", Year: 2022, Values: consistent(3)})
	for i := 0; i < 3; i++ {
		assert.True(t, bytes.Equal(a, write(t, Options{Org: "测试机关", Year: 2022, Values: consistent(3)})))
	}
}

func TestNotesExplainEveryRow(t *testing.T) {
	f := open(t, write(t, Options{}))
	rows, err := f.GetRows(SheetNotes)
	require.NoError(t, err)
	var text bytes.Buffer
	for _, r := range rows {
		for _, c := range r {
			text.WriteString(c + "\n")
		}
	}
	for _, s := range []string{"万元", "只计入", "上一年度收到", "勾稽关系", "（七）总计", "（六）其他处理 3.其他", "行政事业性收费"} {
		assert.Contains(t, text.String(), s)
	}
}
