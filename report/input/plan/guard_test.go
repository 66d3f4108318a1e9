package plan

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
)

func TestLoadRefusesLargeAndSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "工作要点.toml")
	require.NoError(t, os.WriteFile(big, bytes.Repeat([]byte("# 注释注释注释注释注释注释注释注释注释注释注释注释注释注释注释注释\n"), 5<<20/98), 0o644))
	_, err := Load(big)
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "文件过大（5 MB），工作要点计划文件一般不超过 100 KB，nianbao 只读不超过 4 MB 的文件。请确认选对了文件", de[0].Text)

	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err = Load("/dev/zero")
	require.ErrorAs(t, err, &de)
	assert.Contains(t, de[0].Text, "这不是普通文件")
}

func TestLongLineKeepsLineNumbers(t *testing.T) {
	src := "year = 2022\ndepartments = [\"办公室\"]\ntitle = \"" + strings.Repeat("长", 1<<20) + "\"\n" +
		"[[task]]\nid = 1\nsection = \"主动公开\"\nlead = [\"办公室\"]\nsecton = \"x\"\n"
	_, err := Parse("工作要点.toml", []byte(src))
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 8, de[0].Pos.Line, de.Error())
}

// 10,000 tasks naming unknown departments give 50 messages and a count,
// and no message lists 10,000 departments.
func TestMessagesCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("year = 2022\ndepartments = [")
	for i := range 10_000 {
		fmt.Fprintf(&b, "\"科%d\", ", i)
	}
	b.WriteString("]\n")
	for i := range 10_000 {
		fmt.Fprintf(&b, "[[task]]\nid = %d\nsection = \"主动公开\"\nlead = [\"处%d\"]\n", i+1, i)
	}
	_, err := Parse("工作要点.toml", []byte(b.String()))
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	require.Len(t, de, diag.MaxPerFile+1)
	assert.Equal(t, "另有 9950 处同类问题，请先改正以上问题", de[diag.MaxPerFile].Text)
	assert.Less(t, len(de[0].Text), 1000)
	assert.Contains(t, de[0].Text, "等 10000 个")
}
