package docx

import (
	"context"
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
	fonts, err := filepath.Abs(filepath.Join("..", "..", "fonts"))
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
