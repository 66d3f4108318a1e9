package infile

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.toml")
	require.NoError(t, os.WriteFile(path, []byte("12345"), 0o644))

	data, err := Read(path, 5, "配置文件", "1 KB")
	require.NoError(t, err)
	assert.Equal(t, "12345", string(data), "the limit itself is allowed")

	_, err = Read(filepath.Join(dir, "none"), 5, "配置文件", "1 KB")
	assert.ErrorIs(t, err, fs.ErrNotExist)

	for _, tt := range []struct {
		path  string
		limit int64
		file  string
		text  string
	}{
		{path, 4, "a.toml", "文件过大（5 字节），配置文件一般不超过 1 KB，nianbao 只读不超过 4 字节 的文件。请确认选对了文件"},
		{dir, 4, dir, "这是一个文件夹，不是配置文件。请检查路径"},
		{"/dev/zero", 4, "/dev/zero", "这不是普通文件（可能是设备、管道或其他特殊文件），不能作为配置文件读取。请检查路径"},
	} {
		if _, err := os.Stat(tt.path); err != nil {
			continue
		}
		_, err := Read(tt.path, tt.limit, "配置文件", "1 KB")
		var de diag.Errors
		require.ErrorAs(t, err, &de, tt.path)
		assert.Equal(t, diag.Pos{File: tt.file}, de[0].Pos)
		assert.Equal(t, tt.text, de[0].Text)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 字节", 1023: "1023 字节", 1 << 10: "1 KB", 4 << 20: "4 MB", 20<<20 + 1: "20 MB"} {
		assert.Equal(t, want, Size(n))
	}
}
