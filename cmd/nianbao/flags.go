package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/nianbao/nianbao/report/lazyre"
)

// newFlags makes a flag set whose help and errors are in Chinese. The
// flag package writes nothing: parseFlags reports errors once, in Chinese.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { fmt.Fprint(e.stdout, helpText(fs, synopsis)) }
	return fs
}

// helpText is a command's help: its usage line and its options, written by
// us rather than by fs.PrintDefaults so that it is Chinese throughout.
func helpText(fs *flag.FlagSet, synopsis string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "用法：nianbao %s\n", synopsis)
	if c := lookup(fs.Name()); c != nil {
		fmt.Fprintf(&b, "\n%s\n", c.summary)
	}
	b.WriteString("\n选项：\n")
	fs.VisitAll(func(f *flag.Flag) {
		name := "--" + f.Name
		if !isBool(f) {
			name += " " + valueName(f)
		}
		fmt.Fprintf(&b, "  %s\n      %s", name, f.Usage)
		if def := f.DefValue; def != "" && def != "false" && def != "0" && !strings.Contains(f.Usage, "默认") {
			if def == "." {
				def = "当前文件夹"
			}
			fmt.Fprintf(&b, "（默认：%s）", def)
		}
		b.WriteString("\n")
	})
	b.WriteString("  -h, --help\n      显示本帮助\n")
	return b.String()
}

func isBool(f *flag.Flag) bool {
	bf, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && bf.IsBoolFlag()
}

// valueName is the placeholder after an option in help: 年份 for numbers,
// else 值.
func valueName(f *flag.Flag) string {
	if _, ok := f.Value.(flag.Getter).Get().(int); ok {
		return "数字"
	}
	return "值"
}

// parseFlags parses and turns flag errors into usage errors (exit 2); -h
// prints the command's help to stdout and ends the command (exit 0). The
// flag package calls Usage on errors too, so Usage is silenced while
// parsing and help printed only when asked for.
func parseFlags(fs *flag.FlagSet, args []string) error {
	printHelp := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = printHelp }()
	// Allow options after positional arguments: "check 统计表.xlsx --json".
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp()
				return err
			}
			return &usageError{flagMessage(fs.Name(), err)}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// flagErrors' patterns are compiled at the first wrong flag, not at every
// start.
var flagErrors = []struct {
	re   func() *regexp.Regexp
	text string
}{
	{lazyre.New(`^flag provided but not defined: -+(.*)$`), "没有“--$1”这个选项"},
	{lazyre.New(`^flag needs an argument: -+(.*)$`), "选项“--$1”后面要写一个值"},
	{lazyre.New(`^invalid boolean value "(.*)" for -+([^:]*): .*$`), "选项“--$2”不接受值“$1”：直接写 --$2 即可"},
	{lazyre.New(`^invalid value "(.*)" for flag -+([^:]*): .*$`), "选项“--$2”的值“$1”无效，应为整数"},
	{lazyre.New(`^bad flag syntax: (.*)$`), "选项写法不对：“$1”，应写成 --选项 或 --选项 值"},
}

// flagMessage restates an error of the flag package in Chinese, with the
// way to the command's help.
func flagMessage(cmd string, err error) string {
	msg := err.Error()
	for _, f := range flagErrors {
		if m := f.re().FindStringSubmatchIndex(msg); m != nil {
			msg = string(f.re().ExpandString(nil, f.text, msg, m))
			break
		}
	}
	return fmt.Sprintf("%s。运行 nianbao %s -h 查看可用的选项", msg, cmd)
}
