package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/outfile"
)

// A build that finds the leftovers of a killed build (its lock, a temp
// file) clears them, says so, and needs no --force.
func TestBuildClearsLeftoversOfKilledBuild(t *testing.T) {
	dir := sampleFolder(t)
	require.Equal(t, exitOK, runIn(t, dir, "build").code)
	out := filepath.Join(dir, "输出")
	dead := exec.Command(os.Args[0], "-test.run=^$")
	require.NoError(t, dead.Run())
	host, _ := os.Hostname()
	lock := `{"pid":` + strconv.Itoa(dead.ProcessState.Pid()) + `,"host":"` + host + `","started":"2099-01-01T00:00:00Z"}`
	require.NoError(t, os.WriteFile(filepath.Join(out, outfile.LockName), []byte(lock), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, ".nianbao-临时-1-"+reportBase+".md"), []byte("半"), 0o644))

	r := runIn(t, dir, "build")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.errOut, "提醒  "+filepath.Join("输出", outfile.LockName)+"：已删除过期的锁文件")
	assert.Contains(t, r.errOut, "临时文件")
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), ".nianbao-") && e.Name() != outfile.ManifestName, e.Name())
	}
}

// A report and a draft built at once share the manifest; afterwards both
// rebuild without --force.
func TestBuildAndDraftAtOnce(t *testing.T) {
	dir := sampleFolder(t)
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i, args := range [][]string{{"build"}, {"build", "--draft"}} {
		wg.Go(func() { codes[i] = runIn(t, dir, args...).code })
	}
	wg.Wait()
	assert.Equal(t, []int{exitOK, exitOK}, codes)
	for _, args := range [][]string{{"build"}, {"build", "--draft"}} {
		r := runIn(t, dir, args...)
		assert.Equal(t, exitOK, r.code, r.errOut)
	}
}
