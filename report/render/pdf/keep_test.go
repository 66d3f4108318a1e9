package pdf

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
)

// A heading never ends a page: wherever the text before it ends, the
// heading (and a heading right under it) shares its page with at least
// two lines of the text that follows.
func TestHeadingKeepsWithNext(t *testing.T) {
	body := strings.Repeat("问题说明", 30) // 120 characters: five lines
	for _, three := range []bool{false, true} {
		for n := 10; n <= 24; n++ {
			t.Run(strconv.Itoa(n)+"/"+strconv.FormatBool(three), func(t *testing.T) {
				text := body
				if three {
					text = body[:len("问题说明")*17] // 68 characters: three lines
				}
				var blocks []doc.Block
				for range n {
					blocks = append(blocks, doc.Paragraph{Text: "前文。", Indent: true})
				}
				blocks = append(blocks,
					doc.Heading{Level: 1, Text: "五、存在的主要问题及改进情况"},
					doc.Heading{Level: 2, Text: "（一）存在问题"},
					doc.Paragraph{Text: text, Indent: true})
				path := filepath.Join(t.TempDir(), "k.pdf")
				require.NoError(t, os.WriteFile(path, render(t, &doc.Document{Blocks: blocks}), 0o644))
				for _, page := range strings.Split(tool(t, "pdftotext", "-layout", path, "-"), "\f") {
					if !strings.Contains(page, "五、存在的主要问题") {
						continue
					}
					assert.Contains(t, page, "（一）存在问题")
					after := page[strings.Index(page, "（一）存在问题"):]
					lines := 0
					for _, l := range strings.Split(after, "\n") {
						if strings.ContainsAny(l, "问题说明") && !strings.Contains(l, "存在问题") {
							lines++
						}
					}
					assert.GreaterOrEqual(t, lines, 2, "two lines of the text under the headings:\n%s", page)
					return
				}
				t.Fatal("heading not found")
			})
		}
	}
}

// The 落款 never stands alone on a page (GB/T 9704 7.3.5): wherever the
// last paragraph ends, the page with the signature also holds text, and a
// long paragraph is split rather than leaving one line behind.
func TestSignatureNeverAlone(t *testing.T) {
	for _, last := range []string{"无其他需要报告的情况。", strings.Repeat("改进措施", 35)} { // one line; five lines
		for n := 14; n <= 24; n++ {
			t.Run(strconv.Itoa(utf8Len(last))+"/"+strconv.Itoa(n), func(t *testing.T) {
				var blocks []doc.Block
				for range n {
					blocks = append(blocks, doc.Paragraph{Text: "前文。", Indent: true})
				}
				blocks = append(blocks, doc.Paragraph{Text: last, Indent: true},
					doc.Signature{Org: "某某局", Date: "2023年1月15日"})
				path := filepath.Join(t.TempDir(), "s.pdf")
				require.NoError(t, os.WriteFile(path, render(t, &doc.Document{Blocks: blocks}), 0o644))
				pages := strings.Split(strings.TrimRight(tool(t, "pdftotext", "-layout", path, "-"), "\f\n"), "\f")
				for _, page := range pages {
					if !strings.Contains(page, "某某局") {
						continue
					}
					text := strings.ReplaceAll(strings.ReplaceAll(page, " ", ""), "\n", "")
					assert.True(t, strings.Contains(text, "改进措施") || strings.Contains(text, "无其他需要报告的情况"),
						"the signature's page holds the last paragraph's text:\n%s", page)
					return
				}
				t.Fatal("signature not found")
			})
		}
	}
}

func utf8Len(s string) int { return len([]rune(s)) }
