package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/register"
)

// RegisterSource is the [register] table: a register of applications kept
// outside the statistics workbook, such as the export of the province's
// 依申请公开 system, with where each field is and what its values mean.
type RegisterSource struct {
	File      string `toml:"file"`       // 登记台账文件（.xlsx）
	Sheet     string `toml:"sheet"`      // 申请所在工作表，默认“申请登记”
	CaseSheet string `toml:"case_sheet"` // 复议诉讼案件所在工作表；不填则表四仍按统计表
	// Columns name each field's column by its header or letter, e.g.
	// received = "登记时间", answered = "H".
	Columns     map[string]string            `toml:"columns"`
	CaseColumns map[string]string            `toml:"case_columns"`
	Values      map[string]map[string]string `toml:"values"`      // 字段 → 导出值 → 规定类别
	CaseValues  map[string]map[string]string `toml:"case_values"` // 同上，复议诉讼
}

// Field keys of [register.columns] and [register.values], in the order of
// the register's columns.
var (
	registerAppKeys  = []string{"seq", "received", "applicant", "content", "outcome", "answered", "status", "note"}
	registerCaseKeys = []string{"seq", "kind", "filed", "result", "closed", "note"}
	registerKeys     = []string{"file", "sheet", "case_sheet", "columns", "case_columns", "values", "case_values"}
)

// registerChoices are the official categories a mapped value may name.
var registerChoices = map[string][]string{
	"applicant": register.Applicants,
	"outcome":   register.Outcomes,
	"status":    register.Statuses,
}

var registerCaseChoices = map[string][]string{
	"kind":   register.Kinds,
	"result": register.Results[:],
}

// HasCases tells whether the register also holds the review and
// litigation cases (表四).
func (s *RegisterSource) HasCases() bool { return s.CaseSheet != "" }

// Layout is where the register's fields are, for register.Read.
func (s *RegisterSource) Layout() register.Layout {
	lay := register.Layout{AppSheet: s.Sheet, CaseSheet: s.CaseSheet}
	if lay.CaseSheet == "" {
		lay.CaseSheet = "-"
	}
	field := func(keys []string, k string) register.Field {
		for i, x := range keys {
			if x == k {
				return register.Field(i)
			}
		}
		return -1
	}
	cols := func(keys []string, m map[string]string) map[register.Field]string {
		out := map[register.Field]string{}
		for k, v := range m {
			if f := field(keys, k); f >= 0 {
				out[f] = v
			}
		}
		return out
	}
	vals := func(keys []string, m map[string]map[string]string) map[register.Field]map[string]string {
		out := map[register.Field]map[string]string{}
		for k, v := range m {
			if f := field(keys, k); f >= 0 {
				out[f] = v
			}
		}
		return out
	}
	lay.AppCols, lay.CaseCols = cols(registerAppKeys, s.Columns), cols(registerCaseKeys, s.CaseColumns)
	lay.AppValues, lay.CaseValues = vals(registerAppKeys, s.Values), vals(registerCaseKeys, s.CaseValues)
	return lay
}

// checkRegister validates [register]: known field names, and every mapped
// value an official category.
func checkRegister(name string, data []byte, s *RegisterSource) diag.Errors {
	var errs diag.Errors
	fail := func(k toml.Key, format string, args ...any) {
		errs = append(errs, diag.Message{Pos: diag.Pos{File: name, Line: keyLine(data, k)}, Severity: diag.Error, Text: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(s.File) == "" {
		fail(toml.Key{"register"}, "[register] 中请用 file 指定登记台账文件，例如 file = \"依申请公开导出.xlsx\"")
	}
	known := func(keys []string, k string) bool {
		for _, x := range keys {
			if x == k {
				return true
			}
		}
		return false
	}
	for _, t := range []struct {
		table   string
		keys    []string
		cols    map[string]string
		values  map[string]map[string]string
		choices map[string][]string
	}{
		{"columns", registerAppKeys, s.Columns, s.Values, registerChoices},
		{"case_columns", registerCaseKeys, s.CaseColumns, s.CaseValues, registerCaseChoices},
	} {
		valTable := strings.Replace(t.table, "columns", "values", 1)
		for _, k := range sortedKeys(t.cols) {
			if !known(t.keys, k) {
				fail(toml.Key{"register", t.table, k}, "[register.%s] 中未知的字段“%s”（可用的字段：%s）", t.table, k, strings.Join(t.keys, "、"))
			}
		}
		for _, k := range sortedKeys(t.values) {
			choices, ok := t.choices[k]
			if !ok {
				fail(toml.Key{"register", valTable, k}, "[register.%s] 中的字段“%s”不能指定对应类别（可指定的字段：%s）", valTable, k, strings.Join(sortedKeys(t.choices), "、"))
				continue
			}
			for _, from := range sortedKeys(t.values[k]) {
				to := t.values[k][from]
				ok := false
				for _, c := range choices {
					if c == to {
						ok = true
					}
				}
				if !ok {
					fail(toml.Key{"register", valTable, k, from}, "[register.%s.%s] 中“%s”对应的“%s”不是规定的类别，应为：%s", valTable, k, from, to, strings.Join(choices, "、"))
				}
			}
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
