package disclosure

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
)

// composeWith composes the sample with other.tmpl replaced by src.
func composeWith(t *testing.T, src string, in compose.Input, l compose.Limits) (diag.Message, time.Duration) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.tmpl"), []byte(src), 0o644))
	start := time.Now()
	_, err := compose.Compose(Kind, in, compose.Options{TemplateDir: dir, Limits: l})
	took := time.Since(start)
	var de diag.Errors
	require.ErrorAs(t, err, &de, "template %q", src)
	return de[0], took
}

func TestTemplateLimits(t *testing.T) {
	const head = "# {{section 6}}\n\n"
	tests := []struct {
		name, body string
		limits     compose.Limits
		want       string
	}{
		{"huge empty range", "{{range 1000000000000}}{{end}}\n", compose.Limits{}, "{{range 1000000000000}} 要重复 1000000000000 次"},
		{"huge range with text", "{{range 400000000}}数据{{end}}\n", compose.Limits{}, "超过上限 1000000 次"},
		{"nested ranges", "{{range 1000}}{{range 1000}}{{range 10}}{{end}}{{end}}{{end}}\n", compose.Limits{}, "连同外层循环共 10000000 次"},
		{"computed range, output", "{{range (add 999999999 1)}}" + strings.Repeat("数据", 1000) + "{{end}}\n", compose.Limits{Output: 1 << 20}, "模板生成的内容超过 1 MB"},
		{"computed range, time", "{{range $i := add 999999999 1}}{{end}}\n", compose.Limits{Time: 200 * time.Millisecond}, "模板执行超过 200 毫秒仍未完成"},
		{"recursion, time", "{{define \"r\"}}{{template \"r\" .}}{{template \"r\" .}}{{end}}{{template \"r\" .}}\n", compose.Limits{Time: 200 * time.Millisecond}, "已停止"},
		{"printf width", "{{printf \"%0999999999d\" 1}}\n", compose.Limits{}, "printf 的宽度或精度 999999999 太大"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, took := composeWith(t, head+tt.body, sampleInput(t), tt.limits)
			assert.Less(t, took, 3*time.Second)
			assert.Contains(t, m.Text, tt.want)
			assert.Equal(t, 3, m.Pos.Line, m.String())
			assert.Equal(t, "other.tmpl", filepath.Base(m.Pos.File))
		})
	}
}

func TestTemplateExecErrorsInChinese(t *testing.T) {
	const head = "# {{section 6}}\n\n"
	noPrev := sampleInput(t)
	noPrev.Prev = nil
	tests := []struct {
		name, body string
		in         compose.Input
		want       string
	}{
		{"wrong number of args", "{{add 1}}", sampleInput(t), "add 要 2 个参数，这里写了 1 个（出错处：{{add}}）"},
		{"argument to non-function", "{{.Org 1}}", sampleInput(t), "“Org”不是函数，后面不能跟参数"},
		{"index out of range", "{{index .Contact 99}}", sampleInput(t), "调用 index 出错：下标 99 超出了范围"},
		{"error calling our func", "{{cn -1}}", sampleInput(t), "cn 只接受 0 到 9999999999999999，实为 -1"},
		{"nil pointer", "{{.Prev.Active}}", noPrev, "“Active”没有值"},
		{"range over text", "{{range .Year}}{{end}}{{range .Stats}}{{end}}", sampleInput(t), "{{range}} 不能遍历"},
		{"missing end", "{{if .Org}}", sampleInput(t), "缺少对应的 {{end}}"},
		{"extra end", "{{end}}", sampleInput(t), "多了一个 {{end}}"},
		{"undefined variable", "{{$x}}", sampleInput(t), "变量“$x”没有定义"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := composeWith(t, head+tt.body+"\n", tt.in, compose.Limits{})
			assert.Contains(t, m.Text, tt.want)
			if tt.name != "missing end" { // reported at the end of the file
				assert.Equal(t, 3, m.Pos.Line, m.String())
			}
			assert.NotRegexp(t, `[A-Za-z]{4,}.*[A-Za-z]{4,}`, stripQuoted(stripActions(m.Text)), "English left: %s", m.Text)
		})
	}
}

// stripActions drops the quoted template action, which is the user's.
func stripActions(s string) string {
	for {
		i := indexOf(s, "{{")
		j := indexOf(s, "}}")
		if i < 0 || j < i {
			return s
		}
		s = s[:i] + s[j+2:]
	}
}

// stripQuoted drops “…”, which quotes the user's own names.
func stripQuoted(s string) string {
	for {
		i := indexOf(s, "“")
		j := indexOf(s, "”")
		if i < 0 || j < i {
			return s
		}
		s = s[:i] + s[j+len("”"):]
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
