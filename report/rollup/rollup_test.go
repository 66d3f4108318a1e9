package rollup

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/input/xlsxsafe/xlsxtest"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

const year = 2025

// independentSum adds figures up through the struct fields, not through
// Fields(), so that a key Fields() missed would show.
func independentSum(ss []*stats.Stats) stats.Stats {
	var out stats.Stats
	for _, s := range ss {
		a, b := &out.Active, s.Active
		a.Regulations.Issued += b.Regulations.Issued
		a.Regulations.Repealed += b.Regulations.Repealed
		a.Regulations.InForce += b.Regulations.InForce
		a.NormativeDocs.Issued += b.NormativeDocs.Issued
		a.NormativeDocs.Repealed += b.NormativeDocs.Repealed
		a.NormativeDocs.InForce += b.NormativeDocs.InForce
		a.Licensing += b.Licensing
		a.Punishment += b.Punishment
		a.Coercion += b.Coercion
		a.Fees += b.Fees
		for r := range s.Requests {
			for c := range s.Requests[r] {
				out.Requests[r][c] += s.Requests[r][c]
			}
		}
		for i := range s.Appeals {
			out.Appeals[i] += s.Appeals[i]
		}
		out.InfoFees.Notices += s.InfoFees.Notices
		out.InfoFees.NoticeTotal += s.InfoFees.NoticeTotal
		out.InfoFees.Collected += s.InfoFees.Collected
	}
	return out
}

func TestAggregateEqualsIndependentSum(t *testing.T) {
	dir := t.TempDir()
	units, figs := writeUnits(t, dir, 25, year, 1)
	res, err := Run(Options{Units: units, Dir: dir, Year: year})
	require.NoError(t, err)
	require.Len(t, res.Units, 25)
	for i, u := range res.Units {
		assert.Equal(t, units[i], u.Name, "the order of the list")
		assert.Equal(t, OK, u.State, "%s: %v %v", u.Name, u.Findings, u.Messages)
		assert.Zero(t, u.Errors)
	}
	assert.Equal(t, 25, res.Included)
	assert.Equal(t, independentSum(figs), res.Sum)
	assert.Empty(t, res.Blockers())
	assert.NotEqual(t, stats.Stats{}, res.Sum, "the sum can fail: it is not zero")
}

