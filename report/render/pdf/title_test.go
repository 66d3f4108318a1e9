package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
)

// The printed title breaks between words, balanced (GB/T 9704 7.3.1): the
// lines linebreak.Title chooses, which the DOCX uses too.
func TestTitleLines(t *testing.T) {
	for org, want := range map[string][]string{
		"江门市政府投资工程建设管理中心": {"江门市政府投资工程建设管理中心", "2022年政府信息公开工作年度报告"},
		"淮安市人民政府":         {"淮安市人民政府2022年", "政府信息公开工作年度报告"},
		"北京市":             {"北京市2022年政府信息公开工作年度报告"},
	} {
		t.Run(org, func(t *testing.T) {
			d := &doc.Document{Title: org + "2022年政府信息公开工作年度报告", Meta: doc.Meta{Org: org, Year: 2022},
				Blocks: []doc.Block{doc.Paragraph{Text: "正文。", Indent: true}}}
			path := filepath.Join(t.TempDir(), "t.pdf")
			require.NoError(t, os.WriteFile(path, render(t, d), 0o644))
			var got []string
			for _, l := range strings.Split(tool(t, "pdftotext", "-layout", path, "-"), "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.Contains(l, "正文") && !strings.Contains(l, "—") {
					got = append(got, l)
				}
			}
			assert.Equal(t, want, got)
		})
	}
}
