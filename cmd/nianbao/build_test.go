package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/stats"
)

// sampleFolder copies the shipped sample into a temp folder with its own
// output folder, so that tests never write into data/.
func sampleFolder(t testing.TB) string {
	dir := t.TempDir()
	entries, err := os.ReadDir(sampleDir)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(sampleDir, e.Name()))
		require.NoError(t, err)
		if e.Name() == "nianbao.toml" {
			b = bytes.Replace(b, []byte(`output = "../out"`), []byte(`output = "输出"`), 1)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644))
	}
	return dir
}

const (
	reportBase = "2022年政府信息公开工作年度报告"
	lawBase    = "2022年法治政府建设情况报告"
)

func readOut(t *testing.T, dir, name string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, "输出", name))
	require.NoError(t, err)
	return b
}

// Golden files of the sample's text outputs: reviewers diff drafts, so
// the bytes must be stable. Regenerate with go test ./cmd/nianbao -update.
func TestBuildSampleGolden(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "build")
	require.Equal(t, exitOK, r.code, r.out+r.errOut)
	assert.Contains(t, r.out, "生成完成（政府信息公开工作年度报告，正式报告）：检查完成：0 个错误，0 个提醒；0 项待补充")
	assert.Contains(t, r.out, "生成完成（法治政府建设情况报告，正式报告）：检查完成：0 个错误，0 个提醒；0 项待补充")
	for _, name := range []string{reportBase + ".md", reportBase + ".txt", reportBase + ".html", "2022年统计数据.json",
		lawBase + ".md", lawBase + ".txt", lawBase + ".html", lawBase + "数据.json"} {
		checkGolden(t, filepath.Join("testdata", "golden", name), readOut(t, dir, name))
	}
	// The DOCX's document part, as text a reviewer of a change can read.
	for base, name := range map[string]string{reportBase: "document.xml", lawBase: "law-document.xml"} {
		docx := readOut(t, dir, base+".docx")
		zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
		require.NoError(t, err)
		f, err := zr.Open("word/document.xml")
		require.NoError(t, err)
		got, err := io.ReadAll(f)
		require.NoError(t, err)
		checkGolden(t, filepath.Join("testdata", "golden", name), got)
	}
}

func TestBuildIsByteIdenticalAndKeepsEdits(t *testing.T) {
	dir := sampleFolder(t)
	require.Equal(t, exitOK, runIn(t, dir, "build").code)
	first := map[string][]byte{}
	for _, ext := range []string{".pdf", ".docx", ".md", ".txt", ".html"} {
		first[ext] = readOut(t, dir, reportBase+ext)
	}
	r := runIn(t, dir, "build")
	require.Equal(t, exitOK, r.code, r.errOut)
	for ext, b := range first {
		assert.True(t, bytes.Equal(b, readOut(t, dir, reportBase+ext)), ext)
	}
	// A reviewer edits the Markdown: the next build refuses to overwrite it.
	md := filepath.Join(dir, "输出", reportBase+".md")
	require.NoError(t, os.WriteFile(md, []byte("审阅意见"), 0o644))
	r = runIn(t, dir, "build")
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.errOut, "没有写入任何文件")
	got, _ := os.ReadFile(md)
	assert.Equal(t, "审阅意见", string(got))
	r = runIn(t, dir, "build", "--force")
	assert.Equal(t, exitOK, r.code)
	assert.True(t, bytes.Equal(first[".md"], readOut(t, dir, reportBase+".md")))
}

func TestBuildRefusesFinalWithErrorsButDrafts(t *testing.T) {
	dir := sampleFolder(t)
	bad := sample2022()
	bad.Requests[stats.RowNew][stats.ColTotal] = 9
	writeBook(t, filepath.Join(dir, "统计表.xlsx"), bad)
	r := runIn(t, dir, "build")
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.errOut, "不能生成正式报告")
	assert.Contains(t, r.errOut, "R1 统计表.xlsx › 申请情况!J6")
	assert.Contains(t, r.errOut, "--draft")
	_, err := os.Stat(filepath.Join(dir, "输出"))
	assert.True(t, os.IsNotExist(err), "nothing written")

	r = runIn(t, dir, "build", "--draft")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "生成完成（政府信息公开工作年度报告，草稿）")
	assert.Contains(t, r.out, "生成完成（法治政府建设情况报告，草稿）")
	// One wording of the banner, the model's, in every format: 【草稿】 once,
	// then the note.
	banner := "【草稿】不得公开发布。检查完成：2 个错误"
	for _, ext := range []string{".md", ".txt", ".html"} {
		b := string(readOut(t, dir, reportBase+"（草稿）"+ext))
		assert.Contains(t, b, banner, ext)
		assert.Equal(t, 1, strings.Count(b, "【草稿】"), ext)
	}
	docx := readOut(t, dir, reportBase+"（草稿）.docx")
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			require.NoError(t, err)
			x, err := io.ReadAll(rc)
			require.NoError(t, err)
			assert.Contains(t, string(x), banner)
			assert.Equal(t, 1, strings.Count(string(x), "草稿"), "the DOCX body says 草稿 once (the watermark is in the header)")
		}
	}
}

