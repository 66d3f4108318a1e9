package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/infile"
	"github.com/nianbao/nianbao/report/input/tomlerr"
)

// tomlRecord is one [[record]] block of a TOML ledger.
type tomlRecord struct {
	ID       int    `toml:"id"`
	Status   string `toml:"status"`
	Result   string `toml:"result"`
	Evidence string `toml:"evidence"`
	Note     string `toml:"note"`
}

func loadTOML(path string, o Options) (*Result, error) {
	data, err := infile.Read(path, infile.MaxTOML, "任务台账", "1 MB")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: path}, "找不到任务台账。请检查 nianbao.toml 中的 ledger 设置")
		}
		return nil, err
	}
	return ReadTOML(filepath.Base(path), data, o)
}

// ReadTOML reads a ledger kept as TOML:
//
//	[[record]]
//	id = 1
//	status = "已完成"
//	result = "……"   # 完成情况
//	evidence = "……" # 佐证材料
//	note = "……"     # 备注
func ReadTOML(name string, data []byte, o Options) (*Result, error) {
	var doc struct {
		Record []tomlRecord `toml:"record"`
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		if line, text, ok := tomlerr.Explain(err); ok {
			return nil, diag.Errorf(diag.Pos{File: name, Line: line}, "%s（id 是整数，其余是带英文双引号的文字）", text)
		}
		return nil, diag.Errorf(diag.Pos{File: name}, "格式错误：%v", err)
	}
	lines := recordLines(data)
	var errs diag.Errors
	for _, k := range md.Undecoded() {
		line := 0
		if len(errs) < diag.MaxPerFile { // only these are shown; each look-up reads the file
			line = keyLine(data, k[len(k)-1])
		}
		errs = append(errs, diag.Message{Pos: diag.Pos{File: name, Line: line}, Severity: diag.Error,
			Text: fmt.Sprintf("未知的键“%s”，请检查拼写（可用的键：record 下的 id、status、result、evidence、note）", k)})
	}
	var recs []Record
	for i, r := range doc.Record {
		pos := diag.Pos{File: name}
		if i < len(lines) {
			pos.Line = lines[i]
		}
		if r.ID <= 0 {
			errs = append(errs, diag.Message{Pos: pos, Severity: diag.Error, Text: fmt.Sprintf("第 %d 条记录缺少 id（工作要点中的序号，正整数）", i+1)})
			continue
		}
		if r.Status != "" && !validStatus(r.Status) {
			errs = append(errs, diag.Message{Pos: pos, Severity: diag.Error,
				Text: fmt.Sprintf("第 %d 项任务的 status“%s”不是可选值，应为：已完成、推进中、未启动、不适用", r.ID, r.Status)})
			continue
		}
		recs = append(recs, Record{ID: r.ID, Status: Status(r.Status), Result: strings.TrimSpace(r.Result),
			Evidence: strings.TrimSpace(r.Evidence), Note: strings.TrimSpace(r.Note), Pos: pos})
	}
	if len(errs) > 0 {
		return nil, errs.Capped(diag.MaxPerFile)
	}
	return finish(name, recs, o)
}

// recordLines finds the line of each [[record]] header. Lines are split
// on bytes, not by a bufio.Scanner, so that no line is too long to count.
func recordLines(data []byte) []int {
	var out []int
	n := 0
	for line := range bytes.Lines(data) {
		n++
		if string(bytes.TrimSpace(line)) == "[[record]]" {
			out = append(out, n)
		}
	}
	return out
}

func keyLine(data []byte, key string) int {
	n := 0
	for line := range bytes.Lines(data) {
		n++
		t := bytes.TrimSpace(line)
		k, _, ok := bytes.Cut(t, []byte("="))
		if ok && string(bytes.Trim(bytes.TrimSpace(k), `"'`)) == key {
			return n
		}
		if string(bytes.Trim(t, "[]")) == key {
			return n
		}
	}
	return 0
}
