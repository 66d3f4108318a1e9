// Package tables lays out the three statutory tables (表二, 表三, 表四) of
// 国办公开办函〔2021〕30号 as document-model tables, with the official
// labels and merged cells, zeros written.
package tables

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/stats"
)

// IDs of the tables, as templates name them.
const (
	Active   = "表二"
	Requests = "表三"
	Appeals  = "表四"
)

// IDs lists the tables in report order.
var IDs = []string{Active, Requests, Appeals}

// Build returns the table with the given id, or nil for an unknown id.
func Build(id string, s *stats.Stats) *doc.Table {
	switch id {
	case Active:
		return active(s)
	case Requests:
		return requests(s)
	case Appeals:
		return appeals(s)
	}
	return nil
}

// title is the table's name for assistive technology: the heading of the
// section that holds it, without its number (二、主动公开政府信息情况 →
// 主动公开政府信息情况).
func title(section string) string {
	_, rest, _ := strings.Cut(section, "、")
	return rest
}

func num(n int64) string { return strconv.FormatInt(n, 10) }

func head(text string, colspan, rowspan int, scope string) doc.Cell {
	return doc.Cell{Text: text, ColSpan: colspan, RowSpan: rowspan, Header: true, Align: doc.AlignCenter, Scope: scope}
}

func rowHead(text string, colspan, rowspan int) doc.Cell {
	return doc.Cell{Text: text, ColSpan: colspan, RowSpan: rowspan, Header: true, Align: doc.AlignLeft, Scope: "row"}
}

func value(text string, colspan int) doc.Cell {
	return doc.Cell{Text: text, ColSpan: colspan, RowSpan: 1, Align: doc.AlignCenter}
}

func active(s *stats.Stats) *doc.Table {
	a := s.Active
	t := &doc.Table{ID: Active, Title: title(stats.Section2), Widths: []float64{3, 2, 2, 2}}
	// Each 第二十条 item is a block with its own caption row and column
	// heads (header rows, so a section of the table): the heads of （一）
	// do not fit the columns of （五）（六）（八）, and a page break inside
	// a block repeats that block's heads.
	item := func(label string) doc.Row {
		return doc.Row{Header: true, Cells: []doc.Cell{head(label, 4, 1, "colgroup")}}
	}
	info := func(labels ...string) doc.Row {
		r := doc.Row{Header: true, Cells: []doc.Cell{head(stats.LabelInfo, 1, 1, "col")}}
		if len(labels) == 1 {
			r.Cells = append(r.Cells, head(labels[0], 3, 1, "col"))
			return r
		}
		for _, l := range labels {
			r.Cells = append(r.Cells, head(l, 1, 1, "col"))
		}
		return r
	}
	one := func(label, v string) doc.Row {
		return doc.Row{Cells: []doc.Cell{rowHead(label, 1, 1), value(v, 3)}}
	}
	docs := func(label string, d stats.DocCounts) doc.Row {
		return doc.Row{Cells: []doc.Cell{rowHead(label, 1, 1), value(num(d.Issued), 1), value(num(d.Repealed), 1), value(num(d.InForce), 1)}}
	}
	t.Rows = []doc.Row{
		item(stats.LabelItem1),
		info(stats.LabelIssued, stats.LabelRepealed, stats.LabelInForce),
		docs(stats.LabelRegs, a.Regulations),
		docs(stats.LabelNormDocs, a.NormativeDocs),
		item(stats.LabelItem5),
		info(stats.LabelDecisions),
		one(stats.LabelLicensing, num(a.Licensing)),
		item(stats.LabelItem6),
		info(stats.LabelDecisions),
		one(stats.LabelPunishment, num(a.Punishment)),
		one(stats.LabelCoercion, num(a.Coercion)),
		item(stats.LabelItem8),
		info(stats.LabelFeeAmount),
		one(stats.LabelFees, a.Fees.String()),
	}
	return t
}

func requests(s *stats.Stats) *doc.Table {
	t := &doc.Table{ID: Requests, Title: title(stats.Section3), Widths: []float64{1.6, 3.0, 6.2, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3}}
	t.Rows = append(t.Rows,
		doc.Row{Header: true, Cells: []doc.Cell{
			head(stats.LabelRequestsNote, 3, 3, ""),
			head(stats.LabelApplicants, stats.NumRequestCols, 1, "colgroup"),
		}},
		doc.Row{Header: true, Cells: []doc.Cell{
			head(stats.RequestCols[stats.ColNatural].Label, 1, 2, "col"),
			head(stats.LabelLegalPersons, stats.ColLegalLast-stats.ColLegalFirst+1, 1, "colgroup"),
			head(stats.RequestCols[stats.ColTotal].Label, 1, 2, "col"),
		}},
	)
	third := doc.Row{Header: true}
	for i := stats.ColLegalFirst; i <= stats.ColLegalLast; i++ {
		third.Cells = append(third.Cells, head(stats.RequestCols[i].Label, 1, 1, "col"))
	}
	t.Rows = append(t.Rows, third)

	rows := stats.RequestRows
	for i, rr := range rows {
		var cells []doc.Cell
		switch {
		case rr.Level2 == "":
			cells = append(cells, rowHead(rr.Level1, 3, 1))
		default:
			if i == 0 || rows[i-1].Level1 != rr.Level1 {
				n := 0
				for j := i; j < len(rows) && rows[j].Level1 == rr.Level1; j++ {
					n++
				}
				cells = append(cells, rowHead(rr.Level1, 1, n))
			}
			if rr.Level3 == "" {
				cells = append(cells, rowHead(rr.Level2, 2, 1))
			} else {
				if rows[i-1].Level2 != rr.Level2 {
					n := 0
					for j := i; j < len(rows) && rows[j].Level2 == rr.Level2; j++ {
						n++
					}
					cells = append(cells, rowHead(rr.Level2, 1, n))
				}
				cells = append(cells, rowHead(rr.Level3, 1, 1))
			}
		}
		for c := 0; c < stats.NumRequestCols; c++ {
			cells = append(cells, value(num(s.Requests[i][c]), 1))
		}
		t.Rows = append(t.Rows, doc.Row{Cells: cells})
	}
	return t
}

func appeals(s *stats.Stats) *doc.Table {
	w := make([]float64, stats.NumAppealCols)
	for i := range w {
		w[i] = 1
	}
	t := &doc.Table{ID: Appeals, Title: title(stats.Section4), Widths: w}
	review, direct, after := stats.AppealGroups[stats.AppealReview], stats.AppealGroups[stats.AppealSuitDirect], stats.AppealGroups[stats.AppealSuitAfter]
	n := stats.NumAppealResults
	r1 := doc.Row{Header: true, Cells: []doc.Cell{
		head(review.Label, n, 1, "colgroup"),
		head(direct.Parent, 2*n, 1, "colgroup"),
	}}
	r2 := doc.Row{Header: true}
	for _, l := range stats.AppealResults {
		r2.Cells = append(r2.Cells, head(l, 1, 2, "col"))
	}
	r2.Cells = append(r2.Cells, head(direct.Label, n, 1, "colgroup"), head(after.Label, n, 1, "colgroup"))
	r3 := doc.Row{Header: true}
	for _, c := range stats.AppealCols {
		if c.Group != stats.AppealReview {
			r3.Cells = append(r3.Cells, head(c.Label, 1, 1, "col"))
		}
	}
	data := doc.Row{}
	for _, v := range s.Appeals {
		data.Cells = append(data.Cells, value(num(v), 1))
	}
	t.Rows = []doc.Row{r1, r2, r3, data}
	return t
}