func TestBuildFormatsAndUsage(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "build", "--format", "html,json")
	require.Equal(t, exitOK, r.code, r.errOut)
	entries, _ := os.ReadDir(filepath.Join(dir, "输出"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{reportBase + ".html", "2022年统计数据.json", lawBase + ".html", lawBase + "数据.json", ".nianbao-输出清单.json"}, names)
	assert.Equal(t, exitInput, runIn(t, dir, "build", "--format", "pdfx").code)

	// --report picks one of the folder's reports.
	dir = sampleFolder(t)
	r = runIn(t, dir, "build", "--report", "法治", "--format", "txt")
	require.Equal(t, exitOK, r.code, r.errOut)
	entries, _ = os.ReadDir(filepath.Join(dir, "输出"))
	names = nil
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{lawBase + ".txt", ".nianbao-输出清单.json"}, names)
	assert.Contains(t, r.out, "生成完成（正式报告）")
	r = runIn(t, dir, "build", "--report", "年终总结")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "未知的报告“年终总结”，可用：年报、法治")
}

// Hostile text in the body's name and the task records reaches every
// output escaped.
func TestBuildEscapesHostileText(t *testing.T) {
	dir := sampleFolder(t)
	cfgPath := filepath.Join(dir, "nianbao.toml")
	b, _ := os.ReadFile(cfgPath)
	b = bytes.Replace(b, []byte(`org = "江门市政府投资工程建设管理中心"`), []byte(`org = "<script>alert(1)</script>&\"局\"\u0007"`), 1)
	require.NoError(t, os.WriteFile(cfgPath, b, 0o644))
	// A draft: the sample's workbooks belong to the sample's body, not to
	// this one, which keeps a formal report from being built.
	r := runIn(t, dir, "build", "--draft")
	require.Equal(t, exitOK, r.code, r.errOut)
	const reportBase = reportBase + "（草稿）"
	html := string(readOut(t, dir, reportBase+".html"))
	assert.NotContains(t, html, "<script>")
	assert.Contains(t, html, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#34;局&#34;")
	assert.NotContains(t, html, "\x07")
	md := string(readOut(t, dir, reportBase+".md"))
	assert.NotRegexp(t, `(^|[^\\])<script>`, md, "a raw tag; \\< is CommonMark's escaped literal")
	assert.Contains(t, md, `\<script>alert(1)\</script>`)
	txt := string(readOut(t, dir, reportBase+".txt"))
	assert.Contains(t, txt, `<script>alert(1)</script>&"局"`)
	assert.False(t, strings.ContainsRune(txt, '\x07'))
}

// Target (issue 4): the sample to all text formats in under 50 ms, from
// reading the inputs to writing the files.
func BenchmarkBuildSampleText(b *testing.B) {
	benchBuild(b, "md,txt,html,json")
}

// The whole build, PDF and DOCX included. Target (issue 打印稿版式与速度):
// at most 70 ms median on a quiet machine, at least 20 times faster than
// LibreOffice converting the DOCX to PDF (make bench-vs-libreoffice, which
// also reports peak memory: at most 40 MB).
func BenchmarkBuildSampleAll(b *testing.B) {
	benchBuild(b, "")
}

func benchBuild(b *testing.B, formats string) {
	dir := sampleFolder(b)
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, now: fixedNow, dir: dir}
	args := []string{"build", "--force"}
	if formats != "" {
		args = append(args, "--format", formats)
	}
	for b.Loop() {
		if code := run(args, e); code != exitOK {
			b.Fatal(e.stderr)
		}
	}
}

// init --templates copies the defaults out; an edit there changes the report.
func TestInitTemplatesAndOverride(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "init", "--plan", samplePlanPath(t), "--templates")
	require.Equal(t, exitOK, r.code, r.errOut)
	for _, n := range []string{"report.tmpl", "preamble.tmpl", "overview.tmpl", "problems.tmpl", "other.tmpl", "tasks.tmpl"} {
		assert.FileExists(t, filepath.Join(dir, "模板", n))
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "nianbao.toml"))
	require.NoError(t, err)
	assert.Contains(t, string(cfg), `templates = "模板"`)
	// A 模板 folder next to nianbao.toml is used even when not named.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nianbao.toml"), bytes.Replace(cfg, []byte(`templates = "模板"`), []byte(`templates = ""`), 1), 0o644))

	pre := filepath.Join(dir, "模板", "preamble.tmpl")
	require.NoError(t, os.WriteFile(pre, []byte("本报告由{{.Org}}办公室编制。\n{{.Nope}}\n"), 0o644))
	r = runIn(t, dir, "build", "--draft")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, filepath.Join("模板", "preamble.tmpl")+" 第 2 行：模板错误", "relative to the working folder")

	require.NoError(t, os.WriteFile(pre, []byte("本报告由{{.Org}}办公室编制。\n"), 0o644))
	r = runIn(t, dir, "build", "--draft")
	require.Equal(t, exitOK, r.code, r.errOut)
	md := readOut(t, dir, reportBase+"（草稿）.md")
	assert.Contains(t, string(md), "本报告由江门市政府投资工程建设管理中心办公室编制。")
}
