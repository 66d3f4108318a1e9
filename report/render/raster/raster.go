// Package raster draws the 图解 as a PNG 1080 pixels wide, for WeChat
// and the office's website, which take pictures rather than SVG. It draws
// the layout of report/render/poster measured with the report's fonts,
// the same as the 图解's PDF page, so every figure and every position is
// the model's: nothing is derived again here.
//
// The picture is paletted: the poster has a handful of flat colours, and
// antialiased text needs only a few tones between a text's colour and
// what it is set on. A paletted PNG encodes several times faster than an
// RGBA one of the same size (no filter pass, a quarter of the bytes), and
// building the 图解 must stay cheap beside the report.
package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/poster"
	"github.com/nianbao/nianbao/report/textclean"
)

// Role sets every text of the picture, as on the 图解's PDF page: the
// GB/T 9704 黑体, which reads at a glance.
const Role = fontset.Heading1

// levels is the number of tones of an antialiased edge, both ends
// included: enough for smooth text at these sizes, few enough to keep the
// palette small.
const levels = 8

// Colours of the charts' fills, as the SVG and the PDF draw them.
var (
	ink   = color.RGBA{0x1f, 0x3f, 0x6e, 0xff}
	pale  = color.RGBA{0xdc, 0xe6, 0xf2, 0xff}
	light = color.RGBA{0x9f, 0xb9, 0xdb, 0xff}
	text  = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// Measure is the width of s at size (poster units, which are pixels)
// set in fonts as the picture sets it: the report's advance widths.
func Measure(fonts *fontset.Set) chart.Measure {
	return func(s string, size float64) float64 {
		w := 0.0
		for _, c := range s {
			f, set := fontFor(fonts, c)
			w += f.Advance(set, size)
		}
		return w
	}
}

// fontFor is the font and character c is drawn with: Role's font, the
// fallback, or the mark for a character no font has (as in the PDF).
func fontFor(fonts *fontset.Set, c rune) (*fontset.Font, rune) {
	if f := fonts.FontFor(Role, c); f != nil {
		return f, c
	}
	if f := fonts.FontFor(Role, textclean.Missing); f != nil {
		return f, textclean.Missing
	}
	return fonts.Font(Role), '?'
}

// PNG is the 图解 p as a PNG 1080 pixels wide, the same bytes for the
// same poster and fonts.
func PNG(p *poster.Poster, fonts *fontset.Set) ([]byte, error) {
	img, err := Draw(p, fonts)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("生成图解 PNG 失败：%w", err)
	}
	return b.Bytes(), nil
}

// Draw is the 图解 p as a paletted image.
func Draw(p *poster.Poster, fonts *fontset.Set) (*image.Paletted, error) {
	els, h := poster.Layout(p, Measure(fonts))
	c := &canvas{fonts: fonts, glyphs: map[glyphKey]*image.Alpha{}, offs: map[glyphKey]image.Point{}, parsed: map[*byte]*sfnt.Font{}, blends: map[uint8]*[256 * levels]uint16{}, index: map[color.RGBA]uint8{}}
	c.img = image.NewPaletted(image.Rect(0, 0, int(poster.Width), int(math.Ceil(h))), nil)
	c.colour(white) // index 0: the background the image starts with
	for _, e := range els {
		col := hexColour(e.Fill)
		switch e.Kind {
		case 'r':
			c.rect(e.X, e.Y, e.W, e.H, col)
		case 'l':
			c.rect(e.X, e.Y-1, e.W, 2, col)
		case 't':
			if err := c.text(e.X, e.Y, e.S, e.Size, e.Anchor, e.Bold, col); err != nil {
				return nil, err
			}
		case 'c':
			c.figure(e.Fig, e.X, e.Y)
			for _, t := range e.Fig.Texts {
				if err := c.text(e.X+t.X, e.Y+t.Y, t.S, t.Size, t.Anchor, t.Title, text); err != nil {
					return nil, err
				}
			}
		}
	}
	return c.img, nil
}

type glyphKey struct {
	data *byte // the font, by its bytes (shared by the Sets of a process)
	gid  sfnt.GlyphIndex
	size float64
	bold bool
}

type canvas struct {
	img    *image.Paletted
	fonts  *fontset.Set
	buf    sfnt.Buffer
	ras    vector.Rasterizer
	glyphs map[glyphKey]*image.Alpha
	offs   map[glyphKey]image.Point
	blends map[uint8]*[256 * levels]uint16 // colour → background, level → palette index + 1
	index  map[color.RGBA]uint8
	parsed map[*byte]*sfnt.Font // this picture's fonts
}

// colour is the palette index of c, added if new; past 256 colours, the
// nearest one (which a poster of this design never reaches).
func (c *canvas) colour(col color.RGBA) uint8 {
	if i, ok := c.index[col]; ok {
		return i
	}
	if len(c.img.Palette) < 256 {
		i := uint8(len(c.img.Palette))
		c.img.Palette = append(c.img.Palette, col)
		c.index[col] = i
		return i
	}
	i := uint8(c.img.Palette.Index(col))
	c.index[col] = i
	return i
}

