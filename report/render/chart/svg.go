package chart

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/nianbao/nianbao/report/doc"
)

// SVG geometry: a 480-unit-wide drawing with 14-unit text. A page scales
// it to its column: on a phone (about 360 px) the labels stay at 10 px or
// more, which a wider drawing would shrink below legibility; as a file it
// reads at its own size.
const (
	SVGWidth = 480.0
	SVGSize  = 14.0
)

// Fonts are the families the SVG asks for: the GB/T 9704 黑体 for labels,
// then the bundled Fandol 黑体 and common CJK sans faces.
const Fonts = `SimHei, 黑体, FandolHei, "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif`

// Colours of the fills: a dark and a light tone of one blue, which stay
// apart in grey; the pattern tells them apart as well.
const (
	ink   = "#1f3f6e"
	pale  = "#dce6f2"
	light = "#9fb9db"
	text  = "#1a1a1a"
)

// EstimateWidth is a font-independent width of s at size: wide (CJK)
// characters one em, digits and most Latin letters 0.6 em. SVG leaves
// the font to the viewer, so the layout reserves what any of Fonts needs.
func EstimateWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || unicode.IsControl(r):
		case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			w += size
		case r == ',' || r == '.' || r == ' ':
			w += size * 0.32
		default:
			w += size * 0.6
		}
	}
	return w
}

// Options of an SVG.
type Options struct {
	// ID prefixes the ids inside the SVG (title, desc, patterns), which
	// must be unique in a page holding several charts.
	ID string
	// Fluid drawings scale to their container's width (the HTML page);
	// others have a fixed size (a file).
	Fluid bool
}

// SVG is c as a standalone SVG element: <title> and <desc> (the figures
// in a sentence) for screen readers, the bars, their figures as text.
func SVG(c *doc.Chart, o Options) []byte {
	if o.ID == "" {
		o.ID = "chart"
	}
	f := Layout(c, SVGWidth, SVGSize, EstimateWidth)
	var b bytes.Buffer
	size := fmt.Sprintf(` width="%s" height="%s"`, num(f.W), num(f.H))
	if o.Fluid {
		size = ` width="100%" style="max-width:` + num(f.W) + `px;height:auto"`
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s"%s role="img" aria-labelledby="%s-title %s-desc" font-family="%s">`+"\n",
		num(f.W), num(f.H), size, o.ID, o.ID, esc(Fonts))
	fmt.Fprintf(&b, "<title id=\"%s-title\">%s</title>\n", o.ID, esc(c.Caption()))
	fmt.Fprintf(&b, "<desc id=\"%s-desc\">%s</desc>\n", o.ID, esc(c.Summary()))
	fmt.Fprintf(&b, "<rect width=\"%s\" height=\"%s\" fill=\"#fff\"></rect>\n", num(f.W), num(f.H))
	b.Write(Draw(f, o.ID))
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// Draw is the drawing of f as SVG elements, without the <svg> around
// them, for a page that places the chart itself (the 图解); id prefixes
// the ids of its patterns.
func Draw(f Figure, id string) []byte {
	var b bytes.Buffer
	o := Options{ID: id}
	fmt.Fprintf(&b, "<defs><pattern id=\"%s-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"+
		"<rect width=\"6\" height=\"6\" fill=\"%s\"></rect><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"%s\" stroke-width=\"2.5\"></line></pattern></defs>\n",
		o.ID, pale, ink)
	for _, r := range f.Rects {
		fill := ""
		switch FillOf(r.Series) {
		case Solid:
			fill = `fill="` + ink + `"`
		case Hatched:
			fill = `fill="url(#` + o.ID + `-hatch)" stroke="` + ink + `" stroke-width="1"`
		case Light:
			fill = `fill="` + light + `" stroke="` + ink + `" stroke-width="1"`
		}
		fmt.Fprintf(&b, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" %s></rect>\n", num(r.X), num(r.Y), num(r.W), num(r.H), fill)
	}
	for _, l := range f.Lines {
		fmt.Fprintf(&b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"1\"></line>\n", num(l.X1), num(l.Y1), num(l.X2), num(l.Y2), text)
	}
	for _, t := range f.Texts {
		anchor := ""
		switch t.Anchor {
		case Middle:
			anchor = ` text-anchor="middle"`
		case End:
			anchor = ` text-anchor="end"`
		}
		weight := ""
		if t.Title {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" font-size=\"%s\"%s%s fill=\"%s\">%s</text>\n", num(t.X), num(t.Y), num(t.Size), anchor, weight, text, esc(t.S))
	}
	return b.Bytes()
}

// Num prints a length with at most two decimals, without trailing zeros,
// as every SVG nianbao writes does.
func Num(v float64) string { return num(v) }

// Escape escapes text for SVG as the charts do; the 图解 uses it too.
func Escape(s string) string { return esc(s) }

// num prints a length with at most two decimals, without trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// esc escapes text for SVG, dropping the control characters XML forbids.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, doc.Clean(s))
	return html.EscapeString(s)
}
