package outfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The scenario every interruption test runs: a folder holding a report
// and a draft; a new report that changes one file, keeps one identical
// and adds one.
var (
	draftSet = []File{{"d.md", []byte("D1")}}
	oldSet   = []File{{"a.md", []byte("A1")}, {"b.html", []byte("B1")}}
	newSet   = []File{{"a.md", []byte("A2")}, {"b.html", []byte("B1")}, {"c.json", []byte("C2")}}
	nextSet  = []File{{"a.md", []byte("A3")}, {"b.html", []byte("B3")}, {"c.json", []byte("C3")}}
)

func contents(sets ...[]File) map[string]string {
	m := map[string]string{}
	for _, s := range sets {
		for _, f := range s {
			m[f.Name] = string(f.Data)
		}
	}
	return m
}

func setup(t *testing.T) string {
	dir := t.TempDir()
	_, err := WriteSet(dir, draftSet, false)
	require.NoError(t, err)
	_, err = WriteSet(dir, oldSet, false)
	require.NoError(t, err)
	return dir
}

// outputs reads every file in dir but the manifest, and fails on anything
// of ours that should be gone by now.
func outputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	m := map[string]string{}
	for _, e := range entries {
		if e.Name() == ManifestName {
			continue
		}
		require.False(t, strings.HasPrefix(e.Name(), reservedPrefix), "left behind: %s", e.Name())
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		m[e.Name()] = string(b)
	}
	return m
}

// requireWhole checks that dir holds exactly the old or exactly the new
// outputs, and that the manifest vouches for every one of them.
func requireWhole(t *testing.T, dir string) {
	t.Helper()
	got := outputs(t, dir)
	old, neu := contents(draftSet, oldSet), contents(draftSet, oldSet, newSet)
	if fmt.Sprint(got) != fmt.Sprint(old) {
		require.Equal(t, neu, got, "neither the old nor the new set")
	}
	m := readManifest(dir)
	for name, data := range got {
		assert.Equal(t, digest([]byte(data)), m[name], "manifest entry of %s", name)
	}
}

// recoverNow runs what the next build runs before writing.
func recoverNow(t *testing.T, dir string) []string {
	t.Helper()
	var notes []string
	note := func(_, msg string) { notes = append(notes, msg) }
	unlock, err := lockDir(dir, note)
	require.NoError(t, err)
	defer unlock()
	require.NoError(t, recoverDir(dir, note))
	return notes
}

// stepsOf lists the steps writing newSet over setup's folder goes through.
func stepsOf(t *testing.T) []string {
	dir := setup(t)
	var steps []string
	afterStep = func(s string) error { steps = append(steps, s); return nil }
	defer func() { afterStep = nil }()
	_, err := WriteSet(dir, newSet, false)
	require.NoError(t, err)
	return steps
}

type killed struct{}

// writeKilledAt writes set and "dies" after step at (counted from 0); it
// tells whether that step was reached.
func writeKilledAt(dir string, set []File, at int) (died bool) {
	n := 0
	afterStep = func(string) error {
		if n == at {
			panic(killed{})
		}
		n++
		return nil
	}
	defer func() {
		afterStep = nil
		if r := recover(); r != nil {
			if _, ok := r.(killed); !ok {
				panic(r)
			}
			died = true
		}
	}()
	_, _ = WriteSet(dir, set, false)
	return false
}

func TestWriteSetSurvivesDeathAtEveryStep(t *testing.T) {
	steps := stepsOf(t)
	require.Contains(t, steps, "journal")
	require.Contains(t, steps, "manifest")
	for i, s := range steps {
		t.Run(fmt.Sprintf("%02d-%s", i, s), func(t *testing.T) {
			dir := setup(t)
			require.True(t, writeKilledAt(dir, newSet, i))
			recoverNow(t, dir)
			requireWhole(t, dir)

			_, err := WriteSet(dir, nextSet, false)
			require.NoError(t, err, "no --force needed after an interrupted build")
			assert.Equal(t, contents(draftSet, oldSet, nextSet), outputs(t, dir))
			_, err = WriteSet(dir, draftSet, false)
			require.NoError(t, err, "the other kind's entries survive")
		})
	}
}

// Dying again while undoing an interrupted build is undone by the build
// after.
func TestRecoverySurvivesDeathAtEveryStep(t *testing.T) {
	for i, s := range stepsOf(t) {
		// The undo steps the next build goes through after this death.
		dir := setup(t)
		require.True(t, writeKilledAt(dir, newSet, i))
		var undo []int
		n := 0
		afterStep = func(s string) error {
			if strings.HasPrefix(s, "undo") {
				undo = append(undo, n)
			}
			n++
			return nil
		}
		_, err := WriteSet(dir, nextSet, false)
		afterStep = nil
		require.NoError(t, err)

		for _, j := range undo {
			dir := setup(t)
			require.True(t, writeKilledAt(dir, newSet, i))
			require.True(t, writeKilledAt(dir, nextSet, j))
			recoverNow(t, dir)
			requireWhole(t, dir)
			_, err := WriteSet(dir, nextSet, false)
			require.NoError(t, err, "died at %s, then at step %d of the next build", s, j)
			assert.Equal(t, contents(draftSet, oldSet, nextSet), outputs(t, dir))
		}
	}
}