// Every kind of problem is reported at its unit, and the others are read
// and summed all the same.
func TestProblemsAtTheirPlace(t *testing.T) {
	dir := t.TempDir()
	_, figs := writeUnits(t, t.TempDir(), 6, year, 2)
	book := func(name string, o workbook.Options) { writeBook(t, filepath.Join(dir, name), o) }
	book("甲的回件.xlsx", workbook.Options{Org: "甲局", Year: year, Values: figs[0]})
	book("乙-1.xlsx", workbook.Options{Org: "乙局", Year: year, Values: figs[1]})
	book("乙-2.xlsx", workbook.Options{Org: "乙局", Year: year, Values: figs[2]})
	book("丙-1.xlsx", workbook.Options{Org: "丙局", Year: year, Values: figs[3]})
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "邮件"), 0o755))
	book("邮件/丙-再发.xlsx", workbook.Options{Org: "丙局", Year: year, Values: figs[3]})
	book("丁.xlsx", workbook.Options{Org: "丁局", Year: year - 1, Values: figs[4]})
	wrong := *figs[5]
	wrong.Requests[stats.RowGranted][stats.ColNatural]++ // R1, R2 and R3 fail
	book("戊.xlsx", workbook.Options{Org: "戊局", Year: year, Values: &wrong, TotalsAsValues: true})
	book("己.xlsx", workbook.Options{Org: "己局", Year: year}) // blank
	require.NoError(t, os.WriteFile(filepath.Join(dir, "庚局.xlsx"), []byte("PK\x03\x04 not a zip"), 0o644))
	bomb, err := xlsxtest.Edit(blank(t), func(name string, b []byte) []byte {
		if name == "xl/sharedStrings.xml" {
			var out bytes.Buffer
			require.NoError(t, xlsxtest.SharedStrings(3_700_000, `<si><t>a</t></si>`).Fill(&out))
			return out.Bytes()
		}
		return b
	})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "辛局统计表.xlsx"), bomb, 0o644))
	book("壬局2025.xlsx", workbook.Options{Values: figs[0]}) // unstamped: known by its name
	book("外单位.xlsx", workbook.Options{Org: "名单外的局", Year: year, Values: figs[1]})
	require.NoError(t, os.WriteFile(filepath.Join(dir, "说明.docx"), []byte("x"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "~$甲的回件.xlsx"), []byte("lock"), 0o644))

	units := []string{"甲局", "乙局", "丙局", "丁局", "戊局", "己局", "庚局", "辛局", "壬局", "癸局", "子局"}
	res, err := Run(Options{Units: units, Dir: dir, Year: year, Workers: 3,
		Excluded: map[string]string{" 子局": "机构撤并，本年度无数据"}, // typed with a space
		Display:  func(p string) string { r, _ := filepath.Rel(dir, p); return r }})
	require.NoError(t, err)
	want := []struct {
		unit     string
		state    State
		included bool
		says     string
	}{
		{"甲局", OK, true, ""},
		{"乙局", Duplicate, false, "乙-1.xlsx、乙-2.xlsx"},
		{"丙局", OK, true, "数字相同"},
		{"丁局", WrongYear, false, "2024 年"},
		{"戊局", Errors, true, ""},
		{"己局", Errors, true, ""},
		{"庚局", Unreadable, false, "损坏"},
		{"辛局", Unreadable, false, "不是正常的统计表"},
		{"壬局", OK, true, "按文件名认定"},
		{"癸局", Missing, false, ""},
		{"子局", Excluded, false, ""},
	}
	require.Len(t, res.Units, len(want))
	for i, w := range want {
		u := res.Units[i]
		t.Run(w.unit, func(t *testing.T) {
			assert.Equal(t, w.unit, u.Name)
			assert.Equal(t, w.state, u.State, "%v %v", u.Messages, u.Findings)
			assert.Equal(t, w.included, u.Included)
			if w.says != "" {
				var all []string
				for _, m := range u.Messages {
					all = append(all, m.String())
				}
				assert.Contains(t, strings.Join(all, "\n")+u.Reason, w.says)
			}
		})
	}
	// 戊局's error names its file and cell.
	u := res.Units[4]
	require.NotEmpty(t, u.Findings)
	assert.Equal(t, "R1", u.Findings[0].Rule)
	assert.Equal(t, diag.Pos{File: "戊.xlsx", Sheet: workbook.SheetRequests, Cell: "J8"}, u.Findings[0].Cells[0])
	// 己局: every table blank (R16).
	assert.Equal(t, "R16", res.Units[5].Findings[0].Rule)
	assert.Equal(t, "子局", res.Units[10].Name)
	assert.Equal(t, "机构撤并，本年度无数据", res.Units[10].Reason)

	require.Len(t, res.Others, 2)
	assert.Equal(t, "外单位.xlsx", res.Others[0].Path)
	assert.Equal(t, Unknown, res.Others[0].State)
	assert.Equal(t, "说明.docx", res.Others[1].Path)
	assert.Equal(t, Ignored, res.Others[1].State)

	assert.Equal(t, 5, res.Included)
	assert.Equal(t, independentSum([]*stats.Stats{figs[0], figs[3], &wrong, figs[0]}), res.Sum)
	blockers := res.Blockers()
	assert.Len(t, blockers, 7, "%v", blockers)

	// The overview names each error with its cell, the same bytes each time.
	page := string(Page("某县<汇总>", "本系统", res))
	assert.Equal(t, page, string(Page("某县<汇总>", "本系统", res)))
	assert.Contains(t, page, "戊.xlsx › 申请情况!J8")
	assert.Contains(t, page, "机构撤并，本年度无数据")
	assert.Contains(t, page, "外单位.xlsx")
	assert.Contains(t, page, "汇总范围：<strong>本系统</strong>")
	assert.Contains(t, string(Page("某县", "", res)), "汇总范围：<strong>尚未写明</strong>")
	assert.Contains(t, page, "某县&lt;汇总&gt;")
	assert.NotContains(t, page, "某县<汇总>")
	for _, u := range units {
		assert.Contains(t, page, "<td>"+u+"</td>")
	}
}

func blank(t *testing.T) []byte {
	var b bytes.Buffer
	require.NoError(t, workbook.Write(&b, workbook.Options{}))
	return b.Bytes()
}

// A county's aggregate is a unit of the city's roll-up: two levels give
// the same figures as one.
func TestTwoLevelsEqualOne(t *testing.T) {
	all := t.TempDir()
	units, figs := writeUnits(t, all, 12, year, 3)
	one, err := Run(Options{Units: units, Dir: all, Year: year})
	require.NoError(t, err)

	// The same units in three counties.
	city := t.TempDir()
	var counties []string
	for k := range 3 {
		dir := t.TempDir()
		for i := k; i < len(units); i += 3 {
			writeBook(t, filepath.Join(dir, units[i]+".xlsx"), workbook.Options{Org: units[i], Year: year, Values: figs[i]})
		}
		var sub []string
		for i := k; i < len(units); i += 3 {
			sub = append(sub, units[i])
		}
		res, err := Run(Options{Units: sub, Dir: dir, Year: year})
		require.NoError(t, err)
		county := []string{"甲县", "乙县", "丙县"}[k]
		data, err := Workbook(res, county)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(city, county+"汇总.xlsx"), data, 0o644))
		counties = append(counties, county)
	}
	two, err := Run(Options{Units: counties, Dir: city, Year: year})
	require.NoError(t, err)
	for _, u := range two.Units {
		assert.Equal(t, OK, u.State, "%s: %v %v", u.Name, u.Findings, u.Messages)
		assert.Equal(t, 4, u.SubUnits)
	}
	assert.Equal(t, one.Sum, two.Sum)
	assert.Equal(t, independentSum(figs), two.Sum)

	// And the city's aggregate reads back as its sum.
	data, err := Workbook(two, "某市")
	require.NoError(t, err)
	back, err := workbook.Read("某市.xlsx", data)
	require.NoError(t, err)
	assert.Equal(t, two.Sum, back.Stats)
	assert.Equal(t, stats.Stamp{Org: "某市", Year: year, Where: back.Stamp.Where}, back.Stamp)
	assert.Equal(t, 3, back.Units)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	rows, err := f.GetRows(SheetUnits)
	require.NoError(t, err)
	require.Len(t, rows, 5) // header, three counties, 合计
	assert.Equal(t, []string{"2", "乙县", "正常", "是（本身是 4 个单位的汇总）", "乙县汇总.xlsx", "0", "0"}, rows[2][:7])
	assert.Equal(t, "合计", rows[4][1])
	assert.Equal(t, fmt.Sprint(two.Sum.Requests[stats.RowNew][stats.ColTotal]), rows[4][7])
	rows, err = f.GetRows(SheetExcluded)
	require.NoError(t, err)
	assert.Len(t, rows, 1, "nobody left out")
}

