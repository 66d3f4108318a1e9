package linebreak

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func titleTexts(ls []Line) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Text)
	}
	return out
}

// Titles of ten real bodies at the 2号 title's measure (156 mm of 22 pt:
// 20.1 ems, less ½ em of slack for the reader's digits): never split
// inside 政府信息公开, 工作年度报告 or the name (unless the name alone is
// too long), balanced lines.
func TestTitle(t *testing.T) {
	const width = 19.6
	for _, tt := range []struct {
		org  string
		want []string
	}{
		{"北京市", []string{"北京市2025年政府信息公开工作年度报告"}},
		{"平潭综合实验区", []string{"平潭综合实验区2025年", "政府信息公开工作年度报告"}},
		{"淮安市人民政府", []string{"淮安市人民政府2025年", "政府信息公开工作年度报告"}},
		{"沭阳县发展和改革局", []string{"沭阳县发展和改革局2025年", "政府信息公开工作年度报告"}},
		{"广东省人民政府办公厅", []string{"广东省人民政府办公厅2025年", "政府信息公开工作年度报告"}},
		{"江门市蓬江区人民政府", []string{"江门市蓬江区人民政府2025年", "政府信息公开工作年度报告"}},
		{"中华人民共和国海关总署", []string{"中华人民共和国海关总署2025年", "政府信息公开工作年度报告"}},
		{"国家税务总局江门市税务局", []string{"国家税务总局江门市税务局", "2025年政府信息公开工作年度报告"}},
		{"某某市某某区某某街道办事处", []string{"某某市某某区某某街道办事处", "2025年政府信息公开工作年度报告"}},
		{"江门市政府投资工程建设管理中心", []string{"江门市政府投资工程建设管理中心", "2025年政府信息公开工作年度报告"}},
		// Names longer than a line break after a suffix, not inside a word.
		{"中华人民共和国国家发展和改革委员会国家能源局南方监管局", []string{"中华人民共和国国家发展和改革委员会", "国家能源局南方监管局2025年", "政府信息公开工作年度报告"}},
		{"江门市蓬江区市场监督管理局白沙市场监督管理所", []string{"江门市蓬江区市场监督管理局", "白沙市场监督管理所2025年", "政府信息公开工作年度报告"}},
	} {
		t.Run(tt.org, func(t *testing.T) {
			title := tt.org + "2025年政府信息公开工作年度报告"
			lines := Title(title, tt.org, width, Ems)
			assert.Equal(t, tt.want, titleTexts(lines))
			assert.Equal(t, title, strings.Join(titleTexts(lines), ""))
			for _, l := range lines {
				assert.LessOrEqual(t, l.Width, width, l.Text)
			}
			assert.True(t, lines[len(lines)-1].Last)
		})
	}
}

func TestTitleFallbacks(t *testing.T) {
	// No terms at all: any legal break, balanced.
	assert.Equal(t, []string{"一二三四五", "六七八九十"}, titleTexts(Title("一二三四五六七八九十", "", 6, Ems)))
	// 禁则 still hold: a comma never starts a line.
	for _, l := range Title("一二三四，五六七八九", "", 5, Ems) {
		assert.False(t, strings.HasPrefix(l.Text, "，"), l.Text)
	}
	// A term wider than the line is broken rather than overflowing.
	for _, l := range Title("政府信息公开", "", 3, Ems) {
		assert.LessOrEqual(t, l.Width, 3.0)
	}
	assert.Nil(t, Title("", "", 10, Ems))
}
