package outfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "a.txt")
	require.NoError(t, Write(p, []byte("one"), false))
	got, _ := os.ReadFile(p)
	assert.Equal(t, "one", string(got))

	err := Write(p, []byte("two"), false)
	var ee *ExistsError
	require.True(t, errors.As(err, &ee))
	assert.True(t, errors.Is(err, ErrExists))
	assert.Contains(t, err.Error(), "--force")
	got, _ = os.ReadFile(p)
	assert.Equal(t, "one", string(got), "existing file untouched")

	require.NoError(t, Write(p, []byte("three"), true))
	got, _ = os.ReadFile(p)
	assert.Equal(t, "three", string(got))

	entries, _ := os.ReadDir(filepath.Dir(p))
	assert.Len(t, entries, 1, "no temp files left behind")
}

func TestWriteSet(t *testing.T) {
	dir := t.TempDir()
	files := []File{{"a.md", []byte("A1")}, {"b.html", []byte("B1")}}
	written, err := WriteSet(dir, files, false)
	require.NoError(t, err)
	assert.Len(t, written, 2)

	// Rebuild: our own unchanged files are replaced.
	files = []File{{"a.md", []byte("A2")}, {"b.html", []byte("B2")}}
	_, err = WriteSet(dir, files, false)
	require.NoError(t, err)
	got, _ := os.ReadFile(filepath.Join(dir, "a.md"))
	assert.Equal(t, "A2", string(got))

	// The user edits one: nothing is written, the edit survives.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.html"), []byte("edited"), 0o644))
	_, err = WriteSet(dir, []File{{"a.md", []byte("A3")}, {"b.html", []byte("B3")}}, false)
	var me *ModifiedError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []string{filepath.Join(dir, "b.html")}, me.Paths)
	got, _ = os.ReadFile(filepath.Join(dir, "a.md"))
	assert.Equal(t, "A2", string(got), "all or nothing")
	got, _ = os.ReadFile(filepath.Join(dir, "b.html"))
	assert.Equal(t, "edited", string(got))

	// A foreign file of the same name is protected too; --force overrides.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.txt"), []byte("mine"), 0o644))
	_, err = WriteSet(dir, []File{{"c.txt", []byte("C")}}, false)
	require.ErrorAs(t, err, &me)
	_, err = WriteSet(dir, []File{{"c.txt", []byte("C")}, {"b.html", []byte("B4")}}, true)
	require.NoError(t, err)
	got, _ = os.ReadFile(filepath.Join(dir, "c.txt"))
	assert.Equal(t, "C", string(got))
}
