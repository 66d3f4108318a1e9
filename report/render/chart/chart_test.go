package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files")

// Cases are the shapes a chart takes: two years, a single year, every
// value zero, figures in the millions beside small ones, three series
// with long labels.
func Cases() map[string]*doc.Chart {
	return map[string]*doc.Chart{
		"two-years": doctest.SampleChart(),
		"single-year": {ID: "申请人", Title: "申请人情况", Unit: "件",
			Categories: []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"},
			Series:     []doc.Series{{Name: "2022年", Values: []int64{71, 3, 0, 0, 0, 0}}}},
		"zeros": {ID: "复议诉讼", Title: "行政复议、行政诉讼结果", Unit: "件",
			Categories: []string{"结果维持", "结果纠正", "其他结果", "尚未审结"},
			Series: []doc.Series{{Name: "行政复议", Values: []int64{0, 0, 0, 0}},
				{Name: "未经复议直接起诉", Values: []int64{0, 0, 0, 0}}, {Name: "复议后起诉", Values: []int64{0, 0, 0, 0}}}},
		"millions": {ID: "申请办理", Title: "政府信息公开申请办理情况", Unit: "件",
			Categories: []string{"新收", "办结", "结转下年度"},
			Series: []doc.Series{{Name: "2022年", Values: []int64{1234567890, 987654321, 7}},
				{Name: "2021年", Values: []int64{999999999, 1, 0}}}},
	}
}

func TestGoldenSVG(t *testing.T) {
	for name, c := range Cases() {
		t.Run(name, func(t *testing.T) {
			got := SVG(c, Options{ID: "c"})
			path := filepath.Join("testdata", name+".svg")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "go test -update creates %s", path)
			assert.Equal(t, string(want), string(got))
			assert.Equal(t, got, SVG(c, Options{ID: "c"}), "same chart, same bytes")
		})
	}
}

// TestWellFormed parses every SVG as XML and finds each label and
// figure among its texts.
func TestWellFormed(t *testing.T) {
	for name, c := range Cases() {
		t.Run(name, func(t *testing.T) {
			texts := svgTexts(t, SVG(c, Options{ID: "c"}))
			want := append([]string{c.Caption()}, c.Categories...)
			for s, se := range c.Series {
				if len(c.Series) > 1 {
					want = append(want, se.Name)
				}
				for i := range c.Categories {
					want = append(want, doc.Figure(c.Value(s, i)))
				}
			}
			for _, w := range want {
				assert.Contains(t, texts, w)
			}
		})
	}
}

func svgTexts(t *testing.T, b []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var out []string
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
		case xml.CharData:
			if in {
				out = append(out, string(x))
			}
		case xml.EndElement:
			in = false
		}
	}
	return out
}

// TestInside: every bar and every label (by the estimate the layout
// reserves) lies inside the drawing, figures in the millions included,
// and no two texts overlap.
func TestInside(t *testing.T) {
	for name, c := range Cases() {
		f := Layout(c, SVGWidth, SVGSize, EstimateWidth)
		for _, r := range f.Rects {
			assert.True(t, r.X >= 0 && r.Y >= 0 && r.X+r.W <= f.W+1e-9 && r.Y+r.H <= f.H+1e-9, "%s: bar %+v outside %gx%g", name, r, f.W, f.H)
		}
		type box struct{ x0, y0, x1, y1 float64 }
		var boxes []box
		for _, tx := range f.Texts {
			w := EstimateWidth(tx.S, tx.Size)
			x0 := tx.X
			switch tx.Anchor {
			case Middle:
				x0 -= w / 2
			case End:
				x0 -= w
			}
			b := box{x0, tx.Y - tx.Size*0.85, x0 + w, tx.Y + tx.Size*0.15}
			assert.True(t, b.x0 >= -1e-9 && b.x1 <= f.W+1e-9 && b.y0 >= -1e-9 && b.y1 <= f.H+1e-9, "%s: %q outside", name, tx.S)
			for _, o := range boxes {
				overlap := b.x0 < o.x1-1e-9 && o.x0 < b.x1-1e-9 && b.y0 < o.y1-1e-9 && o.y0 < b.y1-1e-9
				assert.False(t, overlap, "%s: %q overlaps another text", name, tx.S)
			}
			boxes = append(boxes, b)
		}
	}
}

// TestBars: bars are as long as their figures say; a zero has no bar but
// its figure; a small figure beside millions still shows.
func TestBars(t *testing.T) {
	f := Layout(Cases()["zeros"], SVGWidth, SVGSize, EstimateWidth)
	for _, r := range f.Rects {
		assert.Less(t, r.Y, 60.0, "only the legend's swatches: no bars for zeros")
	}
	c := Cases()["millions"]
	f = Layout(c, SVGWidth, SVGSize, EstimateWidth)
	var bars []Rect
	for _, r := range f.Rects {
		if r.W > SVGSize*1.6+1e-9 || r.Y > 60 {
			bars = append(bars, r)
		}
	}
	require.Len(t, bars, 5) // six values, one of them zero
	assert.InDelta(t, bars[0].W*987654321/1234567890, bars[2].W, 0.01)
	assert.Greater(t, bars[3].W, 0.0, "1 beside 1,234,567,890 still shows")
}

// A chart whose strings carry markup, quotes and control characters is
// still one well-formed SVG that runs nothing.
func TestHostile(t *testing.T) {
	e := doctest.Evil
	c := &doc.Chart{Title: e, Unit: e, Categories: []string{e, "二"},
		Series: []doc.Series{{Name: e, Values: []int64{1, 2}}, {Name: "乙", Values: []int64{3}}}}
	got := SVG(c, Options{ID: "x"})
	svgTexts(t, got)
	assert.NotContains(t, string(got), "<script")
	assert.NotContains(t, string(got), "\x1b")
}
