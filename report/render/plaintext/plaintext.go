// Package plaintext renders a document as plain text, for pasting into
// Word/WPS and for reading in a terminal.
//
// Layout rules:
//
//   - the page is Width (70) display columns wide; CJK wide and full-width
//     characters count 2 (golang.org/x/text/width), combining and format
//     characters 0, everything else 1;
//   - the title is centred, the 落款 (signature) right-aligned on that width;
//   - paragraphs are not wrapped: one paragraph is one line, so that a paste
//     into Word/WPS reflows it; indented paragraphs start with two
//     full-width spaces (the GB/T 9704 first-line indent);
//   - tables are drawn as ASCII box grids that keep their merged cells (see
//     table.go); wide tables (表三, 表四) may use up to WideWidth (110)
//     columns;
//   - a page break is an extra blank line: text has no pages;
//   - control characters are dropped (a tab becomes a space), invalid UTF-8
//     becomes U+FFFD.
//
// The renderer derives no content: it prints only what the model holds.
package plaintext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/nianbao/nianbao/report/doc"
)

// Width is the line width, in display columns, of everything but wide tables.
const Width = 70

// WideWidth is the widest a table may be drawn when it cannot be drawn
// comfortably in Width columns.
const WideWidth = 110

const indent = "　　" // two full-width spaces

// Render writes d as plain text.
func Render(out io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("plaintext: nil document")
	}
	w := &writer{first: true}
	if d.Meta.Draft {
		w.block(splitLines(clean(d.Meta.DraftBanner()))...)
	}
	if title := oneLine(d.Title); title != "" {
		var lines []string
		for _, l := range balanced(title, Width) {
			lines = append(lines, centre(l, Width))
		}
		w.block(lines...)
	}
	if err := doc.Walk(d.Blocks, w); err != nil {
		return fmt.Errorf("plaintext: %w", err)
	}
	var buf bytes.Buffer
	for _, l := range w.out {
		buf.WriteString(l)
		buf.WriteByte('\n')
	}
	_, err := out.Write(buf.Bytes())
	return err
}

// writer collects the lines of the blocks as a doc.Visitor.
type writer struct {
	out   []string
	first bool
}

// block adds the lines of one block, separated from the previous by a
// blank line.
func (w *writer) block(lines ...string) {
	if !w.first {
		w.out = append(w.out, "")
	}
	w.first = false
	w.out = append(w.out, lines...)
}

func (w *writer) Heading(h doc.Heading) error {
	w.block(oneLine(h.Text))
	return nil
}

func (w *writer) Paragraph(p doc.Paragraph) error {
	w.block(paragraph(p)...)
	return nil
}

func (w *writer) List(l doc.List) error {
	w.block(list(l)...)
	return nil
}

func (w *writer) Table(t *doc.Table) error {
	if t == nil || len(t.Rows) == 0 {
		return nil
	}
	w.block(table(t)...)
	return nil
}

// Chart prints the chart's figures as a small table under its title:
// text has no pictures, and the figures are what a chart says.
func (w *writer) Chart(c *doc.Chart) error {
	if c == nil {
		return nil
	}
	t := c.Table()
	caption := oneLine(t.Caption)
	t.Caption = "" // a table's caption wraps to its width, too narrow here
	w.block(append([]string{caption}, table(t)...)...)
	return nil
}

func (w *writer) Signature(s doc.Signature) error {
	var lines []string
	for _, l := range append(splitLines(clean(s.Org)), splitLines(clean(s.Date))...) {
		lines = append(lines, rightAlign(l, Width))
	}
	w.block(lines...)
	return nil
}

func (w *writer) PageBreak(doc.PageBreak) error {
	w.block() // one more blank line
	return nil
}

// Note opens with the model's label: plain text has no style to set a
// note apart.
func (w *writer) Note(n doc.Note) error {
	lines := splitLines(clean(n.Text))
	lines[0] = doc.NoteLabel + lines[0]
	for j := 1; j < len(lines); j++ {
		if lines[j] != "" {
			lines[j] = "    " + lines[j]
		}
	}
	w.block(lines...)
	return nil
}

func paragraph(p doc.Paragraph) []string {
	lines := splitLines(clean(p.Text))
	if p.Indent {
		for i, l := range lines {
			l = strings.TrimLeft(l, " 　")
			if l != "" {
				l = indent + l
			}
			lines[i] = l
		}
	}
	return lines
}

func list(l doc.List) []string {
	var out []string
	for i, item := range l.Items {
		marker := l.PlainLabel(i) + " "
		pad := strings.Repeat(" ", displayWidth(marker))
		for j, line := range splitLines(clean(item)) {
			switch {
			case j == 0:
				line = strings.TrimRight(marker+line, " ")
			case line != "":
				line = pad + line
			}
			out = append(out, line)
		}
	}
	return out
}

