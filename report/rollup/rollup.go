// Package rollup sums the statistics workbooks of many units into one
// (本系统/本级汇总, rule R14): each unit's returned workbook is found by
// its stamp (or, unstamped, by its file name), read and checked on its
// own, and every cell of the aggregate is the sum over the units included.
// A unit's problem is reported at its place and never stops the others.
package rollup

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

// MaxFiles bounds the files of a returns folder: a county collects tens,
// a province thousands; more is a wrong folder (a whole disk).
const MaxFiles = 100_000

// State is what became of a unit or a file.
type State string

// States; the JSON carries the key, the terminal and the pages the label.
const (
	OK         State = "ok"          // read, no error (warnings allowed)
	Errors     State = "errors"      // read, with rule errors: summed, blocks a formal aggregate
	Missing    State = "missing"     // no file claims the unit
	Duplicate  State = "duplicate"   // two files with different figures claim the unit
	WrongYear  State = "wrong_year"  // the file is stamped with another year
	Unreadable State = "unreadable"  // damaged, not a workbook, too large
	Excluded   State = "excluded"    // left out in nianbao.toml, with a reason
	Unknown    State = "unknown"     // a file of no listed unit
	Ignored    State = "not_a_table" // a file that is no spreadsheet at all
)

// Label is the state in words.
func (s State) Label() string {
	switch s {
	case OK:
		return "正常"
	case Errors:
		return "有错误"
	case Missing:
		return "未报送"
	case Duplicate:
		return "重复报送"
	case WrongYear:
		return "年度不符"
	case Unreadable:
		return "无法读取"
	case Excluded:
		return "不纳入汇总"
	case Unknown:
		return "名单外单位"
	case Ignored:
		return "不是统计表"
	}
	return string(s)
}

// Options say what to roll up.
type Options struct {
	Units []string // the units, in the order the office lists them
	// Excluded are units left out of the aggregate, with the reason.
	Excluded map[string]string
	Dir      string // the returns folder
	Year     int    // the year every workbook must be of; 0 accepts any
	// BlankAsZero: the office confirmed blank cells mean 0 (as in check).
	BlankAsZero bool
	// Display names a file in messages (relative to the working folder);
	// nil names it relative to Dir.
	Display func(path string) string
	// Workers reading at once; 0 means runtime.NumCPU().
	Workers int
	// Progress, when set, is told after every file read.
	Progress func(done, total int)
	// Skip are folders never read even inside Dir: the output folder
	// with its aggregate, the blank workbooks handed out.
	Skip []string
}

// Unit is one listed unit's outcome.
type Unit struct {
	Name   string   `json:"unit"`
	State  State    `json:"state"`
	Label  string   `json:"state_label"`
	Files  []string `json:"files"`  // the file used first, then any others that claim the unit
	Reason string   `json:"reason"` // why excluded, missing or not summed, in words
	// Included tells whether its figures are in the sum.
	Included bool `json:"included"`
	// SubUnits is the units a returned aggregate sums (a county's roll-up
	// in a city's); 0 for a body's own workbook.
	SubUnits int             `json:"sub_units,omitempty"`
	Findings []check.Finding `json:"findings"`
	// Messages are what the reader said: errors of an unreadable file,
	// warnings of a read one, and notes on how the file was identified.
	Messages []diag.Message `json:"messages"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`

	// Stats are its figures when read; a copy, so that a thousand
	// readers' results are not kept alive by their figures.
	Stats *stats.Stats `json:"-"`
}

// File is a file of the returns folder that belongs to no listed unit.
type File struct {
	Path     string         `json:"file"`
	State    State          `json:"state"`
	Label    string         `json:"state_label"`
	Org      string         `json:"org,omitempty"` // the unit it is stamped with
	Messages []diag.Message `json:"messages"`
	// Suggest is the listed unit whose name is close to Org (a misspelt
	// stamp, or a misspelt list): a hint only; the file stays unknown
	// until a person corrects the stamp or the list.
	Suggest string `json:"suggestion,omitempty"`
}

// Result is a roll-up.
type Result struct {
	Year   int    `json:"year"`
	Units  []Unit `json:"units"`
	Others []File `json:"other_files"`
	// Included is the number of units summed.
	Included int `json:"included"`
	// Sum is every cell summed over the included units.
	Sum stats.Stats `json:"-"`
}

