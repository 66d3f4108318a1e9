// Package plan loads a year's 政务公开工作要点分工方案 (work plan) from a TOML
// file such as data/2022-工作要点.toml.
//
// The file is edited by office staff, not programmers, so every error is in
// Chinese and points at the file, the line and the task it concerns.
package plan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/infile"
	"github.com/nianbao/nianbao/report/input/tomlerr"
)

// AllDepartments is how the source document says "every department". It is
// kept literally in the file so a transcription stays checkable against the
// document; use Plan.Expand to turn it into names.
const AllDepartments = "各科室"

// Sections are the parts of the 政府信息公开工作年度报告 a task can feed.
var Sections = []string{"主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"}

// LawSections are the parts of the 法治政府建设情况报告 (厅字〔2019〕28号,
// five items) a task can feed, by short name, in the report's order.
var LawSections = []string{"主要举措和成效", "不足和原因", "第一责任人职责", "下一年度安排", "其他情况"}

// Plan is one year's 分工方案.
type Plan struct {
	Year        int      `toml:"year"`
	Title       string   `toml:"title"`
	Document    string   `toml:"document"`
	Org         string   `toml:"org"`
	Departments []string `toml:"departments"`
	Tasks       []Task   `toml:"task"`
}

// Task is one numbered 具体要求 of the plan.
type Task struct {
	ID          int      `toml:"id"`
	Requirement string   `toml:"requirement"`
	Task        string   `toml:"task"`
	Detail      string   `toml:"detail"`
	Lead        []string `toml:"lead"`
	Assist      []string `toml:"assist"`
	Due         *Date    `toml:"due"`         // nil: the document sets no deadline
	Section     string   `toml:"section"`     // 年报栏目; "" when the task feeds only the 法治 report
	LawSection  string   `toml:"law_section"` // 法治政府建设情况报告 part, optional
}

// Date is a calendar day. Deadlines are whole days; a time.Time would carry
// a zone the file never states (BurntSushi/toml picks the machine's).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// UnmarshalTOML accepts a TOML local date (2022-12-31) and, because staff
// will quote it sooner or later, the same text as a string.
func (d *Date) UnmarshalTOML(v any) error {
	var t time.Time
	switch v := v.(type) {
	case time.Time:
		t = v
		if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
			return fmt.Errorf("完成时限只写日期，不要写时刻，例如 due = 2022-12-31")
		}
	case string:
		var err error
		if t, err = time.Parse(time.DateOnly, v); err != nil {
			return fmt.Errorf("完成时限“%s”不是有效日期，应写成 due = 2022-12-31", v)
		}
	default:
		return fmt.Errorf("完成时限应写成 due = 2022-12-31")
	}
	d.Year, d.Month, d.Day = t.Date()
	return nil
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Time is the start of the day in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Expand replaces AllDepartments by the plan's department list and drops
// duplicates, keeping first-seen order.
func (p *Plan) Expand(names []string) []string {
	var out []string
	for _, n := range names {
		add := []string{n}
		if n == AllDepartments {
			add = p.Departments
		}
		for _, a := range add {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// Load reads and checks the plan file at path.
func Load(path string) (*Plan, error) {
	data, err := infile.Read(path, infile.MaxTOML, "工作要点计划文件", "100 KB")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: path}, "找不到工作要点计划文件。请检查 nianbao.toml 中的 plan 设置")
		}
		return nil, err
	}
	return Parse(filepath.Base(path), data)
}

// LoadFor is Load for the report of year: the plan's year and its due
// dates must lie within DateWindow of it, so that a plan of another year,
// or a mistyped date such as 0000-01-01, is an error at its line rather
// than a task "已逾期 739000 天".
func LoadFor(path string, year int) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Load(path) // the same messages as Load
	}
	name := filepath.Base(path)
	p, errs := parse(name, data, year)
	if len(errs) > 0 {
		return nil, errs.Capped(diag.MaxPerFile)
	}
	return p, nil
}

// DateWindow is the years around the report year a date of the cycle may
// fall in: the year before (a plan issued early) to two years after (a
// task due after the report).
const DateWindow = "报告年度的前一年至后两年"

