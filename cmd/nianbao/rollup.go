package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/rollup"
)

// Outputs of rollup besides the aggregate (initunits.go).
const (
	rollupAggregateDraft = "汇总统计表（草稿）.xlsx"
	rollupOverview       = "汇总情况.html"
)

type rollupOptions struct {
	Config string
	JSON   bool
	Verify string // a hand-made aggregate to compare with the sum
	Draft  bool   // write the aggregate even when the formal gate fails
	Force  bool
}

func runRollup(e *env, args []string) error {
	o := rollupOptions{}
	fs := newFlags(e, "rollup", "rollup [--config nianbao.toml] [--json] [--verify 手工汇总表.xlsx] [--draft] [--force]")
	fs.StringVar(&o.Config, "config", "", "汇总文件夹的配置文件（默认为当前文件夹的 nianbao.toml，其中须有 [rollup] 一节）")
	fs.BoolVar(&o.JSON, "json", false, "以 JSON 输出，供其他程序读取")
	fs.StringVar(&o.Verify, "verify", "", "手工汇总的统计表：逐格与各单位之和比对，列出不一致的单元格")
	fs.BoolVar(&o.Draft, "draft", false, "有单位未报送或有错误时，仍生成汇总统计表（草稿）")
	fs.BoolVar(&o.Force, "force", false, "覆盖输出文件夹中被修改过的文件")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("多余的参数：%s", strings.Join(fs.Args(), " "))}
	}
	err := doRollup(e, o)
	if err != nil && o.JSON {
		var fe *findingsError
		if !errors.As(err, &fe) {
			writeJSONError(e.stdout, "rollup", e.relativeErr(err))
		}
	}
	return err
}

// rollupReport is what rollup found, for --json.
type rollupReport struct {
	jsonEnvelope
	Org      string          `json:"org"`
	Year     int             `json:"year"`
	Scope    string          `json:"scope"` // [rollup] scope; "" until set
	Returns  string          `json:"returns"`
	Formal   bool            `json:"formal"` // every unit present and error-free, or excluded
	Blockers []string        `json:"blockers"`
	Counts   map[string]int  `json:"counts"`
	Included int             `json:"included"`
	Units    []rollup.Unit   `json:"units"`
	Others   []rollup.File   `json:"other_files"`
	Written  []string        `json:"written"`
	Verify   *rollupVerified `json:"verify,omitempty"`
	Summary  string          `json:"summary"`
}

type rollupVerified struct {
	File  string        `json:"file"`
	Diffs []rollup.Diff `json:"diffs"`
}

