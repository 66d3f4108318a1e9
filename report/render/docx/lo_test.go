package docx

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/stats"
)

// cjkFonts returns the environment LibreOffice needs to lay out Chinese
// as the PDF renderer does, whatever fonts the machine has: a private
// fontconfig file that adds the Fandol fonts nianbao ships (fonts/ at the
// module root) and maps the office font names of DefaultFonts onto them,
// and Times New Roman onto a face with the same half-em digits (Liberation
// Serif or Tinos where installed, else FandolSong) rather than DejaVu,
// whose wider digits would move lines. The fonts are part of the
// repository, so a missing one fails the test: a test that skipped, or ran
// with boxes for Chinese, would pass while seeing nothing.
func cjkFonts(t *testing.T, dir string) []string {
	t.Helper()
	fonts, err := filepath.Abs(filepath.Join("..", "..", "..", "fonts"))
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(fonts, "FandolFang-Regular.ttf"))
	require.NoError(t, err, "fonts/FandolFang-Regular.ttf is missing: the real-client tests need the repository's fonts")
	alias := func(name, family, weight string) string {
		s := `<match target="pattern"><test name="family"><string>` + name + `</string></test>` +
			`<edit name="family" mode="assign" binding="strong"><string>` + strings.ReplaceAll(family, ",", `</string><string>`) + `</string></edit>`
		if weight != "" {
			s += `<edit name="weight" mode="assign"><const>` + weight + `</const></edit>`
		}
		return s + "</match>\n"
	}
	conf := `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>` + fonts + `</dir>
<cachedir>` + filepath.Join(dir, "fontconfig") + `</cachedir>
` + alias(DefaultFonts.Title, "FandolSong", "bold") +
		alias(DefaultFonts.Body, "FandolFang", "") +
		alias(DefaultFonts.Heading1, "FandolHei", "") +
		alias(DefaultFonts.Heading2, "FandolKai", "") +
		alias(DefaultFonts.Number, "FandolSong", "") +
		alias(latin, "Liberation Serif,Tinos,FandolSong", "") + `</fontconfig>
`
	path := filepath.Join(dir, "fonts.conf")
	require.NoError(t, os.WriteFile(path, []byte(conf), 0o644))
	return []string{"FONTCONFIG_FILE=" + path}
}

// LibreOffice opens the .docx and prints it to PDF; the PDF's text has
// every heading, the merged table labels, figures, page numbers and the
// signature.
func TestLibreOfficePDF(t *testing.T) {
	pdf := libreOfficePDF(t, render(t, sample(), Options{}))
	pdftotext, err := exec.LookPath("pdftotext")
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// -raw keeps LibreOffice's drawing order: table cells row by row, the
	// lines of a wrapped cell together. Whitespace is dropped, so that
	// text wrapped inside a narrow cell reads as one string.
	txt, err := exec.CommandContext(ctx, pdftotext, "-raw", "-enc", "UTF-8", pdf, "-").Output()
	require.NoError(t, err)
	text := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, string(txt))
	require.True(t, strings.IndexFunc(text, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0,
		"the PDF has no Chinese text")
	d := sample()
	want := []string{
		d.Title,
		stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6,
		"（一）主动公开", "1.公开平台建设", "（1）门户网站", "1．完善公开目录",
		stats.LabelRequestsNote, stats.LabelApplicants, stats.LabelLegalPersons,
		"三、本年度办理结果", "四、结转下年度继续办理", "（三）不予公开",
		stats.LabelReview, stats.LabelSuit, stats.LabelSuitDirect, stats.LabelSuitAfter,
		// figures, row by row
		"行政规范性文件8569", "行政许可1234", "行政事业性收费9116.36",
		"一、本年新收政府信息公开申请数量713000074",
		"（一）予以公开602000062",
		"100010000000022",
		// page numbers on odd and even pages, the signature
		"—1—", "—2—", "—3—",
		sampleOrg + "2023年1月15日",
	}
	for _, w := range want {
		assert.Contains(t, text, w)
	}

	// Page numbers sit below the text block (which ends 35 mm = 99.2 pt
	// above the lower edge of the 841.9 pt page), the 一字线 about 7 mm
	// (19.8 pt) lower: right on odd pages, left on even ones.
	for page, right := range map[int]bool{1: true, 2: false, 3: true} {
		bbox, err := exec.CommandContext(ctx, pdftotext, "-bbox", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), pdf, "-").Output()
		require.NoError(t, err)
		var xs, ys []float64
		for _, m := range wordBox.FindAllStringSubmatch(string(bbox), -1) {
			if m[5] != "—" {
				continue
			}
			x0, _ := strconv.ParseFloat(m[1], 64)
			y0, _ := strconv.ParseFloat(m[2], 64)
			y1, _ := strconv.ParseFloat(m[4], 64)
			xs = append(xs, x0)
			ys = append(ys, (y0+y1)/2)
		}
		require.Len(t, xs, 2, "page %d: two dashes around the page number", page)
		if right {
			assert.Greater(t, xs[0], 595.3/2, "page %d: number on the right", page)
		} else {
			assert.Less(t, xs[1], 595.3/2, "page %d: number on the left", page)
		}
		gap := ys[0] - (841.9 - 99.2)
		assert.InDelta(t, 19.8, gap, 4, "page %d: the 一字线 7 mm below the text block", page)
	}
}