func inWindow(y, year int) bool { return y >= year-1 && y <= year+2 }

// raw defers decoding the tasks so a bad value can be blamed on its own
// [[task]] block: the library only remembers the last position of a key
// that repeats across an array of tables.
type raw struct {
	Plan
	Tasks []toml.Primitive `toml:"task"`
}

// Parse decodes and checks a plan; name is used in error messages only.
// Errors are diag.Errors, one message per problem.
func Parse(name string, data []byte) (*Plan, error) {
	p, errs := parse(name, data, 0)
	if len(errs) > 0 {
		return nil, errs.Capped(diag.MaxPerFile)
	}
	return p, nil
}

// problem is an error of the plan at line (0 when unknown); task names the
// [[task]] it is in ("任务 3", "第 2 个任务"), "" for the plan's own keys.
func problem(name string, line int, task, format string, args ...any) diag.Message {
	text := fmt.Sprintf(format, args...)
	if task != "" {
		text = task + "：" + text
	}
	return diag.Message{Pos: diag.Pos{File: name, Line: line}, Severity: diag.Error, Text: text}
}

func taskID(id int) string { return fmt.Sprintf("任务 %d", id) }

// parse decodes and checks; dates are checked against reportYear, or the
// plan's own year when it is 0.
func parse(name string, data []byte, reportYear int) (*Plan, diag.Errors) {
	text := string(data)
	var r raw
	md, err := toml.Decode(text, &r)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line, msg, _ := tomlerr.Explain(err)
			return nil, diag.Errors{problem(name, line, "", "%s", msg)}
		}
		if key, msg, ok := typeMismatch(err); ok {
			return nil, diag.Errors{problem(name, scan(text).lineIn(key, -1), "", "%s", msg)}
		}
		return nil, diag.Errors{problem(name, 0, "", "内容格式错误：%v", err)}
	}
	sc := scan(text)
	p := r.Plan
	p.Tasks = make([]Task, len(r.Tasks))
	var errs diag.Errors
	for i, prim := range r.Tasks {
		if err := md.PrimitiveDecode(prim, &p.Tasks[i]); err != nil {
			// The library's own line is that of the key's last occurrence in
			// any [[task]], so look the key up within this block instead.
			var key []string
			msg := "内容格式错误：" + err.Error()
			var perr toml.ParseError
			if errors.As(err, &perr) {
				_, msg, _ = tomlerr.Explain(err)
				key = strings.Split(perr.LastKey, ".")
			} else if k, m, ok := typeMismatch(err); ok {
				key, msg = k, m
			}
			line := sc.lineIn(key, i)
			if line == 0 {
				line = sc.taskLine(i)
			}
			errs = append(errs, problem(name, line, fmt.Sprintf("第 %d 个任务", i+1), "%s", msg))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	errs = append(errs, unknownKeys(name, md, sc, &p)...)
	errs = append(errs, validate(name, sc, &p)...)
	errs = append(errs, checkDates(name, sc, &p, reportYear)...)
	if len(errs) > 0 {
		return nil, errs
	}
	return &p, nil
}

func unknownKeys(name string, md toml.MetaData, sc *scanned, p *Plan) []diag.Message {
	undecoded := md.Undecoded()
	isUndecoded := map[string]bool{}
	for _, k := range undecoded {
		isUndecoded[k.String()] = true
	}
	var errs []diag.Message
	seen := map[string]int{} // the nth report of a key is its nth occurrence
	for _, k := range undecoded {
		if len(k) > 1 && isUndecoded[k[:len(k)-1].String()] {
			continue // a misspelt table: reporting the table is enough
		}
		n := seen[k.String()]
		seen[k.String()]++
		line, task := 0, ""
		var hits []hit
		if len(errs) < diag.MaxPerFile { // only these are shown; each look-up reads every key
			hits = sc.find(k)
		}
		if n < len(hits) {
			h := hits[n]
			line = h.line
			if h.task >= 0 && h.task < len(p.Tasks) {
				task = taskID(p.Tasks[h.task].ID)
			}
		}
		msg := fmt.Sprintf("未知的键“%s”，请检查拼写", k[len(k)-1])
		switch strings.Join(k[:len(k)-1], ".") {
		case "":
			msg += "（可用的键：" + strings.Join(tomlKeys(reflect.TypeFor[Plan]()), "、") + "）"
		case "task":
			msg += "（可用的键：" + strings.Join(tomlKeys(reflect.TypeFor[Task]()), "、") + "）"
		}
		errs = append(errs, problem(name, line, task, "%s", msg))
	}
	return errs
}

// typeMismatch restates the library's "incompatible types" error in Chinese
// (tomlerr); callers fall back to the raw error.
func typeMismatch(err error) (key []string, msg string, ok bool) {
	key, _, msg, ok = tomlerr.TypeMismatch(err)
	return key, msg, ok
}

// tomlKeys lists the keys a struct accepts, so the hint in error messages
// cannot drift from the schema.
func tomlKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}

