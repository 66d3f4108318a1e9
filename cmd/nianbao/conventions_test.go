package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCommandHelp(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			dash := runIn(t, t.TempDir(), c.name, "-h")
			assert.Equal(t, exitOK, dash.code)
			assert.Empty(t, dash.errOut, "help goes to stdout")
			assert.Contains(t, dash.out, "用法：nianbao "+c.name)
			assert.Contains(t, dash.out, c.summary)
			assert.NotContains(t, dash.out, "default")

			for _, args := range [][]string{{"help", c.name}, {c.name, "--help"}} {
				r := runIn(t, t.TempDir(), args...)
				assert.Equal(t, exitOK, r.code, args)
				assert.Equal(t, dash.out, r.out, args)
			}

			// The usage line names every option the list explains.
			lines := strings.Split(dash.out, "\n")
			for _, opt := range regexp.MustCompile(`(?m)^  (--[a-z-]+)`).FindAllStringSubmatch(dash.out, -1) {
				assert.Contains(t, lines[0], opt[1], "usage line lacks an option of the list")
			}
		})
	}
}

func TestTopLevelHelpAndVersion(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{[]string{"help"}, exitOK, "命令：", ""},
		{[]string{"--help"}, exitOK, "命令：", ""},
		{[]string{"-h"}, exitOK, "退出码", ""},
		{nil, exitInput, "", "命令："},
		{[]string{"version"}, exitOK, "nianbao ", ""},
		{[]string{"--version"}, exitOK, "提交", ""},
		{[]string{"help", "nosuch"}, exitInput, "", "未知命令“nosuch”"},
		{[]string{"help", "build", "check"}, exitInput, "", "只接受一个命令名"},
	}
	for _, tt := range tests {
		r := runIn(t, t.TempDir(), tt.args...)
		assert.Equal(t, tt.code, r.code, tt.args)
		if tt.out != "" {
			assert.Contains(t, r.out, tt.out, tt.args)
		}
		if tt.err != "" {
			assert.Contains(t, r.errOut, tt.err, tt.args)
		}
	}
}

func TestFormatVersion(t *testing.T) {
	tests := []struct {
		v, c, d string
		dirty   bool
		want    string
	}{
		{"", "", "", false, "nianbao 开发版（提交 未知，构建于 未知）"},
		{"v1.2.0", "0123456789abcdef0123", "2026-12-06T11:00:00Z", false, "nianbao v1.2.0（提交 0123456789ab，构建于 2026-12-06 11:00 UTC）"},
		{"", "abc", "2026-12-06T11:00:00Z", true, "nianbao 开发版（提交 abc，有未提交的修改，构建于 2026-12-06 11:00 UTC）"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, formatVersion(tt.v, tt.c, tt.d, tt.dirty))
	}
}

func TestFlagErrorsInChinese(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"build", "--bogus"}, "没有“--bogus”这个选项"},
		{[]string{"check", "-x"}, "没有“--x”这个选项"},
		{[]string{"status", "--today"}, "选项“--today”后面要写一个值"},
		{[]string{"init", "--year", "abc"}, "选项“--year”的值“abc”无效"},
		{[]string{"build", "--draft=maybe"}, "选项“--draft”不接受值“maybe”"},
		{[]string{"build", "---x"}, "选项写法不对"},
	}
	for _, tt := range tests {
		r := runIn(t, t.TempDir(), tt.args...)
		assert.Equal(t, exitInput, r.code, tt.args)
		assert.Contains(t, r.errOut, tt.want, tt.args)
		assert.Contains(t, r.errOut, "nianbao "+tt.args[0]+" -h", "points at the command's help")
		assert.Equal(t, 1, strings.Count(r.errOut, "用法错误"), "reported once: %s", r.errOut)
		assert.NotContains(t, r.errOut, "flag", tt.args)
		assert.Empty(t, r.out, tt.args)
	}
}

// withCommand adds a command for one test, e.g. one that panics.
func withCommand(t *testing.T, c command) {
	saved := commands
	commands = append(slices.Clone(commands), c)
	t.Cleanup(func() { commands = saved })
}

func TestPanicIsExitThreeWithLog(t *testing.T) {
	withCommand(t, command{"boom", "测试用", func(e *env, args []string) error {
		var m map[string]int
		//lint:ignore SA5000 on purpose: a real runtime panic
		m["x"] = 1 //nolint:staticcheck // SA5000 on purpose, as above
		return nil
	}})
	withCommand(t, command{"boom-out", "测试用", func(e *env, args []string) error {
		e.outDir = filepath.Join(e.dir, "输出")
		require.NoError(t, os.MkdirAll(e.outDir, 0o755))
		panic(fmt.Sprintf("坏了 %d", len(args)))
	}})
	tests := []struct {
		cmd, logDir string
	}{
		{"boom", "."},
		{"boom-out", "输出"},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			dir := t.TempDir()
			r := runIn(t, dir, tt.cmd)
			assert.Equal(t, exitInternal, r.code)
			assert.Contains(t, r.errOut, "内部错误")
			assert.NotContains(t, r.errOut, "goroutine")
			assert.NotContains(t, r.errOut, "panic")
			assert.NotContains(t, r.errOut, ".go:")
			logs, _ := filepath.Glob(filepath.Join(dir, tt.logDir, "nianbao-错误日志-20230120-090000.txt"))
			require.Len(t, logs, 1, r.errOut)
			assert.Contains(t, r.errOut, filepath.Base(logs[0]))
			b, err := os.ReadFile(logs[0])
			require.NoError(t, err)
			assert.Contains(t, string(b), "goroutine", "the stack is in the log")
		})
	}
}

func TestPlainError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "a.txt", Err: fs.ErrNotExist}, "无法打开 a.txt：文件或文件夹不存在"},
		{&fs.PathError{Op: "write", Path: "b", Err: fs.ErrPermission}, "无法写入 b：没有权限"},
		{fmt.Errorf("包装：%w", &fs.PathError{Op: "mkdir", Path: "c", Err: fs.ErrExist}), "无法创建文件夹 c：已存在"},
		{errors.New("别的错误"), "别的错误"},
	}
	for _, tt := range tests {
		assert.Contains(t, plainError(tt.err), tt.want)
	}
}
