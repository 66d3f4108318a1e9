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
