package docx

import (
	"strings"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/linebreak"
)

// titleLines is the title with its lines chosen here, joined by newlines
// that become explicit line breaks (w:br): left to the reader, Word and
// LibreOffice fill the first line and leave 报告 alone on the second, and
// split words (GB/T 9704 7.3.1 wants them whole and the lines balanced).
// The breaks are the PDF's: the same breaker on the same em model.
func titleLines(d *doc.Document) string {
	var out []string
	for _, l := range linebreak.Title(clean(d.Title), clean(d.Meta.Org), linebreak.TitleWidth(textW, sizeTitle*10), linebreak.Ems) {
		out = append(out, l.Text)
	}
	return strings.Join(out, "\n")
}
