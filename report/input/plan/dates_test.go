package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
)

func TestDateWindow(t *testing.T) {
	base := "year = 2022\ndepartments = [\"办公室\"]\n\n[[task]]\nid = 1\ntask = \"甲\"\nlead = [\"办公室\"]\nsection = \"主动公开\"\ndue = %s\n"
	tests := []struct {
		name   string
		due    string
		report int // 0: Parse, judged by the plan's year
		want   string
		line   int
	}{
		{"in window", "2023-03-01", 0, "", 0},
		{"year before", "2021-01-01", 2022, "", 0},
		{"two years after", "2024-12-31", 2022, "", 0},
		{"year zero", "0000-01-01", 0, "完成时限 0000-01-01 不在报告年度的前一年至后两年（2021—2024 年）之内", 9},
		{"far future", "2099-01-01", 2022, "完成时限 2099-01-01 不在", 9},
		{"quoted far past", "\"1900-05-01\"", 0, "完成时限 1900-05-01 不在", 9},
		{"plan of another year", "2022-12-31", 2015, "计划的年度 year = 2022 与报告年度 2015 年不相符", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(fmt.Sprintf(base, tt.due))
			var err error
			if tt.report == 0 {
				_, err = Parse("计划.toml", data)
			} else {
				path := filepath.Join(t.TempDir(), "计划.toml")
				require.NoError(t, os.WriteFile(path, data, 0o644))
				_, err = LoadFor(path, tt.report)
			}
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			var de diag.Errors
			require.ErrorAs(t, err, &de)
			require.NotEmpty(t, de)
			assert.Contains(t, de[0].Text, tt.want)
			assert.Equal(t, tt.line, de[0].Pos.Line, de[0].Text)
		})
	}
}
