package main

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withCharts is the sample folder asking for every chart.
func withCharts(t testing.TB) string {
	dir := sampleFolder(t)
	p := filepath.Join(dir, "nianbao.toml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	b = bytes.Replace(b, []byte("\nrulemaking ="), []byte("\ncharts = true\nrulemaking ="), 1)
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return dir
}

// build with charts = true: the HTML has the five charts inline, the
// Markdown links five SVG files written beside it in the same set, each
// well-formed; without charts (the goldens) there is none of it.
func TestBuildWithCharts(t *testing.T) {
	dir := withCharts(t)
	r := runIn(t, dir, "build")
	require.Equal(t, exitOK, r.code, r.errOut)
	page := string(readOut(t, dir, reportBase+".html"))
	assert.Equal(t, 5, strings.Count(page, "<svg "))
	md := string(readOut(t, dir, reportBase+".md"))
	for i := 1; i <= 5; i++ {
		name := reportBase + "-图" + string(rune('0'+i)) + ".svg"
		assert.Contains(t, md, "](<"+name+">)")
		svg := readOut(t, dir, name)
		dec := xml.NewDecoder(bytes.NewReader(svg))
		for {
			_, err := dec.Token()
			if err != nil {
				assert.Equal(t, "EOF", err.Error(), name)
				break
			}
		}
	}
	assert.Contains(t, r.out+r.errOut, "Markdown 的图表（SVG）")
	poster := string(readOut(t, dir, reportBase+"-图解.svg"))
	assert.Contains(t, poster, ">图解</text>")
	assert.Contains(t, poster, ">新收政府信息公开申请</text>")
	// The 图解 as a PNG 1080 wide, the same bytes from a second build.
	pic := readOut(t, dir, reportBase+"-图解.png")
	img, err := png.Decode(bytes.NewReader(pic))
	require.NoError(t, err)
	assert.Equal(t, 1080, img.Bounds().Dx())
	assert.Greater(t, img.Bounds().Dy(), 1500)
	r2 := runIn(t, dir, "build", "--force")
	require.Equal(t, exitOK, r2.code, r2.errOut)
	assert.Equal(t, pic, readOut(t, dir, reportBase+"-图解.png"), "the PNG is the same bytes each build")
	assert.Contains(t, r.out+r.errOut, "图解（PNG）")
	_, err = png.Decode(bytes.NewReader(readOut(t, dir, lawBase+"-图解.png")))
	require.NoError(t, err)
	law := string(readOut(t, dir, lawBase+"-图解.svg"))
	assert.Contains(t, law, ">行政复议</text>", "the 法治 report's 图解 has its figures of 表四")
	assert.NotContains(t, law, "新收", "but not the 年报's requests")
	assert.Equal(t, 2, strings.Count(string(readOut(t, dir, lawBase+".html")), "<svg "))

	// The 图解 as a PDF page: one page, and pdftotext finds the body, the
	// key figures with their changes and every chart's labels.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		path := filepath.Join(dir, "输出", reportBase+"-图解.pdf")
		info, err := exec.Command("pdfinfo", path).Output()
		require.NoError(t, err)
		assert.Regexp(t, `Pages:\s+1\n`, string(info))
		out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
		require.NoError(t, err)
		text := strings.Join(strings.Fields(string(out)), "")
		for _, want := range []string{"江门市政府投资工程建设管理中心", "图解", "新收政府信息公开申请", "比上年增加", "政府信息公开申请办理情况（单位：件）",
			"结转下年度", "予以公开", "其他法人或组织", "结果维持", "现行有效", "数据来源"} {
			assert.Contains(t, text, want)
		}
	}

	plain := sampleFolder(t)
	r = runIn(t, plain, "build")
	require.Equal(t, exitOK, r.code, r.errOut)
	entries, err := os.ReadDir(filepath.Join(plain, "输出"))
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".svg")
		assert.NotContains(t, e.Name(), ".png")
	}
}

// BenchmarkBuildWithCharts is BenchmarkBuildSampleAll with every chart:
// the difference is what the charts add to a build.
func BenchmarkBuildWithCharts(b *testing.B) {
	dir := withCharts(b)
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, now: fixedNow, dir: dir}
	for b.Loop() {
		if code := run([]string{"build", "--force"}, e); code != exitOK {
			b.Fatal(e.stderr)
		}
	}
}
