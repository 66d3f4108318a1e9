package register

import (
	"fmt"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// Requests counts 表三 from the applications: each one once under its
// applicant kind in 一、本年新收 (received in the report year) or
// 二、上年结转 (received the year before), and once in its outcome row or in
// 四、结转下年度继续办理; the 总计 column and row are the sums.
func (r *Register) Requests() stats.Requests {
	var t stats.Requests
	for i := range r.Applications {
		a := &r.Applications[i]
		c := a.Applicant
		if r.Year > 0 && a.Received.Y < r.Year {
			t[stats.RowCarriedIn][c]++
		} else {
			t[stats.RowNew][c]++
		}
		if a.Carried {
			t[stats.RowCarriedOut][c]++
		} else {
			t[a.Outcome][c]++
		}
	}
	for c := stats.ColNatural; c <= stats.ColLegalLast; c++ {
		for row := stats.RowFirstOut; row <= stats.RowLastOut; row++ {
			t[stats.RowTotal][c] += t[row][c]
		}
	}
	for row := range t {
		for c := stats.ColNatural; c <= stats.ColLegalLast; c++ {
			t[row][stats.ColTotal] += t[row][c]
		}
	}
	return t
}

// Appeals counts 表四 from the cases: each once under its kind and result;
// each group's 总计 is the sum of its four results.
func (r *Register) Appeals() stats.Appeals {
	var t stats.Appeals
	for _, c := range r.Cases {
		t[stats.AppealCol(c.Kind, c.Result)]++
		t[stats.AppealCol(c.Kind, stats.ResultTotal)]++
	}
	return t
}

// Count puts the register's figures into s: 表三 and 表四; 表二 and the
// 信息处理费 are not in the register and are left as they are.
func (r *Register) Count(s *stats.Stats) {
	s.Requests = r.Requests()
	s.Appeals = r.Appeals()
}

// CarriedIn checks 二、上年结转 against last year's 四、结转下年度继续办理
// (from last year's register or tables): every application carried out of
// last year is carried into this one, under the same applicant kind.
// prev is last year's row 四 by column; at locates last year's figure.
func (r *Register) CarriedIn(prev [stats.NumRequestCols]int64, at func(col int) diag.Pos) []diag.Message {
	t := r.Requests()
	var out []diag.Message
	for c := stats.ColNatural; c <= stats.ColLegalLast; c++ {
		got, want := t[stats.RowCarriedIn][c], prev[c]
		if got == want {
			continue
		}
		where := diag.Pos{File: r.File, Sheet: r.AppSheet}
		if r.AppCols[FReceived] >= 0 {
			where.What = fmt.Sprintf("%s列", colName(r.AppCols[FReceived]))
		}
		out = append(out, diag.Message{Pos: where, Severity: diag.Error, Text: fmt.Sprintf(
			"台账中 %d 年收到的%s申请有 %d 件（%s），上年“%s”为 %d 件（%s）：上年结转的申请应逐件登记在本年台账中",
			r.Year-1, stats.RequestCols[c].Label, got, stats.RequestRows[stats.RowCarriedIn].Level1,
			stats.RequestRows[stats.RowCarriedOut].Level1, want, at(c))})
	}
	return out
}

// Disagreement is a figure of the tables that is not what the register counts.
type Disagreement struct {
	Key         string // stats key, "r03.A", "c5"
	Label       string
	Typed, Want int64
}

// Compare lists the 表三 and 表四 figures of s (typed, or cached by a
// spreadsheet's formulas) that differ from the register's count, in the
// order of stats.Fields.
func (r *Register) Compare(s *stats.Stats) []Disagreement {
	var want stats.Stats
	r.Count(&want)
	got := *s
	wf, gf := want.Fields(), got.Fields()
	var out []Disagreement
	for i := range gf {
		if gf[i].Table != "表三" && gf[i].Table != "表四" {
			continue
		}
		if *gf[i].Int != *wf[i].Int {
			out = append(out, Disagreement{Key: gf[i].Key, Label: gf[i].Label, Typed: *gf[i].Int, Want: *wf[i].Int})
		}
	}
	return out
}
