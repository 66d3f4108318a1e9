package rollup

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

// figures makes random figures of one unit that satisfy every rule.
func figures(rng *rand.Rand) *stats.Stats {
	s := &stats.Stats{}
	// No 规章: a unit of a county has no power to make them (R10).
	s.Active.NormativeDocs = stats.DocCounts{Issued: rng.Int64N(30), Repealed: rng.Int64N(10), InForce: rng.Int64N(300)}
	s.Active.Licensing, s.Active.Punishment, s.Active.Coercion = rng.Int64N(3000), rng.Int64N(2000), rng.Int64N(50)
	s.Active.Fees = stats.Decimal(rng.Int64N(500_000_000)) // up to 500 万元, six decimals
	for c := 0; c < stats.ColTotal; c++ {
		var out int64
		for r := stats.RowFirstOut; r <= stats.RowLastOut; r++ {
			if r == stats.RowNoFee {
				continue // R13 pairs it with 信息处理费
			}
			v := rng.Int64N(3)
			s.Requests[r][c] = v
			out += v
		}
		s.Requests[stats.RowTotal][c] = out
		s.Requests[stats.RowCarriedOut][c] = rng.Int64N(3)
		in := rng.Int64N(min(out+s.Requests[stats.RowCarriedOut][c], 3) + 1)
		s.Requests[stats.RowCarriedIn][c] = in
		s.Requests[stats.RowNew][c] = out + s.Requests[stats.RowCarriedOut][c] - in
	}
	for r := range s.Requests {
		var sum int64
		for c := 0; c < stats.ColTotal; c++ {
			sum += s.Requests[r][c]
		}
		s.Requests[r][stats.ColTotal] = sum
	}
	for g := 0; g < stats.NumAppealGroups; g++ {
		var sum int64
		for k := 0; k < stats.ResultTotal; k++ {
			v := rng.Int64N(4)
			s.Appeals[stats.AppealCol(g, k)] = v
			sum += v
		}
		s.Appeals[stats.AppealCol(g, stats.ResultTotal)] = sum
	}
	return s
}

// genName is the name of generated unit i.
func genName(i int) string { return fmt.Sprintf("第%04d单位", i+1) }

// writeUnits writes n stamped unit workbooks of year into dir with seeded
// random but consistent figures, under file names that say nothing of the
// unit (the stamp identifies them); it returns the units and their figures.
func writeUnits(tb testing.TB, dir string, n, year int, seed uint64) ([]string, []*stats.Stats) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	units := make([]string, n)
	figs := make([]*stats.Stats, n)
	for i := range n {
		units[i], figs[i] = genName(i), figures(rng)
		writeBook(tb, filepath.Join(dir, fmt.Sprintf("回件-%05d.xlsx", (i*7919)%100003)), workbook.Options{Org: units[i], Year: year, Values: figs[i]})
	}
	return units, figs
}

func writeBook(tb testing.TB, path string, o workbook.Options) {
	tb.Helper()
	var b bytes.Buffer
	if err := workbook.Write(&b, o); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}
