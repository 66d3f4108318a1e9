package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A bad input is a sample folder with one thing broken, and the command to
// run on it.
type badInput struct {
	name  string
	edit  func(t *testing.T, dir string)
	args  []string
	code  int
	want  string // in the messages
	check func(t *testing.T, dir string)
}

// replaceIn edits a sample file: old must occur.
func replaceIn(file, old, new string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		require.Contains(t, string(b), old, file)
		require.NoError(t, os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
	}
}

func writeFile(file, text string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, file)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
}

const (
	cfgFile  = "nianbao.toml"
	planFile = "2022-工作要点.toml"
	orgLine  = `org = "江门市政府投资工程建设管理中心"`
)

var badInputs = []badInput{
	// nianbao.toml that TOML cannot read
	{name: "unquoted text", edit: replaceIn(cfgFile, orgLine, `org = 江门市某局`), args: []string{"check"}, code: exitInput, want: "nianbao.toml 第 5 行：等号后面的值“江门市某局”写法不对"},
	{name: "text after value", edit: replaceIn(cfgFile, "year = 2022 ", "year = 2022 年"), args: []string{"check"}, code: exitInput, want: "这一行的值后面多了“年”"},
	{name: "duplicate key", edit: replaceIn(cfgFile, "rulemaking = false", "year = 2023\nrulemaking = false"), args: []string{"check"}, code: exitInput, want: "“year”重复了"},
	{name: "open string", edit: replaceIn(cfgFile, orgLine, `org = "江门市某局`), args: []string{"status"}, code: exitInput, want: "缺少结尾的英文双引号"},
	{name: "backslash path", edit: replaceIn(cfgFile, `stats = "统计表.xlsx"`, `stats = "D:\数据\统计表.xlsx"`), args: []string{"check"}, code: exitInput, want: "反斜杠"},
	{name: "bad table header", edit: replaceIn(cfgFile, "[narrative]", "[narrative"), args: []string{"build"}, code: exitInput, want: "表名写法不对"},
	{name: "wrong type", edit: replaceIn(cfgFile, "year = 2022 ", `year = "2022" `), args: []string{"check"}, code: exitInput, want: "应为整数"},
	{name: "quoted date", edit: replaceIn(cfgFile, "report_date = 2023-01-15", `report_date = "2023-01-15"`), args: []string{"status"}, code: exitInput, want: "日期不要加引号：应写成 report_date = 2023-01-15"},
	{name: "deadline year zero", edit: replaceIn(cfgFile, "deadline = 2023-01-31", "deadline = 0000-01-31"), args: []string{"status"}, code: exitInput, want: "不在报告年度 2022 年的前一年至后两年之内"},
	{name: "utf16 config", edit: writeFile(cfgFile, "\xff\xfeo\x00r\x00g\x00"), args: []string{"check"}, code: exitInput, want: "另存为”UTF-8"},

	// the plan (status reports what it cannot read as a blocker: exit 1)
	{name: "plan due year zero", edit: replaceIn(planFile, "due = 2023-03-01", "due = 0000-01-01"), args: []string{"status"}, code: exitFindings, want: "第 359 行：任务 30：完成时限 0000-01-01 不在报告年度的前一年至后两年"},
	{name: "plan of another year", edit: replaceIn(planFile, "\nyear = 2022", "\nyear = 2015"), args: []string{"build"}, code: exitInput, want: "与报告年度 2022 年不相符"},
	{name: "plan bad toml", edit: replaceIn(planFile, "\nyear = 2022", "\nyear == 2022"), args: []string{"build"}, code: exitInput, want: "等号后面的值“=”写法不对"},

	// a TOML ledger
	{name: "ledger bad toml", edit: func(t *testing.T, dir string) {
		replaceIn(cfgFile, `ledger = "任务台账.xlsx"`, `ledger = "任务台账.toml"`)(t, dir)
		writeFile("任务台账.toml", "[[record]]\nid = 1\nstatus = 已完成\n")(t, dir)
	}, args: []string{"status"}, code: exitFindings, want: "任务台账.toml 第 3 行：等号后面的值“已完成”写法不对"},

	// the command line
	{name: "unknown flag", args: []string{"build", "--bogus"}, code: exitInput, want: "没有“--bogus”这个选项"},
	{name: "flag without value", args: []string{"status", "--today"}, code: exitInput, want: "后面要写一个值"},
	{name: "unknown command", args: []string{"bulid"}, code: exitInput, want: "未知命令“bulid”"},

	// templates that would hang or fill the memory
	{name: "huge empty range", edit: writeFile("模板/other.tmpl", "# {{section 6}}\n\n{{range 1000000000000}}{{end}}\n"), args: []string{"build", "--draft"}, code: exitInput, want: "other.tmpl 第 3 行：{{range 1000000000000}} 要重复"},
	{name: "huge range with text", edit: writeFile("模板/other.tmpl", "# {{section 6}}\n\n\n{{range 400000000}}数据{{end}}\n"), args: []string{"build"}, code: exitInput, want: "other.tmpl 第 4 行：{{range 400000000}} 要重复"},
	{name: "computed range", edit: writeFile("模板/other.tmpl", "# {{section 6}}\n\n{{range (add 400000000 0)}}"+strings.Repeat("数据", 2000)+"{{end}}\n"), args: []string{"build"}, code: exitInput, want: "other.tmpl 第 3 行：模板生成的内容超过 10 MB"},
	{name: "template call error", edit: writeFile("模板/other.tmpl", "# {{section 6}}\n\n{{index .Contact 99}}\n"), args: []string{"build"}, code: exitInput, want: "下标 99 超出了范围"},

	// hostile text: kept out of every output, the build itself fine
	{name: "hostile org", edit: replaceIn(cfgFile, orgLine, `org = "江门市\u202E某\u0007局\u2066𠀀\u200F"`), args: []string{"build", "--draft", "--format", "json,txt,pdf"}, code: exitOK,
		// A draft: the sample's workbooks belong to the sample's body.
		check: func(t *testing.T, dir string) {
			const reportBase = reportBase + "（草稿）"
			var e struct{ Org string }
			require.NoError(t, json.Unmarshal(readOut(t, dir, "2022年统计数据（草稿）.json"), &e))
			assert.Equal(t, "江门市某局𠀀", e.Org)
			txt := string(readOut(t, dir, reportBase+".txt"))
			assert.Contains(t, txt, "江门市某局𠀀")
			assert.NotRegexp(t, "[\u202A-\u202E\u2066-\u2069\u200E\u200F\x07]", txt)
			pdf := readOut(t, dir, reportBase+".pdf")
			assert.NotContains(t, string(pdf), "\u202E")
		}},
	{name: "hostile org in status", edit: replaceIn(cfgFile, orgLine, `org = "江门市\u202E某\u0007局"`), args: []string{"status", "--json"}, code: exitFindings,
		check: func(t *testing.T, dir string) {
			r := runIn(t, dir, "status", "--json")
			var s struct{ Org string }
			require.NoError(t, json.Unmarshal([]byte(r.out), &s))
			assert.Equal(t, "江门市某局", s.Org)
		}},
}

