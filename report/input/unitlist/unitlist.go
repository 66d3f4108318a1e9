// Package unitlist reads the list of units of a roll-up (汇总单位名单):
// one unit a line of a text file, or the first column of a CSV file or
// of a workbook's first sheet (the column headed 单位名称 when a header row
// says so); further columns (contacts) are ignored.
package unitlist

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/infile"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
)

// Limits: a province lists a few thousand units; a name is under 60
// characters.
const (
	MaxFile  = 4 << 20
	MaxUnits = 50_000
	MaxName  = 100
)

// headers are first cells that name the column rather than a unit.
var headers = map[string]bool{"单位": true, "单位名称": true, "名称": true, "汇总单位": true, "填报单位": true, "机关名称": true, "部门": true, "序号": true}

// Read reads the list at path (.txt, .csv, .xlsx).
func Read(path string) ([]string, error) {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(path))
	var data []byte
	var err error
	if ext == ".xlsx" || ext == ".xlsm" {
		data, err = xlsxsafe.ReadFile(path, limits)
	} else {
		data, err = infile.Read(path, MaxFile, "单位名单", "10 KB")
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: path}, "找不到单位名单文件。请检查 --units 后的路径")
		}
		return nil, err
	}
	return Parse(name, data)
}

var limits = xlsxsafe.Limits{What: "单位名单", Typical: "50 KB"}

// Parse reads a list from memory; name (its extension) says the format.
func Parse(name string, data []byte) (units []string, err error) {
	var rows [][]string // first column (and whether the row had more), by line
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		rows, err = sheetRows(name, data)
	case ".csv":
		rows, err = csvRows(name, data)
	case ".txt", "":
		rows, err = textRows(name, data)
	case ".xls", ".et", ".ods", ".doc", ".docx", ".wps":
		return nil, diag.Errorf(diag.Pos{File: name}, "单位名单只能是 .xlsx、.csv 或 .txt 文件（每行一个单位）。请另存为 Excel 工作簿（.xlsx）或文本文件")
	default:
		rows, err = textRows(name, data)
	}
	if err != nil {
		return nil, err
	}
	return collect(name, rows)
}

func collect(name string, rows [][]string) ([]string, error) {
	var errs diag.Errors
	seen := map[string]int{}
	var out []string
	// A header row names the column of the units: lists often begin with
	// 序号, then 单位名称, then contacts.
	col, head := 0, -1
	for i, row := range rows {
		if len(row) == 0 || clean(strings.Join(row, "")) == "" {
			continue
		}
		for j, c := range row {
			if h := clean(c); headers[h] && h != "序号" {
				col, head = j, i
				break
			}
		}
		break
	}
	for i, row := range rows {
		if i == head || len(row) <= col {
			continue
		}
		u := clean(row[col])
		if u == "" || strings.HasPrefix(u, "#") || (len(out) == 0 && headers[u]) {
			continue
		}
		line := i + 1
		where := diag.Pos{File: name, Line: line}
		if filepath.Ext(name) == ".xlsx" || filepath.Ext(name) == ".xlsm" {
			where = diag.Pos{File: name, Cell: fmt.Sprintf("%c%d", 'A'+min(col, 25), line)}
		}
		switch {
		case utf8.RuneCountInString(u) > MaxName:
			errs = append(errs, diag.Message{Pos: where, Severity: diag.Error, Text: fmt.Sprintf("单位名称超过 %d 个字，请核对（是否把几列合成了一列？）", MaxName)})
			continue
		case strings.ContainsAny(u, `/\:*?"<>|`):
			errs = append(errs, diag.Message{Pos: where, Severity: diag.Error, Text: fmt.Sprintf("单位名称“%s”含有不能用于文件名的符号（/ \\ : * ? \" < > |），请改用中文符号", u)})
			continue
		}
		key := strings.NewReplacer("(", "（", ")", "）").Replace(strings.ReplaceAll(u, " ", ""))
		if first, ok := seen[key]; ok {
			errs = append(errs, diag.Message{Pos: where, Severity: diag.Error, Text: fmt.Sprintf("“%s”与第 %d 行重复，请删除一处", u, first)})
			continue
		}
		seen[key] = line
		out = append(out, u)
		if len(out) > MaxUnits {
			return nil, diag.Errorf(diag.Pos{File: name}, "单位名单超过 %d 个单位，请核对文件", MaxUnits)
		}
	}
	if len(errs) > 0 {
		return nil, errs.Capped(diag.MaxPerFile)
	}
	if len(out) == 0 {
		return nil, diag.Errorf(diag.Pos{File: name}, "单位名单中没有单位。请每行写一个单位名称（表格的第一列）")
	}
	return out, nil
}

// clean trims a name and drops control characters and the spaces of
// both widths around it.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' })
}

func textRows(name string, data []byte) ([][]string, error) {
	if !utf8.Valid(data) {
		return nil, notUTF8(name)
	}
	var rows [][]string
	for line := range strings.Lines(string(data)) {
		rows = append(rows, []string{line})
	}
	return rows, nil
}

func notUTF8(name string) error {
	return diag.Errorf(diag.Pos{File: name}, "文件不是 UTF-8 编码（可能是 GBK）。请在记事本中“另存为”，编码选 UTF-8；或改用 .xlsx 名单")
}

func csvRows(name string, data []byte) ([][]string, error) {
	if !utf8.Valid(data) {
		return nil, notUTF8(name)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, diag.Errorf(diag.Pos{File: name, Line: line}, "CSV 格式错误，请用 Excel 另存为 .xlsx 或检查引号")
		}
		line, _ := r.FieldPos(0)
		for len(rows) < line-1 {
			rows = append(rows, nil)
		}
		rows = append(rows, rec)
	}
	return rows, nil
}

func sheetRows(name string, data []byte) (rows [][]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			rows, err = nil, diag.Errorf(diag.Pos{File: name}, "文件已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
		}
	}()
	f, err := xlsxsafe.Open(name, data, limits)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, diag.Errorf(diag.Pos{File: name}, "文件里没有工作表")
	}
	rows, err = f.GetRows(sheets[0])
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: name, Sheet: sheets[0]}, "工作表已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
	}
	return rows, nil
}
