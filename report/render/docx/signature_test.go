package docx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/pdf"
)

// line is the horizontal extent, in points, of one line of a PDF page as
// pdftotext -bbox reports its words.
type line struct{ x0, x1, y float64 }

// lineOf finds the line of page 1 whose words joined read text.
func lineOf(t *testing.T, path, text string) line {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-").Output()
	require.NoError(t, err)
	type word struct {
		x0, x1, y float64
		s         string
	}
	var rows [][]word
	for _, m := range wordBox.FindAllStringSubmatch(string(out), -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		w := word{x0, x1, (y0 + y1) / 2, m[5]}
		if n := len(rows); n > 0 && abs(rows[n-1][0].y-w.y) < 3 {
			rows[n-1] = append(rows[n-1], w)
		} else {
			rows = append(rows, []word{w})
		}
	}
	for _, r := range rows {
		var s strings.Builder
		for _, w := range r {
			s.WriteString(w.s)
		}
		if s.String() == text {
			return line{r[0].x0, r[len(r)-1].x1, r[0].y}
		}
	}
	t.Fatalf("no line %q on page 1:\n%s", text, out)
	return line{}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// The 落款 (GB/T 9704 7.3.5.2) is where the rule puts it, in the PDF and
// in the DOCX as LibreOffice prints it, within 1 mm of each other: for a
// name shorter than the date, a name a little longer, and a long name.
// The three signatures share one document (dates told apart by the day),
// so that LibreOffice runs once.
func TestSignaturePlacement(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	const (
		mm      = 72 / 25.4
		left    = 28 * mm       // text block, odd page
		right   = left + 156*mm // its right edge
		char    = 156.0 / 28 * mm
		tolSame = 1 * mm
	)
	cases := []struct {
		org, date string // dates are 6.5 characters
		dateLed   bool   // the date 右空二字, else the name
	}{
		{"北京市", "2023年1月15日", true},
		{"淮安市人民政府", "2023年1月16日", true}, // 7 characters: the date, moved two, would pass the name
		{"江门市政府投资工程建设管理中心", "2023年1月17日", false},
	}
	d := &doc.Document{Meta: doc.Meta{Org: "某机关", Year: 2022, Date: "2023年1月15日", ISODate: "2023-01-15"}}
	for _, c := range cases {
		d.Blocks = append(d.Blocks, doc.Paragraph{Text: "特此报告。", Indent: true}, doc.Signature{Org: c.org, Date: c.date})
	}
	var b bytes.Buffer
	require.NoError(t, pdf.Render(&b, d, pdf.Options{}))
	p := filepath.Join(t.TempDir(), "x.pdf")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
	lo := libreOfficePDF(t, render(t, d, Options{}))
	for _, c := range cases {
		t.Run(c.org, func(t *testing.T) {
			po, pd := lineOf(t, p, c.org), lineOf(t, p, c.date)
			// The rule, in the PDF: the date starts two characters right
			// of the name; the one that leads ends two characters from
			// the right edge.
			assert.InDelta(t, 2*char, pd.x0-po.x0, 0.5*mm, "date two characters right of the name")
			if c.dateLed {
				assert.InDelta(t, 2*char, right-pd.x1, 0.5*mm, "date 右空二字")
			} else {
				assert.InDelta(t, 2*char, right-po.x1, 0.5*mm, "name 右空二字")
			}
			assert.Greater(t, pd.y, po.y, "date below the name")

			// The DOCX through LibreOffice: the same places. The date's
			// right end is not compared: LibreOffice adds space between
			// digits and Chinese, which it does not let a .docx turn off.
			lo1, ld := lineOf(t, lo, c.org), lineOf(t, lo, c.date)
			assert.InDelta(t, po.x0, lo1.x0, tolSame, "name starts alike")
			assert.InDelta(t, po.x1, lo1.x1, tolSame, "name ends alike")
			assert.InDelta(t, pd.x0, ld.x0, tolSame, "date starts alike")
			assert.InDelta(t, 2*char, ld.x0-lo1.x0, tolSame, "DOCX: date two characters right of the name")
		})
	}
}

func TestSignaturePlace(t *testing.T) {
	ems := func(s string) float64 { return chars(s) }
	for _, tt := range []struct {
		org, date  string
		wOrg, wDat float64
	}{
		{"北京市", "2023年1月15日", 28 - 2 - 6.5 - 2, 28 - 2 - 6.5},
		{"淮安市人民政府", "2023年1月15日", 28 - 2 - 6.5 - 2, 28 - 2 - 6.5},
		{"淮安市人民政府办公室", "2023年1月15日", 28 - 2 - 10, 28 - 2 - 10 + 2},
		{"江门市政府投资工程建设管理中心", "2023年1月15日", 28 - 2 - 15, 28 - 2 - 15 + 2},
		{"", "2023年1月15日", 0, 28 - 2 - 6.5},
		{"北京市", "", 28 - 2 - 3, 28 - 2 - 3 + 2},
	} {
		o, d := doc.Signature{Org: tt.org, Date: tt.date}.Place(28, ems)
		if tt.org != "" {
			assert.InDelta(t, tt.wOrg, o, 1e-9, tt.org)
		}
		assert.InDelta(t, tt.wDat, d, 1e-9, tt.org)
	}
}
