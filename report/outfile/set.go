package outfile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/report/diag"
)

// Names nianbao keeps in an output folder besides the outputs. All begin
// with ".nianbao-" so that clean-up can never match a user's file.
const (
	// ManifestName records what nianbao wrote, so that a later build
	// replaces its own files but never a file the user edited.
	ManifestName = ".nianbao-输出清单.json"
	// JournalName exists only while a set is being renamed into place: it
	// is what lets the next build undo a build that died half-way.
	JournalName = ".nianbao-写入中.json"

	reservedPrefix = ".nianbao-"
	tempPrefix     = ".nianbao-临时-"
	backupPrefix   = ".nianbao-备份-"
)

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

// WriteError is a failed write of a set. Touched tells whether existing
// files had already been replaced (and were then put back); RestoreErr
// is why putting them back failed, if it did.
type WriteError struct {
	Path       string
	Err        error
	Touched    bool
	RestoreErr error
}

func (e *WriteError) Error() string {
	what := fmt.Sprintf("写入 %s 失败：%v", e.Path, e.Err)
	if errors.Is(e.Err, syscall.ENOSPC) {
		what += "（磁盘空间不足）"
	}
	switch {
	case !e.Touched:
		return what + "。没有改动任何已有文件"
	case e.RestoreErr == nil:
		return what + "。已恢复原有文件"
	default:
		return fmt.Sprintf("%s。恢复原有文件时也出错：%v。原有文件的备份仍在 %s 中（以 %s 开头），下次生成时会自动恢复",
			what, e.RestoreErr, filepath.Dir(e.Path), backupPrefix)
	}
}

func (e *WriteError) Unwrap() error { return e.Err }

// RecoveryError means the folder holds an interrupted build's journal
// that could not be acted on; nothing was written.
type RecoveryError struct {
	Path string
	Err  error
}

func (e *RecoveryError) Error() string {
	return fmt.Sprintf("上次生成在写入 %s 时中断，无法自动恢复：%v。没有写入任何文件。请检查该文件夹；确认输出文件无误后可删除 %s 再试",
		filepath.Dir(e.Path), e.Err, e.Path)
}

func (e *RecoveryError) Unwrap() error { return e.Err }

// Options tune WriteSetWith.
type Options struct {
	// Force replaces files even if the user changed them.
	Force bool
	// Note is told what was done besides writing (an interrupted build
	// undone, a stale lock removed), so the user is not surprised by it.
	Note func(path, msg string)
}

// afterStep, set by tests only, runs after every step that changes the
// folder. An error makes the step fail; a panic stands for the process
// dying right there.
var afterStep func(step string) error

