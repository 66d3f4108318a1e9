package main

import (
	"bytes"
	"testing"

	"github.com/nianbao/nianbao/report/input/workbook"
)

// nianbao check of the sample, the whole command in one process (config,
// both workbooks, every rule, the printed report). Target (issue 13):
// at most 10 ms.
func BenchmarkCheckSample(b *testing.B) {
	benchCheck(b, false)
}

// The same as a fresh process runs it: no workbook parts learnt yet, so
// the statistics workbooks nianbao writes are read by the lean reader
// through the parts it ships (workbook/shipped.txt).
func BenchmarkCheckSampleCold(b *testing.B) {
	benchCheck(b, true)
}

func benchCheck(b *testing.B, cold bool) {
	dir := sampleFolder(b)
	out := &bytes.Buffer{}
	e := &env{stdout: out, stderr: &bytes.Buffer{}, now: fixedNow, dir: dir}
	b.ReportAllocs()
	for b.Loop() {
		if cold {
			workbook.ForgetKnown()
		}
		out.Reset()
		if code := run([]string{"check"}, e); code != exitOK {
			b.Fatal(e.stderr)
		}
	}
	if !bytes.Contains(out.Bytes(), []byte("0 个错误")) {
		b.Fatal(out)
	}
}
