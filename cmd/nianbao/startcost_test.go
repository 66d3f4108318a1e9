package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

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

// The process as a clerk runs it, built as make build builds it: version
// is the start alone (runtime and package initializers, most of it
// excelize's), check the start and the check of the shipped sample (issue
// 13: ≤ 10 ms). BenchmarkCheckSample in report/pipeline measures the work
// in one process; this adds what every run pays before main. cpu-ms/op is
// the process's user and system time, which a busy machine disturbs less
// than the wall time of ns/op.
func BenchmarkProcess(b *testing.B) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no go command to build nianbao with")
	}
	bin := filepath.Join(b.TempDir(), "nianbao")
	build := exec.Command(gobin, "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build
	out, err := build.CombinedOutput()
	require.NoError(b, err, string(out))
	dir := sampleFolder(b)
	for _, args := range [][]string{{"version"}, {"check"}} {
		b.Run(args[0], func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				cmd := exec.Command(bin, args...)
				cmd.Dir = dir
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("nianbao %s: %v\n%s", args[0], err, out)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