func TestWriteSetFailingAtEveryStep(t *testing.T) {
	steps := stepsOf(t)
	boom := errors.New("注入的错误")
	for i, s := range steps {
		t.Run(fmt.Sprintf("%02d-%s", i, s), func(t *testing.T) {
			dir := setup(t)
			n := 0
			afterStep = func(string) error {
				n++
				if n-1 == i {
					return boom
				}
				return nil
			}
			defer func() { afterStep = nil }()
			written, err := WriteSet(dir, newSet, false)
			afterStep = nil
			if err == nil {
				// Once the manifest is in place the set is complete;
				// what fails after is tidied up by the next build.
				assert.Len(t, written, len(newSet))
				recoverNow(t, dir)
				assert.Equal(t, contents(draftSet, oldSet, newSet), outputs(t, dir))
			} else {
				var we *WriteError
				require.ErrorAs(t, err, &we)
				assert.ErrorIs(t, err, boom)
				assert.Nil(t, written)
				if we.Touched {
					assert.Contains(t, err.Error(), "已恢复原有文件")
				} else {
					assert.Contains(t, err.Error(), "没有改动任何已有文件")
				}
				assert.Equal(t, contents(draftSet, oldSet), outputs(t, dir), "old files intact, nothing left behind")
			}
			_, err = WriteSet(dir, nextSet, false)
			require.NoError(t, err)
		})
	}
}

func TestWriteSetDiskFull(t *testing.T) {
	for _, tc := range []struct {
		at, msg string
	}{
		{"temp:b.html", "没有改动任何已有文件"},
		{"journal", "没有改动任何已有文件"},
		{"rename:b.html", "已恢复原有文件"},
		{"manifest", "已恢复原有文件"},
	} {
		t.Run(tc.at, func(t *testing.T) {
			dir := setup(t)
			afterStep = func(s string) error {
				if s == tc.at {
					return &os.PathError{Op: "write", Path: s, Err: syscall.ENOSPC}
				}
				return nil
			}
			defer func() { afterStep = nil }()
			_, err := WriteSet(dir, newSet, false)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "磁盘空间不足")
			assert.Contains(t, err.Error(), tc.msg)
			assert.ErrorIs(t, err, syscall.ENOSPC)
			assert.Equal(t, contents(draftSet, oldSet), outputs(t, dir))
		})
	}
}

// The user edits a file while the folder is half written: recovery keeps
// the edit, and the edit still needs --force.
func TestRecoveryKeepsUserEdit(t *testing.T) {
	dir := setup(t)
	require.True(t, writeKilledAt(dir, newSet, indexOf(t, stepsOf(t), "rename:c.json")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte("审阅意见"), 0o644))
	_, err := WriteSet(dir, nextSet, false)
	var me *ModifiedError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []string{filepath.Join(dir, "a.md")}, me.Paths)
	got := outputs(t, dir)
	assert.Equal(t, "审阅意见", got["a.md"])
	assert.Equal(t, "B1", got["b.html"])
	assert.NotContains(t, got, "c.json", "the interrupted set's new file is undone")

	_, err = WriteSet(dir, nextSet, true)
	require.NoError(t, err)
	assert.Equal(t, contents(draftSet, nextSet), outputs(t, dir))
}

func indexOf(t *testing.T, steps []string, s string) int {
	for i, x := range steps {
		if x == s {
			return i
		}
	}
	t.Fatalf("no step %s in %v", s, steps)
	return -1
}

func TestLeftoversOfOursAreRemovedOnly(t *testing.T) {
	dir := setup(t)
	for _, name := range []string{tempPrefix + "123-a.md", backupPrefix + "a.md", ".a.md.123.tmp", "笔记.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644))
	}
	var notes []string
	_, err := WriteSetWith(dir, newSet, Options{Note: func(_, msg string) { notes = append(notes, msg) }})
	require.NoError(t, err)
	assert.Equal(t, []string{"已删除上次中断的生成留下的 2 个临时文件"}, notes)
	got := outputs(t, dir)
	assert.Contains(t, got, ".a.md.123.tmp", "not a name of ours")
	assert.Contains(t, got, "笔记.txt")
}

func TestDamagedJournalIsReported(t *testing.T) {
	dir := setup(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, JournalName), []byte("{"), 0o644))
	_, err := WriteSet(dir, newSet, false)
	var re *RecoveryError
	require.ErrorAs(t, err, &re)
	assert.Contains(t, err.Error(), "没有写入任何文件")
	assert.Contains(t, err.Error(), JournalName)
}

func TestBadNames(t *testing.T) {
	for _, name := range []string{"", "../a.md", "sub/a.md", ManifestName, LockName, JournalName} {
		_, err := WriteSet(t.TempDir(), []File{{name, []byte("x")}}, false)
		assert.Error(t, err, name)
	}
	_, err := WriteSet(t.TempDir(), []File{{"a", nil}, {"a", nil}}, false)
	assert.Error(t, err, "duplicate")
}