// Blockers are what keeps the aggregate from being formal: every listed
// unit present and free of errors, or excluded with a reason.
func (r *Result) Blockers() []string {
	var out []string
	for _, u := range r.Units {
		switch u.State {
		case OK, Excluded:
		case Errors:
			out = append(out, fmt.Sprintf("%s：统计表有 %d 个错误", u.Name, u.Errors))
		default:
			out = append(out, fmt.Sprintf("%s：%s", u.Name, u.Label))
		}
	}
	return out
}

// Count is the number of units in each state.
func (r *Result) Count() map[State]int {
	m := map[State]int{}
	for _, u := range r.Units {
		m[u.State]++
	}
	return m
}

// read is one file read.
type read struct {
	path, name string
	res        *workbook.Result
	err        error
	ignored    bool
}

// Run reads the returns folder and sums the units. Only a folder that
// cannot be listed, or a wrong unit list, is an error; every problem of a
// file is reported with its unit.
func Run(o Options) (*Result, error) {
	if o.Display == nil {
		o.Display = func(p string) string {
			if r, err := filepath.Rel(o.Dir, p); err == nil {
				return r
			}
			return p
		}
	}
	names, err := listUnits(o.Units)
	if err != nil {
		return nil, err
	}
	paths, err := files(o.Dir, o.Skip)
	if err != nil {
		return nil, err
	}
	reads := readAll(paths, o)

	res := &Result{Year: o.Year}
	claims := make([][]*read, len(names))
	notes := map[*read]string{}
	// likely are the files of no listed unit whose stamp is close to a
	// unit's name (suggest), by unit: a unit missing then says where its
	// return may be.
	likely := map[int][]string{}
	suggested := 0
	for i := range reads {
		rd := &reads[i]
		if rd.ignored {
			res.Others = append(res.Others, File{Path: rd.name, State: Ignored, Label: Ignored.Label(),
				Messages: []diag.Message{{Pos: diag.Pos{File: rd.name}, Severity: diag.Warning,
					Text: fmt.Sprintf("不是统计表（%s 文件），未读取", strings.ToLower(filepath.Ext(rd.name)))}}})
			continue
		}
		org := ""
		if rd.err == nil {
			org = strings.TrimSpace(rd.res.Stamp.Org)
		}
		if org != "" {
			u := names.find(org)
			if u < 0 {
				f := File{Path: rd.name, State: Unknown, Label: Unknown.Label(), Org: org,
					Messages: []diag.Message{{Pos: rd.res.Stamp.Where, Severity: diag.Error,
						Text: fmt.Sprintf("填报单位是“%s”，不在汇总单位名单中。如是名单中的单位，请核对单位名称（nianbao.toml 的 [rollup] units），或请该单位用下发的统计表重新填报", org)}}}
				if suggested < maxSuggested {
					suggested++
					if s := names.suggest(org); s >= 0 {
						f.Suggest = names[s].name
						f.Messages[0].Text = fmt.Sprintf("填报单位是“%s”，不在汇总单位名单中，是否为名单中的“%s”？如是，请该单位改正统计表上的填报单位（或用下发的统计表重新填报），或改正 nianbao.toml 的 [rollup] units 中的单位名称；改正之前，这份统计表不计入“%s”",
							org, f.Suggest, f.Suggest)
						likely[s] = append(likely[s], fmt.Sprintf("%s 的填报单位“%s”与该单位名称相近，请核对", rd.name, org))
					}
				}
				res.Others = append(res.Others, f)
				continue
			}
			claims[u] = append(claims[u], rd)
			continue
		}
		u := names.byFileName(rd.path)
		if u < 0 {
			why := "没有标明填报单位，文件名中也没有名单中的单位名称"
			if rd.err != nil {
				why = "无法读取，文件名中也没有名单中的单位名称"
			}
			f := File{Path: rd.name, State: Unknown, Label: Unknown.Label(),
				Messages: []diag.Message{{Pos: diag.Pos{File: rd.name}, Severity: diag.Error,
					Text: why + "，无法确定是哪个单位的。请把文件名改为单位名称，或请该单位用下发的统计表重新填报"}}}
			if rd.err != nil {
				f.State, f.Label = Unreadable, Unreadable.Label()
				f.Messages = append(f.Messages, errMessages(rd.err, rd.name)...)
			}
			res.Others = append(res.Others, f)
			continue
		}
		if rd.err == nil {
			notes[rd] = fmt.Sprintf("统计表没有标明填报单位，按文件名认定为“%s”的统计表，请核对", names[u].name)
		}
		claims[u] = append(claims[u], rd)
	}
	sort.SliceStable(res.Others, func(i, j int) bool { return res.Others[i].Path < res.Others[j].Path })

	excluded := map[string]string{}
	for name, reason := range o.Excluded {
		excluded[NormName(name)] = reason
	}
	for i, n := range names {
		u := Unit{Name: n.name, Files: []string{}, Findings: []check.Finding{}, Messages: []diag.Message{}}
		settle(&u, claims[i], notes, o)
		if u.State == Missing && len(likely[i]) > 0 {
			u.Reason += "；" + strings.Join(likely[i], "；")
		}
		if reason, ok := excluded[n.norm]; ok {
			u.State, u.Reason, u.Included = Excluded, reason, false
		}
		u.Label = u.State.Label()
		if u.Included {
			add(&res.Sum, u.Stats)
			res.Included++
		}
		res.Units = append(res.Units, u)
	}
	return res, nil
}

