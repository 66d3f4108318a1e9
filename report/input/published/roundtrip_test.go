package published

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/render/docx"
	"github.com/nianbao/nianbao/report/render/htmlpage"
	"github.com/nianbao/nianbao/report/render/markdown"
	"github.com/nianbao/nianbao/report/render/plaintext"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

// sampleWith is doctest's sample report with its three tables built
// from s.
func sampleWith(s *stats.Stats) *doc.Document {
	// The sample has a chart: its figures table, headed by years, is not
	// one of the report's tables and must not count.
	d := doctest.Sample()
	n := 0
	for i, b := range d.Blocks {
		if _, ok := b.(*doc.Table); ok {
			d.Blocks[i] = tables.Build(tables.IDs[n], s)
			n++
		}
	}
	return d
}

// renderAll renders d in every format nianbao writes that import reads.
func renderAll(t testing.TB, d *doc.Document) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"报告.html": func(b *bytes.Buffer) error { return htmlpage.Render(b, d) },
		"报告.docx": func(b *bytes.Buffer) error { return docx.Render(b, d, docx.Options{}) },
		"报告.md":   func(b *bytes.Buffer) error { return markdown.Render(b, d) },
		"报告.txt":  func(b *bytes.Buffer) error { return plaintext.Render(b, d) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b.Bytes()
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	pt, err := realreport.Load("2024-huaianshi.toml")
	if err != nil {
		t.Fatal(err)
	}
	pt.Stats.InfoFees = stats.InfoFees{} // not in the tables
	for sname, s := range map[string]*stats.Stats{"wide": doctest.WideStats(), "huaian": pt.Stats} {
		d := sampleWith(s)
		for name, data := range renderAll(t, d) {
			t.Run(sname+"/"+name, func(t *testing.T) {
				res, err := Read(name, data)
				if err != nil {
					t.Fatal(err)
				}
				if diff := diffStats(&res.Stats, s); len(diff) > 0 {
					t.Errorf("figures differ: %s", strings.Join(diff, "; "))
				}
				if res.Org != d.Meta.Org || res.Year != d.Meta.Year {
					t.Errorf("org, year = %q, %d; want %q, %d", res.Org, res.Year, d.Meta.Org, d.Meta.Year)
				}
				if len(res.Missing)+len(res.Unmapped)+len(res.Warnings) > 0 {
					t.Errorf("missing %v\nunmapped %v\nwarnings %v", res.Missing, res.Unmapped, res.Warnings)
				}
				for _, i := range []int{0, 4, 5} {
					if res.Sections[i] == "" {
						t.Errorf("section %d empty", i+1)
					}
				}
				if !strings.Contains(res.Sections[4], "一是公开内容不够全面") {
					t.Errorf("section 五 = %q", res.Sections[4])
				}
			})
		}
	}
}

// A chart's figures table is told from the statutory tables by its head
// row: figures by year, or 项目 first; a statutory head or a row of
// figures is neither.
func TestChartTableHead(t *testing.T) {
	row := func(cells ...string) line {
		l := line{table: 1}
		for _, c := range cells {
			l.cells = append(l.cells, cell{text: c})
		}
		return l
	}
	for _, tt := range []struct {
		l    line
		want bool
	}{
		{row("项目", "2022年", "2021年"), true},
		{row("", "2022年", "2021年"), true},
		{row("项目", "行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"), true},
		{row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), false},
		{row("规章", "0", "0", "11"), false},
		{row("2022年", "4", "5"), false},
		{row("项目"), false},
	} {
		assert.Equal(t, tt.want, yearHeaded(tt.l), "%v", tt.l.cells)
	}
	assert.True(t, yearRow(row("2020年", "3", "4", "0")))
	assert.False(t, yearRow(row("一、本年新收政府信息公开申请数量", "3")))
}