func step(name string) error {
	if afterStep != nil {
		return afterStep(name)
	}
	return nil
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// journalEntry is one file of a set being put in place.
type journalEntry struct {
	Name   string `json:"name"`
	Old    string `json:"old,omitempty"`    // digest of the file replaced; empty if there was none
	Prev   string `json:"prev,omitempty"`   // its manifest entry before
	Backup string `json:"backup,omitempty"` // where the replaced file is kept until the set is complete
	New    string `json:"new"`
	Temp   string `json:"temp"`
}

type journal struct {
	PID      int            `json:"pid"`
	Started  time.Time      `json:"started"`
	Manifest string         `json:"manifest"` // digest of the manifest that completes the set
	Files    []journalEntry `json:"files"`
}

// WriteSet writes files into dir, all or nothing; see WriteSetWith.
func WriteSet(dir string, files []File, force bool) ([]string, error) {
	return WriteSetWith(dir, files, Options{Force: force})
}

// WriteSetWith writes files into dir as one set: afterwards either all are
// the new ones or, on failure, the folder holds what it held before. A
// file that exists is replaced only if the manifest shows nianbao wrote it
// unchanged, or with opt.Force. One build at a time holds the folder's
// lock; a build that died half-way is undone first.
//
// The order is what makes this hold when the process dies at any point:
// every new file is written and synced under a temp name; the journal is
// written; each old file is moved to a backup and the new one renamed in;
// the manifest is replaced, which completes the set; backups and the
// journal are removed.
func WriteSetWith(dir string, files []File, opt Options) ([]string, error) {
	note := opt.Note
	if note == nil {
		note = func(string, string) {}
	}
	if err := checkNames(files); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, diag.Errorf(diag.Pos{File: dir}, "无法创建文件夹：%v", err)
	}
	unlock, err := lockDir(dir, note)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := recoverDir(dir, note); err != nil {
		return nil, err
	}

	manifest := readManifest(dir)
	entries := make([]journalEntry, len(files))
	var modified []string
	for i, f := range files {
		p := filepath.Join(dir, f.Name)
		e := journalEntry{Name: f.Name, New: digest(f.Data), Prev: manifest[f.Name]}
		cur, err := os.ReadFile(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return nil, diag.Errorf(diag.Pos{File: p}, "无法读取已有的输出文件：%v", err)
		default:
			e.Old = digest(cur)
			e.Backup = backupPrefix + f.Name
			if !opt.Force && e.Prev != e.Old {
				modified = append(modified, p)
			}
		}
		entries[i] = e
	}
	if len(modified) > 0 {
		return nil, &ModifiedError{Paths: modified}
	}

	for i, f := range files {
		tmp, err := writeTemp(dir, f.Name, f.Data)
		if err == nil {
			entries[i].Temp = tmp
			err = step("temp:" + f.Name)
		}
		if err != nil {
			removeTemps(dir, entries)
			return nil, &WriteError{Path: filepath.Join(dir, f.Name), Err: err}
		}
	}

	next := maps.Clone(manifest)
	for _, e := range entries {
		next[e.Name] = e.New
	}
	mdata, err := json.MarshalIndent(next, "", "  ") // encoding/json sorts map keys
	if err != nil {
		return nil, err
	}
	mdata = append(mdata, '\n')
	j := &journal{PID: os.Getpid(), Started: time.Now().UTC(), Manifest: digest(mdata), Files: entries}
	jdata, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return nil, err
	}
	jpath := filepath.Join(dir, JournalName)
	err = writeAtomic(dir, JournalName, jdata)
	if err == nil {
		err = step("journal")
	}
	if err != nil {
		removeTemps(dir, entries)
		_ = os.Remove(jpath) // nothing is renamed yet, so the journal has nothing to undo
		return nil, &WriteError{Path: jpath, Err: err}
	}

	fail := func(p string, err error) error {
		return &WriteError{Path: p, Err: err, Touched: true, RestoreErr: rollback(dir, j)}
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name)
		if e.Backup != "" {
			err := os.Rename(p, filepath.Join(dir, e.Backup))
			if err == nil {
				err = step("backup:" + e.Name)
			}
			if err != nil {
				return nil, fail(p, err)
			}
		}
		err := os.Rename(filepath.Join(dir, e.Temp), p)
		if err == nil {
			err = step("rename:" + e.Name)
		}
		if err != nil {
			return nil, fail(p, err)
		}
	}
	syncDir(dir)
	mpath := filepath.Join(dir, ManifestName)
	err = writeAtomic(dir, ManifestName, mdata)
	if err == nil {
		err = step("manifest")
	}
	if err != nil {
		return nil, fail(mpath, err)
	}

	// The set is complete. What is left is tidying up; if that fails the
	// next build finishes it, so its errors do not fail this one.
	for _, e := range entries {
		if e.Backup != "" {
			_ = os.Remove(filepath.Join(dir, e.Backup))
			_ = step("drop:" + e.Name)
		}
	}
	_ = os.Remove(jpath)
	_ = step("done")

	written := make([]string, len(files))
	for i, f := range files {
		written[i] = filepath.Join(dir, f.Name)
	}
	return written, nil
}

// checkNames rejects names that would escape the folder or collide with
// nianbao's own bookkeeping: a programming error, not a user's.
func checkNames(files []File) error {
	seen := map[string]bool{}
	for _, f := range files {
		if f.Name == "" || filepath.Base(f.Name) != f.Name || f.Name == "." || f.Name == ".." ||
			strings.HasPrefix(f.Name, reservedPrefix) || seen[f.Name] {
			return fmt.Errorf("输出文件名无效：%q", f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

// readManifest returns the folder's manifest; a damaged or missing one
// protects nothing and reads as empty.
func readManifest(dir string) map[string]string {
	m := map[string]string{}
	if b, err := os.ReadFile(filepath.Join(dir, ManifestName)); err == nil {
		if json.Unmarshal(b, &m) != nil {
			m = map[string]string{}
		}
	}
	return m
}

// writeTemp writes data to a new synced temp file in dir and returns its
// base name.
func writeTemp(dir, name string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*-"+strings.ReplaceAll(name, "*", "_"))
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644) // CreateTemp's 0600 would hide the report from colleagues
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return filepath.Base(f.Name()), nil
}

// writeAtomic replaces dir/name with data in one rename.
func writeAtomic(dir, name string, data []byte) error {
	tmp, err := writeTemp(dir, name, data)
	if err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(dir, tmp), filepath.Join(dir, name)); err != nil {
		_ = os.Remove(filepath.Join(dir, tmp))
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes renames in dir durable where the system allows it (not
// on Windows); the renames are atomic either way.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}

func removeTemps(dir string, entries []journalEntry) {
	for _, e := range entries {
		if e.Temp != "" {
			_ = os.Remove(filepath.Join(dir, e.Temp))
		}
	}
}

// fileDigest is the digest of the file at p, "" if there is none.
func fileDigest(p string) (string, error) {
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return digest(b), nil
}