// settle decides a unit's state from the files that claim it.
func settle(u *Unit, claims []*read, notes map[*read]string, o Options) {
	var good, bad, wrongYear []*read
	for _, rd := range claims {
		switch {
		case rd.err != nil:
			bad = append(bad, rd)
		case o.Year != 0 && rd.res.Stamp.Year != 0 && rd.res.Stamp.Year != o.Year:
			wrongYear = append(wrongYear, rd)
		default:
			good = append(good, rd)
		}
	}
	warn := func(p diag.Pos, format string, args ...any) {
		u.Messages = append(u.Messages, diag.Message{Pos: p, Severity: diag.Warning, Text: fmt.Sprintf(format, args...)})
	}
	switch {
	case len(claims) == 0:
		u.State, u.Reason = Missing, "回收文件夹中没有该单位的统计表"
		return
	case len(good) == 0 && len(wrongYear) > 0:
		rd := wrongYear[0]
		u.State = WrongYear
		u.Reason = fmt.Sprintf("统计表的报告年度是 %d 年，汇总的是 %d 年", rd.res.Stamp.Year, o.Year)
		u.Files = names(wrongYear, bad)
		u.Messages = append(u.Messages, diag.Message{Pos: rd.res.Stamp.Where, Severity: diag.Error,
			Text: u.Reason + "。请该单位用本年度下发的统计表重新填报"})
		return
	case len(good) == 0:
		u.State, u.Reason = Unreadable, "统计表无法读取"
		u.Files = names(bad)
		for _, rd := range bad {
			u.Messages = append(u.Messages, errMessages(rd.err, rd.name)...)
		}
		return
	}
	// Two copies of the same figures (a file e-mailed twice) are one return.
	distinct := []*read{good[0]}
	for _, rd := range good[1:] {
		if rd.res.Stats != good[0].res.Stats {
			distinct = append(distinct, rd)
		}
	}
	if len(distinct) > 1 {
		u.State, u.Files = Duplicate, names(good, wrongYear, bad)
		u.Reason = fmt.Sprintf("%d 个文件的数字不同：%s。请确认哪一个是最终版本，把其余的移出回收文件夹", len(distinct), strings.Join(names(distinct), "、"))
		u.Messages = append(u.Messages, diag.Message{Pos: diag.Pos{File: distinct[0].name}, Severity: diag.Error, Text: u.Reason})
		return
	}
	rd := good[0]
	u.Files = names(good, wrongYear, bad)
	for _, other := range good[1:] {
		warn(diag.Pos{File: other.name}, "与 %s 数字相同，按一份统计", rd.name)
	}
	for _, other := range wrongYear {
		warn(other.res.Stamp.Where, "报告年度是 %d 年，未采用", other.res.Stamp.Year)
	}
	for _, other := range bad {
		warn(diag.Pos{File: other.name}, "无法读取，未采用（采用 %s）：%s", rd.name, firstLine(other.err))
	}
	if n := notes[rd]; n != "" {
		warn(diag.Pos{File: rd.name}, "%s", n)
	}
	u.Messages = append(u.Messages, rd.res.Warnings...)
	figs := rd.res.Stats
	u.Stats, u.SubUnits = &figs, rd.res.Units
	in := check.Input{
		Stats: &rd.res.Stats, Locate: rd.res.Locate,
		Org: u.Name, Year: o.Year, File: rd.name, Stamp: rd.res.Stamp,
		BlankNotes: rd.res.BlankNotes, BlankTables: rd.res.BlankTables, TextNumbers: rd.res.TextNumbers,
		BlankAsZero: o.BlankAsZero,
	}
	if notes[rd] != "" {
		in.Stamp = stats.Stamp{} // already said, once
		in.File = ""
	} else if rd.res.Stamp.Org != "" {
		in.Org = rd.res.Stamp.Org // matched to the unit as NormName compares, which check's own comparison need not repeat
	}
	cr := check.Run(in)
	u.Findings = cr.Findings
	u.Errors = cr.Errors
	u.Warnings = cr.Warnings
	for _, m := range u.Messages {
		if m.Severity == diag.Warning {
			u.Warnings++
		}
	}
	u.State, u.Included = OK, true
	if u.Errors > 0 {
		u.State = Errors
		u.Reason = fmt.Sprintf("统计表有 %d 个错误（已计入汇总，正式汇总前须改正）", u.Errors)
	}
}

