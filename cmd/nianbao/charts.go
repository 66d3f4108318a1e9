package main

import (
	"fmt"
	"io"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/render/chart"
	"github.com/nianbao/nianbao/report/render/markdown"
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
