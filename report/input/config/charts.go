package config

import (
	"fmt"
	"strings"
)

// Charts is the charts key: which charts the report carries. The national
// format has none, so none is the default; true asks for every chart the
// report offers, a list for those named (charts = ["申请办理", "办理结果"]).
// The names are the report kind's; compose checks them.
type Charts struct {
	All   bool
	Names []string
	Line  int // of the key in nianbao.toml, for messages; 0 when unset
}

// UnmarshalTOML reads true, false or a list of names.
func (c *Charts) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case bool:
		c.All = x
		return nil
	case []any:
		for _, it := range x {
			s, ok := it.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return fmt.Errorf("charts 的每一项应为图表名称（带引号的文字），例如 charts = [\"申请办理\"]")
			}
			c.Names = append(c.Names, strings.TrimSpace(s))
		}
		return nil
	}
	return fmt.Errorf("charts 应为 true、false 或图表名称的列表，例如 charts = [\"申请办理\", \"办理结果\"]")
}

// Wants says whether the report carries the chart named name.
func (c Charts) Wants(name string) bool {
	if c.All {
		return true
	}
	for _, n := range c.Names {
		if n == name {
			return true
		}
	}
	return false
}