func names(groups ...[]*read) []string {
	out := []string{}
	for _, g := range groups {
		for _, rd := range g {
			out = append(out, rd.name)
		}
	}
	return out
}

func errMessages(err error, name string) []diag.Message {
	var de diag.Errors
	if errors.As(err, &de) {
		out := make([]diag.Message, len(de))
		for i, m := range de {
			if m.Pos.File == "" || filepath.IsAbs(m.Pos.File) || filepath.Base(m.Pos.File) == filepath.Base(name) {
				m.Pos.File = name
			}
			out[i] = m
		}
		return out
	}
	return []diag.Message{{Pos: diag.Pos{File: name}, Severity: diag.Error, Text: err.Error()}}
}

func firstLine(err error) string {
	var de diag.Errors
	if errors.As(err, &de) && len(de) > 0 {
		return de[0].Text
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// add sums b into a, cell by cell.
func add(a, b *stats.Stats) {
	fa, fb := a.Fields(), b.Fields()
	for i := range fa {
		if fa[i].Int != nil {
			*fa[i].Int += *fb[i].Int
		} else {
			*fa[i].Dec += *fb[i].Dec
		}
	}
}

// Sum is the cell-by-cell sum of ss.
func Sum(ss ...*stats.Stats) stats.Stats {
	var out stats.Stats
	for _, s := range ss {
		add(&out, s)
	}
	return out
}

// spreadsheet are the extensions the reader is asked about: it reads
// .xlsx and names the fix for the others.
var spreadsheet = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true, ".et": true, ".ett": true, ".xlt": true, ".ods": true, ".csv": true}

// files lists the returns folder and its subfolders (units' e-mails saved
// in folders), skipping hidden files and the lock files Excel and WPS
// leave beside an open workbook.
func files(dir string, skip []string) ([]string, error) {
	var out []string
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[filepath.Clean(s)] = true
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable subfolder: its files are then missing, and said so
		}
		name := d.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || d.IsDir() && skipped[filepath.Clean(p)]) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			if len(out) == MaxFiles {
				return fmt.Errorf("超过 %d 个文件", MaxFiles)
			}
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: dir}, "找不到回收文件夹。请创建它并把各单位报回的统计表放进去，或在 nianbao.toml 的 [rollup] 中用 returns 指定")
		}
		return nil, diag.Errorf(diag.Pos{File: dir}, "无法读取回收文件夹：%v", err)
	}
	sort.Strings(out)
	return out, nil
}

