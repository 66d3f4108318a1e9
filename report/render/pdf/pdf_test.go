package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	nbfonts "github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/kind/disclosure"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/testkit/sample"
)

// sampleDoc composes the shipped sample as build does.
func sampleDoc(t testing.TB, draft bool) *doc.Document {
	t.Helper()
	res, err := compose.Compose(disclosure.Kind, sample.Input(t), compose.Options{Draft: draft, DraftNote: "草稿，不得公开发布。"})
	require.NoError(t, err)
	return res.Doc
}

func render(t testing.TB, d *doc.Document) []byte {
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, d, Options{}))
	return buf.Bytes()
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s (poppler-utils) not installed", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(t, err, string(out))
	return string(out)
}

func TestSampleWithPoppler(t *testing.T) {
	data := render(t, sampleDoc(t, false))
	path := filepath.Join(t.TempDir(), "report.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	if os.Getenv("NIANBAO_KEEP_PDF") != "" {
		_ = os.WriteFile(os.Getenv("NIANBAO_KEEP_PDF"), data, 0o644)
	}
	text := tool(t, "pdftotext", "-layout", path, "-")
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
		"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
		"申请人情况", "四、结转下年度继续办理", "行政诉讼", "复议后起诉", "— 1 —", "江门市政府投资工程建设管理中心2023年1月15日"} {
		assert.Contains(t, flat, strings.Join(strings.Fields(want), ""), want)
	}
	// Every figure of every table: each data row's cells read in order.
	d := sampleDoc(t, false)
	for _, b := range d.Blocks {
		tb, ok := b.(*doc.Table)
		if !ok {
			continue
		}
		for _, row := range tb.Rows[tb.HeaderRows():] {
			var figures strings.Builder
			for _, c := range row.Cells {
				if !c.Header {
					figures.WriteString(c.Text)
				}
			}
			if figures.Len() > 0 {
				assert.Contains(t, flat, figures.String(), "%s row %v", tb.ID, row.Cells[0].Text)
			}
		}
	}
	fonts := tool(t, "pdffonts", path)
	t.Log(fonts)
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Fields(line)
		assert.Equal(t, "yes", f[len(f)-5], "embedded: %s", line)
	}
	assert.Less(t, len(data), 500*1024)
}

func TestDeterministic(t *testing.T) {
	d := sampleDoc(t, false)
	a := render(t, d)
	b := render(t, sampleDoc(t, false))
	assert.True(t, bytes.Equal(a, b), "same input, same bytes")
}