// ramp is the table of fg's tones over every background: index
// bg*levels+level holds the palette index + 1, 0 until computed.
func (c *canvas) ramp(fg uint8) *[256 * levels]uint16 {
	t := c.blends[fg]
	if t == nil {
		t = new([256 * levels]uint16)
		c.blends[fg] = t
	}
	return t
}

// blend is the index of the colour fg at level (of levels-1) over the
// palette colour bg; t is fg's ramp.
func (c *canvas) blend(t *[256 * levels]uint16, bg, fg uint8, level int) uint8 {
	if level >= levels-1 {
		return fg
	}
	if level <= 0 {
		return bg
	}
	k := int(bg)*levels + level
	if t[k] != 0 {
		return uint8(t[k] - 1)
	}
	b := c.img.Palette[bg].(color.RGBA)
	f := c.img.Palette[fg].(color.RGBA)
	a := float64(level) / float64(levels-1)
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-a) + float64(y)*a)) }
	i := c.colour(color.RGBA{mix(b.R, f.R), mix(b.G, f.G), mix(b.B, f.B), 0xff})
	t[k] = uint16(i) + 1
	return i
}

// px is a poster length as a pixel edge.
func px(v float64) int { return int(math.Round(v)) }

func (c *canvas) fill(r image.Rectangle, i uint8) {
	r = r.Intersect(c.img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := c.img.Pix[y*c.img.Stride+r.Min.X : y*c.img.Stride+r.Max.X]
		for x := range row {
			row[x] = i
		}
	}
}

func (c *canvas) rect(x, y, w, h float64, col color.RGBA) {
	c.fill(image.Rect(px(x), px(y), px(x+w), px(y+h)), c.colour(col))
}

// border draws a one-pixel frame inside r.
func (c *canvas) border(r image.Rectangle, i uint8) {
	c.fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), i)
	c.fill(image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), i)
	c.fill(image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), i)
	c.fill(image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), i)
}

// figure draws a chart's bars and rules at (x0, y0), in the fills of
// chart.FillOf: solid, hatched (dark diagonals on pale), light with a
// border.
func (c *canvas) figure(f chart.Figure, x0, y0 float64) {
	for _, b := range f.Rects {
		r := image.Rect(px(x0+b.X), px(y0+b.Y), px(x0+b.X+b.W), px(y0+b.Y+b.H))
		if r.Dx() < 1 {
			r.Max.X = r.Min.X + 1 // a small figure still shows
		}
		switch chart.FillOf(b.Series) {
		case chart.Solid:
			c.fill(r, c.colour(ink))
		case chart.Hatched:
			c.fill(r, c.colour(pale))
			dark := c.colour(ink)
			r := r.Intersect(c.img.Rect)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					if (x+y)%8 < 3 {
						c.img.Pix[y*c.img.Stride+x] = dark
					}
				}
			}
			c.border(r, dark)
		case chart.Light:
			c.fill(r, c.colour(light))
			c.border(r, c.colour(ink))
		}
	}
	for _, l := range f.Lines {
		x1, y1, x2, y2 := px(x0+l.X1), px(y0+l.Y1), px(x0+l.X2), px(y0+l.Y2)
		c.fill(image.Rect(min(x1, x2), min(y1, y2), max(x1, x2)+1, max(y1, y2)+1), c.colour(text))
	}
}

// text draws s with its baseline at y, anchored at x, as the PDF page
// sets it: each character's advance from the report's metrics, each
// glyph's outline from its font.
func (c *canvas) text(x, y float64, s string, size float64, anchor chart.Anchor, bold bool, col color.RGBA) error {
	switch anchor {
	case chart.Middle:
		x -= Measure(c.fonts)(s, size) / 2
	case chart.End:
		x -= Measure(c.fonts)(s, size)
	}
	fg := c.colour(col)
	for _, r := range s {
		f, set := fontFor(c.fonts, r)
		m, off, err := c.glyph(f, set, size, bold)
		if err != nil {
			return err
		}
		if m != nil {
			c.composite(m, px(x)+off.X, px(y)+off.Y, fg)
		}
		x += f.Advance(set, size)
	}
	return nil
}

// composite lays the mask m with its top left at (x, y) in colour fg.
func (c *canvas) composite(m *image.Alpha, x, y int, fg uint8) {
	t := c.ramp(fg)
	b := m.Rect
	for j := 0; j < b.Dy(); j++ {
		py := y + j
		if py < 0 || py >= c.img.Rect.Max.Y {
			continue
		}
		for i := 0; i < b.Dx(); i++ {
			a := m.Pix[j*m.Stride+i]
			if a == 0 {
				continue
			}
			px := x + i
			if px < 0 || px >= c.img.Rect.Max.X {
				continue
			}
			o := py*c.img.Stride + px
			c.img.Pix[o] = c.blend(t, c.img.Pix[o], fg, (int(a)*(levels-1)+127)/255)
		}
	}
}

// parsed are the embedded fonts parsed, by their bytes: every Set of the
// process shares them, so they are parsed once. A user's font is parsed
// for each picture: kept, it would pin its bytes for the process's life.
var parsed sync.Map // *byte → *sfnt.Font

