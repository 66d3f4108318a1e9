package main

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// plainError restates the errors that reach the user without a Chinese
// message of their own: mostly file-system errors, whose Go text is
// English ("open x: permission denied").
func plainError(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	op := map[string]string{"open": "打开", "read": "读取", "write": "写入", "mkdir": "创建文件夹",
		"remove": "删除", "rename": "改名", "stat": "查看", "readdir": "读取文件夹", "close": "写完"}[pe.Op]
	if op == "" {
		op = "使用"
	}
	return fmt.Sprintf("无法%s %s：%s", op, pe.Path, reason(pe.Err))
}

func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在，请检查路径"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限，请检查文件是否被其他程序（如 WPS、Excel）打开，或换一个有写入权限的文件夹"
	case errors.Is(err, fs.ErrExist):
		return "已存在"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, syscall.EROFS):
		return "所在的磁盘只读"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一段是文件而不是文件夹"
	case errors.Is(err, syscall.EISDIR):
		return "这是文件夹，不是文件"
	}
	return "系统错误（" + err.Error() + "）"
}
