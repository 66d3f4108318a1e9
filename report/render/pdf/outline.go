package pdf

import "github.com/nianbao/nianbao/report/doc"

// bookmark adds heading h to the PDF outline at the current line: levels
// 1 (一、) and 2 (（一）), the sections and subsections a reader jumps
// between. A level 2 before any level 1 goes to the top of the outline:
// fpdf would hang it on a parent that does not exist.
func (r *renderer) bookmark(h doc.Heading) {
	switch {
	case h.Level == 1:
		r.pdf.Bookmark(h.Text, 0, marginTop+r.y)
		r.outline1 = true
	case h.Level == 2 && r.outline1:
		r.pdf.Bookmark(h.Text, 1, marginTop+r.y)
	case h.Level == 2:
		r.pdf.Bookmark(h.Text, 0, marginTop+r.y)
	}
}