// clean is the shared text policy (report/textclean).
func clean(s string) string { return doc.Clean(s) }

// oneLine is clean text on one line: newlines become spaces.
func oneLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(clean(s), "\n", " "))
}

// splitLines splits clean text into lines without trailing blanks; it
// returns at least one line.
func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// runeWidth is the display width of r: 2 for East Asian wide and
// full-width characters, 0 for combining and format characters, else 1.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || unicode.IsControl(r) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func centre(s string, w int) string {
	pad := (w - displayWidth(s)) / 2
	if pad <= 0 {
		return s
	}
	return strings.Repeat(" ", pad) + s
}

func rightAlign(s string, w int) string {
	if s == "" {
		return s
	}
	pad := w - displayWidth(s)
	if pad <= 0 {
		return s
	}
	return strings.Repeat(" ", pad) + s
}

// Line breaking. Text breaks between any two CJK characters and at spaces;
// runs of other non-space characters (ASCII words, digit runs such as 2022
// or 9116.36) stay together. Closing punctuation (，。）” …) stays with the
// character before it and opening punctuation (（“《 …) with the character
// after it, so that no line starts with a closing or ends with an opening
// mark (the usual Chinese line-breaking rule).

const (
	opening = "（〔［｛【《〈「『“‘([{"
	closing = "）〕］｝】》〉」』”’，。、；：！？…—％·,.;:!?)]}%"
)

// tokens splits one line into unbreakable pieces; " " marks a break
// opportunity at a (collapsed) run of spaces.
func tokens(line string) []string {
	// atoms: runs of narrow non-space characters, or single other runes.
	var atoms []string
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == ' ':
			j := i + n
			for j < len(line) && line[j] == ' ' {
				j++
			}
			atoms = append(atoms, " ")
			i = j
		case isWordRune(r):
			j := i + n
			for j < len(line) {
				r2, n2 := utf8.DecodeRuneInString(line[j:])
				if !isWordRune(r2) && runeWidth(r2) != 0 {
					break
				}
				j += n2
			}
			atoms = append(atoms, line[i:j])
			i = j
		default:
			j := i + n
			for j < len(line) { // keep combining marks with their base
				r2, n2 := utf8.DecodeRuneInString(line[j:])
				if runeWidth(r2) != 0 {
					break
				}
				j += n2
			}
			atoms = append(atoms, line[i:j])
			i = j
		}
	}
	// glue punctuation
	var toks []string
	glueNext := false
	for _, a := range atoms {
		if a == " " {
			toks = append(toks, a)
			glueNext = false
			continue
		}
		first, _ := utf8.DecodeRuneInString(a)
		switch {
		case glueNext && len(toks) > 0:
			toks[len(toks)-1] += a
		case strings.ContainsRune(closing, first) && len(toks) > 0 && toks[len(toks)-1] != " ":
			toks[len(toks)-1] += a
		default:
			toks = append(toks, a)
		}
		last, _ := utf8.DecodeLastRuneInString(a)
		glueNext = strings.ContainsRune(opening, last)
	}
	return toks
}

// isWordRune reports whether r belongs to an unbreakable run: narrow,
// visible, not a space and not CJK punctuation.
func isWordRune(r rune) bool {
	return r != ' ' && runeWidth(r) == 1 && !strings.ContainsRune(opening+closing, r) || r >= '!' && r <= '~'
}

// wrap breaks clean text into lines of at most w display columns. Hard
// newlines are kept; a piece wider than w is broken between characters.
// It returns at least one (possibly empty) line.
func wrap(text string, w int) []string {
	var out []string
	for _, hard := range strings.Split(text, "\n") {
		var cur strings.Builder
		curW := 0
		space := false
		flush := func() {
			out = append(out, cur.String())
			cur.Reset()
			curW, space = 0, false
		}
		start := len(out)
		for _, tok := range tokens(hard) {
			if tok == " " {
				space = curW > 0
				continue
			}
			tw := displayWidth(tok)
			sp := 0
			if space {
				sp = 1
			}
			if curW > 0 && curW+sp+tw > w {
				flush()
				sp = 0
			}
			if tw > w { // break the piece itself
				for _, r := range tok {
					rw := runeWidth(r)
					if curW > 0 && curW+sp+rw > w {
						flush()
						sp = 0
					}
					if sp == 1 {
						cur.WriteByte(' ')
						curW++
						sp = 0
					}
					cur.WriteRune(r)
					curW += rw
				}
				space = false
				continue
			}
			if sp == 1 {
				cur.WriteByte(' ')
				curW++
			}
			cur.WriteString(tok)
			curW += tw
			space = false
		}
		if curW > 0 || len(out) == start {
			flush()
		}
	}
	return out
}
