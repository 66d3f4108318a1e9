package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/lazyre"
)

// Every pattern the packages compile on first use compiles: a typo in one
// would otherwise panic only when its rare message is needed. The binary
// loads every package, so this sees every pattern.
func TestLazyPatternsCompile(t *testing.T) {
	require.Greater(t, lazyre.Len(), 40, "the patterns of tomlerr, flags, compose… are not made by lazyre")
	require.NoError(t, lazyre.Check())
}

// initBudget bounds what nianbao's own packages allocate when the process
// starts. Every run pays it, `nianbao version` as much as `nianbao build`:
// tables a command needs belong in sync.OnceValue or lazyre, made at first
// use. (Allocation is counted, not time: the count does not depend on the
// machine's load.) At the time of writing the packages allocate about
// 100 KB, two thirds of it the workbook reader's; they used to allocate
// 1 MB, half of it tomlerr's messages.
const initBudget = 256 << 10

func TestInitAllocations(t *testing.T) {
	// The test binary runs the same package initializers as nianbao; with
	// no test to run it only starts and stops.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), stderr.String())

	line := regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)
	type pkgInit struct {
		name  string
		bytes int
	}
	var own []pkgInit
	total, seen := 0, 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		seen++
		name := m[1]
		// This package's test files and the test helpers are not in the
		// binary.
		if !strings.HasPrefix(name, "github.com/nianbao/nianbao/") || strings.HasPrefix(name, "github.com/nianbao/nianbao/cmd/") || strings.Contains(name, "test") {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		own = append(own, pkgInit{name, n})
		total += n
	}
	require.NotZero(t, seen, "no inittrace lines: %s", stderr.String())
	require.NotEmpty(t, own, "no nianbao package in the inittrace")
	sort.Slice(own, func(i, j int) bool { return own[i].bytes > own[j].bytes })
	var b strings.Builder
	for _, p := range own {
		if p.bytes > 0 {
			b.WriteString("\n  " + strconv.Itoa(p.bytes) + " bytes  " + strings.TrimPrefix(p.name, "github.com/nianbao/nianbao/"))
		}
	}
	t.Logf("package initializers of nianbao allocate %d bytes:%s", total, b.String())
	require.LessOrEqual(t, total, initBudget, "nianbao's package initializers allocate too much at start:%s", b.String())
}
