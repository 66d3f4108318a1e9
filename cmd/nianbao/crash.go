package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// crashed reports a recovered panic: the user gets a short note and the
// name of a log file to send with the report; the stack goes only to that
// file, because it means nothing to office staff and scares them.
func crashed(e *env, r any, stack []byte) int {
	name := "nianbao-错误日志-" + e.now().Format("20060102-150405") + ".txt"
	text := fmt.Sprintf("nianbao 内部错误\n%s\n时间：%s\n系统：%s/%s，%s\n\n%v\n\n%s",
		versionText(), e.now().Format("2006-01-02 15:04:05"), runtime.GOOS, runtime.GOARCH, runtime.Version(), r, stack)
	var written string
	// The output folder is where the user looks; the working folder and
	// the temp folder are fallbacks for an output folder not yet known or
	// not writable.
	for _, dir := range []string{e.outDir, e.dir, os.TempDir()} {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err == nil {
			written = p
			break
		}
	}
	fmt.Fprintln(e.stderr, "nianbao 遇到了程序内部错误，没有完成。这不是您的输入有误，而是程序的缺陷。")
	if written != "" {
		fmt.Fprintf(e.stderr, "错误详情已写入 %s，请把这个文件连同所用的命令发给维护人员。\n", e.displayPath(written))
	} else {
		fmt.Fprintln(e.stderr, "错误详情无法写入日志文件，请把所用的命令和输入文件发给维护人员。")
	}
	return exitInternal
}
