package doc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func hrow(texts ...string) Row {
	r := Row{Header: true}
	for _, s := range texts {
		r.Cells = append(r.Cells, Cell{Text: s, Header: true})
	}
	return r
}

func drow(texts ...string) Row {
	r := Row{Cells: []Cell{{Text: texts[0], Header: true}}}
	for _, s := range texts[1:] {
		r.Cells = append(r.Cells, Cell{Text: s})
	}
	return r
}

func TestSections(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []Row
		want []Section
	}{
		{"empty", nil, nil},
		{"heads and body", []Row{hrow("a"), hrow("b"), drow("x")}, []Section{{0, 2, 3}}},
		{"no heads", []Row{drow("x"), drow("y")}, []Section{{0, 0, 2}}},
		{"body first", []Row{drow("x"), hrow("a"), drow("y")}, []Section{{0, 0, 1}, {1, 2, 3}}},
		{"blocks", []Row{hrow("a"), drow("x"), drow("y"), hrow("b"), hrow("c"), drow("z")}, []Section{{0, 1, 3}, {3, 5, 6}}},
		{"heads only", []Row{hrow("a")}, []Section{{0, 1, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := &Table{Rows: tc.rows}
			assert.Equal(t, tc.want, tb.Sections())
		})
	}
}

// Each figure is described by its own block's heads and its row head,
// never by another block's column heads.
func TestCellHeaders(t *testing.T) {
	tb := &Table{Widths: []float64{1, 1, 1}, Rows: []Row{
		{Header: true, Cells: []Cell{{Text: "甲", ColSpan: 3, Header: true}}}, // 0
		hrow("项", "一", "二"),  // 1 2 3
		drow("行1", "1", "2"), // 4 5 6
		{Header: true, Cells: []Cell{{Text: "乙", ColSpan: 3, Header: true}}},                            // 7
		{Header: true, Cells: []Cell{{Text: "项", Header: true}, {Text: "数", ColSpan: 2, Header: true}}}, // 8 9
		{Cells: []Cell{{Text: "行2", Header: true}, {Text: "3", ColSpan: 2}}},                            // 10 11
	}}
	placed, _, _ := tb.Grid()
	names := func(idx []int) string {
		var out []string
		for _, i := range idx {
			out = append(out, placed[i].Text)
		}
		return strings.Join(out, " ")
	}
	got := map[string]string{}
	for i, h := range tb.CellHeaders() {
		if !placed[i].Header {
			got[placed[i].Text] = names(h)
		} else {
			assert.Empty(t, h)
		}
	}
	assert.Equal(t, map[string]string{"1": "甲 一 行1", "2": "甲 二 行1", "3": "乙 数 行2"}, got)
}

func TestFit(t *testing.T) {
	digits := func(s string) float64 { return float64(len(s)) } // 1 unit a byte
	table := func(figure string) *Table {
		return &Table{Widths: []float64{3, 1, 1}, Rows: []Row{
			hrow("标签", "甲", "乙"),
			{Cells: []Cell{{Text: "很长的标签", Header: true}, {Text: figure}, {Text: "1"}}},
			{Cells: []Cell{{Text: "合", Header: true}, {Text: figure + figure, ColSpan: 2}}},
		}}
	}
	for _, tc := range []struct {
		name   string
		figure string
		total  float64
		want   []float64
		ok     bool
	}{
		// short figures: the designed proportions
		{"proportional", "1", 50, []float64{30, 10, 10}, true},
		// a 15-unit figure (+2 pad) needs 17 in column 1; the 30-unit
		// span below needs 32 over columns 1–2, which have 17+4: the
		// missing 11 go half to each (equal weights); column 0 takes the
		// rest
		{"wide figure", "123456789012345", 50, []float64{18, 22.5, 9.5}, true},
		// 12 units: column 1 needs 14; the span needs 26 and has 14+4,
		// so each gets 4 more: 18 and 8; column 0 takes the rest
		{"wide span", "123456789012", 50, []float64{24, 18, 8}, true},
		// cannot fit: the minimum widths, not ok
		{"too wide", "1234567890123456789012345", 30, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, ok := table(tc.figure).Fit(tc.total, 1, 4, digits)
			assert.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			sum := 0.0
			for i := range w {
				assert.InDelta(t, tc.want[i], w[i], 1e-6, "column %d", i)
				sum += w[i]
			}
			assert.InDelta(t, tc.total, sum, 1e-6)
		})
	}
}