func doRollup(e *env, o rollupOptions) error {
	cfg, err := loadConfig(e, o.Config, false)
	if err != nil {
		return err
	}
	if cfg.Rollup == nil {
		return diag.Errorf(diag.Pos{File: filepath.Join(cfg.Dir, cfg.File)}, "没有 [rollup] 一节，不是汇总文件夹。请用 nianbao init --units 单位名单.xlsx 建立汇总文件夹，或在 %s 中加入 [rollup] 一节列出各单位", config.FileName)
	}
	rc := cfg.Rollup
	progress := progressLine(e)
	dir, skip := rollup.Folders(cfg)
	ro := rollup.Options{
		Units: rc.Units, Excluded: rc.ExcludedReasons(), Dir: dir, Year: cfg.Year,
		BlankAsZero: cfg.BlankAsZero, Display: e.displayPath, Progress: progress.update, Skip: skip,
	}
	// Fingerprinted before reading: a return saved while rollup reads
	// then makes the record stale, never a stale record look current.
	returns, err := rollup.Fingerprint(ro.Dir, ro.Skip)
	if err != nil {
		return err
	}
	res, err := rollup.Run(ro)
	progress.done()
	if err != nil {
		return err
	}
	res.CheckSubAggregates(func(name string) string {
		if filepath.IsAbs(name) {
			return name
		}
		return filepath.Join(e.dir, name)
	})
	blockers := res.Blockers()
	rep := &rollupReport{
		jsonEnvelope: jsonEnvelope{Schema: jsonSchema, Command: "rollup", Messages: rollupMessages(res)},
		Org:          cfg.Org, Year: cfg.Year, Scope: rc.Scope, Returns: e.displayPath(cfg.Path(rc.Returns)),
		Formal: len(blockers) == 0, Blockers: blockers, Counts: map[string]int{},
		Included: res.Included, Units: res.Units, Others: res.Others, Written: []string{},
	}
	if rep.Blockers == nil {
		rep.Blockers = []string{}
	}
	if rep.Others == nil {
		rep.Others = []rollup.File{}
	}
	if rc.Scope == "" {
		rep.Messages = append(rep.Messages, jsonMessage{Severity: severity(diag.Warning),
			jsonPlace: jsonPlace{File: e.displayPath(filepath.Join(cfg.Dir, cfg.File))}, Message: rollup.NoScope})
	}
	for s, n := range res.Count() {
		rep.Counts[string(s)] = n
	}
	rep.Summary = rollupSummary(res)

	var verr error
	if o.Verify != "" {
		p := o.Verify
		if !filepath.IsAbs(p) {
			p = filepath.Join(e.dir, p)
		}
		hand, err := workbook.ReadFile(p)
		if err != nil {
			return err
		}
		hand.Rename(e.displayPath(p))
		rep.Verify = &rollupVerified{File: e.displayPath(p), Diffs: rollup.Verify(&res.Sum, hand)}
		if rep.Verify.Diffs == nil {
			rep.Verify.Diffs = []rollup.Diff{}
		}
		if n := len(rep.Verify.Diffs); n > 0 {
			verr = &findingsError{n}
		}
	}

	var files []outfile.File
	whats := []string{}
	if rep.Formal || o.Draft {
		name := rollupAggregate
		if !rep.Formal {
			name = rollupAggregateDraft
		}
		data, err := rollup.WorkbookWith(res, cfg.Org, rollup.NewRecord(res, ro, returns))
		if err != nil {
			return err
		}
		files = append(files, outfile.File{Name: name, Data: data})
		whats = append(whats, fmt.Sprintf("汇总统计表，%d 个单位之和", res.Included))
		files = append(files, outfile.File{Name: rollupOverview, Data: rollup.Page(cfg.Org, rc.Scope, res)})
		whats = append(whats, "汇总情况网页，可发送各单位")
	}
	var written []string
	if len(files) > 0 {
		written, err = writeOutputs(e, cfg.Path(cfg.Output), files, o.Force)
		if err != nil {
			return err
		}
	}
	for _, p := range written {
		rep.Written = append(rep.Written, e.displayPath(p))
	}
	rep.OK = rep.Formal && verr == nil
	if o.JSON {
		if err := writeJSON(e.stdout, rep); err != nil {
			return err
		}
	} else {
		printRollup(e, rep, res)
		for i, p := range written {
			fmt.Fprintf(e.stdout, "写入  %s（%s）\n", e.displayPath(p), whats[i])
		}
		if rc.Scope == "" {
			fmt.Fprintln(e.stdout, "提醒："+rollup.NoScope)
		}
		if !rep.Formal && !o.Draft {
			fmt.Fprintln(e.stdout, "未生成汇总统计表：正式汇总须每个单位都已报送且没有错误（或在 nianbao.toml 的 [rollup] excluded 中写明不纳入的原因）。如需先看汇总数，请加 --draft 生成草稿。")
		}
	}
	if verr != nil {
		return verr
	}
	if !rep.Formal {
		return &findingsError{len(blockers)}
	}
	return nil
}

// rollupMessages lists every unit's errors and warnings, each with its
// place and the unit in What, for the shared envelope.
func rollupMessages(res *rollup.Result) []jsonMessage {
	out := []jsonMessage{}
	for _, u := range res.Units {
		for _, f := range u.Findings {
			m := findingMessage(f)
			m.What = u.Name
			out = append(out, m)
		}
		for _, d := range u.Messages {
			m := messageOf(d)
			m.What = u.Name
			out = append(out, m)
		}
		if u.State == rollup.Missing || u.State == rollup.Excluded {
			sev := diag.Error
			if u.State == rollup.Excluded {
				sev = diag.Warning
			}
			out = append(out, jsonMessage{Severity: severity(sev), jsonPlace: jsonPlace{What: u.Name}, Message: u.Label + "：" + u.Reason})
		}
	}
	for _, f := range res.Others {
		for _, d := range f.Messages {
			out = append(out, messageOf(d))
		}
	}
	return out
}

func rollupSummary(res *rollup.Result) string {
	c := res.Count()
	var parts []string
	for _, s := range []rollup.State{rollup.OK, rollup.Errors, rollup.Missing, rollup.Duplicate, rollup.WrongYear, rollup.Unreadable, rollup.Excluded} {
		if c[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s.Label(), c[s]))
		}
	}
	s := fmt.Sprintf("汇总：%d 个单位，%d 个纳入汇总（%s）", len(res.Units), res.Included, strings.Join(parts, "，"))
	if len(res.Others) > 0 {
		s += fmt.Sprintf("；另有 %d 个文件未采用", len(res.Others))
	}
	return s
}

