package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/testkit/costtest"
)

// A config that is a device or gigabytes long is refused before it is read.
func TestLoadRefusesLargeAndSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, FileName)
	require.NoError(t, os.WriteFile(big, bytes.Repeat([]byte("# 注释注释注释注释注释注释注释注释注释注释注释注释注释注释注释注释\n"), 5<<20/98), 0o644))
	var err error
	alloc := costtest.Allocated(func() { _, err = Load(big) })
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Equal(t, FileName, de[0].Pos.File)
	assert.Equal(t, "文件过大（5 MB），配置文件一般不超过 10 KB，nianbao 只读不超过 4 MB 的文件。请确认选对了文件", de[0].Text)
	assert.Less(t, alloc, uint64(1<<20))

	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	alloc = costtest.Allocated(func() { _, err = Load("/dev/zero") })
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "/dev/zero", de[0].Pos.File)
	assert.Contains(t, de[0].Text, "这不是普通文件（可能是设备、管道或其他特殊文件），不能作为配置文件读取")
	assert.Less(t, alloc, uint64(1<<20))

	_, err = Load(dir)
	require.ErrorAs(t, err, &de)
	assert.Contains(t, de[0].Text, "这是一个文件夹，不是配置文件。")
}

// A line past bufio.Scanner's 64 KB default no longer costs the messages
// after it their line numbers.
func TestLongLineKeepsLineNumbers(t *testing.T) {
	for _, n := range []int{70 << 10, 2 << 20} {
		src := "org = \"甲\"\nyear = 2022\ncontact = [\"" + strings.Repeat("电", n/3) + "\"]\nfee_limt = 3\n[narrative]\nsumary = \"x\"\n"
		_, err := Parse(FileName, []byte(src))
		var de diag.Errors
		require.ErrorAs(t, err, &de)
		require.Len(t, de, 2, de.Error())
		assert.Equal(t, 4, de[0].Pos.Line, n)
		assert.Equal(t, 6, de[1].Pos.Line, n)
	}
}

func TestMessagesCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("org = \"甲\"\nyear = 2022\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	_, err := Parse(FileName, []byte(b.String()))
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	require.Len(t, de, diag.MaxPerFile+1)
	assert.Equal(t, "另有 4950 处同类问题，请先改正以上问题", de[diag.MaxPerFile].Text)
	assert.Equal(t, 3, de[0].Pos.Line)
}