// The four published reports as units of one roll-up give the sums of
// their figures, whatever their own totals.
func TestRealReportsAsUnits(t *testing.T) {
	dir := t.TempDir()
	var units []string
	var figs []*stats.Stats
	for _, n := range realreport.Names {
		r, err := realreport.Load(n)
		require.NoError(t, err)
		unit := r.Agency + n[:4]
		units = append(units, unit)
		figs = append(figs, r.Stats)
		writeBook(t, filepath.Join(dir, n+".xlsx"), workbook.Options{Org: unit, Year: year, Values: r.Stats, TotalsAsValues: true})
	}
	res, err := Run(Options{Units: units, Dir: dir, Year: year})
	require.NoError(t, err)
	for _, u := range res.Units {
		assert.True(t, u.Included, "%s: %s", u.Name, u.State)
	}
	sum := independentSum(figs)
	assert.Equal(t, sum, res.Sum)
	assert.Equal(t, figs[0].Requests[stats.RowNew][stats.ColTotal]+figs[1].Requests[stats.RowNew][stats.ColTotal]+
		figs[2].Requests[stats.RowNew][stats.ColTotal]+figs[3].Requests[stats.RowNew][stats.ColTotal],
		res.Sum.Requests[stats.RowNew][stats.ColTotal])

	data, err := Workbook(res, "四份报告")
	require.NoError(t, err)
	back, err := workbook.Read("四份报告.xlsx", data)
	require.NoError(t, err)
	assert.Equal(t, sum, back.Stats, "the aggregate workbook states the sum, its totals included")
}

func TestVerify(t *testing.T) {
	dir := t.TempDir()
	units, _ := writeUnits(t, dir, 5, year, 4)
	res, err := Run(Options{Units: units, Dir: dir, Year: year})
	require.NoError(t, err)
	hand := res.Sum
	hand.Requests[stats.RowGranted][stats.ColNatural] += 2
	hand.Requests[stats.RowGranted][stats.ColTotal] += 2
	hand.InfoFees.Collected += stats.DecimalFromInt(1)
	var b bytes.Buffer
	require.NoError(t, workbook.Write(&b, workbook.Options{Org: "某县", Year: year, Values: &hand, TotalsAsValues: true}))
	read, err := workbook.Read("手工汇总.xlsx", b.Bytes())
	require.NoError(t, err)
	diffs := Verify(&res.Sum, read)
	require.Len(t, diffs, 3)
	assert.Equal(t, "r03.A", diffs[0].Key)
	assert.Equal(t, diag.Pos{File: "手工汇总.xlsx", Sheet: workbook.SheetRequests, Cell: "D8"}, diffs[0].Pos)
	assert.Equal(t, res.Sum.Requests[stats.RowGranted][stats.ColNatural]+2, mustInt(t, diffs[0].Found))
	assert.Equal(t, "info_fees.collected", diffs[2].Key)
	assert.Empty(t, Verify(&res.Sum, &workbook.Result{Stats: res.Sum}))
}

func mustInt(t *testing.T, s string) int64 {
	var n int64
	for _, c := range s {
		require.True(t, c >= '0' && c <= '9', s)
		n = n*10 + int64(c-'0')
	}
	return n
}

func TestByFileName(t *testing.T) {
	ns, err := listUnits([]string{"财政局", "县财政局", "教育局", "县 教育局（本级）"})
	require.NoError(t, err)
	for _, c := range []struct {
		file string
		want int
	}{
		{"财政局.xlsx", 0}, {"2025县财政局统计表.xlsx", 1}, {"县教育局(本级).xlsx", 3}, {"教育局-回.xlsx", 2}, {"公安局.xlsx", -1},
	} {
		assert.Equal(t, c.want, ns.byFileName(c.file), c.file)
	}
	_, err = listUnits([]string{"财政局", "财政局 "})
	assert.ErrorContains(t, err, "出现了两次")
}

func TestMissingFolder(t *testing.T) {
	_, err := Run(Options{Units: []string{"甲"}, Dir: filepath.Join(t.TempDir(), "回收")})
	assert.ErrorContains(t, err, "找不到回收文件夹")
}
