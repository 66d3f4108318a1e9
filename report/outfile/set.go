package outfile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nianbao/nianbao/report/diag"
)

// ManifestName is the file in an output folder that records what nianbao
// wrote there, so that a later build replaces its own files but never a
// file the user edited.
const ManifestName = ".nianbao-输出清单.json"

// File is one output.
type File struct {
	Name string // base name inside the folder
	Data []byte
}

// ModifiedError lists outputs that were changed since nianbao wrote them
// (or were never written by it).
type ModifiedError struct{ Paths []string }

func (e *ModifiedError) Error() string {
	return fmt.Sprintf("以下文件已存在且不是本程序上次生成的原样（可能已被修改），未覆盖：%v。如确需覆盖，请加 --force；或先把修改过的文件另存到别处", e.Paths)
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// WriteSet writes files into dir, all or nothing: every target is checked
// first, and each file is written atomically. A file that exists is
// replaced only if the manifest shows nianbao wrote it unchanged, or force.
func WriteSet(dir string, files []File, force bool) ([]string, error) {
	manifest := map[string]string{}
	mpath := filepath.Join(dir, ManifestName)
	if b, err := os.ReadFile(mpath); err == nil {
		_ = json.Unmarshal(b, &manifest) // a damaged manifest protects nothing: treat as empty
	}
	var modified []string
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		cur, err := os.ReadFile(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			return nil, diag.Errorf(diag.Pos{File: p}, "无法读取已有的输出文件：%v", err)
		}
		if !force && manifest[f.Name] != digest(cur) {
			modified = append(modified, p)
		}
	}
	if len(modified) > 0 {
		return nil, &ModifiedError{Paths: modified}
	}
	var written []string
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if err := Write(p, f.Data, true); err != nil {
			return written, err
		}
		manifest[f.Name] = digest(f.Data)
		written = append(written, p)
	}
	b, err := json.MarshalIndent(manifest, "", "  ") // encoding/json sorts map keys
	if err != nil {
		return written, err
	}
	if err := Write(mpath, append(b, '\n'), true); err != nil {
		return written, err
	}
	return written, nil
}
