package poster

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/render/chart"
)

var update = flag.Bool("update", false, "rewrite the golden SVG")

func sample() *Poster {
	return &Poster{
		Org: "江门市政府投资工程建设管理中心", Year: 2022, Subject: "政府信息公开工作年度报告", Date: "2023年1月15日",
		Figures: []doc.KeyFigure{
			{Label: "新收政府信息公开申请", Value: 1234567, Unit: "件", Prev: 1000000, HasPrev: true},
			{Label: "办结政府信息公开申请", Value: 62, Unit: "件", Prev: 62, HasPrev: true},
			{Label: "行政复议", Value: 0, Unit: "件"},
		},
		Charts: []*doc.Chart{doctest.SampleChart()},
	}
}

func TestGolden(t *testing.T) {
	got := SVG(sample())
	path := filepath.Join("testdata", "poster.svg")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test -update creates %s", path)
	assert.Equal(t, string(want), string(got))
	assert.Equal(t, got, SVG(sample()))
}

// The poster is well-formed XML 1080 wide, and shows the body, the year,
// every key figure with its change and every chart's labels.
func TestContent(t *testing.T) {
	got := SVG(sample())
	dec := xml.NewDecoder(bytes.NewReader(got))
	var texts []string
	in := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		switch x := tok.(type) {
		case xml.StartElement:
			in = x.Name.Local == "text"
			if x.Name.Local == "svg" {
				for _, a := range x.Attr {
					if a.Name.Local == "width" {
						assert.Equal(t, "1080", a.Value)
					}
				}
			}
		case xml.CharData:
			if in {
				texts = append(texts, string(x))
			}
		case xml.EndElement:
			in = false
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"江门市政府投资工程建设管理中心", "2022年政府信息公开工作年度报告", "图解",
		"1,234,567", "比上年增加234,567件（增长23.5%）", "与上年持平", "政府信息公开申请办理情况（单位：件）", "结转下年度", "1,250"} {
		assert.Contains(t, all, want)
	}
	assert.Equal(t, 2, strings.Count(all, "上年"), "行政复议 has no last year: no change under it")
}

// A draft's mark sits above the body's name, however long the name.
func TestDraftMarkClear(t *testing.T) {
	p := sample()
	p.Draft = true
	p.Org = strings.Repeat("江门市政府投资工程建设管理中心", 2)
	els, _ := Layout(p, chart.EstimateWidth)
	var mark, org Element
	for _, e := range els {
		switch e.S {
		case doc.DraftMark:
			mark = e
		case p.Org:
			org = e
		}
	}
	require.NotEmpty(t, mark.S)
	require.NotEmpty(t, org.S)
	assert.Less(t, mark.Y+mark.Size*0.15, org.Y-org.Size*0.9, "the mark's descent clears the name's ascent")
}

func TestChange(t *testing.T) {
	for _, tc := range []struct {
		k    doc.KeyFigure
		want string
	}{
		{doc.KeyFigure{Value: 5, Unit: "件"}, ""},
		{doc.KeyFigure{Value: 5, Prev: 5, HasPrev: true, Unit: "件"}, "与上年持平"},
		{doc.KeyFigure{Value: 5, Prev: 0, HasPrev: true, Unit: "件"}, "比上年增加5件"},
		{doc.KeyFigure{Value: 9, Prev: 8, HasPrev: true, Unit: "件"}, "比上年增加1件（增长12.5%）"},
		{doc.KeyFigure{Value: 2, Prev: 3, HasPrev: true, Unit: "件"}, "比上年减少1件（下降33.3%）"},
		{doc.KeyFigure{Value: 0, Prev: 3000000, HasPrev: true, Unit: "件"}, "比上年减少3,000,000件（下降100.0%）"},
	} {
		assert.Equal(t, tc.want, tc.k.Change())
	}
}

// BenchmarkSVG: the 图解 as SVG (with the PDF page, BenchmarkRenderPoster
// in report/render/pdf, what the 图解 adds to a build: ≤ 30 ms).
func BenchmarkSVG(b *testing.B) {
	p := sample()
	for b.Loop() {
		SVG(p)
	}
}