// deadPID is the PID of a process that has exited.
func deadPID(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	require.NoError(t, cmd.Run())
	return cmd.ProcessState.Pid()
}

func TestLock(t *testing.T) {
	host, _ := os.Hostname()
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 0
	for _, tc := range []struct {
		name   string
		lock   func() string
		note   string // the stale lock was removed with this note
		locked bool
	}{
		{"live", func() string { return lockJSON(os.Getpid(), host, time.Now()) }, "", true},
		{"other host", func() string { return lockJSON(1, host+"-远程", time.Now()) }, "", true},
		{"being written", func() string { return "" }, "", true},
		{"dead", func() string { return lockJSON(deadPID(t), host, time.Now()) }, "已不在运行", false},
		{"old", func() string { return lockJSON(os.Getpid(), host+"-远程", time.Now().Add(-time.Hour)) }, "已超过 10 分钟", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := setup(t)
			lock := filepath.Join(dir, LockName)
			content := tc.lock()
			require.NoError(t, os.WriteFile(lock, []byte(content), 0o644))
			var notes []string
			_, err := WriteSetWith(dir, newSet, Options{Note: func(p, msg string) { notes = append(notes, p+"："+msg) }})
			if tc.locked {
				var le *LockedError
				require.ErrorAs(t, err, &le)
				assert.Contains(t, err.Error(), lock)
				assert.Contains(t, err.Error(), "没有写入任何文件")
				if content != "" {
					assert.Contains(t, err.Error(), fmt.Sprintf("进程号 %d", le.PID))
				}
				assert.Equal(t, contents(draftSet, oldSet), contents2(t, dir))
				b, _ := os.ReadFile(lock)
				assert.Equal(t, content, string(b), "someone else's lock is left alone")
				return
			}
			require.NoError(t, err)
			require.Len(t, notes, 1)
			assert.Contains(t, notes[0], lock+"：已删除过期的锁文件")
			assert.Contains(t, notes[0], tc.note)
			assert.Equal(t, contents(draftSet, oldSet, newSet), outputs(t, dir), "lock gone too")
		})
	}
}

// contents2 is outputs without the lock, which another writer holds.
func contents2(t *testing.T, dir string) map[string]string {
	m := map[string]string{}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if e.Name() != ManifestName && e.Name() != LockName {
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			m[e.Name()] = string(b)
		}
	}
	return m
}

func lockJSON(pid int, host string, started time.Time) string {
	b, _ := json.Marshal(lockInfo{PID: pid, Host: host, Started: started})
	return string(b)
}

// Builds of different kinds at once share the manifest: none of its
// entries is lost, so each kind rebuilds without --force.
func TestConcurrentWriteSets(t *testing.T) {
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = time.Minute // never reached: each holder is done in milliseconds
	dir := t.TempDir()
	const writers, rounds = 6, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers*rounds)
	for w := range writers {
		wg.Go(func() {
			for r := range rounds {
				name := fmt.Sprintf("报告%d.md", w)
				_, err := WriteSet(dir, []File{{name, []byte(strconv.Itoa(r))}, {name + ".json", []byte("{}")}}, false)
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	m := readManifest(dir)
	var names []string
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	assert.Len(t, names, 2*writers)
	for name, data := range outputs(t, dir) {
		assert.Equal(t, digest([]byte(data)), m[name], name)
	}
}

const (
	childKillAt = "NIANBAO_OUTFILE_KILL_AT"
	childDir    = "NIANBAO_OUTFILE_DIR"
)

// A real process killed at each step: its lock is stale and its set is
// undone (or completed) by the next build, without --force.
func TestKilledProcessIsRecovered(t *testing.T) {
	if at := os.Getenv(childKillAt); at != "" {
		n, _ := strconv.Atoi(at)
		afterStep = func(string) error {
			if n == 0 {
				os.Exit(3)
			}
			n--
			return nil
		}
		_, _ = WriteSet(os.Getenv(childDir), newSet, false)
		os.Exit(0)
	}
	steps := stepsOf(t)
	for i, s := range steps {
		t.Run(fmt.Sprintf("%02d-%s", i, s), func(t *testing.T) {
			dir := setup(t)
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledProcessIsRecovered$")
			cmd.Env = append(os.Environ(), childKillAt+"="+strconv.Itoa(i), childDir+"="+dir)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, string(out))
			require.Equal(t, 3, ee.ExitCode(), string(out))
			require.FileExists(t, filepath.Join(dir, LockName))

			notes := recoverNow(t, dir)
			assert.Contains(t, strings.Join(notes, "\n"), "已删除过期的锁文件")
			requireWhole(t, dir)
			_, err = WriteSet(dir, nextSet, false)
			require.NoError(t, err)
			assert.Equal(t, contents(draftSet, oldSet, nextSet), outputs(t, dir))
		})
	}
}
