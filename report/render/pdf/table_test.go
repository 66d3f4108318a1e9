package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/stats"
)

// Every offset of a table on its page, in steps finer than a row, so that
// the page breaks at every row: a section's heads never end a page, every
// body row has its own section's heads above it on its page, and heads
// repeated on a continuation page are those of the section that continues.
func TestTableBreaksAtEveryRow(t *testing.T) {
	for _, tc := range []struct {
		id string
		// rows that must open a page for some offset: section starts and
		// the body rows after a section's first
		starts []int
	}{
		{tables.Active, []int{0, 3, 4, 7, 10, 11}},
		{tables.Requests, []int{0, 4, 10, 20, 24}},
		{tables.Appeals, []int{0}},
	} {
		t.Run(tc.id, func(t *testing.T) {
			fonts, err := fontset.Load(nil)
			require.NoError(t, err)
			tb := tables.Build(tc.id, doctest.WideStats())
			secs := tb.Sections()
			sectionOf := func(row int) doc.Section {
				for _, s := range secs {
					if row >= s.Start && row < s.End {
						return s
					}
				}
				t.Fatalf("row %d in no section", row)
				return doc.Section{}
			}
			opened := map[int]bool{}
			// One document, the table once on fresh pages per offset.
			d := &doc.Document{Blocks: []doc.Block{tb}}
			r, err := newRenderer(d, Options{Fonts: fonts}, planChars(d, fonts))
			require.NoError(t, err)
			var segs []tableSegment
			r.onSegment = func(s tableSegment) { segs = append(segs, s) }
			for off := 0.0; off < blockH; off += 1 {
				segs = segs[:0]
				r.newPage()
				first := r.page
				r.y = off
				r.table(tb)
				name := fmt.Sprintf("offset %.1f mm", off)

				drawn := make([]int, len(tb.Rows))
				onPage := map[int]map[int]bool{} // page → rows drawn so far
				for i, s := range segs {
					if onPage[s.Page] == nil {
						onPage[s.Page] = map[int]bool{}
						if s.Page > first {
							opened[s.From] = true
						}
					}
					sec := sectionOf(s.From)
					if s.Repeat {
						assert.Equal(t, [2]int{sec.Start, sec.Body}, [2]int{s.From, s.To}, "%s: only heads repeat", name)
						require.Less(t, i+1, len(segs), "%s: repeated heads end the table", name)
						next := segs[i+1]
						assert.Equal(t, s.Page, next.Page, "%s: repeated heads alone on page %d", name, s.Page)
						assert.Equal(t, sec, sectionOf(next.From), "%s: page %d repeats the heads of another section", name, s.Page)
						opened[next.From] = true
					} else {
						for r := s.From; r < s.To; r++ {
							drawn[r]++
						}
					}
					for r := s.From; r < s.To; r++ {
						if r >= sec.Body {
							for h := sec.Start; h < sec.Body; h++ {
								assert.True(t, onPage[s.Page][h] || (h >= s.From && h < r), "%s: row %d on page %d without its head row %d", name, r, s.Page, h)
							}
						}
						onPage[s.Page][r] = true
					}
					last := i+1 == len(segs) || segs[i+1].Page != s.Page
					if last {
						assert.True(t, tb.Rows[s.To-1].Header == false, "%s: page %d ends with head row %d %q", name, s.Page, s.To-1, tb.Rows[s.To-1].Cells[0].Text)
					}
				}
				for r, n := range drawn {
					assert.Equal(t, 1, n, "%s: row %d drawn %d times", name, r, n)
				}
			}
			for _, row := range tc.starts {
				assert.True(t, opened[row], "no offset puts row %d at the top of a page", row)
			}
		})
	}
}

// bigDoc is the three tables with bigStats under their headings, after
// pad lines of body text.
func bigDoc(pad int) *doc.Document {
	s := doctest.WideStats()
	d := &doc.Document{Title: "宽数字测试", Meta: doc.Meta{Org: "测试", Year: 2022, ISODate: "2023-01-15"}}
	for i := 0; i < pad; i++ {
		d.Blocks = append(d.Blocks, doc.Paragraph{Text: fmt.Sprintf("第%d段填充文字。", i+1), Indent: true})
	}
	for i, id := range tables.IDs {
		d.Blocks = append(d.Blocks, doc.Heading{Level: 1, Text: []string{stats.Section2, stats.Section3, stats.Section4}[i]}, tables.Build(id, s))
	}
	return d
}

// figures are the texts of the data cells.
func figures(d *doc.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if tb, ok := b.(*doc.Table); ok {
			for _, row := range tb.Rows {
				for _, c := range row.Cells {
					if !c.Header {
						out = append(out, c.Text)
					}
				}
			}
		}
	}
	return out
}

