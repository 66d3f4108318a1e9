package pipeline

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/check/textcheck"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/published"
	"github.com/nianbao/nianbao/report/stats"
)

// mine is a paragraph of the office's text; gen one of the template's.
func mine(s string) doc.Paragraph {
	return doc.Paragraph{Text: s, Indent: true, Own: []doc.Span{{Start: 0, End: len(s)}}}
}

func gen(s string) doc.Paragraph { return doc.Paragraph{Text: s, Indent: true} }

const (
	officeOld  = "一是加强组织领导，明确分管领导和经办人员，确保公开信息的收集、审核、发布到位。二是规范审核发布机制，严格落实政府信息发布三级审核制度，全年未发生泄密事件。"
	officeNew  = "今年重点推进重大建设项目批准和实施领域信息公开，在中心网站开设项目专栏，逐项公开批准文件、招标投标和施工管理信息。"
	appealsGen = "本年度未发生因政府信息公开工作被申请行政复议、被提起行政诉讼的情况。"
)

func r18Doc(office string) *doc.Document {
	return &doc.Document{Blocks: []doc.Block{
		doc.Heading{Level: 1, Text: stats.Section1},
		doc.Heading{Level: 2, Text: "（二）依申请公开"},
		gen("本年度新收政府信息公开申请4件，比上年增长100.0%，其中自然人3件；办结5件，其中予以公开3件。" + appealsGen),
		mine(office),
		doc.List{Items: []string{"第3项（办公室牵头，推进中）：进展：" + office}, Own: [][]doc.Span{{{Start: len("第3项（办公室牵头，推进中）：进展："), End: len("第3项（办公室牵头，推进中）：进展：" + office)}}}},
		doc.Heading{Level: 1, Text: stats.Section2},
	}}
}

var r18Prev = &published.Result{Sections: [6]string{
	"（二）依申请公开\n本年度新收政府信息公开申请2件，比上年增长100.0%，其中自然人2件；办结2件，其中予以公开1件。" + appealsGen + "\n" + officeOld,
}}

// The office's text copied from last year warns, with its places in both
// years and the ledger entry it came from.
func TestR18OfficeTextCopied(t *testing.T) {
	ledger := []textcheck.Text{{Text: officeOld, Where: diag.Pos{File: "任务台账.xlsx", Sheet: "任务台账", Cell: "A6"}, What: "第 3 项任务的完成情况"}}
	fs, sims := copied(&config.Config{}, r18Doc(officeOld), r18Prev, "2021年报.html", ledger)
	require.Len(t, fs, 1)
	f := fs[0]
	assert.Equal(t, "R18", f.Rule)
	assert.Equal(t, "100%", f.Found)
	assert.Contains(t, f.Message, "“一、总体情况”中办公室撰写的文字有 100% 与上年报告相同（超过 50%）")
	assert.Contains(t, f.Message, "本年报告“一、总体情况”（二）依申请公开第 2 段，取自任务台账.xlsx › 任务台账!A6 第 3 项任务的完成情况；上年：2021年报.html “一、总体情况”第 3 段")
	assert.Contains(t, f.Message, "模板生成的文字（统计句式等）另有 65% 与上年相同，不算雷同")
	assert.Equal(t, 1, strings.Count(f.Message, "“一是加强组织领导"), "a passage is quoted once")
	assert.Equal(t, "任务台账.xlsx", f.Cells[0].File)
	assert.Equal(t, diag.Pos{File: "2021年报.html", What: "“一、总体情况”第 3 段"}, f.Cells[1])
	require.Len(t, sims, 1)
	// The template's: the appeals sentence, repeated, and the list item's
	// words around the entry, new; the statistical sentence with new
	// figures is left out.
	assert.Equal(t, SectionSimilarity{Section: stats.Section1, Own: 100, OwnChars: 2 * len([]rune(officeOld)),
		Generated: 65.4, GeneratedChars: len([]rune(appealsGen)) + len([]rune("第3项（办公室牵头，推进中）：进展："))}, sims[0])
}

// Only the template's sentences repeat (the appeals sentence word for
// word, the statistical one with new figures): no warning, and the
// template's share is told apart.
func TestR18OnlyGeneratedRepeats(t *testing.T) {
	fs, sims := copied(&config.Config{}, r18Doc(officeNew), r18Prev, "2021年报.html", nil)
	assert.Empty(t, fs)
	require.Len(t, sims, 1)
	assert.Zero(t, sims[0].Own)
	assert.Equal(t, 2*len([]rune(officeNew)), sims[0].OwnChars)
	assert.Equal(t, 65.4, sims[0].Generated, "the appeals sentence")
	// The same report with the whole text as the office's would warn: the
	// provenance is what keeps the repeated sentence out.
	d := r18Doc(officeNew)
	p := d.Blocks[2].(doc.Paragraph)
	d.Blocks[2] = mine(p.Text)
	d.Blocks[3] = gen(officeNew)
	d.Blocks[4] = gen(officeNew)
	fs, _ = copied(&config.Config{}, d, r18Prev, "2021年报.html", nil)
	assert.Len(t, fs, 1)
}

// The threshold is nianbao.toml's similarity_threshold.
func TestR18Threshold(t *testing.T) {
	half := officeOld + officeNew
	fs, sims := copied(&config.Config{}, r18Doc(half), r18Prev, "x.html", nil)
	require.Len(t, sims, 1)
	assert.InDelta(t, 58, sims[0].Own, 2)
	assert.Len(t, fs, 1)
	fs, _ = copied(&config.Config{SimilarityThreshold: 60}, r18Doc(half), r18Prev, "x.html", nil)
	assert.Empty(t, fs)
}

// 平潭 2022 against 2021, the 2022 text taken as the office's: plausible
// figures (the office rewrote its report; one stock phrase repeats).
func TestR18Pingtan(t *testing.T) {
	var res [2]*published.Result
	for i, y := range []string{"2021", "2022"} {
		r, err := published.ReadFile("../input/published/testdata/" + y + "-pingtan.html")
		require.NoError(t, err)
		res[i] = r
	}
	d := &doc.Document{}
	for i, s := range res[1].Sections {
		d.Blocks = append(d.Blocks, doc.Heading{Level: 1, Text: sectionHeadings[i]})
		for _, p := range strings.Split(s, "\n") {
			d.Blocks = append(d.Blocks, mine(p))
		}
	}
	fs, sims := copied(&config.Config{}, d, res[0], "2021.html", nil)
	assert.Empty(t, fs)
	require.Len(t, sims, 3)
	for _, s := range sims {
		t.Logf("%s: own %.1f%% of %d, generated %.1f%% of %d", s.Section, s.Own, s.OwnChars, s.Generated, s.GeneratedChars)
		assert.Less(t, s.Own, 10.0, s.Section)
		assert.Zero(t, s.GeneratedChars)
	}
	assert.Greater(t, sims[0].OwnChars, 1000)
}