func TestMetadataAndBookmarks(t *testing.T) {
	data := render(t, sampleDoc(t, false))
	path := filepath.Join(t.TempDir(), "r.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	info := tool(t, "pdfinfo", path)
	assert.Contains(t, info, "江门市政府投资工程建设管理中心2022年政府信息公开工作年度报告")
	assert.Regexp(t, `Author:\s+江门市政府投资工程建设管理中心`, info)
	assert.Regexp(t, `Creator:\s+nianbao`, info)
	assert.Regexp(t, `Subject:\s+政府信息公开工作年度报告`, info)
	assert.Regexp(t, `Page size:\s+595.28 x 841.89 pts \(A4\)`, info)
	assert.Regexp(t, `CreationDate:\s+Sun Jan 15 00:00:00 2023`, info)
	assert.Contains(t, string(data), "/Outlines")
	// One bookmark per heading of levels 1 and 2, the level 2 ones under
	// their section.
	levels := map[int]int{}
	for _, b := range sampleDoc(t, false).Blocks {
		if h, ok := b.(doc.Heading); ok {
			levels[h.Level]++
		}
	}
	require.Equal(t, 6, levels[1])
	require.Positive(t, levels[2])
	assert.Equal(t, levels[1]+levels[2], bytes.Count(data, []byte("/Dest [")), "one bookmark per heading of level 1 or 2")
	root := regexp.MustCompile(`(?m)^(\d+) 0 obj\n<</Type /Outlines`).FindSubmatch(data)
	require.NotNil(t, root)
	assert.Equal(t, levels[1], bytes.Count(data, []byte("/Parent "+string(root[1])+" 0 R")), "sections at the top")
}

func TestDraftWatermark(t *testing.T) {
	data := render(t, sampleDoc(t, true))
	path := filepath.Join(t.TempDir(), "d.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	text := tool(t, "pdftotext", path, "-")
	pages := strings.Count(text, "\f")
	// The note's own 草稿 is not repeated by the banner.
	assert.Contains(t, text, "【草稿】不得公开发布。")
	assert.Equal(t, 1, strings.Count(strings.Split(text, "\f")[0], "【草稿】"))
	// The diagonal watermark comes out as single large words.
	bbox := tool(t, "pdftotext", "-bbox", path, "-")
	assert.Equal(t, pages, strings.Count(bbox, ">草</word>"), "a watermark on every page")
	assert.Equal(t, pages, strings.Count(bbox, ">稿</word>"))
}

// A character no font has becomes 〓 and is reported; one only the
// fallback font has is set in it. Nothing panics (fpdf does on U+1F600).
func TestMissingGlyphs(t *testing.T) {
	fonts, err := fontset.Load(nil)
	require.NoError(t, err)
	d := &doc.Document{Title: "测试", Meta: doc.Meta{Org: "测试", Year: 2022, ISODate: "2023-01-15"},
		Blocks: []doc.Block{doc.Heading{Level: 1, Text: "一、总体情况"}, doc.Paragraph{Text: "表情😀与生僻字𠀀，以及訁字。", Indent: true}}}
	msgs := CheckGlyphs(d, fonts)
	var all []string
	for _, m := range msgs {
		all = append(all, m.Text)
	}
	joined := strings.Join(all, "\n")
	assert.Contains(t, joined, "所有字体都没有 “😀”（U+1F600，见一、总体情况 第 1 段）")
	assert.Contains(t, joined, "“𠀀”（U+20000")
	assert.Contains(t, joined, "正文字体缺少 “訁”")
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, d, Options{Fonts: fonts}))
	path := filepath.Join(t.TempDir(), "m.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	text := tool(t, "pdftotext", path, "-")
	assert.Contains(t, strings.Join(strings.Fields(text), ""), "表情〓与生僻字〓，以及訁字。")
}

// Target (issue 5): the sample to PDF in under 250 ms and 120 MB peak;
// since the fonts are cut to the document's characters before fpdf sees
// them (issue 打印稿版式与速度): at most 35 ms on a quiet machine.
func BenchmarkRenderSample(b *testing.B) {
	benchRender(b, false)
}

// The draft adds the watermark on every page and the draft note.
func BenchmarkRenderSampleDraft(b *testing.B) {
	benchRender(b, true)
}

func benchRender(b *testing.B, draft bool) {
	d := sampleDoc(b, draft)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, d, Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1024, "KB/pdf")
	}
}

// Planning the characters of each font from the document.
func BenchmarkPlanChars(b *testing.B) {
	d := sampleDoc(b, false)
	fonts, err := fontset.Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		planChars(d, fonts)
	}
}

