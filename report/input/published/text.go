package published

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/lazyre"
)

// decodeText reads text saved in UTF-8 (with or without BOM), UTF-16 with
// a BOM, or the Chinese system code page (GB 18030, which covers GBK).
func decodeText(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			return out
		}
	case utf8.Valid(data):
		return data
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
		return out
	}
	return data
}

var borderRe = lazyre.New(`^[\s+\-=|:：—─┼├┤┌┐└┘┬┴│]*$`)

// textLines reads text copied from a page or written by nianbao: a line
// is a paragraph or a table row, its cells between "|" (nianbao's text and
// Markdown tables), tabs (a browser's copy of a table) or spaces.
func textLines(name string, data []byte) ([]line, error) {
	data = decodeText(data)
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, diag.Errorf(diag.Pos{File: name}, "不是文本文件，也不是网页或 .docx。请确认选对了文件")
	}
	var out []line
	// grid: inside a table drawn with +---+ borders, where a row's cells
	// wrap over several lines up to the next border; open: the last line
	// added is such a row, still open.
	grid, open := false, false
	for i, raw := range strings.Split(string(data), "\n") {
		raw = strings.TrimRight(raw, "\r")
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if borderRe().MatchString(raw) && strings.ContainsAny(raw, "-=|+─") {
			if strings.Contains(raw, "+") {
				grid = true
			}
			open = false
			continue
		}
		l := line{row: i + 1, text: true}
		var parts []string
		switch {
		case strings.Contains(raw, "|"):
			parts = strings.Split(strings.Trim(strings.TrimSpace(raw), "|"), "|")
			l.tabular = true
			// nianbao's grid tables end a label cell with "+---" where a
			// row of a merged cell ends.
			for j, p := range parts {
				if k := strings.Index(p, "+-"); k >= 0 {
					parts[j] = p[:k]
				}
			}
		case strings.Contains(raw, "\t"):
			parts = strings.Split(raw, "\t")
			l.tabular = true
		default:
			parts = strings.Fields(raw)
			if len(parts) > 1 {
				if _, ok := number(parts[len(parts)-1]); ok {
					l.tabular = true
				}
			} else if _, ok := number(raw); ok {
				l.tabular = true
			}
			if !l.tabular {
				parts = []string{raw}
			}
		}
		if !strings.Contains(raw, "|") {
			grid = false
		}
		if grid && open && len(out[len(out)-1].cells) == len(parts) {
			last := out[len(out)-1].cells
			for j, p := range parts {
				last[j].text += strings.TrimSpace(p)
			}
			continue
		}
		for _, p := range parts {
			l.cells = append(l.cells, cell{text: strings.TrimSpace(p)})
		}
		out = append(out, l)
		open = grid && l.tabular
	}
	return out, nil
}

var mdTableRe = lazyre.New(`(?is)<table.*?</table>`)

// markdownLines reads nianbao's Markdown: text with its tables in HTML.
func markdownLines(name string, data []byte) ([]line, string, error) {
	data = decodeText(data)
	var b strings.Builder
	b.WriteString("<html><body>")
	rest := string(data)
	for rest != "" {
		loc := mdTableRe().FindStringIndex(rest)
		text := rest
		if loc != nil {
			text = rest[:loc[0]]
		}
		for _, ln := range strings.Split(text, "\n") {
			ln = strings.TrimSpace(ln)
			ln = strings.TrimLeft(ln, "#>")
			ln = strings.TrimPrefix(strings.TrimSpace(ln), "- ")
			ln = strings.NewReplacer("**", "", "__", "", "\\", "").Replace(ln)
			if strings.TrimSpace(ln) != "" {
				b.WriteString("<p>" + html.EscapeString(ln) + "</p>\n")
			}
		}
		if loc == nil {
			break
		}
		b.WriteString(rest[loc[0]:loc[1]])
		rest = rest[loc[1]:]
	}
	b.WriteString("</body></html>")
	return htmlLines(name, []byte(b.String()))
}
