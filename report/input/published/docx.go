package published

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
)

// Limits of a DOCX, in the spirit of report/input/xlsxsafe (whose opener
// is made for excelize and checks worksheet parts, so it does not fit):
// a report's word/document.xml is 0.1–2 MB; its parts are few.
const (
	maxDocxParts    = 2000
	maxDocumentXML  = 32 << 20
	maxDocxRatio    = 200 // unpacked ÷ packed of document.xml; text XML is about 10
	maxDocxElements = 3_000_000
	maxDocxDepth    = 200
)

func docxLines(name string, data []byte) ([]line, error) {
	at := diag.Pos{File: name}
	damaged := diag.Errorf(at, "文件已损坏或不是 Word 文档（.docx），无法读取。请在 Word 或 WPS 中打开并另存为 .docx")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, damaged
	}
	if len(zr.File) > maxDocxParts {
		return nil, diag.Errorf(at, "文件由 %d 个部分组成，不是正常的 Word 文档（可能已损坏）。请确认选对了文件", len(zr.File))
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		if len(zr.File) > 0 && strings.HasPrefix(zr.File[0].Name, "xl/") || hasPart(zr, "xl/workbook.xml") {
			return nil, diag.Errorf(at, "这是 Excel 工作簿，不是年度报告。上年度统计表请在 nianbao.toml 中用 last_year_stats 指定")
		}
		return nil, damaged
	}
	if doc.UncompressedSize64 > maxDocumentXML || doc.CompressedSize64 > 0 && doc.UncompressedSize64/doc.CompressedSize64 > maxDocxRatio {
		return nil, diag.Errorf(at, "文件中的正文解压后异常庞大，不是正常的年度报告（可能已损坏）。请确认选对了文件")
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, damaged
	}
	defer func() { _ = rc.Close() }()
	ls, ok := docxXML(io.LimitReader(rc, maxDocumentXML))
	if !ok {
		return nil, damaged
	}
	return ls, nil
}

func hasPart(zr *zip.Reader, name string) bool {
	for _, f := range zr.File {
		if f.Name == name {
			return true
		}
	}
	return false
}

// docxXML reads paragraphs and table rows of word/document.xml. Tables
// inside a cell become that cell's text.
func docxXML(r io.Reader) ([]line, bool) {
	d := xml.NewDecoder(r)
	var (
		out      []line
		para     strings.Builder
		tblDepth int
		tables   int
		row      *line
		rowN     int
		cellBuf  strings.Builder
		merged   bool
		inCell   bool
		inText   bool
		depth    int
		elements int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, depth == 0
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			depth++
			if elements > maxDocxElements || depth > maxDocxDepth {
				return nil, false
			}
			switch t.Name.Local {
			case "tbl":
				tblDepth++
				if tblDepth == 1 {
					tables++
					rowN = 0
				}
			case "tr":
				if tblDepth == 1 {
					rowN++
					row = &line{table: tables, row: rowN}
				}
			case "tc":
				if tblDepth == 1 {
					inCell, merged = true, false
					cellBuf.Reset()
				}
			case "vMerge":
				if tblDepth == 1 && inCell {
					v := ""
					for _, a := range t.Attr {
						if a.Name.Local == "val" {
							v = a.Value
						}
					}
					merged = v != "restart"
				}
			case "t":
				inText = true
			case "tab":
				write(&para, &cellBuf, inCell, " ")
			case "br", "cr":
				write(&para, &cellBuf, inCell, "\n")
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if inCell {
					cellBuf.WriteString(" ")
				} else {
					for _, s := range strings.Split(para.String(), "\n") {
						if c := clean(s); c != "" {
							out = append(out, line{cells: []cell{{text: c}}})
						}
					}
					para.Reset()
				}
			case "tc":
				if tblDepth == 1 && row != nil {
					row.cells = append(row.cells, cell{text: clean(cellBuf.String()), merged: merged})
					inCell = false
				}
			case "tr":
				if tblDepth == 1 && row != nil {
					out = append(out, *row)
					row = nil
				}
			case "tbl":
				tblDepth--
			}
		case xml.CharData:
			if inText {
				write(&para, &cellBuf, inCell, string(t))
			}
		}
	}
}

func write(para, cellBuf *strings.Builder, inCell bool, s string) {
	if inCell {
		cellBuf.WriteString(s)
	} else {
		para.WriteString(s)
	}
}