// The part of it that is font loading.
func BenchmarkFontLoad(b *testing.B) {
	for b.Loop() {
		if _, err := fontset.Load(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// The embedded fonts are cut to the document's characters (pdffonts: "sub
// yes", names with a six-letter tag), and the text is the same as with
// whole fonts.
func TestFontsSubset(t *testing.T) {
	data := render(t, sampleDoc(t, false))
	path := filepath.Join(t.TempDir(), "s.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	fonts := tool(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	require.Len(t, lines, 5, fonts)
	for _, line := range lines {
		f := strings.Fields(line)
		assert.Regexp(t, `^[A-Z]{6}\+Fandol(Song|SongBold|Fang|Hei|Kai)$`, f[0])
		assert.Equal(t, []string{"yes", "yes", "yes"}, f[len(f)-5:len(f)-2], "emb sub uni: %s", line)
	}
	// pdftotext without complaints: the cross-reference table still fits.
	out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	require.NoError(t, err)
	assert.NotContains(t, string(out), "Syntax Error")
	assertXref(t, data)
}

// assertXref checks that every object the cross-reference table lists
// starts where it says.
func assertXref(t *testing.T, data []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(data)
	require.NotNil(t, m, "startxref")
	at, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data[at:], []byte("xref\n0 ")))
	lines := strings.Split(string(data[at:]), "\n")
	n, err := strconv.Atoi(strings.Fields(lines[1])[1])
	require.NoError(t, err)
	for j := 1; j < n; j++ {
		off, err := strconv.Atoi(lines[2+j][:10])
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(data[off:], fmt.Appendf(nil, "%d 0 obj\n", j)), "object %d at %d", j, off)
	}
}

// Rendering never writes into the shared bytes of the embedded fonts
// (fpdf v0.12.0 writes into fonts it is given: it only gets subsets).
func TestSharedFontBytesUnchanged(t *testing.T) {
	sum := func() map[string][32]byte {
		out := map[string][32]byte{}
		for _, name := range nbfonts.Names() {
			b, err := nbfonts.Shared(name)
			require.NoError(t, err)
			out[name] = sha256.Sum256(b)
		}
		return out
	}
	before := sum()
	render(t, sampleDoc(t, false))
	render(t, sampleDoc(t, true))
	assert.Equal(t, before, sum())
	for _, name := range nbfonts.Names() {
		orig, err := nbfonts.Bytes(name) // the embed.FS copy, never handed out shared
		require.NoError(t, err)
		assert.Equal(t, sha256.Sum256(orig), before[name], name)
	}
}

// The characters planned for each font are all the renderer sets, so
// one pass is enough; a plan that misses some is made good by a second.
func TestPlanCoversDrawn(t *testing.T) {
	fonts, err := fontset.Load(nil)
	require.NoError(t, err)
	for _, draft := range []bool{false, true} {
		plan, r := renderedSample(t, fonts, draft)
		assert.True(t, plan.covers(r.drawn), "draft %v", draft)
	}
	d := sampleDoc(t, true)
	var want, got bytes.Buffer
	require.NoError(t, Render(&want, d, Options{Fonts: fonts}))
	require.NoError(t, renderPlanned(&got, d, Options{Fonts: fonts}, fontChars{}))
	dir := t.TempDir()
	texts := []string{}
	for i, b := range [][]byte{want.Bytes(), got.Bytes()} {
		path := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
		require.NoError(t, os.WriteFile(path, b, 0o644))
		texts = append(texts, tool(t, "pdftotext", "-layout", path, "-"))
	}
	assert.Equal(t, texts[0], texts[1], "an empty plan still gives every glyph")
}

// Documents rendered at the same time share the fonts' bytes and parsed
// tables, and come out the same as one at a time (run with -race).
func TestConcurrentRender(t *testing.T) {
	d := sampleDoc(t, false)
	want := render(t, d)
	out := make([][]byte, 3)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			var buf bytes.Buffer
			assert.NoError(t, Render(&buf, d, Options{}))
			out[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for _, b := range out {
		assert.True(t, bytes.Equal(want, b))
	}
}

// Every character fpdf was asked to set, through whatever call, is in the
// subset its font was cut to. Text drawn some other way than drawRuns
// would miss the plan and show as .notdef, while pdftotext still read it
// (the text layer maps codes, not glyphs). fpdf keeps the characters set
// in each font in an unexported map, read here by reflection.
func TestFpdfSetsOnlyPlannedChars(t *testing.T) {
	fonts, err := fontset.Load(nil)
	require.NoError(t, err)
	for _, draft := range []bool{false, true} {
		plan, r := renderedSample(t, fonts, draft)
		used := fpdfUsedRunes(t, r.pdf)
		require.Len(t, used, len(fonts.Fonts()))
		for _, f := range fonts.Fonts() {
			set := plan[f.Name]
			for _, c := range used[strings.ToLower(f.Name)] {
				assert.True(t, set != nil && set.has(c), "draft %v: %q set in %s but not in its subset", draft, c, f.Name)
			}
		}
	}
}

// fpdfUsedRunes reads fpdf v0.12.0's fonts[key].usedRunes: the characters
// set in each font, by font key (the lower-cased family name).
func fpdfUsedRunes(t *testing.T, p *fpdf.Fpdf) map[string][]rune {
	t.Helper()
	fonts := reflect.ValueOf(p).Elem().FieldByName("fonts")
	require.True(t, fonts.IsValid() && fonts.Kind() == reflect.Map, "fpdf's fonts map")
	out := map[string][]rune{}
	for it := fonts.MapRange(); it.Next(); {
		used := it.Value().FieldByName("usedRunes")
		require.True(t, used.IsValid() && used.Kind() == reflect.Map, "fpdf's usedRunes")
		list := []rune{}
		for u := used.MapRange(); u.Next(); {
			if c := u.Value().Int(); c != 0 { // fpdf starts every map with keys 0–56 set to 0
				list = append(list, rune(c))
			}
		}
		out[it.Key().String()] = list
	}
	return out
}

// renderedSample lays out the sample (or its draft) once with the planned
// characters and returns the plan and the finished renderer.
func renderedSample(t *testing.T, fonts *fontset.Set, draft bool) (fontChars, *renderer) {
	t.Helper()
	d := sampleDoc(t, draft)
	plan := planChars(d, fonts)
	r, err := newRenderer(d, Options{Fonts: fonts}, plan)
	require.NoError(t, err)
	require.NoError(t, r.body())
	r.pdf.Close()
	require.NoError(t, r.pdf.Error())
	return plan, r
}
