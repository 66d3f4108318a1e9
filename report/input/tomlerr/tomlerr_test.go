package tomlerr

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type target struct {
	Org   string    `toml:"org"`
	Year  int       `toml:"year"`
	Date  time.Time `toml:"report_date"`
	List  []string  `toml:"contact"`
	Fee   float64   `toml:"fee_limit"`
	Table struct {
		Summary string `toml:"summary"`
	} `toml:"narrative"`
}

// englishWord is what must not reach the user outside quoted input.
var englishWord = regexp.MustCompile(`[A-Za-z]{4,}`)

func TestExplain(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"unquoted text", "org = 某某局\n", 1, "等号后面的值"},
		{"text after value", "year = 2022 年\n", 1, "这一行的值后面多了"},
		{"duplicate key", "year = 2022\norg = \"甲\"\nyear = 2023\n", 3, "“year”重复了"},
		{"quoted date", "report_date = \"2023-01-15\"\n", 1, "日期不要加引号：应写成 report_date = 2023-01-15"},
		{"bad date", "report_date = 2023-13-45\n", 1, "日期“2023-13-45”无效"},
		{"string for int", "year = \"2022\"\n", 1, "“year”的值类型不对：应为整数，文件中写的是带英文双引号的文字"},
		{"int for date", "report_date = 5\n", 1, "日期“5”无效：应写成 report_date = 2023-01-15，不加引号"},
		{"open string", "org = \"某某局\nyear = 2022\n", 1, "缺少结尾的英文双引号"},
		{"backslash", "org = \"C:\\data\"\n", 1, "反斜杠"},
		{"missing equals", "org \"某某局\"\n", 1, "后面应是等号"},
		{"list comma", "contact = [\"甲\" \"乙\"]\n", 1, "英文逗号分隔"},
		{"leading zero", "year = 02022\n", 1, "不能以 0 开头"},
		{"control char", "org = \"甲\x01\"\n", 1, "控制字符"},
		{"utf16", "\xff\xfeo\x00r\x00g\x00", 1, "UTF-8"},
		{"empty table", "[]\n", 1, "表名不能为空"},
		{"eof", "org = \n", 1, "等号后面"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v target
			_, err := toml.Decode(tt.in, &v)
			require.Error(t, err)
			line, text, ok := Explain(err)
			require.True(t, ok, err.Error())
			assert.Equal(t, tt.line, line, text)
			assert.Contains(t, text, tt.want, err.Error())
			assert.NotContains(t, text, "详细信息", "a known message: %s", err.Error())
			for _, w := range englishWord.FindAllString(text, -1) {
				switch w {
				case "true", "false", "year", "report_date", "contact", "report", "date", "data":
				default:
					t.Errorf("English word %q in %q", w, text)
				}
			}
		})
	}
}

func TestExplainOther(t *testing.T) {
	_, _, ok := Explain(assert.AnError)
	assert.False(t, ok)
}

// TypeMismatch gives the whole key, so that a caller can find the key's
// line within one [[task]] block itself.
func TestTypeMismatch(t *testing.T) {
	var v target
	_, err := toml.Decode("[narrative]\nsummary = 5\n", &v)
	require.Error(t, err)
	key, _, text, ok := TypeMismatch(err)
	require.True(t, ok, err.Error())
	assert.Equal(t, []string{"narrative", "summary"}, key)
	assert.Equal(t, "“summary”的值类型不对：应为带英文双引号的文字，文件中写的是整数", text)

	var tasks struct {
		Task []toml.Primitive `toml:"task"`
	}
	md, err := toml.Decode("[[task]]\nid = \"5\"\n", &tasks)
	require.NoError(t, err)
	var task struct {
		ID int `toml:"id"`
	}
	err = md.PrimitiveDecode(tasks.Task[0], &task)
	require.Error(t, err)
	key, _, text, ok = TypeMismatch(err)
	require.True(t, ok, err.Error())
	assert.Equal(t, "id", key[len(key)-1])
	assert.Equal(t, "“id”的值类型不对：应为整数，文件中写的是带英文双引号的文字", text)

	_, _, _, ok = TypeMismatch(errors.New("other"))
	assert.False(t, ok)
}
