package rollup

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
	"github.com/nianbao/nianbao/report/stats"
)

// HandOutFolder is the folder of a roll-up folder where init --units
// writes the blank workbooks for the units.
const HandOutFolder = "下发"

// Folders are the returns folder of cfg's roll-up folder and the folders
// rollup never reads as returns: the output folder with the aggregate,
// the blank workbooks handed out.
func Folders(cfg *config.Config) (returns string, skip []string) {
	return cfg.Path(cfg.Rollup.Returns), []string{cfg.Path(cfg.Output), cfg.Path(HandOutFolder)}
}

// PropRecord is the custom document property of an aggregate workbook
// that holds its Record, as JSON.
const PropRecord = "nianbao-汇总记录"

// Record is what a rollup run knew when it wrote the aggregate: whether
// its formal gate passed, the units summed, and fingerprints of its inputs
// (the returns folder) and of its output (the sums). build compares it
// with the folder as it is now, so that a formal report is made only from
// an aggregate that a passed gate made from the same units and files, and
// that nobody changed since. Kept in the workbook itself, it travels with
// the file and cannot be separated from the figures it describes.
type Record struct {
	Formal      bool              `json:"formal"`
	Year        int               `json:"year"`
	BlankAsZero bool              `json:"blank_as_zero"`
	Units       []string          `json:"units"`    // the units summed, in list order
	Excluded    map[string]string `json:"excluded"` // unit → reason
	Returns     string            `json:"returns"`  // Fingerprint of the returns folder
	Figures     string            `json:"figures"`  // FiguresDigest of the sums
}

// NewRecord is the record of res, made from the returns folder whose
// Fingerprint is returns.
func NewRecord(res *Result, o Options, returns string) *Record {
	rec := &Record{Formal: len(res.Blockers()) == 0, Year: o.Year, BlankAsZero: o.BlankAsZero,
		Units: []string{}, Excluded: map[string]string{}, Returns: returns, Figures: FiguresDigest(&res.Sum)}
	for _, u := range res.Units {
		switch {
		case u.Included:
			rec.Units = append(rec.Units, u.Name)
		case u.State == Excluded:
			rec.Excluded[u.Name] = u.Reason
		}
	}
	return rec
}

func (rec *Record) prop() (workbook.Prop, error) {
	b, err := json.Marshal(rec)
	return workbook.Prop{Name: PropRecord, Value: string(b)}, err
}