// oneLine reports a one-line field that holds a line break or another
// control character: such text would break the report's layout, and in the
// report's markup a line break could start a heading or a table.
func oneLine(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
	})
}

func checkDates(name string, sc *scanned, p *Plan, reportYear int) []diag.Message {
	var errs []diag.Message
	year := reportYear
	if year == 0 {
		year = p.Year
	} else if !inWindow(p.Year, year) {
		errs = append(errs, problem(name, sc.lineIn([]string{"year"}, -1), "", "计划的年度 year = %d 与报告年度 %d 年不相符（应在%s之内）。请换用 %d 年的工作要点计划，或核对 nianbao.toml 中的 year",
			p.Year, year, DateWindow, year))
	}
	if year < 1000 {
		return errs // no year to judge by; year itself is reported elsewhere
	}
	for i, t := range p.Tasks {
		if t.Due == nil || inWindow(t.Due.Year, year) {
			continue
		}
		line := sc.lineIn([]string{"task", "due"}, i)
		if line == 0 {
			line = sc.taskLine(i)
		}
		errs = append(errs, problem(name, line, taskID(t.ID), "完成时限 %s 不在%s（%d—%d 年）之内，请核对",
			t.Due, DateWindow, year-1, year+2))
	}
	return errs
}

func validate(name string, sc *scanned, p *Plan) []diag.Message {
	var errs []diag.Message
	for _, f := range []struct{ key, value string }{{"org", p.Org}, {"title", p.Title}, {"document", p.Document}} {
		if !oneLine(f.value) {
			errs = append(errs, problem(name, sc.lineIn([]string{f.key}, -1), "", "%s 只能写一行文字，不能有换行或控制字符", f.key))
		}
	}
	for _, d := range p.Departments {
		if !oneLine(d) || strings.TrimSpace(d) == "" {
			errs = append(errs, problem(name, sc.lineIn([]string{"departments"}, -1), "", "departments 中的科室名称“%s”不能为空，也不能有换行或控制字符", strings.Map(visible, d)))
		}
	}
	firstLine := map[int]int{} // id -> line of its first [[task]]
	// A set, not a list search: a hostile file of a few MB could otherwise
	// pair 100,000s of names with 100,000s of departments.
	known := map[string]bool{}
	for _, d := range p.Departments {
		known[d] = true
	}
	deptList := strings.Join(p.Departments, "、")
	if len(p.Departments) > 30 {
		deptList = fmt.Sprintf("%s 等 %d 个", strings.Join(p.Departments[:30], "、"), len(p.Departments))
	}
	for i, t := range p.Tasks {
		line := sc.taskLine(i)
		fail := func(format string, args ...any) {
			if len(errs) >= diag.MaxPerFile {
				// Only counted from here on (Capped): no text to build.
				errs = append(errs, diag.Message{Pos: diag.Pos{File: name}, Severity: diag.Error, Text: name})
				return
			}
			errs = append(errs, problem(name, line, taskID(t.ID), format, args...))
		}
		if t.ID <= 0 {
			errs = append(errs, problem(name, line, fmt.Sprintf("第 %d 个任务", i+1), "序号 id 必须是正整数，现在是 %d", t.ID))
		} else if prev, dup := firstLine[t.ID]; dup {
			fail("序号 %d 与第 %d 行的任务重复", t.ID, prev)
		} else {
			firstLine[t.ID] = line
		}
		switch {
		case t.Section == "" && t.LawSection == "":
			fail("没有填写年报栏目 section（只能是：%s）；只用于法治政府建设情况报告的任务，请填写 law_section", strings.Join(Sections, "、"))
		case t.Section != "" && !slices.Contains(Sections, t.Section):
			fail("年报栏目 section“%s”无效，只能是：%s", t.Section, strings.Join(Sections, "、"))
		}
		if t.LawSection != "" && !slices.Contains(LawSections, t.LawSection) {
			fail("法治政府建设情况报告栏目 law_section“%s”无效，只能是：%s", t.LawSection, strings.Join(LawSections, "、"))
		}
		if len(t.Lead) == 0 {
			fail("牵头科室 lead 不能为空")
		}
		for _, f := range []struct{ key, value string }{{"requirement", t.Requirement}, {"task", t.Task}} {
			if !oneLine(f.value) {
				fail("%s 只能写一行文字，不能有换行或控制字符", f.key)
			}
		}
		if strings.ContainsFunc(t.Detail, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }) {
			fail("detail 中有控制字符，请删除")
		}
		for _, field := range []struct {
			key   string
			names []string
		}{{"lead", t.Lead}, {"assist", t.Assist}} {
			for _, d := range field.names {
				if d != AllDepartments && !known[d] {
					fail("%s 中的科室“%s”不在 departments 名单（%s）中，也不是“%s”",
						field.key, d, deptList, AllDepartments)
				}
			}
		}
	}
	return errs
}

