package doctest_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/render/docx"
	"github.com/nianbao/nianbao/report/render/htmlpage"
	"github.com/nianbao/nianbao/report/render/markdown"
	"github.com/nianbao/nianbao/report/render/pdf"
	"github.com/nianbao/nianbao/report/render/plaintext"
)

// format is one renderer with a way to read its output back as text.
type format struct {
	name   string
	render func(io.Writer, *doc.Document) error
	text   func(t *testing.T, out []byte) string
	// paged: the PDF and the DOCX print list labels as doc.List.Label;
	// plain text prints PlainLabel and the Note label; HTML and Markdown
	// leave numbering to their list markup.
	labels string
	// wraps: table labels may break across lines, so only the figures
	// (one line each, by design) are looked for.
	wraps bool
}

var (
	tags       = regexp.MustCompile(`<[^>]*>`)
	mdEscape   = regexp.MustCompile(`\\([[:punct:]])`)
	docxTexts  = regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)
	chartTexts = regexp.MustCompile(`<(?:a:t|c:v)>([^<]*)</(?:a:t|c:v)>`)
)

func formats() []format {
	return []format{
		{name: "markdown", render: markdown.Render, text: func(_ *testing.T, out []byte) string {
			// A backslash ending a line is a hard break, not text.
			s := strings.ReplaceAll(string(out), "\\\n", "\n")
			s = html.UnescapeString(tags.ReplaceAllString(s, ""))
			return strings.ReplaceAll(mdEscape.ReplaceAllString(s, "$1"), "**", "")
		}},
		{name: "html", render: htmlpage.Render, text: func(_ *testing.T, out []byte) string {
			return html.UnescapeString(tags.ReplaceAllString(string(out), ""))
		}},
		{name: "text", render: plaintext.Render, labels: "plain", wraps: true, text: func(_ *testing.T, out []byte) string {
			return string(out)
		}},
		{name: "docx", labels: "paged", render: func(w io.Writer, d *doc.Document) error {
			return docx.Render(w, d, docx.Options{})
		}, text: func(t *testing.T, out []byte) string {
			z, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
			require.NoError(t, err)
			f, err := z.Open("word/document.xml")
			require.NoError(t, err)
			data, err := io.ReadAll(f)
			require.NoError(t, err)
			var b strings.Builder
			for _, m := range docxTexts.FindAllStringSubmatch(string(data), -1) {
				b.WriteString(html.UnescapeString(m[1]))
			}
			// The charts' texts and cached figures, in their parts.
			for _, f := range z.File {
				if !strings.HasPrefix(f.Name, "word/charts/chart") {
					continue
				}
				r, err := f.Open()
				require.NoError(t, err)
				data, err := io.ReadAll(r)
				require.NoError(t, err)
				for _, m := range chartTexts.FindAllStringSubmatch(string(data), -1) {
					b.WriteString(html.UnescapeString(m[1]) + " ")
				}
			}
			return b.String()
		}},
		{name: "pdf", labels: "paged", wraps: true, render: func(w io.Writer, d *doc.Document) error {
			return pdf.Render(w, d, pdf.Options{})
		}, text: func(t *testing.T, out []byte) string {
			if _, err := exec.LookPath("pdftotext"); err != nil {
				t.Skip("pdftotext (poppler-utils) not installed")
			}
			path := filepath.Join(t.TempDir(), "report.pdf")
			require.NoError(t, os.WriteFile(path, out, 0o644))
			text, err := exec.Command("pdftotext", "-raw", path, "-").Output()
			require.NoError(t, err)
			return string(text)
		}},
	}
}

// flat drops all white space, which the formats place as their layout
// needs (line breaks, justification, indents).
func flat(s string) string { return strings.Join(strings.Fields(s), "") }

// kinds records which kinds of block a document has; headings by level.
type kinds map[string]int

func (k kinds) Heading(h doc.Heading) error   { k[fmt.Sprintf("heading %d", h.Level)]++; return nil }
func (k kinds) Paragraph(doc.Paragraph) error { k["paragraph"]++; return nil }
func (k kinds) Note(doc.Note) error           { k["note"]++; return nil }
func (k kinds) Table(*doc.Table) error        { k["table"]++; return nil }
func (k kinds) Chart(*doc.Chart) error        { k["chart"]++; return nil }
func (k kinds) Signature(doc.Signature) error { k["signature"]++; return nil }
func (k kinds) PageBreak(doc.PageBreak) error { k["page break"]++; return nil }
func (k kinds) List(l doc.List) error {
	if l.Ordered {
		k["ordered list"]++
	} else {
		k["unordered list"]++
	}
	return nil
}

// visitorKinds are, for each method of doc.Visitor, the kinds of block
// the shared sample must hold for it: every variant a renderer treats
// differently.
var visitorKinds = map[string][]string{
	"Heading":   {"heading 1", "heading 2", "heading 3", "heading 4"},
	"Paragraph": {"paragraph"},
	"List":      {"ordered list", "unordered list"},
	"Note":      {"note"},
	"Table":     {"table"},
	"Chart":     {"chart"},
	"Signature": {"signature"},
	"PageBreak": {"page break"},
}

