package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
)

func TestTemplateParses(t *testing.T) {
	for _, org := range []string{"江门市政府投资工程建设管理中心", `带"引号"和\反斜杠`, "控制\x01字符\t"} {
		c, err := Parse(FileName, []byte(Template(org, 2022, "", false)))
		require.NoError(t, err, org)
		assert.Nil(t, c.Law)
		assert.Equal(t, org, c.Org)
		assert.Equal(t, 2022, c.Year)
		assert.Equal(t, "统计表.xlsx", c.Stats)
		assert.Equal(t, "2023-01-15", c.ReportDate.Format("2006-01-02"))
		assert.Len(t, c.Contact, 3)
		assert.Zero(t, c.FeeLimit, "R11 derives its limit unless the office sets one")
		assert.False(t, c.BlankAsZero, "blank cells are not 0 until the office says so")
		assert.Equal(t, "工作要点.toml", c.Plan)
		assert.Equal(t, "任务台账.xlsx", c.Ledger)
	}
	for _, un := range []string{"# fee_limit = 1000", "# blank_as_zero = true"} {
		on := strings.TrimPrefix(un, "# ")
		c, err := Parse(FileName, []byte(strings.Replace(Template("某局", 2022, "", false), un, on, 1)))
		require.NoError(t, err, on)
		assert.Equal(t, on == "fee_limit = 1000", c.FeeLimit == 1000)
		assert.Equal(t, on == "blank_as_zero = true", c.BlankAsZero)
	}
}

// plan = "" means no plan (and no ledger); leaving plan out means the default.
func TestNoPlan(t *testing.T) {
	c, err := Parse(FileName, []byte("org = \"某局\"\nyear = 2022\nplan = \"\"\n"))
	require.NoError(t, err)
	assert.Equal(t, "", c.Plan)
	assert.Equal(t, "", c.Ledger)
	c, err = Parse(FileName, []byte("org = \"某局\"\nyear = 2022\n"))
	require.NoError(t, err)
	assert.Equal(t, "工作要点.toml", c.Plan)
	assert.Equal(t, "任务台账.xlsx", c.Ledger)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		want      string
	}{
		{"unknown key", "org = \"甲\"\nyear = 2022\nfee_limt = 3\n", 3, "未知的设置项“fee_limt”"},
		{"unknown table", "org = \"甲\"\nyear = 2022\n[extra]\nx = 1\n", 3, "未知的设置项“extra”"},
		{"missing org", "year = 2022\n", 0, "请填写 org"},
		{"bad year", "org = \"甲\"\nyear = 22\n", 2, "四位年份"},
		{"wrong type", "org = \"甲\"\nyear = \"2022\"\n", 2, "值类型不对"},
		{"syntax", "org = 甲\nyear = 2022\n", 1, "等号后面的值“甲”写法不对"},
		{"date outside year", "org = \"甲\"\nyear = 2022\nreport_date = 2025-01-01\n", 3, "不在报告年度"},
		{"report date year zero", "org = \"甲\"\nyear = 2022\nreport_date = 0000-01-01\n", 3, "不在报告年度"},
		{"quoted report date", "org = \"甲\"\nyear = 2022\nreport_date = \"2023-01-15\"\n", 3, "日期不要加引号：应写成 report_date = 2023-01-15"},
		{"deadline far", "org = \"甲\"\nyear = 2022\ndeadline = 1999-01-31\n", 3, "deadline（公布期限）1999-01-31 不在报告年度 2022 年的前一年至后两年之内"},
		{"deadline year zero", "org = \"甲\"\nyear = 2022\n\ndeadline = 0000-01-31\n", 4, "deadline（公布期限）0000-01-31"},
		{"negative limit", "org = \"甲\"\nyear = 2022\nfee_limit = -1\n", 3, "不能为负数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("nianbao.toml", []byte(tt.src))
			require.Error(t, err)
			var de diag.Errors
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.line, de[0].Pos.Line, de.Error())
			assert.Equal(t, "nianbao.toml", de[0].Pos.File)
			assert.Contains(t, de[0].Text, tt.want)
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(Template("甲", 2022, "模板", false)))
	f.Add([]byte(Template("甲", 2022, "", true)))
	f.Add([]byte("org = \"甲\"\nyear = 2022\n[x]\ny = [1, {a = 2}]\n"))
	f.Add([]byte("contact = [\"a\", 1]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("nianbao.toml", data)
		if err == nil {
			require.NotEmpty(t, c.Org)
			return
		}
		var de diag.Errors
		require.ErrorAs(t, err, &de)
		for _, m := range de {
			require.NotEmpty(t, m.Text)
		}
	})
}

func TestNarrativeKeys(t *testing.T) {
	c, err := Parse("nianbao.toml", []byte("org = \"甲\"\nyear = 2022\n[narrative]\nproblems = \"\"\"\n一是。\n\n二是。\n\"\"\"\n"))
	require.NoError(t, err)
	assert.Contains(t, c.Narrative.Problems, "二是。")
	_, err = Parse("nianbao.toml", []byte("org = \"甲\"\nyear = 2022\n[narrative]\nproblem = \"x\"\n"))
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 4, de[0].Pos.Line)
	assert.Contains(t, de[0].Text, "narrative.problem")
	assert.Contains(t, de[0].Text, "improvements")
}

