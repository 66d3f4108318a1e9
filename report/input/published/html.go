package published

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/lazyre"
)

// maxNodes bounds the DOM: a saved report page has about 10,000 nodes.
const maxNodes = 2_000_000

var charsetRe = lazyre.New(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)`)

// decodeHTML turns the page into UTF-8 by its <meta charset>: government
// sites still serve GBK and GB 18030 pages, and MS-Word HTML declares its
// charset late in a long <head>.
func decodeHTML(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	label := ""
	if m := charsetRe().FindSubmatch(data[:min(len(data), 64<<10)]); m != nil {
		label = strings.ToLower(string(m[1]))
	}
	switch {
	case label == "utf-8" || label == "utf8":
		if utf8.Valid(data) {
			return data
		}
	case label == "" && utf8.Valid(data):
		return data
	}
	switch label {
	case "", "gbk", "gb2312", "gb18030", "x-gbk", "cp936", "windows-936", "utf-8", "utf8":
		// GB 18030 decodes GBK and GB 2312 too; it is also the best guess
		// for an undeclared page that is not UTF-8, or one that says UTF-8
		// but was re-saved by an editor in the system code page.
		if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
			return out
		}
		return data
	}
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return data
	}
	if out, err := enc.NewDecoder().Bytes(data); err == nil {
		return out
	}
	return data
}

// htmlLines reads a web page: paragraphs and the rows of its tables, of
// the element that holds the report (the smallest one with both the first
// and the last section heading), so that menus and footers stay out.
func htmlLines(name string, data []byte) ([]line, string, error) {
	doc, err := html.Parse(bytes.NewReader(decodeHTML(data)))
	if err != nil {
		return nil, "", diag.Errorf(diag.Pos{File: name}, "网页无法解析：%v", err)
	}
	w := &htmlWalker{}
	w.walk(doc, 0)
	if w.nodes > maxNodes {
		return nil, "", diag.Errorf(diag.Pos{File: name}, "网页结构异常庞大（超过 %d 个元素），不是正常的年度报告网页。请确认选对了文件", maxNodes)
	}
	w.flush()
	title := w.metaTitle
	if title == "" {
		title = w.docTitle
	}
	if m := titleRe().FindString(norm(title)); m != "" {
		title = m
	} else {
		title = ""
		for _, l := range w.lines {
			if m := titleRe().FindString(norm(l.joined())); l.table == 0 && m != "" && runes(l.joined()) < 80 {
				title = m
				break
			}
		}
	}
	return w.content(), title, nil
}

type htmlWalker struct {
	lines     []line
	owners    []*html.Node // the element of each line
	buf       strings.Builder
	bufNode   *html.Node
	tables    int
	nodes     int
	metaTitle string
	docTitle  string
}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Section: true, atom.Article: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Pre: true, atom.Header: true, atom.Footer: true,
	atom.Main: true, atom.Nav: true, atom.Form: true, atom.Hr: true, atom.Body: true, atom.Tr: true, atom.Td: true, atom.Th: true,
}

var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Select: true,
	atom.Textarea: true, atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Button: true,
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func (w *htmlWalker) walk(n *html.Node, depth int) {
	w.nodes++
	if w.nodes > maxNodes || depth > 500 {
		return
	}
	switch n.Type {
	case html.TextNode:
		if w.buf.Len() == 0 {
			w.bufNode = n.Parent
		}
		w.buf.WriteString(n.Data)
		return
	case html.ElementNode:
		switch {
		case n.DataAtom == atom.Meta:
			if strings.EqualFold(attrOf(n, "name"), "ArticleTitle") && w.metaTitle == "" {
				w.metaTitle = attrOf(n, "content")
			}
			return
		case n.DataAtom == atom.Title:
			if w.docTitle == "" && n.FirstChild != nil {
				w.docTitle = n.FirstChild.Data
			}
			return
		case skipAtoms[n.DataAtom]:
			return
		case n.DataAtom == atom.Table:
			w.flush()
			w.table(n)
			return
		case n.DataAtom == atom.Br:
			w.flush()
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && blockAtoms[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if block {
		w.flush()
	}
}

func (w *htmlWalker) flush() {
	if w.buf.Len() == 0 {
		return
	}
	t := clean(w.buf.String())
	w.buf.Reset()
	if t == "" {
		return
	}
	w.lines = append(w.lines, line{cells: []cell{{text: t}}})
	w.owners = append(w.owners, w.bufNode)
}

// table adds the rows of a table; a table inside a cell is that cell's text.
func (w *htmlWalker) table(t *html.Node) {
	w.tables++
	row := 0
	var rows func(n *html.Node)
	rows = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.nodes++
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				row++
				l := line{table: w.tables, row: row}
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						var b strings.Builder
						w.text(td, &b, 0)
						l.cells = append(l.cells, cell{text: clean(b.String())})
					}
				}
				w.lines = append(w.lines, l)
				w.owners = append(w.owners, t)
			case atom.Table:
			default:
				rows(c)
			}
		}
	}
	rows(t)
}

func (w *htmlWalker) text(n *html.Node, b *strings.Builder, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.nodes++
		if w.nodes > maxNodes || depth > 500 {
			return
		}
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			if skipAtoms[c.DataAtom] {
				continue
			}
			if c.DataAtom == atom.Br || c.DataAtom == atom.P || c.DataAtom == atom.Div {
				b.WriteString(" ")
			}
			w.text(c, b, depth+1)
		}
	}
}

// content keeps the lines inside the element that holds the report.
func (w *htmlWalker) content() []line {
	var first, last *html.Node
	for i, l := range w.lines {
		if l.table > 0 {
			continue
		}
		if first == nil && heading(0, l.joined()) {
			first = w.owners[i]
		}
		if first != nil && heading(5, l.joined()) {
			last = w.owners[i]
		}
	}
	if first == nil || last == nil {
		return w.lines
	}
	root := lca(first, last)
	var out []line
	for i, l := range w.lines {
		if within(w.owners[i], root) {
			out = append(out, l)
		}
	}
	return out
}

func lca(a, b *html.Node) *html.Node {
	anc := map[*html.Node]bool{}
	for n := a; n != nil; n = n.Parent {
		anc[n] = true
	}
	for n := b; n != nil; n = n.Parent {
		if anc[n] {
			return n
		}
	}
	return nil
}

func within(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}
