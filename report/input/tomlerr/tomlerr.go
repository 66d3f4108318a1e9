// Package tomlerr restates the errors of github.com/BurntSushi/toml in
// Chinese, with how to fix the file: the files are kept by office staff,
// who cannot act on "expected a top-level item to end with a newline".
//
// It depends on the library's wording; a message it does not know keeps
// the library's text after a general Chinese hint.
package tomlerr

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/nianbao/nianbao/report/lazyre"
)

// Explain restates err, an error of toml.Decode or PrimitiveDecode, as a
// Chinese message and the line it concerns (0 when unknown). ok is false
// when err is not a toml error.
func Explain(err error) (line int, text string, ok bool) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return pe.Position.Line, parseMessage(pe.Message, lastKey(pe.LastKey)), true
	}
	if _, line, text, ok := TypeMismatch(err); ok {
		return line, text, true
	}
	return 0, "", false
}

// TypeMismatch restates the library's "incompatible types" error (of
// Decode or PrimitiveDecode): the key it concerns, split at its dots, the
// line (0 when the library does not say) and the Chinese message. ok is
// false for any other error.
func TypeMismatch(err error) (key []string, line int, text string, ok bool) {
	m := typeErr().FindStringSubmatch(err.Error())
	if m == nil {
		return nil, 0, "", false
	}
	line, _ = strconv.Atoi(m[1])
	key = strings.Split(m[2], ".")
	last := key[len(key)-1]
	want, got := TypeName(m[4]), TypeName(m[3])
	if m[4] == "time.Time" {
		return key, line, fmt.Sprintf("“%s”应为日期，不加引号，例如 %s = 2023-01-15；文件中写的是%s", last, last, got), true
	}
	return key, line, fmt.Sprintf("“%s”的值类型不对：应为%s，文件中写的是%s", last, want, got), true
}

