package rollup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

// The record written with the aggregate reads back whole; the aggregate's
// figures are the sums it fingerprints; a second level reads the first as
// a unit whatever the record says.
func TestRecordRoundTrip(t *testing.T) {
	dir := t.TempDir()
	units, _ := writeUnits(t, dir, 4, year, 11)
	o := Options{Units: units, Dir: dir, Year: year, Excluded: map[string]string{units[3]: "撤并"}}
	fp, err := Fingerprint(dir, nil)
	require.NoError(t, err)
	res, err := Run(o)
	require.NoError(t, err)
	rec := NewRecord(res, o, fp)
	assert.True(t, rec.Formal)
	assert.Equal(t, units[:3], rec.Units)
	assert.Equal(t, map[string]string{units[3]: "撤并"}, rec.Excluded)

	data, err := WorkbookWith(res, "某市", rec)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "汇总统计表.xlsx")
	require.NoError(t, os.WriteFile(p, data, 0o644))
	got, err := ReadRecord(p, "汇总统计表.xlsx")
	require.NoError(t, err)
	assert.Equal(t, rec, got)

	agg, err := workbook.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, 3, agg.Units)
	assert.Equal(t, rec.Figures, FiguresDigest(&agg.Stats), "the sums read back are the ones recorded")
	now := Now{Units: units, Excluded: o.Excluded, Year: year, Returns: dir}
	assert.Empty(t, rec.Stale(now, &agg.Stats, agg.Units, "汇总统计表.xlsx"))

	// The same bytes for the same inputs.
	again, err := WorkbookWith(res, "某市", rec)
	require.NoError(t, err)
	assert.Equal(t, data, again)

	// Without a record: nil, no error.
	plain, err := Workbook(res, "某市")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, plain, 0o644))
	got, err = ReadRecord(p, "汇总统计表.xlsx")
	require.NoError(t, err)
	assert.Nil(t, got)
}

// Whatever could change what a rollup would make changes the fingerprint;
// what rollup never reads does not.
func TestFingerprint(t *testing.T) {
	for _, tt := range []struct {
		name    string
		change  func(t *testing.T, dir string)
		changes bool
	}{
		{"nothing", func(*testing.T, string) {}, false},
		{"a return's contents", func(t *testing.T, dir string) {
			writeBook(t, filepath.Join(dir, "甲.xlsx"), workbook.Options{Org: "甲局", Year: year, Values: &stats.Stats{}})
		}, true},
		{"a return added", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "乙.xlsx"), "x") }, true},
		{"a return in a subfolder", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "邮件", "丙.xlsx"), "x") }, true},
		{"a return renamed", func(t *testing.T, dir string) {
			require.NoError(t, os.Rename(filepath.Join(dir, "甲.xlsx"), filepath.Join(dir, "甲局.xlsx")))
		}, true},
		{"a return removed", func(t *testing.T, dir string) { require.NoError(t, os.Remove(filepath.Join(dir, "甲.xlsx"))) }, true},
		{"another file added", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "说明.docx"), "x") }, true},
		{"another file's contents", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "说明.txt"), "改过") }, false},
		{"Excel's lock file", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "~$甲.xlsx"), "lock") }, false},
		{"a hidden file", func(t *testing.T, dir string) { write(t, filepath.Join(dir, ".DS_Store"), "x") }, false},
		{"the output folder", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "输出", "汇总统计表.xlsx"), "new") }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, figs := writeUnits(t, t.TempDir(), 1, year, 3)
			writeBook(t, filepath.Join(dir, "甲.xlsx"), workbook.Options{Org: "甲局", Year: year, Values: figs[0]})
			write(t, filepath.Join(dir, "说明.txt"), "各单位报回的统计表")
			write(t, filepath.Join(dir, "输出", "汇总统计表.xlsx"), "old")
			skip := []string{filepath.Join(dir, "输出")}
			before, err := Fingerprint(dir, skip)
			require.NoError(t, err)
			tt.change(t, dir)
			after, err := Fingerprint(dir, skip)
			require.NoError(t, err)
			assert.Equal(t, tt.changes, before != after)
		})
	}
	_, err := Fingerprint(filepath.Join(t.TempDir(), "没有"), nil)
	assert.ErrorContains(t, err, "找不到回收文件夹")
}

func write(t *testing.T, p, s string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
}