// readAll reads the files with bounded workers; the result is in the
// order of paths, whatever order the workers finish in.
func readAll(paths []string, o Options) []read {
	out := make([]read, len(paths))
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan int)
	done := make(chan struct{}, len(paths))
	var wg sync.WaitGroup
	for range min(workers, max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				p := paths[i]
				rd := read{path: p, name: o.Display(p)}
				if !spreadsheet[strings.ToLower(filepath.Ext(p))] {
					rd.ignored = true
				} else {
					rd.res, rd.err = workbook.ReadFile(p)
					if rd.err == nil {
						rd.res.Rename(rd.name)
					}
				}
				out[i] = rd
				done <- struct{}{}
			}
		}()
	}
	go func() {
		for i := range paths {
			jobs <- i
		}
		close(jobs)
	}()
	for n := range len(paths) {
		<-done
		if o.Progress != nil {
			o.Progress(n+1, len(paths))
		}
	}
	wg.Wait()
	return out
}

type unitName struct {
	name, norm string
}

type unitNames []unitName

// NormName folds the ways a unit's name gets retyped: spaces, bracket
// widths.
func NormName(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case ' ', '\t', '\u00a0', '\u3000':
			continue
		case '(':
			c = '（'
		case ')':
			c = '）'
		}
		b.WriteRune(c)
	}
	return b.String()
}

func listUnits(units []string) (unitNames, error) {
	if len(units) == 0 {
		return nil, diag.Errorf(diag.Pos{}, "汇总单位名单是空的。请在 nianbao.toml 的 [rollup] 中用 units 列出各单位")
	}
	seen := map[string]string{}
	out := make(unitNames, 0, len(units))
	for _, u := range units {
		n := NormName(u)
		if n == "" {
			return nil, diag.Errorf(diag.Pos{}, "汇总单位名单中有空的单位名称")
		}
		if prev, ok := seen[n]; ok {
			return nil, diag.Errorf(diag.Pos{}, "汇总单位名单中“%s”出现了两次（另一处写作“%s”）", u, prev)
		}
		seen[n] = u
		out = append(out, unitName{name: strings.TrimSpace(u), norm: n})
	}
	return out, nil
}

func (ns unitNames) find(org string) int {
	n := NormName(org)
	for i, u := range ns {
		if u.norm == n {
			return i
		}
	}
	return -1
}

// byFileName finds the unit whose name the file name holds: the longest
// such name, so that 财政局 never takes the file of 县财政局; -1 when
// none, or when two names of that length fit.
func (ns unitNames) byFileName(path string) int {
	base := NormName(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	best, bestLen, tie := -1, 0, false
	for i, u := range ns {
		if !strings.Contains(base, u.norm) {
			continue
		}
		switch l := len(u.norm); {
		case l > bestLen:
			best, bestLen, tie = i, l, false
		case l == bestLen:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}

// Diff is a cell of a hand-made aggregate that differs from the sum.
type Diff struct {
	Key   string   `json:"key"`
	Label string   `json:"label"`
	Pos   diag.Pos `json:"pos"`
	Sum   string   `json:"sum"`   // the sum over the units
	Found string   `json:"found"` // what the hand-made workbook says
}

// Verify compares a hand-made aggregate with the sum, cell by cell (R14).
func Verify(sum *stats.Stats, hand *workbook.Result) []Diff {
	var out []Diff
	fs, fh := sum.Fields(), hand.Stats.Fields()
	for i := range fs {
		var want, got string
		if fs[i].Int != nil {
			if *fs[i].Int == *fh[i].Int {
				continue
			}
			want, got = fmt.Sprint(*fs[i].Int), fmt.Sprint(*fh[i].Int)
		} else {
			if *fs[i].Dec == *fh[i].Dec {
				continue
			}
			want, got = fs[i].Dec.String(), fh[i].Dec.String()
		}
		out = append(out, Diff{Key: fs[i].Key, Label: fs[i].Table + " " + fs[i].Label, Pos: hand.Locate(fs[i].Key), Sum: want, Found: got})
	}
	return out
}

// Listed reports whether name is one of units, as NormName compares.
func Listed(units []string, name string) bool {
	return slices.ContainsFunc(units, func(u string) bool { return NormName(u) == NormName(name) })
}
