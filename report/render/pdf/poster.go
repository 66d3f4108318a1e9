package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/poster"
)

// posterRole sets every text of the 图解: the GB/T 9704 黑体, which reads
// at a glance on a picture.
const posterRole = fontset.Heading1

// RenderPoster writes the 图解 as a PDF of one page, A4 wide and as tall
// as the poster, drawn as vector graphics with the report's fonts (cut
// to the characters set), the same layout as its SVG.
func RenderPoster(w io.Writer, p *poster.Poster, o Options) error {
	if o.Fonts == nil {
		fs, err := fontset.Load(nil)
		if err != nil {
			return err
		}
		o.Fonts = fs
	}
	fonts := o.Fonts
	k := pageW / poster.Width // mm per poster unit
	measure := func(s string, size float64) float64 {
		wd := 0.0
		for _, c := range s {
			f, set := fontFor(fonts, c, posterRole)
			wd += f.Advance(set, size*k/ptToMM) * ptToMM
		}
		return wd / k
	}
	els, h := poster.Layout(p, measure)
	var texts []string
	for _, e := range els {
		switch e.Kind {
		case 't':
			texts = append(texts, e.S)
		case 'c':
			for _, t := range e.Fig.Texts {
				texts = append(texts, t.S)
			}
		}
	}
	chars := fontChars{}
	for _, s := range texts {
		for _, c := range s {
			f, set := fontFor(fonts, c, posterRole)
			chars.addRunes(f.Name, []rune{set})
		}
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: pageW, Ht: h * k}, OrientationStr: "P"})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	stamp := time.Date(p.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	title := p.Org + strconv.Itoa(p.Year) + "年" + p.Subject + "图解"
	pdf.SetTitle(property(title), true)
	pdf.SetAuthor(property(p.Org), true)
	pdf.SetCreator("nianbao", true)
	pdf.SetProducer("nianbao", true)
	pdf.SetLang("zh-CN")
	// Only the fonts the poster sets (the 黑体, and the fallback for a
	// character it lacks): each font added costs its subset and its
	// embedding, and the poster must stay cheap beside the report.
	tags := map[string]string{}
	runes := chars.runes()
	for _, f := range fonts.Fonts() {
		if len(runes[f.Name]) == 0 {
			continue
		}
		data, tag := f.Subset(runes[f.Name])
		pdf.AddUTF8FontFromBytes(f.Name, "", data)
		tags[f.Name] = tag
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("字体无法嵌入 PDF：%w", err)
	}
	pdf.AddPage()
	text := func(x, baseline float64, s string, size float64, anchor chart.Anchor, rgb [3]int) {
		pt := size * k / ptToMM
		wd := measure(s, size) * k
		switch anchor {
		case chart.Middle:
			x -= wd / 2
		case chart.End:
			x -= wd
		}
		pdf.SetTextColor(rgb[0], rgb[1], rgb[2])
		var run []rune
		var cur *fontset.Font
		flush := func() {
			if len(run) == 0 {
				return
			}
			pdf.SetFont(cur.Name, "", pt)
			pdf.Text(x, baseline, string(run))
			for _, c := range run {
				x += cur.Advance(c, pt) * ptToMM
			}
			run = run[:0]
		}
		for _, c := range s {
			f, set := fontFor(fonts, c, posterRole)
			if f != cur {
				flush()
				cur = f
			}
			run = append(run, set)
		}
		flush()
	}
	for _, e := range els {
		rgb := hexRGB(e.Fill)
		switch e.Kind {
		case 'r':
			pdf.SetFillColor(rgb[0], rgb[1], rgb[2])
			pdf.Rect(e.X*k, e.Y*k, e.W*k, e.H*k, "F")
		case 'l':
			pdf.SetDrawColor(rgb[0], rgb[1], rgb[2])
			pdf.SetLineWidth(2 * k)
			pdf.Line(e.X*k, e.Y*k, (e.X+e.W)*k, e.Y*k)
		case 't':
			text(e.X*k, e.Y*k, e.S, e.Size, e.Anchor, rgb)
		case 'c':
			drawFigure(pdf, e.Fig, e.X*k, e.Y*k, k)
			for _, t := range e.Fig.Texts {
				text((e.X+t.X)*k, (e.Y+t.Y)*k, t.S, t.Size, t.Anchor, [3]int{0x1a, 0x1a, 0x1a})
			}
		}
	}
	pdf.Close()
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("生成图解 PDF 失败：%w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("生成图解 PDF 失败：%w", err)
	}
	_, err := w.Write(finishPDF(buf.Bytes(), tags))
	return err
}

func hexRGB(s string) [3]int {
	var rgb [3]int
	if len(s) == 7 && s[0] == '#' {
		for i := range 3 {
			v, _ := strconv.ParseUint(s[1+2*i:3+2*i], 16, 8)
			rgb[i] = int(v)
		}
	}
	return rgb
}

// drawFigure draws a chart's bars and rules (not its texts) at (x0, y0)
// mm, k mm per unit of the figure: the fills of chart.FillOf, hatching
// as lines clipped to the bar.
func drawFigure(p *fpdf.Fpdf, f chart.Figure, x0, y0, k float64) {
	for _, b := range f.Rects {
		x, y, w, h := x0+b.X*k, y0+b.Y*k, b.W*k, b.H*k
		p.SetLineWidth(0.2)
		switch chart.FillOf(b.Series) {
		case chart.Solid:
			p.SetFillColor(0x1f, 0x3f, 0x6e)
			p.Rect(x, y, w, h, "F")
		case chart.Hatched:
			p.SetFillColor(0xdc, 0xe6, 0xf2)
			p.Rect(x, y, w, h, "F")
			p.ClipRect(x, y, w, h, false)
			p.SetDrawColor(0x1f, 0x3f, 0x6e)
			p.SetLineWidth(0.45)
			for d := -h; d < w; d += 1.3 {
				p.Line(x+d, y+h, x+d+h, y)
			}
			p.ClipEnd()
			p.SetLineWidth(0.2)
			p.Rect(x, y, w, h, "D")
		case chart.Light:
			p.SetFillColor(0x9f, 0xb9, 0xdb)
			p.SetDrawColor(0x1f, 0x3f, 0x6e)
			p.Rect(x, y, w, h, "FD")
		}
	}
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
	for _, l := range f.Lines {
		p.Line(x0+l.X1*k, y0+l.Y1*k, x0+l.X2*k, y0+l.Y2*k)
	}
}
