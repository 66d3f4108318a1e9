package pdf

import (
	"io"
	"testing"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/poster"
)

// BenchmarkRenderPoster: the 图解's PDF page with five charts (part of
// the ≤ 30 ms the 图解 may add to a build).
func BenchmarkRenderPoster(b *testing.B) {
	fonts, err := fontset.Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	c := doctest.SampleChart()
	p := &poster.Poster{Org: "江门市政府投资工程建设管理中心", Year: 2022, Subject: "政府信息公开工作年度报告",
		Figures: []doc.KeyFigure{{Label: "新收政府信息公开申请", Value: 74, Unit: "件", Prev: 60, HasPrev: true}},
		Charts:  []*doc.Chart{c, c, c, c, c}}
	for b.Loop() {
		if err := RenderPoster(io.Discard, p, Options{Fonts: fonts}); err != nil {
			b.Fatal(err)
		}
	}
}