func sfntOf(f *fontset.Font) (*sfnt.Font, error) {
	if len(f.Data) == 0 {
		return nil, fmt.Errorf("字体 %s 没有数据", f.Source)
	}
	k := &f.Data[0]
	if v, ok := parsed.Load(k); ok {
		return v.(*sfnt.Font), nil
	}
	sf, err := sfnt.Parse(f.Data)
	if err != nil {
		return nil, fmt.Errorf("字体 %s 无法用于图解 PNG：%w", f.Source, err)
	}
	if !f.Embedded {
		return sf, nil
	}
	v, _ := parsed.LoadOrStore(k, sf)
	return v.(*sfnt.Font), nil
}

// glyph is the antialiased mask of r in f at size pixels and where its
// top left lies from the pen; nil for a blank glyph. Bold thickens the
// outline by drawing it twice, a little apart: the fonts have no bold.
func (c *canvas) glyph(f *fontset.Font, r rune, size float64, bold bool) (*image.Alpha, image.Point, error) {
	if len(f.Data) == 0 {
		return nil, image.Point{}, fmt.Errorf("字体 %s 没有数据", f.Source)
	}
	sf := c.parsed[&f.Data[0]]
	if sf == nil {
		var err error
		if sf, err = sfntOf(f); err != nil {
			return nil, image.Point{}, err
		}
		c.parsed[&f.Data[0]] = sf
	}
	gid, err := sf.GlyphIndex(&c.buf, r)
	if err != nil || gid == 0 {
		return nil, image.Point{}, nil // the PDF shows nothing for it either
	}
	k := glyphKey{&f.Data[0], gid, size, bold}
	if m, ok := c.glyphs[k]; ok {
		return m, c.offs[k], nil
	}
	ppem := fixed.Int26_6(math.Round(size * 64))
	segs, err := sf.LoadGlyph(&c.buf, gid, ppem, nil)
	if err != nil {
		return nil, image.Point{}, fmt.Errorf("字体 %s 的字形无法绘制：%w", f.Source, err)
	}
	minX, minY, maxX, maxY := float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, s := range segs {
		for _, a := range s.Args[:nargs(s.Op)] {
			x, y := float32(a.X)/64, float32(a.Y)/64
			minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
		}
	}
	if len(segs) == 0 || maxX <= minX || maxY <= minY {
		c.glyphs[k], c.offs[k] = nil, image.Point{}
		return nil, image.Point{}, nil
	}
	shift := float32(0)
	if bold {
		shift = float32(max(1, math.Round(size/40)))
	}
	ox, oy := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	w := int(math.Ceil(float64(maxX+shift))) - ox + 1
	h := int(math.Ceil(float64(maxY))) - oy + 1
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	passes := []float32{0}
	if bold {
		passes = append(passes, shift)
	}
	for _, dx := range passes {
		c.ras.Reset(w, h)
		c.ras.DrawOp = draw.Over // the bold's second pass adds to the first
		x0, y0 := -float32(ox)+dx, -float32(oy)
		for _, s := range segs {
			a := s.Args
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				c.ras.MoveTo(x0+float32(a[0].X)/64, y0+float32(a[0].Y)/64)
			case sfnt.SegmentOpLineTo:
				c.ras.LineTo(x0+float32(a[0].X)/64, y0+float32(a[0].Y)/64)
			case sfnt.SegmentOpQuadTo:
				c.ras.QuadTo(x0+float32(a[0].X)/64, y0+float32(a[0].Y)/64, x0+float32(a[1].X)/64, y0+float32(a[1].Y)/64)
			case sfnt.SegmentOpCubeTo:
				c.ras.CubeTo(x0+float32(a[0].X)/64, y0+float32(a[0].Y)/64, x0+float32(a[1].X)/64, y0+float32(a[1].Y)/64, x0+float32(a[2].X)/64, y0+float32(a[2].Y)/64)
			}
		}
		c.ras.ClosePath()
		c.ras.Draw(mask, mask.Rect, image.Opaque, image.Point{})
	}
	c.glyphs[k], c.offs[k] = mask, image.Point{ox, oy}
	return mask, image.Point{ox, oy}, nil
}

// hexColour reads the poster's #rrggbb.
func hexColour(s string) color.RGBA {
	var v [3]uint8
	if len(s) == 7 && s[0] == '#' {
		for i := range 3 {
			var n uint8
			for _, d := range s[1+2*i : 3+2*i] {
				n <<= 4
				switch {
				case d >= '0' && d <= '9':
					n |= uint8(d - '0')
				case d >= 'a' && d <= 'f':
					n |= uint8(d - 'a' + 10)
				case d >= 'A' && d <= 'F':
					n |= uint8(d - 'A' + 10)
				}
			}
			v[i] = n
		}
	}
	return color.RGBA{v[0], v[1], v[2], 0xff}
}

func nargs(op sfnt.SegmentOp) int {
	switch op {
	case sfnt.SegmentOpQuadTo:
		return 2
	case sfnt.SegmentOpCubeTo:
		return 3
	}
	return 1
}
