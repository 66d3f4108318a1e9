package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
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
)

// env is what a command may touch of the outside world, so that commands
// run in tests without a process.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
	dir            string // working folder
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

var commands = []command{
	{"init", "创建一个报告年度的工作文件夹：配置文件 nianbao.toml 和统计表.xlsx", runInit},
	{"check", "读取统计表，逐条核对官方格式的勾稽关系和填报规则", runCheck},
	{"status", "查看准备情况：离公布期限还有几天、任务完成情况、还缺什么", runStatus},
	{"build", "生成年度报告：打印稿 PDF、可编辑 DOCX、Markdown、纯文本、网页和统计数据 JSON", runBuild},
}

const usageText = `nianbao —— 政府信息公开工作年度报告生成工具

用法：
  nianbao <命令> [选项]

命令：
%s
每个命令加 -h 查看选项，例如：nianbao check -h

退出码：0 完成（可有提醒）；1 发现错误；2 无法读取输入或用法有误。
`

func usage() string {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	return fmt.Sprintf(usageText, b.String())
}

func run(args []string, e *env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stdout, usage())
		if len(args) == 0 {
			return exitInput
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return exitCode(e, c.run(e, args[1:]))
		}
	}
	fmt.Fprintf(e.stderr, "未知命令“%s”。\n\n%s", args[0], usage())
	return exitInput
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
		for _, m := range de {
			fmt.Fprintln(e.stderr, m.String())
		}
	case errors.As(err, &xe):
		fmt.Fprintln(e.stderr, xe.Error())
	default:
		fmt.Fprintf(e.stderr, "出错：%v\n", err)
	}
	return exitInput
}

// newFlags makes a flag set whose help and errors are in Chinese.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "用法：nianbao %s\n\n选项：\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses and turns flag errors into usage errors (exit 2).
func parseFlags(fs *flag.FlagSet, args []string) error {
	// Allow options after positional arguments: "check 统计表.xlsx --json".
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return &usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}
