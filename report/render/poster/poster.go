// Package poster draws the 图解: one page of the year for the office's
// website and WeChat — the body's name and the year, the key figures set
// large with their change against last year, and every chart — as an
// SVG 1080 units wide (the width WeChat and phones show a picture at).
// Every figure comes from the model (doc.KeyFigure, doc.Chart), and the
// charts are laid out by report/render/chart, as in the report.
package poster

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/chart"
)

// Poster is what the 图解 shows.
type Poster struct {
	Org     string
	Year    int
	Subject string // 政府信息公开工作年度报告
	Figures []doc.KeyFigure
	Charts  []*doc.Chart
	Date    string // 成文日期, for the footer
	Draft   bool   // marked 草稿 across the top
}

// Width of the poster in SVG units (pixels at 1:1).
const Width = 1080.0

const (
	margin = 48.0
	ink    = "#1f3f6e"
	pale   = "#eef3f9"
	text   = "#1a1a1a"
	muted  = "#4a4a4a"
)

// Element is one thing on the poster, in poster units from the top
// left: a filled rectangle ('r'), a rule ('l', W long), a text ('t',
// baseline at Y, anchored) or a chart ('c', its Figure placed at X, Y).
type Element struct {
	Kind       byte
	X, Y, W, H float64
	Fill       string // #rrggbb
	Size       float64
	Anchor     chart.Anchor
	Bold       bool
	S          string
	Chart      *doc.Chart
	Fig        chart.Figure
}

type element = Element

// Layout places everything with texts measured by m; the height follows
// from the content. SVG measures by chart.EstimateWidth, the PDF by its
// fonts.
func Layout(p *Poster, m chart.Measure) (els []Element, height float64) {
	y := 0.0
	// The header band: the body, the year's report, 图解.
	head := 220.0
	els = append(els, element{Kind: 'r', W: Width, H: head, Fill: ink})
	title := strconv.Itoa(p.Year) + "年" + p.Subject
	org := p.Org
	os := 40.0
	for m(org, os) > Width-2*margin && os > 20 {
		os *= 0.94
	}
	ts := 34.0
	for m(title, ts) > Width-2*margin && ts > 18 {
		ts *= 0.94
	}
	els = append(els,
		element{Kind: 't', X: Width / 2, Y: 78, Size: os, Anchor: chart.Middle, Bold: true, S: org, Fill: "#ffffff"},
		element{Kind: 't', X: Width / 2, Y: 134, Size: ts, Anchor: chart.Middle, S: title, Fill: "#ffffff"},
		element{Kind: 't', X: Width / 2, Y: 190, Size: 40, Anchor: chart.Middle, Bold: true, S: "图解", Fill: "#ffffff"})
	if p.Draft {
		// Above the body's name, which may run the band's full width.
		els = append(els, element{Kind: 't', X: Width - margin, Y: 36, Size: 24, Anchor: chart.End, Bold: true, S: doc.DraftMark, Fill: "#ffd7d7"})
	}
	y = head + 40
	// Key figures: two columns of cards.
	if len(p.Figures) > 0 {
		cols := 2
		gap := 24.0
		cw := (Width - 2*margin - gap*float64(cols-1)) / float64(cols)
		ch := 170.0
		for i, k := range p.Figures {
			cx := margin + float64(i%cols)*(cw+gap)
			cy := y + float64(i/cols)*(ch+gap)
			els = append(els, element{Kind: 'r', X: cx, Y: cy, W: cw, H: ch, Fill: pale})
			els = append(els, element{Kind: 'r', X: cx, Y: cy, W: 8, H: ch, Fill: ink})
			ls := 28.0
			for m(k.Label, ls) > cw-48 && ls > 16 {
				ls *= 0.94
			}
			els = append(els, element{Kind: 't', X: cx + 32, Y: cy + 48, Size: ls, S: k.Label, Fill: muted})
			v := doc.Figure(k.Value)
			vs := 64.0
			for m(v, vs)+m(k.Unit, 28)+8 > cw-48 && vs > 24 {
				vs *= 0.94
			}
			els = append(els, element{Kind: 't', X: cx + 32, Y: cy + 112, Size: vs, Bold: true, S: v, Fill: ink})
			els = append(els, element{Kind: 't', X: cx + 32 + m(v, vs) + 8, Y: cy + 112, Size: 28, S: k.Unit, Fill: ink})
			if c := k.Change(); c != "" {
				cs := 24.0
				for m(c, cs) > cw-48 && cs > 14 {
					cs *= 0.94
				}
				els = append(els, element{Kind: 't', X: cx + 32, Y: cy + 150, Size: cs, S: c, Fill: muted})
			}
		}
		rows := (len(p.Figures) + cols - 1) / cols
		y += float64(rows)*(ch+gap) + 16
	}
	// The charts, one under another, full width.
	for _, c := range p.Charts {
		if c == nil {
			continue
		}
		f := chart.Layout(c, Width-2*margin, 24, m)
		els = append(els, element{Kind: 'c', X: margin, Y: y, Chart: c, Fig: f})
		y += f.H + 40
		els = append(els, element{Kind: 'l', X: margin, Y: y - 20, W: Width - 2*margin, Fill: "#d0d8e4"})
	}
	// The footer: where the figures come from.
	foot := "数据来源：" + p.Org + strconv.Itoa(p.Year) + "年" + p.Subject
	if p.Date != "" {
		foot += "（" + p.Date + "）"
	}
	fs := 22.0
	for m(foot, fs) > Width-2*margin && fs > 12 {
		fs *= 0.94
	}
	els = append(els, element{Kind: 't', X: Width / 2, Y: y + 20, Size: fs, Anchor: chart.Middle, S: foot, Fill: muted})
	return els, y + 60
}

