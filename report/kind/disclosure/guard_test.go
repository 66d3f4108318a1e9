package disclosure

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
)

// A template override over 1 MB, or one that is a device, is refused
// naming it, before it is read.
func TestTemplateOverrideLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "preamble.tmpl")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(2<<20)) // sparse
	require.NoError(t, f.Close())
	_, err = compose.Compose(Kind, sampleInput(t), compose.Options{TemplateDir: dir})
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "preamble.tmpl", de[0].Pos.File)
	assert.Equal(t, "文件过大（2 MB），模板一般不超过 20 KB，nianbao 只读不超过 1 MB 的文件。请确认选对了文件", de[0].Text)

	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir = t.TempDir()
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "preamble.tmpl")))
	_, err = compose.Compose(Kind, sampleInput(t), compose.Options{TemplateDir: dir})
	require.ErrorAs(t, err, &de)
	assert.Contains(t, de[0].Text, "这不是普通文件")
}
