package docx

import (
	"strings"

	"github.com/nianbao/nianbao/report/doc"
)

// A draft carries a diagonal 草稿 watermark on every page, drawn as Word
// draws its own "text watermark": a VML WordArt shape (shapetype 136,
// text on a path) in the page header, behind the text, centred on the
// margins and turned 45°. Word, WPS and LibreOffice all read this form; it
// cannot be deleted by deleting a paragraph of the body, which is the point.
// The odd and even headers are two parts because the document has
// different odd and even headers and footers (w:evenAndOddHeaders).

const (
	relHeaderOdd  = "rId6"
	relHeaderEven = "rId7"
)

// watermarkParts adds the draft's headers to the package: the header parts,
// their content types and their relationships.
func watermarkParts(parts []part, d *doc.Document, font string) []part {
	if !d.Meta.Draft {
		return parts
	}
	for i := range parts {
		switch parts[i].name {
		case "[Content_Types].xml":
			parts[i].data = insertBefore(parts[i].data, "</Types>",
				`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`+
					`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`)
		case "word/_rels/document.xml.rels":
			parts[i].data = insertBefore(parts[i].data, "</Relationships>",
				`<Relationship Id="`+relHeaderOdd+`" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`+
					`<Relationship Id="`+relHeaderEven+`" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>`)
		}
	}
	return append(parts, part{"word/header1.xml", watermarkHeader(1, font)}, part{"word/header2.xml", watermarkHeader(2, font)})
}

// headerRefs are the sectPr's references to the draft headers, which come
// before the footer references (schema order).
func headerRefs(draft bool) string {
	if !draft {
		return ""
	}
	return `<w:headerReference w:type="default" r:id="` + relHeaderOdd + `"/><w:headerReference w:type="even" r:id="` + relHeaderEven + `"/>`
}

func insertBefore(data []byte, end, s string) []byte {
	t := string(data)
	i := strings.LastIndex(t, end)
	if i < 0 {
		return data
	}
	return []byte(t[:i] + s + t[i:])
}

// shapetype136 is Word's definition of the WordArt "plain text" shape.
const shapetype136 = `<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">` +
	`<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>` +
	`<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>` +
	`<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>` +
	`<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>` +
	`<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>` +
	`<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>` +
	`<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>`

// watermarkHeader is a header part holding only the watermark: an empty
// header paragraph (off the grid, no indent) whose run anchors the shape.
// The shape is 2:1 for the two characters, light grey and half
// transparent, so that the text stays readable through it.
func watermarkHeader(n int, font string) []byte {
	// The shape's id is its name in Word's selection pane, never printed;
	// the printed word is doc.DraftMark.
	id := "草稿水印" + string(rune('0'+n))
	return []byte(xmlHeader + `<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" ` +
		`xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word">` +
		`<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>` +
		`<w:r><w:rPr><w:noProof/></w:rPr><w:pict>` + shapetype136 +
		`<v:shape id="` + id + `" o:spid="_x0000_s` + string(rune('0'+n)) + `025" type="#_x0000_t136" ` +
		`style="position:absolute;margin-left:0;margin-top:0;width:400pt;height:200pt;rotation:315;z-index:-251655168;` +
		`mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" ` +
		`o:allowincell="f" fillcolor="#c8c8c8" stroked="f"><v:fill opacity=".5"/>` +
		`<v:textpath style="font-family:&quot;` + attr(font) + `&quot;;font-size:1pt" string="` + attr(doc.DraftMark) + `"/>` +
		`<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r></w:p></w:hdr>` + "\n")
}
