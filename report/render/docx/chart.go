package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/doc"
)

// A chart is a native chart part (word/charts/chartN.xml, DrawingML): a
// clustered horizontal bar chart with the figures cached in the part, so
// that Word, WPS and LibreOffice draw it without the workbook, and the
// workbook embedded beside it (word/embeddings/chartN.xlsx), so that a
// reviewer can edit the data in Word or WPS. Series differ in pattern
// (solid, hatched, light), not colour alone, and every bar carries its
// figure, as in the PDF.

const (
	nsC   = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	emuMM = 36000
)

// chartRel is the relationship id of chart n (from 1) in document.xml.rels.
func chartRel(n int) string { return "rIdChart" + strconv.Itoa(n) }

// chartHeight is the drawn height of c in mm: a band per bar.
func chartHeight(c *doc.Chart) int {
	bars := len(c.Categories) * max(len(c.Series), 1)
	return min(45+bars*9, 200)
}

// drawing writes the paragraph that holds chart n inline, centred, the
// width of the text block; descr is its figures in a sentence.
func (w *body) drawing(c *doc.Chart, n int) {
	wEMU := textW * 635 // twips to EMU
	hEMU := chartHeight(c) * emuMM
	b := &w.b
	b.WriteString(`<w:p><w:pPr>`)
	if w.pageBreak {
		b.WriteString("<w:pageBreakBefore/>")
		w.pageBreak = false
	}
	b.WriteString(`<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>`)
	fmt.Fprintf(b, `<wp:inline xmlns:wp="%s" distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`, nsWP, wEMU, hEMU)
	fmt.Fprintf(b, `<wp:docPr id="%d" name="图表 %d" descr="%s"/>`, 1000+n, n, attrEsc(c.Summary()))
	fmt.Fprintf(b, `<a:graphic xmlns:a="%s"><a:graphicData uri="%s"><c:chart xmlns:c="%s" r:id="%s"/></a:graphicData></a:graphic>`, nsA, nsC, nsC, chartRel(n))
	b.WriteString(`</wp:inline></w:drawing></w:r></w:p>` + "\n")
	w.afterTable = false
	w.empty = false
}

func attrEsc(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fills of the series: solid dark, dark hatching on light, light with a
// dark border — apart in grey as in colour.
var seriesFill = []string{
	`<a:solidFill><a:srgbClr val="1F3F6E"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="1F3F6E"/></a:solidFill></a:ln>`,
	`<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="1F3F6E"/></a:fgClr><a:bgClr><a:srgbClr val="DCE6F2"/></a:bgClr></a:pattFill><a:ln w="6350"><a:solidFill><a:srgbClr val="1F3F6E"/></a:solidFill></a:ln>`,
	`<a:solidFill><a:srgbClr val="9FB9DB"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="1F3F6E"/></a:solidFill></a:ln>`,
}

// column is the spreadsheet column of series s (B, C, …): A holds the
// categories.
func column(s int) string { return string(rune('B' + s)) }

// textProps sets a chart text in font at size (points).
func textProps(font string, size float64, bold bool) string {
	b := "0"
	if bold {
		b = "1"
	}
	return fmt.Sprintf(`<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="%d" b="%s"><a:solidFill><a:srgbClr val="1A1A1A"/></a:solidFill><a:latin typeface="%s"/><a:ea typeface="%s"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`,
		int(size*100), b, attrEsc(font), attrEsc(font))
}

// chartXML is the chart part of c: categories and figures cached, the
// workbook's cells referenced (Sheet1!$A$2:$A$n, one column per series).
func chartXML(c *doc.Chart, font string) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	fmt.Fprintf(&b, `<c:chartSpace xmlns:c="%s" xmlns:a="%s" xmlns:r="%s">`, nsC, nsA, nsR)
	b.WriteString(`<c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>`)
	fmt.Fprintf(&b, `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"><a:latin typeface="%s"/><a:ea typeface="%s"/></a:defRPr></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1"><a:latin typeface="%s"/><a:ea typeface="%s"/></a:rPr><a:t>%s</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`,
		attrEsc(font), attrEsc(font), attrEsc(font), attrEsc(font), attrEsc(c.Caption()))
	b.WriteString(`<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>`)
	b.WriteString(`<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>`)
	n := len(c.Categories)
	for s, se := range c.Series {
		col := column(s)
		fmt.Fprintf(&b, `<c:ser><c:idx val="%d"/><c:order val="%d"/>`, s, s)
		fmt.Fprintf(&b, `<c:tx><c:strRef><c:f>Sheet1!$%s$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>%s</c:v></c:pt></c:strCache></c:strRef></c:tx>`, col, attrEsc(se.Name))
		fmt.Fprintf(&b, `<c:spPr>%s</c:spPr><c:invertIfNegative val="0"/>`, seriesFill[s%len(seriesFill)])
		b.WriteString(`<c:dLbls><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` + textProps(font, 10, false) +
			`<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
		fmt.Fprintf(&b, `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$%d</c:f><c:strCache><c:ptCount val="%d"/>`, n+1, n)
		for i, cat := range c.Categories {
			fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, i, attrEsc(cat))
		}
		b.WriteString(`</c:strCache></c:strRef></c:cat>`)
		fmt.Fprintf(&b, `<c:val><c:numRef><c:f>Sheet1!$%s$2:$%s$%d</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="%d"/>`, col, col, n+1, n)
		for i := range c.Categories {
			fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%d</c:v></c:pt>`, i, c.Value(s, i))
		}
		b.WriteString(`</c:numCache></c:numRef></c:val></c:ser>`)
	}
	b.WriteString(`<c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`)
	// Categories top to bottom in the model's order (orientation maxMin).
	b.WriteString(`<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
		`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
		`<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="1A1A1A"/></a:solidFill></a:ln></c:spPr>` + textProps(font, 10.5, false) +
		`<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	b.WriteString(`<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="1"/><c:axPos val="t"/>` +
		`<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
		`<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>`)
	b.WriteString(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>`)
	if len(c.Series) > 1 {
		b.WriteString(`<c:legend><c:legendPos val="t"/><c:overlay val="0"/>` + textProps(font, 10, false) + `</c:legend>`)
	}
	b.WriteString(`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(`<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(`<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>`)
	b.WriteString(`</c:chartSpace>` + "\n")
	return b.Bytes()
}

// chartRels links chart n to its embedded workbook.
func chartRels(n int) []byte {
	return []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/chart` + strconv.Itoa(n) + `.xlsx"/>` +
		`</Relationships>` + "\n")
}

