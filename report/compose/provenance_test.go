package compose

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
)

func parseMarkup(t *testing.T, src string) *doc.Document {
	t.Helper()
	d := &doc.Document{}
	p := &parser{d: d, tables: func(string) *doc.Table { return nil }}
	require.NoError(t, p.parse(src))
	return d
}

func ownText(text string, spans []doc.Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

// The marks of the office's text change nothing in the document but Own:
// the same markup without them parses to the same text.
func TestOwnMarks(t *testing.T) {
	src := "# 一、总体情况\n\n本年度新收申请4件。\n\n" + paras("一是加强组织领导。\n  二是 规范发布。  ") +
		"\n\n" + `\` + markOwn("abc") + "\n" + markOwn("def") + " 生成的尾巴\n\n" +
		"- 第1项（办公室牵头，推进中）：进展：" + markOwn("已完成八成") + "\n- 第2项：无\n\n" +
		"## " + markOwn("标题里的标记") + "\n"
	d := parseMarkup(t, src)
	plain := parseMarkup(t, unmarkString(src))
	require.Len(t, d.Blocks, len(plain.Blocks))
	for i, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Paragraph:
			assert.Equal(t, plain.Blocks[i].(doc.Paragraph).Text, b.Text)
		case doc.List:
			assert.Equal(t, plain.Blocks[i].(doc.List).Items, b.Items)
		default:
			assert.Equal(t, plain.Blocks[i], b)
		}
	}
	gen := d.Blocks[1].(doc.Paragraph)
	assert.Empty(t, gen.Own, "the template's sentence")
	// A paragraph of the office's text over two lines is all its own,
	// the line joined without the space trimmed inside.
	p := d.Blocks[2].(doc.Paragraph)
	assert.Equal(t, []string{p.Text}, ownText(p.Text, p.Own))
	// Latin lines join with a space, which is the template's.
	p = d.Blocks[3].(doc.Paragraph)
	assert.Equal(t, "abc def 生成的尾巴", p.Text)
	assert.Equal(t, []string{"abc", "def"}, ownText(p.Text, p.Own))
	l := d.Blocks[4].(doc.List)
	require.Len(t, l.Own, 2)
	assert.Equal(t, []string{"已完成八成"}, ownText(l.Items[0], l.Own[0]))
	assert.Empty(t, l.Own[1])
	assert.Equal(t, doc.Heading{Level: 2, Text: "标题里的标记"}, d.Blocks[5])
}

// A list with none of the office's text has no Own at all, as before.
func TestNoOwnMarks(t *testing.T) {
	d := parseMarkup(t, "- 一\n- 二\n\n段落。\n")
	assert.Nil(t, d.Blocks[0].(doc.List).Own)
	assert.Nil(t, d.Blocks[1].(doc.Paragraph).Own)
}

// The office's text cannot carry marks of its own into the markup.
func TestOwnDropsMarksInText(t *testing.T) {
	s := markOwn("a" + string(ownEnd) + "b" + string(ownStart))
	assert.Equal(t, 1, strings.Count(s, string(ownStart)))
	assert.Equal(t, 1, strings.Count(s, string(ownEnd)))
	assert.Empty(t, markOwn(""))
}

// Any markup, marks anywhere (unbalanced, inside directives and
// headings): the document is the one the markup without marks gives, and
// every Own span lies in its text, in order.
func FuzzOwnMarks(f *testing.F) {
	f.Add("# 一、总体情况\n\n" + paras("一是。\n二是") + "\n- a" + markOwn("b") + "c\n")
	f.Add(`\` + string(ownStart) + "abc\n  def  " + string(ownEnd) + " x\n\n> " + markOwn("说明"))
	f.Add(string(ownEnd) + "- " + string(ownStart) + "#\n" + string(ownStart))
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			// Taking a mark out of invalid bytes can join them into
			// another mark: no markup without marks to compare with.
			// (Without marks the parser keeps every byte: the fast path.)
			return
		}
		parse := func(s string) (*doc.Document, error) {
			d := &doc.Document{}
			p := &parser{d: d, tables: func(string) *doc.Table { return nil }}
			return d, p.parse(s)
		}
		d, err := parse(src)
		plain, perr := parse(unmarkString(src))
		if (err == nil) != (perr == nil) {
			t.Fatalf("errors differ: %v / %v", err, perr)
		}
		if err != nil {
			return
		}
		if len(d.Blocks) != len(plain.Blocks) || d.Title != plain.Title {
			t.Fatalf("blocks differ")
		}
		inText := func(text string, spans []doc.Span) {
			at := 0
			for _, s := range spans {
				if s.Start < at || s.End <= s.Start || s.End > len(text) {
					t.Fatalf("span %v of %q", s, text)
				}
				at = s.End
			}
		}
		for i, b := range d.Blocks {
			switch b := b.(type) {
			case doc.Paragraph:
				if b.Text != plain.Blocks[i].(doc.Paragraph).Text {
					t.Fatalf("paragraph %d differs", i)
				}
				inText(b.Text, b.Own)
			case doc.List:
				items := plain.Blocks[i].(doc.List).Items
				if strings.Join(b.Items, "\n") != strings.Join(items, "\n") || b.Own != nil && len(b.Own) != len(b.Items) {
					t.Fatalf("list %d differs", i)
				}
				for j, own := range b.Own {
					inText(b.Items[j], own)
				}
			default:
				if b != plain.Blocks[i] {
					t.Fatalf("block %d differs", i)
				}
			}
		}
	})
}
