// Package outfile writes nianbao's output files so that nothing is lost:
// atomically (a temp file renamed into place, never a half-written file)
// and never over a user's file unless asked to. A set of outputs is
// replaced as a whole, one build at a time, and a build that died half-way
// is undone by the next (see WriteSetWith).
package outfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nianbao/nianbao/report/diag"
)

// ErrExists is returned (wrapped in diag.Errors) when the target exists and
// overwriting was not allowed.
var ErrExists = errors.New("file exists")

// ExistsError names a file that was not overwritten.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s：文件已存在，未覆盖。如确需覆盖，请加 --force", e.Path)
}

func (e *ExistsError) Unwrap() error { return ErrExists }

// Write puts data at path atomically. Without force an existing file is
// left untouched and an *ExistsError returned.
func Write(path string, data []byte, force bool) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return &ExistsError{Path: path}
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return diag.Errorf(diag.Pos{File: dir}, "无法创建文件夹：%v", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return diag.Errorf(diag.Pos{File: path}, "无法写入：%v", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close() // the write error is the one to report
		return diag.Errorf(diag.Pos{File: path}, "写入失败：%v", err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close() // the sync error is the one to report
		return diag.Errorf(diag.Pos{File: path}, "写入失败：%v", err)
	}
	if err := tmp.Close(); err != nil {
		return diag.Errorf(diag.Pos{File: path}, "写入失败：%v", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return diag.Errorf(diag.Pos{File: path}, "写入失败：%v", err)
	}
	if !force {
		// Link fails if the target appeared meanwhile: never clobber.
		if err := os.Link(tmp.Name(), path); err == nil {
			return nil
		} else if errors.Is(err, os.ErrExist) {
			return &ExistsError{Path: path}
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return diag.Errorf(diag.Pos{File: path}, "写入失败：%v", err)
	}
	return nil
}
