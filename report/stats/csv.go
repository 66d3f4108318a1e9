package stats

import (
	"bytes"
	"encoding/csv"
	"strconv"
)

// CSVTable is one statutory table as open data: a CSV file of its own.
type CSVTable struct {
	Name string // 表二, 表三, 表四, 信息处理费
	Data []byte
}

// utf8BOM opens every CSV: Excel and WPS take a CSV without it for the
// local code page and show the labels garbled.
const utf8BOM = "\ufeff"

// WriteCSV encodes rows as CSV in UTF-8 with a BOM and CRLF line ends, as
// spreadsheet programs and the provinces' open data portals read it.
func WriteCSV(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

// ExportCSV gives the tables as open data (开放数据): one file per table,
// the official labels as headers, one line per row of the table.
func ExportCSV(s *Stats) []CSVTable {
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	a := &s.Active
	active := [][]string{
		{LabelInfo, LabelIssued, LabelRepealed, LabelInForce, LabelDecisions, LabelFeeAmount},
		{LabelRegs, n(a.Regulations.Issued), n(a.Regulations.Repealed), n(a.Regulations.InForce), "", ""},
		{LabelNormDocs, n(a.NormativeDocs.Issued), n(a.NormativeDocs.Repealed), n(a.NormativeDocs.InForce), "", ""},
		{LabelLicensing, "", "", "", n(a.Licensing), ""},
		{LabelPunishment, "", "", "", n(a.Punishment), ""},
		{LabelCoercion, "", "", "", n(a.Coercion), ""},
		{LabelFees, "", "", "", "", a.Fees.String()},
	}
	head := []string{"项目"}
	for _, c := range RequestCols {
		l := c.Label
		if c.Group != "" {
			l = c.Group + "·" + l
		}
		head = append(head, l)
	}
	requests := [][]string{head}
	for r, rr := range RequestRows {
		label := rr.Level1
		if rr.Level2 != "" {
			label += " " + rr.FullLabel()
		}
		row := []string{label}
		for c := range RequestCols {
			row = append(row, n(s.Requests[r][c]))
		}
		requests = append(requests, row)
	}
	var ahead, arow []string
	for i := range AppealCols {
		ahead = append(ahead, AppealLabel(i))
		arow = append(arow, n(s.Appeals[i]))
	}
	f := &s.InfoFees
	fees := [][]string{
		{"项目", "数值"},
		{LabelFeeNotices, n(f.Notices)},
		{LabelFeeNoticeTotal, f.NoticeTotal.String()},
		{LabelFeeCollected, f.Collected.String()},
	}
	return []CSVTable{
		{"表二", WriteCSV(active)},
		{"表三", WriteCSV(requests)},
		{"表四", WriteCSV([][]string{ahead, arow})},
		{"信息处理费", WriteCSV(fees)},
	}
}
