package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

var update = flag.Bool("update", false, "rewrite golden files and the sample workbooks in data/")

const (
	sampleOrg  = "江门市政府投资工程建设管理中心"
	sampleDir  = "../../data"
	sampleNote = "（样例数据，数字为虚构）"
)

// sample2022 is the made-up statistics of the shipped sample: plausible
// for a body of this size, not real figures.
func sample2022() *stats.Stats {
	s := &stats.Stats{}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 1, Repealed: 0, InForce: 4}
	s.Requests[stats.RowNew] = [7]int64{3, 1, 0, 0, 0, 0, 4}
	s.Requests[stats.RowCarriedIn] = [7]int64{1, 0, 0, 0, 0, 0, 1}
	s.Requests[2] = [7]int64{2, 1, 0, 0, 0, 0, 3}  // （一）予以公开
	s.Requests[12] = [7]int64{1, 0, 0, 0, 0, 0, 1} // （四）1.本机关不掌握相关政府信息
	s.Requests[22] = [7]int64{1, 0, 0, 0, 0, 0, 1} // （六）3.其他
	s.Requests[stats.RowTotal] = [7]int64{4, 1, 0, 0, 0, 0, 5}
	s.Appeals[0], s.Appeals[4] = 1, 1 // 行政复议 结果维持 1
	return s
}

func sample2021() *stats.Stats {
	s := &stats.Stats{}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 2, Repealed: 1, InForce: 3}
	s.Requests[stats.RowNew] = [7]int64{2, 0, 0, 0, 0, 0, 2}
	s.Requests[2] = [7]int64{1, 0, 0, 0, 0, 0, 1}
	s.Requests[stats.RowTotal] = [7]int64{1, 0, 0, 0, 0, 0, 1}
	s.Requests[stats.RowCarriedOut] = [7]int64{1, 0, 0, 0, 0, 0, 1}
	return s
}

// sampleRegister2022 is the register the sample's 2022 表三 and 表四 are
// counted from: invented applications, marked as such, that give exactly
// the figures of sample2022.
func sampleRegister2022(t testing.TB) *register.Register {
	t.Helper()
	const made = "（样例，虚构）"
	apps := [][]string{register.AppHeads[:],
		{"2021-009", "2021-12-27", "自然人", "某安置房项目竣工验收备案材料" + made, register.Outcomes[0], "2022-01-12", register.StatusDone, "上年结转" + made},
		{"2022-001", "2022-03-14", "自然人", "某道路改造工程招标文件" + made, register.Outcomes[0], "2022-03-28", register.StatusDone, made},
		{"2022-002", "2022-05-09", "商业企业", "某学校建设项目中标结果" + made, register.Outcomes[0], "2022-05-20", register.StatusDone, made},
		{"2022-003", "2022-08-16", "自然人", "某项目征地补偿标准" + made, register.Outcomes[stats.RowUnableFirst-stats.RowFirstOut], "2022-09-02", register.StatusDone, made},
		{"2022-004", "2022-11-03", "自然人", "某工程监理合同" + made, register.Outcomes[stats.RowOtherLast-stats.RowFirstOut], "2022-11-10", register.StatusDone, "申请人撤回申请" + made},
	}
	cases := [][]string{register.CaseHeads[:],
		{"2022-复1", register.Kinds[stats.AppealReview], "2022-04-06", register.Results[stats.ResultUpheld], "2022-06-15", made},
	}
	reg, err := register.Parse("统计表.xlsx", 2022, register.Layout{}, apps, cases)
	require.NoError(t, err)
	return reg
}

func TestSampleWorkbooks(t *testing.T) {
	for _, tt := range []struct {
		file string
		year int
		s    *stats.Stats
		reg  *register.Register
	}{
		{"统计表.xlsx", 2022, sample2022(), sampleRegister2022(t)},
		{"2021-统计表.xlsx", 2021, sample2021(), nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if tt.reg != nil {
				require.NoError(t, workbook.WriteRegister(&buf, workbook.Options{Org: sampleOrg, Year: tt.year, Values: tt.s}, tt.reg))
			} else {
				require.NoError(t, workbook.Write(&buf, workbook.Options{Org: sampleOrg, Year: tt.year, Values: tt.s}))
			}
			path := filepath.Join(sampleDir, tt.file)
			checkGolden(t, path, buf.Bytes())
			res, err := workbook.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, *tt.s, res.Stats)
			assert.Empty(t, res.Warnings)
			assert.Equal(t, tt.reg != nil, res.Register != nil, "the 2022 tables are counted from the register")
		})
	}
}

// The sample ledger is kept as TOML (reviewable text) and shipped as the
// workbook the office would fill.
func TestSampleLedger(t *testing.T) {
	p, err := plan.Load(filepath.Join(sampleDir, "2022-工作要点.toml"))
	require.NoError(t, err)
	src, err := ledger.Load("testdata/sample-ledger.toml", ledger.Options{Plan: p})
	require.NoError(t, err)
	require.Empty(t, src.Warnings)
	var buf bytes.Buffer
	require.NoError(t, ledger.WriteXLSX(&buf, p, ledger.WriteOptions{Org: sampleOrg + sampleNote, Year: 2022, Records: src.Ledger.Records}))
	path := filepath.Join(sampleDir, "任务台账.xlsx")
	checkGolden(t, path, buf.Bytes())
	res, err := ledger.Load(path, ledger.Options{Plan: p})
	require.NoError(t, err)
	require.Empty(t, res.Warnings)
	for id, r := range src.Ledger.Records {
		g := res.Ledger.Get(id)
		assert.Equal(t, r.Status, g.Status, id)
		assert.Equal(t, r.Result, g.Result, id)
	}
}

// The shipped sample passes every check, including the cross-year rules.
func TestSampleChecksClean(t *testing.T) {
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, now: fixedNow, dir: sampleDir}
	code := run([]string{"check"}, e)
	assert.Equal(t, exitOK, code, errb.String())
	assert.Contains(t, out.String(), "检查完成：0 个错误，0 个提醒")
	assert.NotContains(t, out.String(), "未检查")

	out.Reset()
	code = run([]string{"status", "--today", "2023-01-20"}, e)
	assert.Equal(t, exitOK, code, out.String()+errb.String())
	assert.Contains(t, out.String(), "已完成 27 · 推进中 2 · 未启动 1 · 不适用 0 · 未填写 0")
	assert.Contains(t, out.String(), "可以生成正式报告。")
}

// checkGolden compares got with the file at path, which -update rewrites
// first: goldens under testdata and the sample workbooks in data/.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "%s differs (check the change, then run go test ./cmd/nianbao -update)", path)
}