// SVG is the 图解 as one SVG, the same bytes for the same poster.
func SVG(p *Poster) []byte {
	els, h := Layout(p, chart.EstimateWidth)
	var b bytes.Buffer
	title := p.Org + strconv.Itoa(p.Year) + "年" + p.Subject + "图解"
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="poster-title poster-desc" font-family="%s">`+"\n",
		num(Width), num(h), num(Width), num(h), esc(chart.Fonts))
	fmt.Fprintf(&b, "<title id=\"poster-title\">%s</title>\n", esc(title))
	var desc []string
	for _, k := range p.Figures {
		d := k.Label + doc.Figure(k.Value) + k.Unit
		if c := k.Change(); c != "" {
			d += "，" + c
		}
		desc = append(desc, d)
	}
	for _, c := range p.Charts {
		if c != nil {
			desc = append(desc, c.Summary())
		}
	}
	fmt.Fprintf(&b, "<desc id=\"poster-desc\">%s</desc>\n", esc(strings.Join(desc, "；")))
	fmt.Fprintf(&b, "<rect width=\"%s\" height=\"%s\" fill=\"#ffffff\"></rect>\n", num(Width), num(h))
	n := 0
	for _, e := range els {
		switch e.Kind {
		case 'r':
			fmt.Fprintf(&b, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"></rect>\n", num(e.X), num(e.Y), num(e.W), num(e.H), e.Fill)
		case 'l':
			fmt.Fprintf(&b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"2\"></line>\n", num(e.X), num(e.Y), num(e.X+e.W), num(e.Y), e.Fill)
		case 't':
			anchor := ""
			switch e.Anchor {
			case chart.Middle:
				anchor = ` text-anchor="middle"`
			case chart.End:
				anchor = ` text-anchor="end"`
			}
			weight := ""
			if e.Bold {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(&b, "<text x=\"%s\" y=\"%s\" font-size=\"%s\"%s%s fill=\"%s\">%s</text>\n", num(e.X), num(e.Y), num(e.Size), anchor, weight, e.Fill, esc(e.S))
		case 'c':
			n++
			fmt.Fprintf(&b, "<g transform=\"translate(%s %s)\">\n", num(e.X), num(e.Y))
			b.Write(chart.Draw(e.Fig, fmt.Sprintf("poster%d", n)))
			b.WriteString("</g>\n")
		}
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// num and esc are the charts' own, so that the 图解 and the charts it
// holds print lengths and text the same way.
var (
	num = chart.Num
	esc = chart.Escape
)
