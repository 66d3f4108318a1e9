package pipeline

import (
	"bytes"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/render/markdown"
	"github.com/nianbao/nianbao/report/render/pdf"
	"github.com/nianbao/nianbao/report/render/poster"
	"github.com/nianbao/nianbao/report/render/raster"
)

// markdownCharts are the pictures of d's charts as SVG files named after
// the report (2022年…报告-图1.svg), and the Markdown renderer that links
// them; none for a report without charts.
func markdownCharts(base string, d *doc.Document) ([]outfile.File, func(io.Writer, *doc.Document, *config.Config) error) {
	var files []outfile.File
	names := map[int]string{}
	n := 0
	for _, b := range d.Blocks {
		c, ok := b.(*doc.Chart)
		if !ok || c == nil {
			continue
		}
		name := fmt.Sprintf("%s-图%d.svg", base, n+1)
		names[n] = name
		files = append(files, outfile.File{Name: name, Data: chart.SVG(c, chart.Options{ID: fmt.Sprintf("chart%d", n+1)})})
		n++
	}
	return files, func(w io.Writer, d *doc.Document, _ *config.Config) error {
		return markdown.RenderWith(w, d, markdown.Options{ChartFile: func(i int, _ *doc.Chart) string { return names[i] }})
	}
}

// posterFiles are the 图解 of a report as SVG (…-图解.svg, for the
// website, with the HTML) and PNG (…-图解.png, 1080 pixels wide, for
// WeChat and sites that take only pictures, with the SVG), and as a
// one-page PDF (…-图解.pdf, with the PDF); the PNG and the PDF in the
// report's fonts: its key figures and every chart it
// offers, drawn from the same statistics. Only when nianbao.toml asks for
// charts: the national format has none, and a folder that has not asked
// gets the outputs it always had.
func posterFiles(k *compose.Kind, in compose.Input, d *doc.Document, base string, svg, pdfPage bool) ([]outfile.File, []string, error) {
	if k.Chart == nil || in.Config == nil || !(in.Config.Charts.All || len(in.Config.Charts.Names) > 0) {
		return nil, nil, nil
	}
	p := &poster.Poster{Org: d.Meta.Org, Year: in.Config.Year, Subject: k.Name, Date: d.Meta.Date, Draft: d.Meta.Draft}
	if k.KeyFigures != nil {
		p.Figures = k.KeyFigures(in)
	}
	for _, id := range k.Charts {
		if c := k.Chart(id, in); c != nil {
			p.Charts = append(p.Charts, c)
		}
	}
	var files []outfile.File
	var whats []string
	if !svg && !pdfPage {
		return nil, nil, nil
	}
	fonts, err := pdfFonts(in.Config)
	if err != nil {
		return nil, nil, err
	}
	// The PNG is drawn while the PDF page is set: the two are most of
	// what the 图解 costs, and a build has the cores to spare.
	type picture struct {
		data []byte
		err  error
	}
	var png chan picture
	if svg {
		png = make(chan picture, 1)
		go func() {
			data, err := raster.PNG(p, fonts)
			png <- picture{data, err}
		}()
		files = append(files, outfile.File{Name: base + "-图解.svg", Data: poster.SVG(p)})
		whats = append(whats, "图解（SVG）")
	}
	var page []byte
	if pdfPage {
		var buf bytes.Buffer
		err = pdf.RenderPoster(&buf, p, pdf.Options{Fonts: fonts})
		page = buf.Bytes()
	}
	if png != nil {
		pic := <-png
		if pic.err != nil {
			return nil, nil, pic.err
		}
		files = append(files, outfile.File{Name: base + "-图解.png", Data: pic.data})
		whats = append(whats, "图解（PNG）")
	}
	if err != nil {
		return nil, nil, err
	}
	if pdfPage {
		files = append(files, outfile.File{Name: base + "-图解.pdf", Data: page})
		whats = append(whats, "图解（PDF）")
	}
	return files, whats, nil
}