func printRollup(e *env, rep *rollupReport, res *rollup.Result) {
	w := e.stdout
	scope := rep.Scope
	if scope == "" {
		scope = "尚未写明"
	}
	fmt.Fprintf(w, "%s %d 年度汇总（汇总范围：%s），回收文件夹：%s\n\n", rep.Org, rep.Year, scope, rep.Returns)
	nameW, fileW := 4, 4
	for _, u := range res.Units {
		nameW = max(nameW, width(u.Name))
		if len(u.Files) > 0 {
			fileW = max(fileW, width(u.Files[0]))
		}
	}
	nameW, fileW = min(nameW, 40), min(fileW, 40)
	fmt.Fprintf(w, "%s  %s  %s  %s  %s\n", pad("单位", nameW), pad("状态", 10), pad("文件", fileW), pad("错误", 4), "提醒")
	for _, u := range res.Units {
		file := "—"
		if len(u.Files) > 0 {
			file = u.Files[0]
			if len(u.Files) > 1 {
				file += fmt.Sprintf(" 等 %d 个", len(u.Files))
			}
		}
		fmt.Fprintf(w, "%s  %s  %s  %s  %d\n", pad(u.Name, nameW), pad(u.Label, 10), pad(file, fileW), pad(fmt.Sprint(u.Errors), 4), u.Warnings)
	}
	// Each problem under its unit: unit › file › sheet!cell.
	var lines []string
	for _, u := range res.Units {
		if u.State == rollup.OK && u.Warnings == 0 {
			continue
		}
		var ls []string
		if u.Reason != "" && u.State != rollup.Errors {
			ls = append(ls, fmt.Sprintf("  %s：%s", u.Label, u.Reason))
		}
		for i, f := range u.Findings {
			if i == maxListed {
				ls = append(ls, fmt.Sprintf("  另有 %d 项，全部列在 %s 和 --json 中", len(u.Findings)-maxListed, rollupOverview))
				break
			}
			where := ""
			if len(f.Cells) > 0 {
				where = f.Cells[0].String() + "："
			}
			ls = append(ls, fmt.Sprintf("  %s %-4s %s%s", f.Severity, f.Rule, where, f.Message))
		}
		for _, m := range u.Messages {
			if u.State == rollup.Duplicate || u.State == rollup.WrongYear {
				if m.Severity == diag.Error {
					continue // said in the reason
				}
			}
			ls = append(ls, "  "+m.Severity.String()+"       "+m.String())
		}
		if len(ls) > 0 {
			lines = append(lines, u.Name+" ›")
			lines = append(lines, ls...)
		}
	}
	if len(res.Others) > 0 {
		lines = append(lines, "名单之外的文件 ›")
		for _, f := range res.Others {
			for _, m := range f.Messages {
				lines = append(lines, "  "+m.Severity.String()+"       "+m.String())
			}
		}
	}
	if len(lines) > 0 {
		fmt.Fprintln(w)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
	if rep.Verify != nil {
		fmt.Fprintf(w, "\n核对手工汇总表 %s（与各单位之和逐格比对）：\n", rep.Verify.File)
		for _, d := range rep.Verify.Diffs {
			fmt.Fprintf(w, "  错误 R14  %s：%s 手工汇总为 %s，各单位之和为 %s\n", d.Pos, d.Label, d.Found, d.Sum)
		}
		if len(rep.Verify.Diffs) == 0 {
			fmt.Fprintln(w, "  每个单元格都等于各单位之和")
		} else {
			fmt.Fprintf(w, "  %d 个单元格不一致\n", len(rep.Verify.Diffs))
		}
		if !rep.Formal {
			fmt.Fprintln(w, "  注意：还有单位未纳入汇总，各单位之和不完整")
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, rep.Summary)
	if rep.Formal {
		fmt.Fprintln(w, "可以作为正式汇总：每个单位都已报送且没有错误，或已写明不纳入汇总的原因")
	} else {
		shown, more := rep.Blockers, ""
		if len(shown) > maxListed {
			shown, more = shown[:maxListed], fmt.Sprintf(" 等（共 %d 项，见上表）", len(rep.Blockers))
		}
		fmt.Fprintf(w, "不能作为正式汇总（%d 项）：%s%s\n", len(rep.Blockers), strings.Join(shown, "；"), more)
	}
}

// maxListed bounds what the terminal lists of one unit, and the units of
// the summary line: a province's thousand units stay readable; the page
// and --json list everything.
const maxListed = 10

// width is the columns s takes on a terminal: two for CJK characters.
func width(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func pad(s string, w int) string {
	if n := width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// progress is a line on stderr that counts the files read, only when
// stderr is a terminal: logs and pipes get the summary alone.
type progress struct {
	f    *os.File
	last int
}

func progressLine(e *env) *progress {
	f, ok := e.stderr.(*os.File)
	if !ok {
		return &progress{}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{f: f}
}

func (p *progress) update(done, total int) {
	if p.f == nil {
		return
	}
	// A redraw per percent: a thousand writes would cost more than the reading.
	if pct := done * 100 / max(total, 1); pct != p.last || done == total {
		p.last = pct
		fmt.Fprintf(p.f, "\r读取统计表 %d/%d（%d%%）", done, total, pct)
	}
}

func (p *progress) done() {
	if p.f != nil && p.last > 0 {
		fmt.Fprint(p.f, "\r\033[K")
	}
}