// visible shows control characters in a message as "␊" rather than
// letting them act.
func visible(r rune) rune {
	if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
		return '␊'
	}
	return r
}

// scanned is a line-level view of the TOML text. The decoder does not expose
// where keys are, so we find them ourselves; this only has to be good enough
// for hand-written files.
type scanned struct {
	taskLines []int // line of each [[task]] header, in order
	keys      []hit
}

type hit struct {
	path []string
	line int
	task int // index of the enclosing [[task]], -1 outside one
}

func scan(text string) *scanned {
	sc := &scanned{}
	var table []string
	task := -1
	inMultiline := ""
	for i, line := range strings.Split(text, "\n") {
		s := strings.TrimSpace(line)
		if inMultiline != "" {
			if strings.Count(s, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		if s == "" || s[0] == '#' {
			continue
		}
		if s[0] == '[' {
			array := strings.HasPrefix(s, "[[")
			h := strings.TrimLeft(s, "[")
			if end := strings.Index(h, "]"); end >= 0 {
				h = h[:end]
			}
			table = splitKey(h)
			task = -1
			if array && len(table) == 1 && table[0] == "task" {
				sc.taskLines = append(sc.taskLines, i+1)
				task = len(sc.taskLines) - 1
			}
			sc.keys = append(sc.keys, hit{table, i + 1, task})
			continue
		}
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		sc.keys = append(sc.keys, hit{append(slices.Clone(table), splitKey(k)...), i + 1, task})
		v = strings.TrimSpace(v)
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(v, q) && strings.Count(v, q) == 1 {
				inMultiline = q
			}
		}
	}
	return sc
}

func splitKey(s string) []string {
	var k []string
	for part := range strings.SplitSeq(s, ".") {
		part = strings.TrimSpace(part)
		if u, err := strconv.Unquote(part); err == nil {
			part = u
		} else {
			part = strings.Trim(part, "'")
		}
		k = append(k, part)
	}
	return k
}

func (sc *scanned) find(k toml.Key) []hit {
	var hits []hit
	for _, h := range sc.keys {
		if slices.Equal(h.path, k) {
			hits = append(hits, h)
		}
	}
	return hits
}

// lineIn is the line of key inside the i-th [[task]] block (-1: outside
// any), or 0 when it cannot be found.
func (sc *scanned) lineIn(key []string, task int) int {
	for _, h := range sc.keys {
		if h.task == task && slices.Equal(h.path, key) {
			return h.line
		}
	}
	return 0
}

func (sc *scanned) taskLine(i int) int {
	if i < len(sc.taskLines) {
		return sc.taskLines[i]
	}
	return 0
}
