// Package infile reads the files a clerk points nianbao at with a size
// limit, so that a wrong path (a device, a folder, a disk image) is turned
// away with a message instead of taking the machine's memory.
package infile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/nianbao/nianbao/report/diag"
)

// Limits for the text inputs. A nianbao.toml or a plan is a few KB; a ledger
// kept as TOML for a few hundred tasks stays well under 1 MB, a template
// under 20 KB. The limits leave a wide margin and still keep any file's
// decoding to a few hundred MB at worst.
const (
	MaxTOML     = 4 << 20
	MaxTemplate = 1 << 20
)

// Read reads the regular file at path, at most limit bytes. what names the
// kind of file in messages ("配置文件", "任务台账"), typical its usual size
// ("100 KB"), which tells the clerk more than the limit does.
//
// A missing file gives an error for which errors.Is(err, fs.ErrNotExist)
// holds, so that callers can say what to do about it; every other failure
// is diag.Errors naming the file.
func Read(path string, limit int64, what, typical string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, diag.Errorf(diag.Pos{File: path}, "无法读取%s：%v", what, err)
	}
	if err := checkInfo(path, st, limit, what, typical); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, diag.Errorf(diag.Pos{File: path}, "无法读取%s：%v", what, err)
	}
	defer func() { _ = f.Close() }()
	// The file may have been swapped or may still grow: read one byte past
	// the limit to notice, never more.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "无法读取%s：%v", what, err)
	}
	if int64(len(data)) > limit {
		return nil, TooLarge(filepath.Base(path), -1, limit, what, typical)
	}
	return data, nil
}

func checkInfo(path string, st fs.FileInfo, limit int64, what, typical string) error {
	switch {
	case st.IsDir():
		return diag.Errorf(diag.Pos{File: path}, "这是一个文件夹，不是%s。请检查路径", what)
	case !st.Mode().IsRegular():
		return diag.Errorf(diag.Pos{File: path}, "这不是普通文件（可能是设备、管道或其他特殊文件），不能作为%s读取。请检查路径", what)
	case st.Size() > limit:
		return TooLarge(filepath.Base(path), st.Size(), limit, what, typical)
	}
	return nil
}

// TooLarge is the message for a file over its limit; size < 0 when unknown.
func TooLarge(name string, size, limit int64, what, typical string) diag.Errors {
	got := "超过 " + Size(limit)
	if size >= 0 {
		got = Size(size)
	}
	return diag.Errorf(diag.Pos{File: name}, "文件过大（%s），%s一般不超过 %s，nianbao 只读不超过 %s 的文件。请确认选对了文件", got, what, typical, Size(limit))
}

// Size renders a byte count as a clerk reads it: "4 MB", "512 KB".
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