// TestSampleHasEveryKind: the shared sample is the test of every block
// kind in every format, so it must hold each. A new method of doc.Visitor
// (a new block kind) fails to compile in kinds and expect, and fails here
// until visitorKinds lists it and the sample has one.
func TestSampleHasEveryKind(t *testing.T) {
	v := reflect.TypeOf((*doc.Visitor)(nil)).Elem()
	var methods []string
	for i := 0; i < v.NumMethod(); i++ {
		m := v.Method(i).Name
		methods = append(methods, m)
		assert.Contains(t, visitorKinds, m, "doc.Visitor.%s has no block in the shared sample: add it to doctest.Sample and visitorKinds", m)
	}
	assert.Len(t, visitorKinds, len(methods), "visitorKinds lists a method doc.Visitor no longer has: %v", methods)

	k := kinds{}
	require.NoError(t, doc.Walk(doctest.Sample().Blocks, k))
	known := map[string]bool{}
	for _, m := range methods {
		for _, want := range visitorKinds[m] {
			assert.Positive(t, k[want], "the sample has no %s", want)
			known[want] = true
		}
	}
	for got := range k {
		assert.True(t, known[got], "the sample has a %s, which visitorKinds does not list", got)
	}
}

// expect lists, for one format, the texts of each block as it must
// appear, white space aside.
type expect struct {
	f    format
	want []string
}

func (e *expect) add(s ...string) {
	for _, x := range s {
		if x = flat(x); x != "" {
			e.want = append(e.want, x)
		}
	}
}

func (e *expect) Heading(h doc.Heading) error     { e.add(h.Text); return nil }
func (e *expect) Paragraph(p doc.Paragraph) error { e.add(p.Text); return nil }
func (e *expect) PageBreak(doc.PageBreak) error   { return nil } // no text: TestPageBreaks
func (e *expect) Signature(s doc.Signature) error { e.add(s.Org, s.Date); return nil }

func (e *expect) List(l doc.List) error {
	for i, it := range l.Items {
		switch e.f.labels {
		case "paged":
			e.add(l.Label(i) + it)
		case "plain":
			e.add(l.PlainLabel(i) + it)
		default:
			e.add(it)
		}
	}
	return nil
}

func (e *expect) Note(n doc.Note) error {
	if e.f.labels == "plain" {
		e.add(doc.NoteLabel + n.Text)
	} else {
		e.add(n.Text)
	}
	return nil
}

func (e *expect) Table(t *doc.Table) error {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if !c.Header || !e.f.wraps {
				e.add(c.Text)
			}
		}
	}
	return nil
}

// Chart: every format shows the chart's caption, its categories, the
// names of its series and every figure, whether it draws the chart or
// prints its table; the PDF wraps no chart label, but a caption may
// split where the text layer breaks lines, so it is looked for in parts.
func (e *expect) Chart(c *doc.Chart) error {
	e.add(c.Title)
	if e.f.name != "pdf" {
		e.add(c.Caption())
	}
	e.add(c.Categories...)
	for s, se := range c.Series {
		e.add(se.Name)
		for i := range c.Categories {
			if e.f.name == "docx" {
				// A native chart caches the number; Word formats it.
				e.add(strconv.FormatInt(c.Value(s, i), 10))
			} else {
				e.add(doc.Figure(c.Value(s, i)))
			}
		}
	}
	return nil
}

// TestEveryKindInEveryFormat renders the sample, formal and draft, in
// every format and finds each block's text, with the model's labels, in
// the output, and the draft banner on the draft.
func TestEveryKindInEveryFormat(t *testing.T) {
	for _, f := range formats() {
		t.Run(f.name, func(t *testing.T) {
			for _, d := range []*doc.Document{doctest.Sample(), doctest.Draft()} {
				var buf bytes.Buffer
				require.NoError(t, f.render(&buf, d))
				got := flat(f.text(t, buf.Bytes()))
				e := &expect{f: f}
				e.add(d.Meta.DraftBanner())
				require.NoError(t, doc.Walk(d.Blocks, e))
				for _, want := range e.want {
					assert.True(t, strings.Contains(got, want), "draft %v: %q missing", d.Meta.Draft, want)
				}
			}
		})
	}
}

// TestPageBreaks: a page break, which has no text, still shows in every
// format: an extra page in the paged ones, markup in the others, and an
// extra blank line in plain text.
func TestPageBreaks(t *testing.T) {
	with := func(blocks ...doc.Block) *doc.Document {
		return &doc.Document{Meta: doc.Meta{Year: 2022}, Blocks: blocks}
	}
	p := doc.Paragraph{Text: "正文"}
	for _, f := range formats() {
		t.Run(f.name, func(t *testing.T) {
			var one, two bytes.Buffer
			require.NoError(t, f.render(&one, with(p, p)))
			require.NoError(t, f.render(&two, with(p, doc.PageBreak{}, p)))
			assert.NotEqual(t, one.String(), two.String())
		})
	}
}

// TestNilBlock: a nil block is an error in every format, never dropped.
func TestNilBlock(t *testing.T) {
	for _, f := range formats() {
		t.Run(f.name, func(t *testing.T) {
			assert.Error(t, f.render(io.Discard, &doc.Document{Blocks: []doc.Block{doc.Paragraph{Text: "正文"}, nil}}))
		})
	}
}
