package workbook

import (
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// FromFigures makes a Result of figures read from elsewhere than a
// workbook (last year's published report), so that the rules and the
// composition use it as they use a workbook; cells names where each
// figure was read, by stats field key.
func FromFigures(s stats.Stats, stamp stats.Stamp, cells map[string]diag.Pos) *Result {
	return &Result{Stats: s, Stamp: stamp, cells: cells}
}
