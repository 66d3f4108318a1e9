package docx

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/nianbao/nianbao/report/doc"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>` + "\n"

const packageRels = xmlHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>` + "\n"

// documentRels: rId4 and rId5 are the footers that sectPr names.
const documentRels = xmlHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`</Relationships>` + "\n"

const app = xmlHeader +
	`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
	`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>nianbao</Application><DocSecurity>0</DocSecurity></Properties>` + "\n"

// settings: odd and even footers, mirrored margins, Chinese punctuation
// compression, Word 2013+ layout (compatibilityMode 15); a line that ends
// in a line break (a newline in the model) is not stretched to the margin.
const settings = xmlHeader +
	`<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/>` +
	`<w:mirrorMargins/>` +
	`<w:defaultTabStop w:val="420"/>` +
	`<w:evenAndOddHeaders/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:doNotExpandShiftReturn/>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>` +
	`<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>` +
	`<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>` +
	`<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>` +
	`</w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>` +
	`</w:settings>` + "\n"

// core is docProps/core.xml. Times are the document's fixed date, never
// the clock.
func core(d *doc.Document, stamp time.Time, hasStamp bool) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, value string) {
		if value = clean(value); value != "" {
			b.WriteString("<" + name + ">")
			esc(&b, value)
			b.WriteString("</" + name + ">")
		}
	}
	elem("dc:title", d.Meta.Marked(d.Title))
	elem("dc:subject", d.Meta.Marked(d.Meta.Subject))
	elem("dc:creator", d.Meta.Org)
	b.WriteString("<dc:language>zh-CN</dc:language>")
	b.WriteString("<cp:lastModifiedBy>nianbao</cp:lastModifiedBy>")
	if hasStamp {
		ts := stamp.UTC().Format("2006-01-02T15:04:05Z")
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>`)
	}
	if d.Meta.Draft {
		b.WriteString("<cp:contentStatus>" + doc.DraftMark + "</cp:contentStatus>")
	}
	b.WriteString("</cp:coreProperties>\n")
	return b.Bytes()
}

// noAutoSpace turns off the automatic space Word and LibreOffice put
// between Chinese and Latin letters (DE) or digits (DN): with it "2025年1月"
// reads "2025 年 1 月", lines hold fewer characters than the 28 of the
// grid and break elsewhere than in the PDF, which sets no such space.
const noAutoSpace = `<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`

// rFonts is a w:rFonts element: East-Asian text in ea, Latin in latin.
func rFonts(ea, latin string) string {
	ea, latin = attr(ea), attr(latin)
	return `<w:rFonts w:ascii="` + latin + `" w:eastAsia="` + ea + `" w:hAnsi="` + latin + `" w:cs="` + latin + `"/>`
}

// size is w:sz and w:szCs in half-points.
func size(half int) string {
	s := strconv.Itoa(half)
	return `<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`
}

// styles is word/styles.xml. Built-in styles keep their built-in ids and
// names (Normal, Title, heading 1–4, Signature, footer), so that Word's
// navigation pane, table of contents and localized style names work;
// styles of our own have Chinese names.
func styles(f Fonts) []byte {
	var b bytes.Buffer
	b.Grow(8 << 10)
	b.WriteString(xmlHeader)
	b.WriteString(`<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(f.Body, latin) + `<w:kern w:val="2"/>` + size(sizeBody) +
		`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:widowControl/>` + noAutoSpace + `</w:pPr></w:pPrDefault></w:docDefaults>` + "\n")

	// 正文: 3号 仿宋, exact 22-lines-a-page spacing, two-character indent, justified.
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:widowControl/>`+noAutoSpace+`<w:spacing w:line="%d" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="%d"/><w:jc w:val="both"/></w:pPr>`+
		`<w:rPr>%s<w:spacing w:val="%d"/>%s</w:rPr></w:style>`+"\n", linePitch, 2*charTwips, rFonts(f.Body, latin), condense, size(sizeBody))
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>` +
		`<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` + "\n")
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
		`<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` + "\n")

	// 标题: 2号 小标宋, centred, one empty line below; off the character
	// grid (a 22 pt character would take two grid cells).
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:keepLines/><w:snapToGrid w:val="0"/><w:spacing w:after="%d" w:line="%d" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>`+
		`<w:rPr>%s<w:snapToGrid w:val="0"/><w:spacing w:val="0"/>%s</w:rPr></w:style>`+"\n", linePitch, linePitch, rFonts(f.Title, latin), size(sizeTitle))

	// heading 1–4: 黑体, 楷体, 仿宋, 仿宋; 3号, not bold, indented as body text.
	for level, font := range []string{f.Heading1, f.Heading2, f.Body, f.Body} {
		n := strconv.Itoa(level + 1)
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="Heading%s"><w:name w:val="heading %s"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>`+
			`<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="%d"/></w:pPr>`+
			`<w:rPr>%s<w:b w:val="0"/><w:bCs w:val="0"/>%s</w:rPr></w:style>`+"\n", n, n, level, rFonts(font, latin), size(sizeBody))
	}

	// 落款: left aligned; the left indents that place it are set per paragraph.
	b.WriteString(`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>` +
		`<w:pPr><w:keepLines/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr></w:style>` + "\n")
	// 附注: body paragraph in 楷体.
	b.WriteString(`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note"><w:name w:val="附注"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:rPr>` + rFonts(f.Heading2, latin) + `</w:rPr></w:style>` + "\n")
	// 表格标题: centred line above a table.
	b.WriteString(`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableCaption"><w:name w:val="表格标题"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:keepNext/><w:keepLines/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>` + "\n")
	// 表格文字: 五号 仿宋, single spacing, centred; off the document grid,
	// or LibreOffice gives every cell line a full 10.2 mm grid line.
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="表格文字"/><w:basedOn w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>`+
		`<w:rPr>%s<w:snapToGrid w:val="0"/><w:spacing w:val="0"/>%s</w:rPr></w:style>`+"\n", rFonts(f.Table, latin), size(sizeTable))
	// 年报表格: thin (0.5 pt) black borders on every cell.
	b.WriteString(`<w:style w:type="table" w:customStyle="1" w:styleId="NianbaoTable"><w:name w:val="年报表格"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
		`<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>` +
		`<w:tblPr><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
		`<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:style>` + "\n")
	// 页脚: 4号 宋体 page numbers, an exact 14 pt line off the grid.
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>`+
		`<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="%d" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>`+
		`<w:rPr>%s<w:snapToGrid w:val="0"/><w:spacing w:val="0"/>%s</w:rPr></w:style>`+"\n", sizeNumber*10, rFonts(f.Number, f.Number), size(sizeNumber))
	b.WriteString("</w:styles>\n")
	return b.Bytes()
}

// fontTable names every font the styles use; East-Asian fonts with the
// GB2312 character set (86), so that a reader without the font substitutes
// a Chinese one.
func fontTable(f Fonts) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<w:fonts xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:font w:name="` + latin + `"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`)
	seen := map[string]bool{latin: true}
	for _, name := range []string{f.Body, f.Title, f.Heading1, f.Heading2, f.Number, f.Table} {
		if seen[name] {
			continue
		}
		seen[name] = true
		b.WriteString(`<w:font w:name="` + attr(name) + `"><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
	}
	b.WriteString("</w:fonts>\n")
	return b.Bytes()
}

// footer is a page number "— N —": odd pages right-aligned one character
// in from the right, even pages left-aligned one character in. The PAGE
// field is a complex field, as Word writes it.
func footer(even bool) []byte {
	ind := `<w:ind w:rightChars="100" w:right="280" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>`
	if even {
		ind = `<w:ind w:leftChars="100" w:left="280" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>`
	}
	return []byte(xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` +
		`<w:p><w:pPr><w:pStyle w:val="Footer"/>` + ind + `</w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>1</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r>` +
		`</w:p></w:ftr>` + "\n")
}
