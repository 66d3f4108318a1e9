package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/outfile"
)

// Exit codes, mapped in one place (exitCode).
const (
	exitOK       = 0 // done; warnings allowed
	exitFindings = 1 // the input has errors (or, for status, something blocks)
	exitInput    = 2 // input could not be read, or usage is wrong
	exitInternal = 3 // a bug in nianbao: recovered panic, stack in a log file
)

// env is what a command may touch of the outside world, so that commands
// run in tests without a process.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
	dir            string // working folder
	// outDir is the output folder once a command knows it (from the
	// config), where a crash log goes; "" means the working folder.
	outDir string
}

func newEnv() *env {
	wd, _ := os.Getwd()
	return &env{stdout: os.Stdout, stderr: os.Stderr, now: time.Now, dir: wd}
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// findingsError means the command ran and found errors in the input.
type findingsError struct{ n int }

func (e *findingsError) Error() string { return fmt.Sprintf("%d 个错误", e.n) }

type command struct {
	name, summary string
	run           func(e *env, args []string) error
}

// commands is set in init: the help of a command names its summary, and
// a composite literal here would make an initialization cycle.
var commands []command

func init() {
	commands = []command{
		{"init", "创建一个报告年度的工作文件夹：配置文件 nianbao.toml 和统计表.xlsx", runInit},
		{"check", "读取统计表，逐条核对官方格式的勾稽关系和填报规则", runCheck},
		{"status", "查看准备情况：离公布期限还有几天、任务完成情况、还缺什么", runStatus},
		{"build", "生成年度报告：打印稿 PDF、可编辑 DOCX、Markdown、纯文本、网页和统计数据 JSON", runBuild},
		{"rollup", "本系统/本级汇总：核对各单位报回的统计表，相加生成汇总统计表", runRollup},
		{"import", "导入已公布的上年报告（网页、DOCX 或纯文本）：写出统计表和按部分的报告正文", runImport},
	}
}

const usageText = `nianbao —— 政府信息公开工作年度报告生成工具

用法：
  nianbao <命令> [选项]

命令：
%s
  help     查看命令的用法，例如：nianbao help check
  version  查看版本

每个命令加 -h 查看选项，例如：nianbao check -h

退出码：0 完成（可有提醒）；1 发现错误或不能生成正式稿；2 无法读取输入或用法有误；
3 程序内部错误（请报告，错误详情写在日志文件中）。
`

func usage() string {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	return fmt.Sprintf(usageText, b.String())
}

func run(args []string, e *env) (code int) {
	// A panic is a bug of ours, not the user's: a short note and a log
	// file for the report, never a stack on the terminal.
	defer func() {
		if r := recover(); r != nil {
			code = crashed(e, r, debug.Stack())
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage())
		return exitInput
	}
	switch args[0] {
	case "-h", "--help", "-help":
		fmt.Fprint(e.stdout, usage())
		return exitOK
	case "help":
		return help(e, args[1:])
	case "version", "--version", "-version", "-v":
		fmt.Fprintln(e.stdout, versionText())
		return exitOK
	}
	if c := lookup(args[0]); c != nil {
		return exitCode(e, c.run(e, args[1:]))
	}
	fmt.Fprintf(e.stderr, "未知命令“%s”。\n\n%s", args[0], usage())
	return exitInput
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// help is "nianbao help [命令]": the same text as "nianbao 命令 -h".
func help(e *env, args []string) int {
	switch {
	case len(args) == 0:
		fmt.Fprint(e.stdout, usage())
		return exitOK
	case len(args) > 1:
		return exitCode(e, &usageError{"help 只接受一个命令名，例如：nianbao help build"})
	}
	if args[0] == "version" || args[0] == "help" {
		fmt.Fprint(e.stdout, usage())
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "未知命令“%s”。\n\n%s", args[0], usage())
		return exitInput
	}
	return exitCode(e, c.run(e, []string{"-h"}))
}

// exitCode reports err and maps it to the exit code: the one place where
// errors become codes.
func exitCode(e *env, err error) int {
	if err == nil {
		return exitOK
	}
	var (
		fe *findingsError
		ue *usageError
		de diag.Errors
		xe *outfile.ExistsError
	)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &fe):
		return exitFindings // already reported by the command
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "用法错误：%s\n", ue.msg)
	case errors.As(err, &de):
		_ = e.relativeErr(de) // names the files of de in place
		for _, m := range de {
			fmt.Fprintln(e.stderr, m.String())
		}
	case errors.As(err, &xe):
		fmt.Fprintln(e.stderr, xe.Error())
	default:
		fmt.Fprintf(e.stderr, "出错：%s\n", plainError(err))
	}
	return exitInput
}

// relativeErr names the files of err's positions relative to the working
// folder, as the clerk would type them.
func (e *env) relativeErr(err error) error { return e.pipe(time.Time{}).Relative(err) }