// Stale names each way the folder moved on from the record, the units by
// name, as typed in nianbao.toml (spaces and bracket widths aside).
func TestStale(t *testing.T) {
	dir := t.TempDir()
	fp, err := Fingerprint(dir, nil)
	require.NoError(t, err)
	sum := stats.Stats{}
	sum.Active.Licensing = 7
	base := Record{Formal: true, Year: year, Units: []string{"甲局", "乙局（分局）"}, Excluded: map[string]string{"丙局": "撤并"},
		Returns: fp, Figures: FiguresDigest(&sum)}
	now := Now{Units: []string{"甲局", "乙局(分局)", " 丙局"}, Excluded: map[string]string{"丙局": "撤并"}, Year: year, Returns: dir}
	other := sum
	other.Active.Licensing++
	for _, tt := range []struct {
		name  string
		rec   func(*Record)
		now   func(*Now)
		figs  *stats.Stats
		units int
		want  []string
	}{
		{name: "current"},
		{name: "draft", rec: func(r *Record) { r.Formal = false }, want: []string{"是汇总草稿"}},
		{name: "year", now: func(n *Now) { n.Year = year + 1 }, want: []string{"是 2025 年度的汇总，nianbao.toml 的报告年度是 2026 年"}},
		{name: "unit added", now: func(n *Now) { n.Units = append(n.Units, "丁局") },
			want: []string{"汇总了 2 个单位，nianbao.toml 的 [rollup] 名单除去不纳入的单位是 3 个：名单中应纳入而汇总中没有的：丁局。"}},
		{name: "unit excluded", now: func(n *Now) { n.Excluded = map[string]string{"丙局": "撤并", "甲局": "另报"} },
			want: []string{"汇总中有而名单中没有（或已写明不纳入）的：甲局"}},
		{name: "exclusion lifted", now: func(n *Now) { n.Excluded = nil }, want: []string{"名单中应纳入而汇总中没有的：丙局"}},
		{name: "blank_as_zero", now: func(n *Now) { n.BlankAsZero = true }, want: []string{"blank_as_zero"}},
		{name: "returns", now: func(n *Now) { write(t, filepath.Join(n.Returns, "新.xlsx"), "x") }, want: []string{"在上次 nianbao rollup 之后有变化"}},
		{name: "returns gone", now: func(n *Now) { n.Returns = filepath.Join(dir, "没有") }, want: []string{"无法核对回收文件夹：找不到回收文件夹"}},
		{name: "figures", figs: &other, want: []string{"中的数字与 nianbao rollup 汇总时写入的不同"}},
		{name: "unit count stamped", units: 5, want: []string{"中的数字与 nianbao rollup 汇总时写入的不同"}},
		{name: "all at once", rec: func(r *Record) { r.Formal = false }, now: func(n *Now) { n.Units = n.Units[:1] },
			figs: &other, want: []string{"是汇总草稿", "汇总中有而名单中没有（或已写明不纳入）的：乙局（分局）", "中的数字"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec, n := base, now
			n.Returns = t.TempDir()
			rec.Returns, err = Fingerprint(n.Returns, nil)
			require.NoError(t, err)
			if tt.rec != nil {
				tt.rec(&rec)
			}
			if tt.now != nil {
				tt.now(&n)
			}
			figs, units := &sum, 2
			if tt.figs != nil {
				figs = tt.figs
			}
			if tt.units != 0 {
				units = tt.units
			}
			got := rec.Stale(n, figs, units, "汇总统计表.xlsx")
			require.Len(t, got, len(tt.want), strings.Join(got, "\n"))
			for i, w := range tt.want {
				assert.Contains(t, got[i], w)
				assert.Contains(t, got[i], "nianbao", "says what to do")
			}
		})
	}
}

// FuzzReadRecord: any file where an aggregate is expected gives a record,
// none, or an error; never a panic.
func FuzzReadRecord(f *testing.F) {
	dir := f.TempDir()
	units, _ := writeUnits(f, dir, 2, year, 5)
	res, err := Run(Options{Units: units, Dir: dir, Year: year})
	if err != nil {
		f.Fatal(err)
	}
	data, err := WorkbookWith(res, "某市", NewRecord(res, Options{Year: year}, "x"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := recordOf("汇总统计表.xlsx", b)
		if err != nil && rec != nil {
			t.Fatal("a record with an error")
		}
	})
}

// BenchmarkFingerprint1000 is what the record adds to a rollup of 1,000
// units, and what status and build spend on checking it is current.
func BenchmarkFingerprint1000(b *testing.B) {
	dir, _ := benchUnits(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Fingerprint(dir, nil); err != nil {
			b.Fatal(err)
		}
	}
}
