package ledger

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/report/lazyre"
)

// Row heights of the task rows. LibreOffice shows a row at the height the
// file gives (or the default height when it gives none) and does not fit
// it to wrapped text on opening; Excel fits rows whose height is not
// "custom". So every task row gets the height its text needs, estimated
// here, but not marked custom (autoHeights): both readers then grow or
// shrink the row again when a cell is edited, so that a long 完成情况 the
// office types in later is shown and printed whole, not cut to the height
// the blank row had.

// Cell text is 宋体 10.5 pt: a Han character is 14 px wide at 96 dpi, a
// Latin letter or digit about half; a line is about 14 pt high.
const (
	hanPx      = 14.0
	cellPadPx  = 6.0 // the cell's left and right margins
	linePt     = 14.0
	rowPadPt   = 4.0
	digitPx    = 7.0 // the default font's (Calibri 11) maximum digit width: the unit of column widths
	minLinesPt = linePt + rowPadPt
)

// lines is how many lines text takes in a column of width (in the
// column-width unit of Excel: characters of the default font's digits).
func lines(text string, width float64) int {
	perLine := (width*digitPx + 5 - cellPadPx) / hanPx // Han characters a line holds
	if perLine < 1 {
		perLine = 1
	}
	n := 0
	for _, para := range strings.Split(text, "\n") {
		w := 0.0
		for _, r := range para {
			if r < 0x2E80 && !unicode.Is(unicode.Han, r) {
				w += 0.5
			} else {
				w++
			}
		}
		n += max(1, int(math.Ceil(w/perLine-1e-9)))
	}
	return n
}

// rowHeight is the height in points that the row's cells vals (in column
// order) need.
func rowHeight(vals []string) float64 {
	n := 1
	for i, v := range vals {
		if i < len(columns) && v != "" {
			n = max(n, lines(v, columns[i].width))
		}
	}
	return max(minLinesPt, float64(n)*linePt+rowPadPt)
}

var customRow = lazyre.New(`<row r="(\d+)"([^>]*?) customHeight="(?:1|true)"`)

// autoHeights rewrites the workbook so that rows from first on keep their
// height but lose the customHeight flag that excelize always sets.
func autoHeights(book []byte, first int) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		_ = rc.Close() // read from memory: cannot fail
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			data = customRow().ReplaceAllFunc(data, func(m []byte) []byte {
				sm := customRow().FindSubmatch(m)
				if r, _ := strconv.Atoi(string(sm[1])); r < first {
					return m
				}
				return []byte(`<row r="` + string(sm[1]) + `"` + string(sm[2]))
			})
		}
		h := f.FileHeader
		h.CompressedSize64, h.UncompressedSize64, h.CRC32 = 0, 0, 0
		w, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
