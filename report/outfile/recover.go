package outfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// recoverDir finishes what a build that died in dir left behind: with a
// journal, the set is undone (or, if its manifest was already in place,
// kept); then temp and backup files of ours are removed. The caller holds
// the lock, so no live build owns any of them.
func recoverDir(dir string, note func(path, msg string)) error {
	jpath := filepath.Join(dir, JournalName)
	b, err := os.ReadFile(jpath)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return &RecoveryError{Path: jpath, Err: err}
	default:
		var j journal
		if err := json.Unmarshal(b, &j); err != nil {
			return &RecoveryError{Path: jpath, Err: fmt.Errorf("记录文件已损坏：%v", err)}
		}
		done, err := completed(dir, &j)
		if err != nil {
			return &RecoveryError{Path: jpath, Err: err}
		}
		if done {
			if err := dropBackups(dir, &j); err != nil {
				return &RecoveryError{Path: jpath, Err: err}
			}
			note(dir, "上次生成在收尾时中断，它的新文件已全部写好，已清理它留下的备份")
		} else {
			if err := rollback(dir, &j); err != nil {
				return &RecoveryError{Path: jpath, Err: err}
			}
			note(dir, "上次生成在写入过程中中断，已恢复它之前的文件")
		}
	}
	n, err := removeLeftovers(dir)
	if err != nil {
		return &RecoveryError{Path: jpath, Err: err}
	}
	if n > 0 {
		note(dir, fmt.Sprintf("已删除上次中断的生成留下的 %d 个临时文件", n))
	}
	return nil
}

// completed tells whether the journal's set was fully in place: its
// manifest written and every file the new one.
func completed(dir string, j *journal) (bool, error) {
	m, err := fileDigest(filepath.Join(dir, ManifestName))
	if err != nil || m != j.Manifest {
		return false, err
	}
	for _, e := range j.Files {
		d, err := fileDigest(filepath.Join(dir, e.Name))
		if err != nil || d != e.New {
			return false, err
		}
	}
	return true, nil
}

func dropBackups(dir string, j *journal) error {
	for _, e := range j.Files {
		if e.Backup == "" {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Backup)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return removeFile(filepath.Join(dir, JournalName))
}

// rollback puts back the files a journal's set replaced and their manifest
// entries, and removes the journal. It may run again after dying half-way:
// each step leaves a state it recognises.
func rollback(dir string, j *journal) error {
	var errs []error
	for _, e := range j.Files {
		p := filepath.Join(dir, e.Name)
		cur, err := fileDigest(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		switch {
		case e.Backup != "":
			b := filepath.Join(dir, e.Backup)
			if _, err := os.Lstat(b); err != nil {
				break // not moved aside yet, or already put back
			}
			if cur != "" && cur != e.New {
				// Edited by the user since the build died: the edit wins
				// and, as the manifest does not know it, stays protected.
				err = os.Remove(b)
			} else {
				err = os.Rename(b, p)
			}
			if err != nil {
				errs = append(errs, err)
			}
		case e.Old == "" && cur == e.New && cur != "":
			if err := os.Remove(p); err != nil {
				errs = append(errs, err)
			}
		}
		_ = step("undo:" + e.Name)
		if e.Temp != "" {
			if err := removeFile(filepath.Join(dir, e.Temp)); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...) // the journal stays, for the next build to try again
	}
	m := readManifest(dir)
	for _, e := range j.Files {
		if e.Prev == "" {
			delete(m, e.Name)
		} else {
			m[e.Name] = e.Prev
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeAtomic(dir, ManifestName, append(b, '\n')); err != nil {
		return err
	}
	_ = step("undo-manifest")
	return removeFile(filepath.Join(dir, JournalName))
}

// removeLeftovers removes temp and backup files of ours that no journal
// needs, and counts them.
func removeLeftovers(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !(strings.HasPrefix(name, tempPrefix) || strings.HasPrefix(name, backupPrefix)) {
			continue
		}
		if err := removeFile(filepath.Join(dir, name)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func removeFile(p string) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