// typeErr matches the library's plain (non-ParseError) type mismatch:
// toml: line 2 (last key "year"): incompatible types: TOML value has type
// string; destination has type integer. It and the messages below are
// compiled when a file is first found broken, not at every start.
var typeErr = lazyre.New(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): incompatible types: TOML value has type (.+); destination has type (.+)$`)

func lastKey(k string) string {
	if i := strings.LastIndex(k, "."); i >= 0 {
		return k[i+1:]
	}
	return k
}

// TypeName is a TOML or Go type as office staff know it.
func TypeName(t string) string {
	switch t {
	case "string", "primitive (string-like)":
		return "带英文双引号的文字"
	case "integer", "int", "int64", "int32":
		return "整数"
	case "float", "float64", "float32":
		return "数字"
	case "bool", "boolean":
		return "true 或 false"
	case "slice", "array", "[]any", "[]string", "[]interface {}":
		return "方括号列表（如 [\"办公室\"]）"
	case "map", "struct", "table", "map[string]any", "map[string]interface {}":
		return "表（[名称] 下的一组设置）"
	case "time.Time", "datetime", "date", "local date", "local datetime":
		return "日期（例如 2023-01-15）"
	}
	return "“" + t + "”类型"
}

var messages = []struct {
	re   func() *regexp.Regexp
	text string
}{
	{re(`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead$`),
		"这一行的值后面多了$1：一行只写一个设置项，值后面只能跟 # 开头的注释。文字要整个放在英文双引号中，例如 org = \"某某局\""},
	{re(`^expected end of table array name delimiter '\]', but got (.*) instead$`), "表头 [[…]] 缺少右边的两个方括号"},
	{re(`^unexpected (end of table name|table separator) \(table names cannot be empty\)$`), "方括号中的表名不能为空"},
	{re(`^expected '\.' or '\]' to end table name, but got (.*) instead$`), "表名写法不对：方括号中出现了$1。表名用英文字母，以“]”结束"},
	{re(`^unexpected EOF; expected value$`), "等号后面缺少值"},
	{re(`^expected value but found (.*) instead$`),
		"等号后面的值$1写法不对：文字要加英文双引号（例如 org = \"某某局\"），数字、日期（例如 2023-01-15）和 true/false 不加"},
	{re(`^unexpected '=': key name appears blank$`), "等号前面缺少设置项的名称"},
	{re(`^unexpected '\.': keys cannot start with a '\.'$`), "设置项的名称不能以“.”开头"},
	{re(`^unexpected '[=.]'$`), "设置项的名称写法不对"},
	{re(`^unexpected EOF; expected key separator '='$`), "设置项的名称后面缺少等号“=”"},
	{re(`^expected '\.' or '=', but got (.*) instead$`),
		"设置项的名称后面应是等号“=”，却是$1。名称中不能有空格或中文标点；文字值要写在等号后面并加英文双引号"},
	{re(`^floats must start with a digit, not '\.'$`), "小数要以数字开头，例如 0.5"},
	{re(`^unexpected comma$`), "多了一个逗号"},
	{re(`^expected a comma \(','\) or array terminator \('\]'\), but got (.*)$`), "方括号列表中的各项要用英文逗号分隔，并以“]”结束，却遇到$1"},
	{re(`^expected a comma or an inline table terminator '\}', but got (.*) instead$`), "花括号 {…} 中的各项要用英文逗号分隔，并以“}”结束，却遇到$1"},
	{re(`^unexpected EOF; expected ('''|'|"""|")$`), "文字缺少结尾的引号$1"},
	{re(`^strings cannot contain newlines$`), "文字在行尾还没有结束：缺少结尾的英文双引号。分几段的长文字请用三个双引号 \"\"\" 括起来"},
	{re(`^newlines not allowed within inline tables$`), "花括号 {…} 中的内容不能换行"},
	{re(`^TOML files cannot contain control characters: '(0x[0-9a-f]+)'$`), "文件中有看不见的控制字符（$1），请删除这个字符"},
	{re(`^invalid UTF-8 byte: (0x[0-9a-f]+)$`), "文件不是 UTF-8 编码（遇到字节 $1）。请在记事本或 WPS 中“另存为”UTF-8 编码"},
	{re(`^files cannot contain NULL bytes`), "文件不是 UTF-8 编码（可能是 UTF-16）。请在记事本或 WPS 中“另存为”UTF-8 编码"},
	{re(`^invalid escape(?: in string)?: '\\(.)'$|^invalid escape in string '\\(.)'$`),
		"文字中的反斜杠“\\$1$2”无效：文件路径中的反斜杠要写两个（C:\\\\文件夹），或改用正斜杠 /，或用单引号 '…' 括起来"},
	{re(`^expected (two|four|eight) hexadecimal digits after '\\(.)', but got (.*) instead$`), "文字中的“\\$2”后面应是十六进制数字；如果这是文件路径，反斜杠要写两个，或改用正斜杠 /"},
	{re(`^Escaped character '\\u(.*)' is not valid UTF-8\.$`), "文字中的“\\u$1”不是有效的字符"},
	{re(`^Key '(.*)' has already been defined\.$`), "“$1”重复了：同一项只能写一次，请删除或合并多余的一处"},
	{re(`^Key '(.*)' was already created as a hash\.$`), "“$1”重复了：前面已有同名的表"},
	{re(`^Key '(.*)' was already created and cannot be used as an array\.$`), "“$1”重复了：前面已有同名的设置，不能再写成 [[$1]]"},
	{re(`^"(.*)" is not a table$`), "“$1”不是表，不能在它下面再写设置项"},
	{re(`^Invalid integer "(.*)": underscores must be surrounded by digits$`), "整数 $1 写法不对：下划线只能写在数字之间"},
	{re(`^Invalid integer "(.*)": cannot have leading zeroes$`), "整数 $1 写法不对：不能以 0 开头"},
	{re(`^Invalid float "(.*)": .*$|^Invalid float value: "(.*)"$|^invalid float: '(.*)'$`), "数字 $1$2$3 写法不对，例如 0.5"},
	{re(`^cannot use sign with non-decimal numbers: '(.*)'$|^expected a digit but got '(.*)'$|^not an? (?:binary|octal|hexadecimal) number: '(.*)'$`), "数字写法不对（$1$2$3）"},
	{re(`^(.*) is out of range for (.*)$`), "数字 $1 太大，超出了可以处理的范围"},
	{re(`^(.*) is out of the safe (.*) range$`), "数字 $1 太大，无法准确表示"},
	{re(`^invalid datetime: "(.*)"$`), "日期“$1”无效，应写成 2023-01-15 这样的年-月-日，月和日都用两位数"},
	// A quoted date reaches time.Time's UnmarshalText; so does any other
	// value, so only a value that reads as a date is blamed on the quotes.
	{re(`^parsing time "(\d{4}-\d{2}-\d{2}[^"]*)"`), "日期不要加引号：应写成 {key} = 2023-01-15，文件中写的是“$1”（带引号）"},
	{re(`^parsing time "([^"]*)"`), "日期“$1”无效：应写成 {key} = 2023-01-15，不加引号"},
	{re(`^unexpected EOF$`), "文件在中途结束了：有没有闭合的引号或括号"},
	{re(`^unexpected '(""""""|'''''')'$`), "三个引号的文字写法不对：结尾多了引号"},
}

func re(s string) func() *regexp.Regexp { return lazyre.New(s) }

func parseMessage(msg, key string) string {
	if r, _ := utf8.DecodeRuneInString(msg); r >= utf8.RuneSelf {
		return msg // an UnmarshalTOML of ours: already Chinese
	}
	if key == "" {
		key = "设置项"
	}
	for _, m := range messages {
		g := m.re().FindStringSubmatch(msg)
		if g == nil {
			continue
		}
		out := m.text
		for i := len(g) - 1; i >= 1; i-- {
			out = strings.ReplaceAll(out, "$"+strconv.Itoa(i), quoted(g[i]))
		}
		return strings.ReplaceAll(out, "{key}", key)
	}
	return "格式错误，请检查这一行的引号、等号和方括号（文字要加英文双引号，例如 org = \"某某局\"）。详细信息：" + msg
}

// quoted puts what the file has, as the library quoted it, in Chinese
// quotation marks.
func quoted(s string) string {
	switch {
	case s == "":
		return ""
	case s == "end of file":
		return "文件结尾"
	case len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0]:
		if u, err := strconv.Unquote(`"` + s[1:len(s)-1] + `"`); err == nil {
			s = u
		} else {
			s = s[1 : len(s)-1]
		}
		switch s {
		case "\n", "\r":
			return "换行"
		case " ", "\t":
			return "空格"
		}
		return "“" + s + "”"
	}
	return s
}
