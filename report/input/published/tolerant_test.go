package published

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

func pingtan2021(t *testing.T) (string, *stats.Stats) {
	t.Helper()
	want, err := realreport.Load("2021-pingtan.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(readPage(t, "2021-pingtan.html")), want.Stats
}

func texts(ms []diag.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.String() + "\n")
	}
	return b.String()
}

func mustReplace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in page", old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestEditedPages(t *testing.T) {
	page, want := pingtan2021(t)
	cases := []struct {
		name    string
		edit    func(string) string
		adjust  func(*stats.Stats)
		warning string // in Warnings
		missing string // in Missing
		breaks  string // in Breaks
	}{
		{name: "label variants",
			edit: func(s string) string {
				s = mustReplace(t, s, ">2.其他法律行政法规禁止公开<", ">2.其他法律行政止公开<")
				return mustReplace(t, s, ">行政规范性文件<", ">规范性文件<")
			},
			warning: "其他法律行政止公开"},
		{name: "thousands separator and full-width digits",
			edit: func(s string) string {
				s = mustReplace(t, s, ">2293<", ">2,293<")
				return mustReplace(t, s, ">42<", ">４２<")
			}},
		{name: "blank cell",
			edit:    func(s string) string { return mustReplace(t, s, ">1282<", ">&nbsp;<") },
			adjust:  func(s *stats.Stats) { s.Active.Punishment = 0 },
			warning: "空白格"},
		{name: "blank last cell of 表四",
			edit: func(s string) string {
				i := strings.Index(s, "复议后起诉")
				j := strings.LastIndex(s[:strings.Index(s[i:], "</table>")+i], ">0<")
				return s[:j] + "><" + s[j+3:]
			},
			warning: "空白格，按 0 导入：行政诉讼·复议后起诉·总计"},
		{name: "dropped row",
			edit:    func(s string) string { return mustReplace(t, s, ">行政强制<", ">行政强迫<") },
			adjust:  func(s *stats.Stats) { s.Active.Coercion = 0 },
			missing: "行政强制"},
		{name: "wrong total printed",
			edit: func(s string) string {
				i := strings.Index(s, ">（七）总计<")
				j := i + strings.Index(s[i:], ">63<")
				return s[:j] + ">64<" + s[j+4:]
			},
			adjust: func(s *stats.Stats) { s.Requests[stats.RowTotal][stats.ColNatural] = 64 },
			breaks: "R1"},
		{name: "title without 工作",
			edit: func(s string) string {
				return strings.ReplaceAll(s, "2021年度政府信息公开工作年度报告", "2021年度政府信息公开年度报告")
			},
			warning: "工作"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Read("p.html", []byte(tc.edit(page)))
			if err != nil {
				t.Fatal(err)
			}
			w := *want
			if tc.adjust != nil {
				tc.adjust(&w)
			}
			if d := diffStats(&res.Stats, &w); len(d) > 0 {
				t.Errorf("figures differ: %v", d)
			}
			if res.Org != "平潭综合实验区" || res.Year != 2021 {
				t.Errorf("org, year = %q, %d", res.Org, res.Year)
			}
			check := func(what, list, want string) {
				if want == "" && list != "" && what != "warnings" {
					t.Errorf("unexpected %s:\n%s", what, list)
				}
				if want != "" && !strings.Contains(list, want) {
					t.Errorf("%s lack %q:\n%s", what, want, list)
				}
			}
			check("warnings", texts(res.Warnings), tc.warning)
			check("missing", strings.Join(res.Missing, "\n"), tc.missing)
			check("breaks", texts(res.Breaks), tc.breaks)
		})
	}
}

func TestGBKPage(t *testing.T) {
	page, want := pingtan2021(t)
	page = mustReplace(t, page, `<meta charset="utf-8"`, `<meta charset="gbk"`)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read("gbk.html", []byte(gbk))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffStats(&res.Stats, want); len(d) > 0 {
		t.Errorf("figures differ: %v", d)
	}
	if res.Org != "平潭综合实验区" {
		t.Errorf("org %q", res.Org)
	}
}

func TestTruncatedPage(t *testing.T) {
	page, _ := pingtan2021(t)
	i := strings.Index(page, ">（四）无法提供<")
	res, err := Read("cut.html", []byte(page[:i]))
	if err != nil {
		t.Fatal(err)
	}
	m := strings.Join(res.Missing, "\n")
	if !strings.Contains(m, "1.本机关不掌握相关政府信息") || !strings.Contains(m, "复议") {
		t.Errorf("missing:\n%s", m)
	}
	if res.Stats.Active.Licensing != 2293 {
		t.Errorf("licensing %d", res.Stats.Active.Licensing)
	}
}

