package disclosure

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/doc"
)

// The composed report knows which text is the office's (its narrative,
// its ledger entries) and which the template's (R18 measures them apart).
func TestProvenance(t *testing.T) {
	in := sampleInput(t)
	res, err := compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	own := func(text string, spans []doc.Span) string {
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(text[s.Start:s.End])
		}
		return b.String()
	}
	var stat, problems, notDone bool
	for _, b := range res.Doc.Blocks {
		switch b := b.(type) {
		case doc.Paragraph:
			switch {
			case strings.HasPrefix(b.Text, "本年度新收政府信息公开申请"):
				stat = true
				assert.Empty(t, b.Own, b.Text)
			case strings.Contains(in.Config.Narrative.Problems, b.Text):
				problems = true
				assert.Equal(t, b.Text, own(b.Text, b.Own))
			}
		case doc.List:
			for i, it := range b.Items {
				if !strings.HasPrefix(it, "第") || !strings.Contains(it, "进展：") {
					continue
				}
				notDone = true
				require.Len(t, b.Own, len(b.Items))
				mine := own(it, b.Own[i])
				assert.NotEmpty(t, mine, it)
				assert.NotContains(t, mine, "牵头", "the template's words around the entry")
				assert.True(t, strings.HasPrefix(it[strings.Index(it, "进展："):], "进展："+mine[:3]), it)
			}
		}
	}
	assert.True(t, stat && problems && notDone, "%v %v %v", stat, problems, notDone)
}