// Nine-digit figures in every cell and a fee with six decimals: each
// comes out of the PDF as one word, never wrapped inside its cell.
func TestWideFiguresOneLine(t *testing.T) {
	d := bigDoc(0)
	data := render(t, d)
	path := filepath.Join(t.TempDir(), "wide.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	if keep := os.Getenv("NIANBAO_KEEP_PDF"); keep != "" {
		_ = os.WriteFile(keep, data, 0o644)
	}
	words := map[string]int{}
	for _, m := range wordBox.FindAllStringSubmatch(tool(t, "pdftotext", "-bbox", path, "-"), -1) {
		words[m[1]]++
	}
	figs := figures(d)
	require.Len(t, figs, 6+3+25*7+15+1)
	for _, f := range figs {
		assert.Equal(t, 1, words[f], "figure %s is one word", f)
	}
}

var wordBox = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="[0-9.]+" xMax="[0-9.]+" yMax="[0-9.]+">([^<]*)</word>`)

// The printed PDF agrees with the layout log: 表二 starts at offsets down
// its first page in steps of 2.5 mm (a third of a row), so that the page
// breaks inside and between its blocks, and is read back with pdftotext
// page by page. On
// every page each row label of 表二 comes after its own block's caption,
// and the page's last 表二 row is not a caption or head row.
func TestActiveBreaksInPrint(t *testing.T) {
	fonts, err := fontset.Load(nil)
	require.NoError(t, err)
	blocks := [][]string{
		{stats.LabelItem1, stats.LabelRegs, stats.LabelNormDocs},
		{stats.LabelItem5, stats.LabelLicensing},
		{stats.LabelItem6, stats.LabelPunishment, stats.LabelCoercion},
		{stats.LabelItem8, stats.LabelFees},
	}
	dir := t.TempDir()
	tb := tables.Build(tables.Active, doctest.WideStats())
	broken := 0
	inBlock := map[string]bool{}
	for off := 150.0; off < blockH; off += 2.5 {
		d := &doc.Document{Meta: doc.Meta{Org: "测试", Year: 2022, ISODate: "2023-01-15"}, Blocks: []doc.Block{tb}}
		r, err := newRenderer(d, Options{Fonts: fonts}, planChars(d, fonts))
		require.NoError(t, err)
		r.newPage()
		r.y = off
		r.table(tb)
		var buf bytes.Buffer
		require.NoError(t, r.pdf.Output(&buf))
		name := fmt.Sprintf("offset %.1f mm", off)
		path := filepath.Join(dir, "a.pdf")
		if keep := os.Getenv("NIANBAO_KEEP_DIR"); keep != "" {
			path = filepath.Join(keep, fmt.Sprintf("active-%05.1f.pdf", off))
		}
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		pages := strings.Split(tool(t, "pdftotext", "-layout", path, "-"), "\f")
		if len(strings.TrimSpace(pages[len(pages)-1])) == 0 {
			pages = pages[:len(pages)-1]
		}
		if len(pages) > 1 {
			broken++
		}
		for p, text := range pages {
			text = strings.Join(strings.Fields(text), "")
			last, lastIsHead := -1, false
			for _, b := range blocks {
				for k, label := range b {
					for from := 0; ; {
						i := strings.Index(text[from:], label)
						if i < 0 {
							break
						}
						at := from + i
						from = at + len(label)
						if k > 0 {
							c := strings.LastIndex(text[:at], b[0])
							assert.True(t, c >= 0, "%s: page %d: %s without its caption %s", name, p+1, label, b[0])
						}
						if at > last {
							last, lastIsHead = at, k == 0
						}
					}
				}
			}
			if i := strings.LastIndex(text, stats.LabelInfo); i > last {
				lastIsHead = true
			}
			assert.False(t, lastIsHead, "%s: page %d ends with a caption or head row", name, p+1)
			// a break inside block （一） or （六）: its rows on two pages
			if p > 0 {
				prev := strings.Join(strings.Fields(pages[p-1]), "")
				for _, pair := range [][2]string{{stats.LabelRegs, stats.LabelNormDocs}, {stats.LabelPunishment, stats.LabelCoercion}} {
					if strings.Contains(prev, pair[0]) && !strings.Contains(prev, pair[1]) && strings.Contains(text, pair[1]) {
						inBlock[pair[1]] = true
					}
				}
			}
		}
	}
	assert.Greater(t, broken, 10, "the table crosses a page in many layouts")
	assert.True(t, inBlock[stats.LabelNormDocs] && inBlock[stats.LabelCoercion], "pages break inside blocks （一） and （六）")
}