// FiguresDigest fingerprints every figure of s.
func FiguresDigest(s *stats.Stats) string {
	h := sha256.New()
	for _, f := range s.Fields() {
		if f.Int != nil {
			fmt.Fprintf(h, "%s=%d\n", f.Key, *f.Int)
		} else {
			fmt.Fprintf(h, "%s=%s\n", f.Key, f.Dec.String())
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Fingerprint is a digest of the returns folder as rollup reads it (the
// same files, the same folders skipped): each file's path and, for the
// spreadsheets rollup reads, its contents. Any file added, removed,
// renamed or changed gives another fingerprint.
func Fingerprint(dir string, skip []string) (string, error) {
	paths, err := files(dir, skip)
	if err != nil {
		return "", err
	}
	h, fh := sha256.New(), sha256.New()
	buf := make([]byte, 64<<10)
	for _, p := range paths {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			rel = p
		}
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		if !spreadsheet[strings.ToLower(filepath.Ext(p))] {
			continue
		}
		fh.Reset()
		f, err := os.Open(p)
		if err == nil {
			_, err = io.CopyBuffer(fh, struct{ io.Reader }{f}, buf) // not f: its WriteTo would take a buffer per file
			_ = f.Close()
		}
		if err != nil {
			// Unreadable now: the fingerprint says so, and differs from
			// any fingerprint of the file read.
			fmt.Fprintf(h, "unreadable\n")
			continue
		}
		fmt.Fprintf(h, "%x\n", fh.Sum(nil))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// recordLimits bound reading the record: the aggregate is a statistics
// workbook whatever else it holds.
var recordLimits = xlsxsafe.Limits{What: "汇总统计表", Typical: "1 MB"}

// ReadRecord reads the record of the aggregate workbook at path; nil
// without error when the workbook has none (not written by rollup, or by
// a version before records).
func ReadRecord(path, name string) (*Record, error) {
	data, err := xlsxsafe.ReadFile(path, recordLimits)
	if err != nil {
		return nil, err
	}
	return recordOf(name, data)
}

// recordOf reads the record of the workbook in data, named name.
func recordOf(name string, data []byte) (rec *Record, err error) {
	f, err := xlsxsafe.Open(name, data, recordLimits)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	defer func() {
		if p := recover(); p != nil {
			rec, err = nil, diag.Errorf(diag.Pos{File: name}, "文件已损坏，无法读取汇总记录")
		}
	}()
	props, err := f.GetCustomProps()
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: name}, "无法读取文档属性：%v", err)
	}
	for _, p := range props {
		if p.Name != PropRecord {
			continue
		}
		v, _ := p.Value.(string)
		rec = &Record{}
		if err := json.Unmarshal([]byte(v), rec); err != nil {
			return nil, diag.Errorf(diag.Pos{File: name}, "汇总记录（文档属性 %s）已损坏，可能在其他软件中另存过", PropRecord)
		}
		return rec, nil
	}
	return nil, nil
}

// Now is the roll-up folder as it is now, to compare a record with.
type Now struct {
	Units       []string          // [rollup] units
	Excluded    map[string]string // [rollup] excluded
	Year        int
	BlankAsZero bool
	Returns     string   // the returns folder
	Skip        []string // folders rollup never reads
	// Display names the returns folder in messages.
	Display func(string) string
}

// Stale lists why rec no longer describes the roll-up folder now, or the
// aggregate whose figures (and stamped unit count) are given: each reason
// a sentence that says what to do. None means the aggregate is what a
// passed gate made from the same units and files.
func (rec *Record) Stale(now Now, figures *stats.Stats, units int, file string) []string {
	var out []string
	rerun := "请重新运行 nianbao rollup"
	if !rec.Formal {
		out = append(out, fmt.Sprintf("%s 是汇总草稿：上次 nianbao rollup 时有单位未报送、有错误或重复报送。请改正后重新运行 nianbao rollup（不加 --draft），核对通过后再生成正式报告", file))
	}
	if rec.Year != now.Year {
		out = append(out, fmt.Sprintf("%s 是 %d 年度的汇总，nianbao.toml 的报告年度是 %d 年。%s", file, rec.Year, now.Year, rerun))
	}
	excluded := map[string]bool{}
	for u := range now.Excluded {
		excluded[NormName(u)] = true
	}
	var want []string
	for _, u := range now.Units {
		if !excluded[NormName(u)] {
			want = append(want, strings.TrimSpace(u))
		}
	}
	has := func(list []string, u string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return NormName(x) == NormName(u) })
	}
	var absent, extra []string
	for _, u := range want {
		if !has(rec.Units, u) {
			absent = append(absent, u)
		}
	}
	for _, u := range rec.Units {
		if !has(want, u) {
			extra = append(extra, u)
		}
	}
	if len(absent) > 0 || len(extra) > 0 {
		var parts []string
		if len(absent) > 0 {
			parts = append(parts, "名单中应纳入而汇总中没有的："+listNames(absent))
		}
		if len(extra) > 0 {
			parts = append(parts, "汇总中有而名单中没有（或已写明不纳入）的："+listNames(extra))
		}
		out = append(out, fmt.Sprintf("%s 汇总了 %d 个单位，nianbao.toml 的 [rollup] 名单除去不纳入的单位是 %d 个：%s。%s",
			file, len(rec.Units), len(want), strings.Join(parts, "；"), rerun))
	}
	if rec.BlankAsZero != now.BlankAsZero {
		out = append(out, fmt.Sprintf("nianbao.toml 的 blank_as_zero 在上次 nianbao rollup 之后改过，各单位统计表的核对结果可能不同。%s", rerun))
	}
	if fp, err := Fingerprint(now.Returns, now.Skip); err != nil {
		out = append(out, fmt.Sprintf("无法核对回收文件夹：%s", firstLine(err)))
	} else if fp != rec.Returns {
		where := now.Returns
		if now.Display != nil {
			where = now.Display(where)
		}
		out = append(out, fmt.Sprintf("回收文件夹 %s 在上次 nianbao rollup 之后有变化（有统计表新增、修改、改名或删除），%s 不是现在这些统计表之和。%s，核对通过后再生成正式报告", where, file, rerun))
	}
	if FiguresDigest(figures) != rec.Figures || units != max(len(rec.Units), 1) {
		out = append(out, fmt.Sprintf("%s 中的数字与 nianbao rollup 汇总时写入的不同（汇总统计表被修改过）。汇总数须是各单位之和，请不要手工修改汇总统计表；%s", file, rerun))
	}
	return out
}

// listNames lists names with 、, at most ten of them.
func listNames(names []string) string {
	const shown = 10
	if len(names) <= shown {
		return strings.Join(names, "、")
	}
	return fmt.Sprintf("%s 等 %d 个", strings.Join(names[:shown], "、"), len(names))
}

// CheckSubAggregates reads the record of every unit's workbook that is
// itself an aggregate (a county's roll-up in a city's): a draft, made
// while some of its own units were missing or wrong, is an error of that
// unit, so that it never passes a higher formal gate; an aggregate
// without a record gets a warning. path turns a file's name as shown
// back into its path.
func (r *Result) CheckSubAggregates(path func(name string) string) {
	for i := range r.Units {
		u := &r.Units[i]
		if u.SubUnits == 0 || !u.Included || len(u.Files) == 0 {
			continue
		}
		name := u.Files[0]
		rec, err := ReadRecord(path(name), name)
		switch {
		case err != nil || rec == nil:
			u.Messages = append(u.Messages, diag.Message{Pos: diag.Pos{File: name}, Severity: diag.Warning,
				Text: "这是一份汇总统计表，但没有 nianbao rollup 的汇总记录，无法确认它汇总时每个单位都已报送且没有错误，请向该单位核实"})
			u.Warnings++
		case !rec.Formal:
			u.Messages = append(u.Messages, diag.Message{Pos: diag.Pos{File: name}, Severity: diag.Error,
				Text: "这是该单位的汇总草稿：其汇总时有单位未报送或有错误。请该单位改正后重新运行 nianbao rollup（不加 --draft），报回正式的汇总统计表"})
			u.Errors++
			u.State, u.Label = Errors, Errors.Label()
			u.Reason = fmt.Sprintf("报回的是汇总草稿（%d 个错误，已计入汇总，正式汇总前须改正）", u.Errors)
		}
	}
}