// workbook is the chart's data as a minimal .xlsx: categories in column
// A, a column per series, the names in row 1. Written by hand so that it
// is the same bytes every time (a library stamps the clock).
func workbook(c *doc.Chart, mod time.Time) ([]byte, error) {
	cellStr := func(ref, s string) string {
		return `<c r="` + ref + `" t="inlineStr"><is><t>` + attrEsc(s) + `</t></is></c>`
	}
	var sheet strings.Builder
	sheet.WriteString(xmlHeader + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	sheet.WriteString(`<row r="1">` + cellStr("A1", "项目"))
	for s, se := range c.Series {
		sheet.WriteString(cellStr(column(s)+"1", se.Name))
	}
	sheet.WriteString(`</row>`)
	for i, cat := range c.Categories {
		r := strconv.Itoa(i + 2)
		sheet.WriteString(`<row r="` + r + `">` + cellStr("A"+r, cat))
		for s := range c.Series {
			fmt.Fprintf(&sheet, `<c r="%s%s"><v>%d</v></c>`, column(s), r, c.Value(s, i))
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>` + "\n")
	files := []part{
		{"[Content_Types].xml", []byte(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`</Types>` + "\n")},
		{"_rels/.rels", []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>` + "\n")},
		{"xl/workbook.xml", []byte(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + nsR + `">` +
			`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>` + "\n")},
		{"xl/_rels/workbook.xml.rels", []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`</Relationships>` + "\n")},
		{"xl/worksheets/sheet1.xml", []byte(sheet.String())},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range files {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(p.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// chartParts adds the charts to the package: each chart part, its
// relationships and workbook, their content types, and the document's
// relationships to the charts.
func chartParts(parts []part, charts []*doc.Chart, font string, mod time.Time) ([]part, error) {
	if len(charts) == 0 {
		return parts, nil
	}
	var types, rels strings.Builder
	types.WriteString(`<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>`)
	var add []part
	for i, c := range charts {
		n := i + 1
		name := "chart" + strconv.Itoa(n)
		fmt.Fprintf(&types, `<Override PartName="/word/charts/%s.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`, name)
		fmt.Fprintf(&rels, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/%s.xml"/>`, chartRel(n), name)
		wb, err := workbook(c, mod)
		if err != nil {
			return nil, err
		}
		add = append(add, part{"word/charts/" + name + ".xml", chartXML(c, font)},
			part{"word/charts/_rels/" + name + ".xml.rels", chartRels(n)},
			part{"word/embeddings/" + name + ".xlsx", wb})
	}
	for i := range parts {
		switch parts[i].name {
		case "[Content_Types].xml":
			parts[i].data = insertBefore(parts[i].data, "</Types>", types.String())
		case "word/_rels/document.xml.rels":
			parts[i].data = insertBefore(parts[i].data, "</Relationships>", rels.String())
		}
	}
	return append(parts, add...), nil
}
