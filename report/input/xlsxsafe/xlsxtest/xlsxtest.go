// Package xlsxtest builds damaged and hostile workbooks for the tests of
// the readers that open them through xlsxsafe.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
)

// Part is one zip entry: Body, or Size bytes written by Fill.
type Part struct {
	Name string
	Body string
	// Fill writes the body in pieces, for parts too large to hold as one
	// string; it is used when set.
	Fill func(w io.Writer) error
	// Claim, when non-zero, is the unpacked size the zip header states.
	Claim uint64
}

// Zip packs parts with Deflate at its best compression, as a bomb is made.
func Zip(parts ...Part) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, p := range parts {
		if p.Claim != 0 {
			if err := raw(zw, p); err != nil {
				return nil, err
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if err := write(w, p); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func write(w io.Writer, p Part) error {
	if p.Fill != nil {
		return p.Fill(w)
	}
	_, err := io.WriteString(w, p.Body)
	return err
}

// raw writes a part whose header states Claim as its unpacked size.
func raw(zw *zip.Writer, p Part) error {
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.BestCompression)
	if err != nil {
		return err
	}
	if err := write(fw, p); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: p.Name, Method: zip.Deflate,
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: p.Claim})
	if err != nil {
		return err
	}
	_, err = w.Write(packed.Bytes())
	return err
}

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// Book is a minimal workbook of one sheet named sheet whose <sheetData>
// holds rows (raw XML), followed by extra parts (a sharedStrings.xml, or a
// replacement sheet1.xml). It is what excelize needs and no more.
func Book(sheet, rows string, extra ...Part) []Part {
	parts := []Part{
		{Name: "[Content_Types].xml", Body: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{Name: "_rels/.rels", Body: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{Name: "xl/workbook.xml", Body: `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + `><sheets><sheet name="` + sheet + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{Name: "xl/_rels/workbook.xml.rels", Body: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
	}
	replaced := map[string]bool{}
	for _, p := range extra {
		replaced[p.Name] = true
	}
	if !replaced["xl/worksheets/sheet1.xml"] {
		parts = append(parts, Part{Name: "xl/worksheets/sheet1.xml", Body: Sheet(rows)})
	}
	return append(parts, extra...)
}

// Sheet is a worksheet part holding rows.
func Sheet(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData>` + rows + `</sheetData></worksheet>`
}

// Rows repeats a row template (%[1]d is the row number) for n rows from first.
func Rows(first, n int, format string) string {
	var b strings.Builder
	for r := first; r < first+n; r++ {
		fmt.Fprintf(&b, format, r)
	}
	return b.String()
}

// SharedStrings is a sharedStrings.xml part of n entries written as item,
// streamed so that millions cost no memory to make.
func SharedStrings(n int, item string) Part {
	return Part{Name: "xl/sharedStrings.xml", Fill: func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n); err != nil {
			return err
		}
		chunk := strings.Repeat(item, 4096)
		for i := 0; i < n; i += 4096 {
			k := min(4096, n-i)
			if _, err := io.WriteString(w, chunk[:k*len(item)]); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sst>`)
		return err
	}}
}

// Edit rewrites the parts of an existing workbook: fn gets each part's name
// and body and returns the new body.
func Edit(data []byte, fn func(name string, body []byte) []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var parts []Part
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close() // read from memory: cannot fail
		if err != nil {
			return nil, err
		}
		parts = append(parts, Part{Name: zf.Name, Body: string(fn(zf.Name, b))})
	}
	return Zip(parts...)
}
