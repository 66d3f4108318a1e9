package config

import (
	"fmt"
	"strings"
)

// History is nianbao.toml's history: earlier years' statistics workbooks
// (or reports as published), before last year's, so that the charts that
// follow the years show more than this year and last. The pipeline reads
// and checks the files (report/pipeline/history.go).
type History struct {
	Files []string
	Line  int // of the key in nianbao.toml, for messages; 0 when unset
}

// UnmarshalTOML reads a list of file names.
func (h *History) UnmarshalTOML(v any) error {
	const example = `例如 history = ["2021-统计表.xlsx", "2020-统计表.xlsx"]`
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("history 应为往年统计表文件名的列表，%s", example)
	}
	for _, it := range list {
		s, ok := it.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return fmt.Errorf("history 的每一项应为文件名（带引号的文字），%s", example)
		}
		h.Files = append(h.Files, strings.TrimSpace(s))
	}
	return nil
}