func TestFormat2019Refused(t *testing.T) {
	page, _ := pingtan2021(t)
	page = mustReplace(t, page, ">本年制发件数<", ">本年新制作数量<")
	_, err := Read("old.html", []byte(page))
	if err == nil || !strings.Contains(err.Error(), "2019") || !strings.Contains(err.Error(), "R15") {
		t.Fatalf("err = %v", err)
	}
}

func TestOtherUndivided(t *testing.T) {
	// A table with （六）其他处理 as one row (figures under 3.其他).
	txt := "某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		"（六）其他处理\t2\t0\t0\t0\t0\t0\t2\n" +
		"（七）总计\t2\t0\t0\t0\t0\t0\t2\n" +
		"四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n"
	res, err := Read("t.txt", []byte(txt))
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Requests[stats.RowOtherLast][0] != 2 || res.Stats.Requests[stats.RowTotal][6] != 2 {
		t.Errorf("requests %v", res.Stats.Requests)
	}
	if !strings.Contains(texts(res.Warnings), "一行") {
		t.Errorf("warnings %s", texts(res.Warnings))
	}
	if res.Org != "某局" || res.Year != 2022 {
		t.Errorf("%q %d", res.Org, res.Year)
	}
}

// Text as a browser copies a page: cells between tabs, or one a line;
// 表四's fifteen figures one a line.
func TestCopiedText(t *testing.T) {
	var b strings.Builder
	b.WriteString("平潭综合实验区2021年度政府信息公开工作年度报告\n一、总体情况\n2021年，我区……\n二、主动公开政府信息情况\n")
	b.WriteString("规章\t0\t0\t0\n行政规范性文件\t69\t3\t665\n行政许可\n2293\n行政处罚\t1 282\n")
	b.WriteString("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t64\t0\t0\t2\t0\t4\t70\n")
	b.WriteString("（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n")
	b.WriteString("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n")
	for _, n := range []string{"1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"} {
		b.WriteString(n + "\n")
	}
	b.WriteString("五、存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n无。\n")
	res, err := Read("copy.txt", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	a := res.Stats.Active
	if a.NormativeDocs.InForce != 665 || a.Licensing != 2293 || res.Stats.Requests[0][6] != 70 {
		t.Errorf("active %+v requests %v", a, res.Stats.Requests[0])
	}
	if res.Stats.Appeals[4] != 3 || res.Stats.Appeals[9] != 12 {
		t.Errorf("appeals %v", res.Stats.Appeals)
	}
	if res.Sections[0] != "2021年，我区……" || res.Sections[5] != "无。" {
		t.Errorf("sections %q", res.Sections)
	}
	if res.Year != 2021 {
		t.Errorf("year %d", res.Year)
	}
}

func TestTitles(t *testing.T) {
	tail := "\n二、主动公开政府信息情况\n行政许可\t5\n五、存在的主要问题及改进情况\n无。\n"
	for _, tc := range []struct{ text, org string }{
		{"某某局2022年政府信息公开工作年度报告", "某某局"},
		{"•政府信息公开年报\n某某局2022年度政府信息公开工作年度报告", "某某局"},
		{"某某局\n2022年政府信息公开工作年度报告", "某某局"},
		{"某某局２０２２年政府信息公开年度报告", "某某局"},
	} {
		res, err := Read("t.txt", []byte(tc.text+tail))
		if err != nil {
			t.Fatal(err)
		}
		if res.Org != tc.org || res.Year != 2022 || res.Stats.Active.Licensing != 5 {
			t.Errorf("%q: org %q year %d licensing %d", tc.text, res.Org, res.Year, res.Stats.Active.Licensing)
		}
	}
}

// A PDF is refused by its content, whatever its name, with why and what
// to import instead (README: 导入上年已公布的报告).
func TestPDFRefused(t *testing.T) {
	for _, name := range []string{"上年报告.pdf", "上年报告.html"} {
		_, err := Read(name, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"))
		if err == nil {
			t.Fatalf("%s: read", name)
		}
		for _, want := range []string{name, "不导入 PDF", "表格的行、列", "另存为", ".docx", "nianbao init"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q lacks %q", name, err, want)
			}
		}
	}
}