var wordBox = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// loConvert prints the .docx files to PDF with LibreOffice in one run and
// returns the PDFs' paths; it skips the test without soffice, pdftotext or
// a Chinese font.
func loConvert(t *testing.T, docs map[string][]byte) map[string]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	dir := t.TempDir()
	env := append(os.Environ(), "HOME="+dir)
	env = append(env, cjkFonts(t, dir)...)
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir}
	out := map[string]string{}
	for name, data := range docs {
		in := filepath.Join(dir, name+".docx")
		require.NoError(t, os.WriteFile(in, data, 0o644))
		args = append(args, in)
		out[name] = filepath.Join(dir, name+".pdf")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = env
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "soffice: %s", msg)
	for name, p := range out {
		require.FileExists(t, p, "soffice: %s", msg)
		if keep := os.Getenv("NIANBAO_KEEP_DIR"); keep != "" {
			data, _ := os.ReadFile(p)
			_ = os.WriteFile(filepath.Join(keep, name+".pdf"), data, 0o644)
		}
	}
	return out
}

// pdfPages is the text of each page, whitespace removed.
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	txt, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	require.NoError(t, err)
	pages := strings.Split(string(txt), "\f")
	for i, p := range pages {
		pages[i] = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, p)
	}
	if pages[len(pages)-1] == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// As LibreOffice lays the DOCX out, 表二 breaks only between its blocks
// wherever it falls on the page: each block's caption, heads and rows are
// on one page, so no caption ends a page and no page shows a block
// without its heads. The table is moved down the page in steps of half a
// body line (a line of text or a one-line table before it).
func TestLibreOfficeActiveBlocks(t *testing.T) {
	s := doctest.WideStats()
	docs := map[string][]byte{}
	for lines := 11; lines < linesPerPage; lines++ { // higher up, it fits the page
		for _, half := range []bool{false, true} {
			d := &doc.Document{Meta: doc.Meta{Org: "测试", Year: 2022, ISODate: "2023-01-15"}}
			for i := 0; i < lines; i++ {
				d.Blocks = append(d.Blocks, doc.Paragraph{Text: "填充" + strconv.Itoa(i+1), Indent: true})
			}
			if half {
				d.Blocks = append(d.Blocks, &doc.Table{Widths: []float64{1}, Rows: []doc.Row{{Cells: []doc.Cell{{Text: "填充表格"}}}}})
			}
			d.Blocks = append(d.Blocks, tables.Build(tables.Active, s))
			docs[fmt.Sprintf("off%02d-%v", lines, half)] = render(t, d, Options{})
		}
	}
	pdfs := loConvert(t, docs)
	blocks := [][]string{
		{stats.LabelItem1, stats.LabelRegs, stats.LabelNormDocs},
		{stats.LabelItem5, stats.LabelLicensing},
		{stats.LabelItem6, stats.LabelPunishment, stats.LabelCoercion},
		{stats.LabelItem8, stats.LabelFees},
	}
	broken := 0
	for name, path := range pdfs {
		pages := pdfPages(t, path)
		if len(pages) > 1 {
			broken++
		}
		for _, b := range blocks {
			where := -1
			for i, p := range pages {
				if strings.Contains(p, b[0]) {
					where = i
				}
			}
			require.GreaterOrEqual(t, where, 0, "%s: %s printed", name, b[0])
			for _, label := range b[1:] {
				assert.Contains(t, pages[where], label, "%s: %s on the page of its caption %s", name, label, b[0])
			}
		}
		for i, p := range pages {
			captions := 0
			for _, b := range blocks {
				captions += strings.Count(p, b[0])
			}
			assert.Equal(t, captions, strings.Count(p, stats.LabelInfo), "%s page %d: one head row per caption", name, i+1)
		}
	}
	assert.Greater(t, broken, 8, "the table crosses a page in many layouts")
}

// Nine-digit figures in every cell and a fee with six decimals, as
// LibreOffice sets them: each is one word of the PDF, not wrapped.
func TestLibreOfficeWideFigures(t *testing.T) {
	s := doctest.WideStats()
	d := &doc.Document{Meta: doc.Meta{Org: "测试", Year: 2022, ISODate: "2023-01-15"}}
	var figs []string
	for _, id := range tables.IDs {
		tb := tables.Build(id, s)
		d.Blocks = append(d.Blocks, doc.Heading{Level: 1, Text: tb.Title}, tb)
		for _, row := range tb.Rows {
			for _, c := range row.Cells {
				if !c.Header {
					figs = append(figs, c.Text)
				}
			}
		}
	}
	pdf := loConvert(t, map[string][]byte{"wide": render(t, d, Options{})})["wide"]
	if keep := os.Getenv("NIANBAO_KEEP_PDF"); keep != "" {
		data, _ := os.ReadFile(pdf)
		_ = os.WriteFile(keep, data, 0o644)
	}
	bbox, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	require.NoError(t, err)
	words := map[string]int{}
	for _, m := range wordBox.FindAllStringSubmatch(string(bbox), -1) {
		words[m[5]]++
	}
	require.Len(t, figs, 6+3+25*7+15+1)
	for _, f := range figs {
		assert.Equal(t, 1, words[f], "figure %s is one word", f)
	}
}