// allowedWords are the ASCII words a message may contain: commands,
// options, keys of the files, format names; everything else is English
// that the user should not have to read.
var allowedWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`nianbao init check status build help version config draft force format
		json last year today templates plan dir org stats ledger output deadline report date contact rulemaking
		fee limit website narrative fonts docx summary active requests management platform supervision problems
		improvements other title body heading number table fallback document departments task requirement detail
		lead assist due section record status result evidence note true false range index add HasPrev Prev
		pdf html txt toml xlsx tmpl UTF README TOML DOCX Markdown JSON Excel blank zero
		amount change items line paras join missing sectionTasks signature pagebreak
		rollup units returns excluded unit reason verify import similarity threshold

		register file sheet case_sheet columns case_columns values case_values received applicant content outcome answered kind filed closed chart charts history`) {
		allowedWords[w] = true
	}
}

var (
	quotedInput = regexp.MustCompile(`“[^”]*”|\{\{.*?\}\}|"[^"]*"|\S*[./\\]\S*`)
	asciiWord   = regexp.MustCompile(`[A-Za-z]{4,}`)
)

// englishLeft is the English words of out that are not file names, keys
// or quoted input.
func englishLeft(out string) []string {
	var left []string
	for _, w := range asciiWord.FindAllString(quotedInput.ReplaceAllString(out, " "), -1) {
		if !allowedWords[w] {
			left = append(left, w)
		}
	}
	return left
}

func TestBadInputs(t *testing.T) {
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			dir := sampleFolder(t)
			if tt.edit != nil {
				tt.edit(t, dir)
			}
			before := inputHashes(t, dir)
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			r := runIn(t, dir, tt.args...)
			assert.Less(t, time.Since(start), 10*time.Second, "bad input must not hang")
			runtime.ReadMemStats(&m1)
			// A byte budget rather than wall time: a full build of the
			// sample allocates well under it.
			assert.Less(t, m1.TotalAlloc-m0.TotalAlloc, uint64(400<<20), "bad input must not cost the memory")
			assert.Equal(t, before, inputHashes(t, dir), "no input file is changed")
			msgs := r.errOut + r.out
			assert.Equal(t, tt.code, r.code, msgs)
			assert.Contains(t, msgs, tt.want)
			for _, stack := range []string{"goroutine", "panic:", ".go:"} {
				assert.NotContains(t, msgs, stack)
			}
			if tt.code != exitOK { // status prints the report too: its own text
				assert.Empty(t, englishLeft(r.errOut), "English in: %s", r.errOut)
			}
			if tt.check != nil {
				tt.check(t, dir)
			}
		})
	}
}

func TestEnglishLeft(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"nianbao.toml 第 1 行：等号后面的值“some thing”写法不对", nil},
		{"用法错误：没有“--bogus”这个选项。运行 nianbao build -h 查看", nil},
		{"格式错误：expected value but found", []string{"expected", "value", "found"}},
		{"C:/data/other.tmpl 第 3 行：{{range 1000000000000}} 要重复", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, englishLeft(tt.in), tt.in)
	}
}