func TestNarrativeTexts(t *testing.T) {
	src := "org = \"某局\"\nyear = 2022\n\n[narrative]\nsummary = \"概述\"\nrequests = \"\"\"\n收到申请17件。\n\"\"\"\n"
	c, err := Parse(FileName, []byte(src))
	require.NoError(t, err)
	got := c.NarrativeTexts()
	require.Len(t, got, 2)
	assert.Equal(t, NarrativeText{Table: "narrative", Key: "summary", Text: "概述", Line: 5}, got[0])
	assert.Equal(t, "requests", got[1].Key)
	assert.Equal(t, 6, got[1].Line)
	assert.Nil(t, c.Law, "no [law]: the folder makes one report")
	assert.Empty(t, c.LawTexts())
}

func TestTemplateWithLaw(t *testing.T) {
	c, err := Parse(FileName, []byte(Template("某局", 2022, "", true)))
	require.NoError(t, err)
	require.NotNil(t, c.Law)
	assert.Equal(t, "2023-03-01", c.Law.Deadline.Format("2006-01-02"))
	assert.Equal(t, "2023-04-01", c.Law.PublishBy.Format("2006-01-02"))
	assert.Equal(t, "2023-02-20", c.Law.ReportDate.Format("2006-01-02"))
	assert.Empty(t, c.LawTexts(), "the office writes the five parts")
}

func TestLawTable(t *testing.T) {
	src := "org = \"某局\"\nyear = 2022\n\n[law]\nmeasures = \"\"\"\n制定合法性审查办法。\n\"\"\"\nleaders = \"主要负责人带头学法。\"\n"
	c, err := Parse(FileName, []byte(src))
	require.NoError(t, err)
	require.NotNil(t, c.Law)
	assert.Equal(t, "2023-03-01", c.Law.Deadline.Format("2006-01-02"), "厅字〔2019〕28号: 3月1日")
	assert.Equal(t, "2023-04-01", c.Law.PublishBy.Format("2006-01-02"), "published by 4月1日")
	got := c.LawTexts()
	require.Len(t, got, 2)
	assert.Equal(t, NarrativeText{Table: "law", Key: "measures", Text: "制定合法性审查办法。\n", Line: 5}, got[0])
	assert.Equal(t, NarrativeText{Table: "law", Key: "leaders", Text: "主要负责人带头学法。", Line: 8}, got[1])

	for _, tt := range []struct{ src, want string }{
		{"[law]\nmesures = \"x\"\n", "未知的设置项“law.mesures”"},
		{"[law]\ndeadline = 2030-03-01\n", "[law] 中的 deadline（报送期限）2030-03-01 不在报告年度 2022 年或次年内"},
	} {
		_, err := Parse(FileName, []byte("org = \"某局\"\nyear = 2022\n"+tt.src))
		require.Error(t, err, tt.src)
		assert.Contains(t, err.Error(), tt.want)
	}
}

func TestRollupTable(t *testing.T) {
	base := "org = \"某县人民政府办公室\"\nyear = 2025\n"
	c, err := Parse("nianbao.toml", []byte(base+"[rollup]\nunits = [\"县财政局\", \"县教育局\"]\nexcluded = [{unit = \"县教育局\", reason = \"机构改革\"}]\n"))
	require.NoError(t, err)
	require.NotNil(t, c.Rollup)
	assert.Equal(t, []string{"县财政局", "县教育局"}, c.Rollup.Units)
	assert.Equal(t, "回收", c.Rollup.Returns)
	assert.Equal(t, map[string]string{"县教育局": "机构改革"}, c.Rollup.ExcludedReasons())

	c, err = Parse("nianbao.toml", []byte(base))
	require.NoError(t, err)
	assert.Nil(t, c.Rollup)

	for _, tc := range []struct{ body, want string }{
		{"[rollup]\nunits = []\n", "units（汇总单位名单）是空的"},
		{"[rollup]\nunits = [\"甲\", \"甲 \"]\n", "“甲”出现了两次"},
		{"[rollup]\nunits = [\"甲\"]\nexcluded = [{unit = \"乙\", reason = \"x\"}]\n", "“乙”不在 units 名单中"},
		{"[rollup]\nunits = [\"甲\"]\n\n[[rollup.excluded]]\nunit = \"甲\"\n", "没有写原因"},
		{"[rollup]\nunits = [\"甲\"]\nreturn = \"x\"\n", "未知的设置项“rollup.return”"},
		{"[rollup]\nunits = [\"甲\"]\nexcluded = [{unit = \"甲\", reason = \"x\", why = \"y\"}]\n", "可用的设置项：unit、reason"},
	} {
		_, err := Parse("nianbao.toml", []byte(base+tc.body))
		require.Error(t, err, tc.body)
		assert.Contains(t, err.Error(), tc.want, tc.body)
	}
	_, err = Parse("nianbao.toml", []byte(base+"[rollup]\nunits = [\"甲\"]\nreturn = \"x\"\n"))
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 5, de[0].Pos.Line)
}

func TestRollupTemplateParses(t *testing.T) {
	units := []string{"县财政局", `带"引号"的单位`, "县教育局（本级）"}
	c, err := Parse(FileName, []byte(RollupTemplate("某县人民政府办公室", 2025, units, "输出/汇总统计表.xlsx")))
	require.NoError(t, err)
	require.NotNil(t, c.Rollup)
	assert.Equal(t, units, c.Rollup.Units)
	assert.Equal(t, "回收", c.Rollup.Returns)
	assert.Equal(t, "输出/汇总统计表.xlsx", c.Stats)
	assert.Empty(t, c.Plan)
	assert.Empty(t, c.Ledger)
	assert.Equal(t, "某县人民政府办公室", c.Org)
}
