package raster

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/poster"
)

// go test ./report/render/raster -run TestPNG -keep /tmp/poster.png
// writes the sample picture, to look at.
var keep = flag.String("keep", "", "write the sample picture to this file")

func sample() *poster.Poster {
	c := doctest.SampleChart()
	mix := &doc.Chart{ID: "办理结果", Title: "申请办理结果", Unit: "件",
		Categories: []string{"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"},
		Series:     []doc.Series{{Name: "2022年", Values: []int64{30, 12, 3, 9, 0, 8}}}}
	years := &doc.Chart{ID: "规范性文件", Title: "规范性文件", Unit: "件",
		Categories: []string{"制发", "废止", "现行有效"},
		Series: []doc.Series{
			{Name: "2022年", Values: []int64{3, 1, 40}}, {Name: "2021年", Values: []int64{2, 0, 38}},
			{Name: "2020年", Values: []int64{5, 2, 36}}}}
	return &poster.Poster{
		Org: "江门市政府投资工程建设管理中心", Year: 2022, Subject: "政府信息公开工作年度报告", Date: "2023年1月15日",
		Figures: []doc.KeyFigure{
			{Label: "新收政府信息公开申请", Value: 1234567, Unit: "件", Prev: 1000000, HasPrev: true},
			{Label: "办结政府信息公开申请", Value: 62, Unit: "件", Prev: 62, HasPrev: true},
			{Label: "行政复议", Value: 0, Unit: "件"},
			{Label: "行政诉讼", Value: 2, Unit: "件", Prev: 3, HasPrev: true},
		},
		Charts: []*doc.Chart{c, mix, years, c, mix},
	}
}

func fonts(t testing.TB) *fontset.Set {
	fs, err := fontset.Load(nil)
	require.NoError(t, err)
	return fs
}

// The picture decodes as a PNG 1080 pixels wide and as tall as the
// poster's layout, is the same bytes each time, and is not blank: the
// header band is mostly dark, the key figures' cards carry dark text, the
// charts' rows carry bars and figures.
func TestPNG(t *testing.T) {
	fs := fonts(t)
	p := sample()
	got, err := PNG(p, fs)
	require.NoError(t, err)
	again, err := PNG(sample(), fonts(t))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(got, again), "the same poster gives the same bytes")
	if *keep != "" {
		require.NoError(t, os.WriteFile(*keep, got, 0o644))
	}

	img, err := png.Decode(bytes.NewReader(got))
	require.NoError(t, err)
	els, h := poster.Layout(p, Measure(fs))
	assert.Equal(t, 1080, img.Bounds().Dx())
	assert.Equal(t, int(h+0.999), img.Bounds().Dy())

	// share of pixels in r that are not white
	inked := func(r image.Rectangle) float64 {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if r, g, b, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || b < 0xf000 {
					n++
				}
			}
		}
		return float64(n) / float64(r.Dx()*r.Dy())
	}
	// dark pixels of a text: ink darker than the card it is set on
	dark := func(r image.Rectangle) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					n++
				}
			}
		}
		return n
	}
	assert.Greater(t, inked(image.Rect(0, 0, 1080, 200)), 0.8, "the header band")
	texts, charts := 0, 0
	for _, e := range els {
		switch e.Kind {
		case 't':
			if e.Fill == "#ffffff" || e.S == "" {
				continue
			}
			w := Measure(fs)(e.S, e.Size)
			x := e.X
			switch e.Anchor {
			case chart.Middle:
				x -= w / 2
			case chart.End:
				x -= w
			}
			r := image.Rect(int(x), int(e.Y-e.Size*0.8), int(x+w), int(e.Y))
			assert.Greater(t, dark(r), r.Dx()*r.Dy()/20, "text %q has ink in %v", e.S, r)
			texts++
		case 'c':
			r := image.Rect(int(e.X), int(e.Y), int(e.X+e.Fig.W), int(e.Y+e.Fig.H))
			assert.Greater(t, inked(r), 0.08, "chart %s has bars and figures in %v", e.Chart.ID, r)
			for _, b := range e.Fig.Rects {
				c := img.At(int(e.X+b.X+b.W/2), int(e.Y+b.Y+b.H/2))
				r, g, b2, _ := c.RGBA()
				assert.False(t, r > 0xf000 && g > 0xf000 && b2 > 0xf000, "bar of %s at %v is drawn", e.Chart.ID, b)
			}
			charts++
		}
	}
	assert.Greater(t, texts, 10)
	assert.Equal(t, 5, charts)
}

// A poster whose figures run to millions, with no chart and no key
// figures: the layout still fits, and the picture is still 1080 wide.
func TestPNGEdges(t *testing.T) {
	fs := fonts(t)
	for _, p := range []*poster.Poster{
		{Org: "某某", Year: 2022, Subject: "法治政府建设情况报告"},
		{Org: "江门市政府投资工程建设管理中心江门市政府投资工程建设管理中心", Year: 2022, Subject: "政府信息公开工作年度报告", Draft: true,
			Figures: []doc.KeyFigure{{Label: "新收政府信息公开申请", Value: 987654321, Unit: "件", Prev: 1, HasPrev: true}},
			Charts: []*doc.Chart{{ID: "x", Title: "零", Unit: "件", Categories: []string{"新收", "办结"},
				Series: []doc.Series{{Name: "2022年", Values: []int64{0, 0}}}}}},
	} {
		got, err := PNG(p, fs)
		require.NoError(t, err)
		img, err := png.Decode(bytes.NewReader(got))
		require.NoError(t, err)
		assert.Equal(t, 1080, img.Bounds().Dx())
	}
}

// A user's font file (here the same 黑体 as a file) draws the same
// picture as the embedded one.
func TestPNGUserFont(t *testing.T) {
	user, err := fontset.Load(map[fontset.Role]string{Role: filepath.Join("..", "..", "..", "fonts", "FandolHei-Regular.ttf")})
	require.NoError(t, err)
	require.False(t, user.Font(Role).Embedded)
	got, err := PNG(sample(), user)
	require.NoError(t, err)
	want, err := PNG(sample(), fonts(t))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got))
}

// BenchmarkPosterPNG: the 图解 as a PNG, five charts — with the SVG
// (BenchmarkSVG in report/render/poster) and the PDF page
// (BenchmarkRenderPoster in report/render/pdf), what the 图解 adds to a
// build: ≤ 30 ms.
func BenchmarkPosterPNG(b *testing.B) {
	fs := fonts(b)
	p := sample()
	for b.Loop() {
		if _, err := PNG(p, fs); err != nil {
			b.Fatal(err)
		}
	}
}
