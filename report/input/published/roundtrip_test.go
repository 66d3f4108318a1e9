package published

import (
	"bytes"
	"strings"
	"testing"

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
	// The statutory blocks only: a chart's figures table is not one of
	// the report's tables (importing a report built with charts lists its
	// rows as not mapped).
	d := doctest.Statutory()
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
