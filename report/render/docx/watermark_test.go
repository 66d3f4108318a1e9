package docx

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A draft has the 草稿 WordArt watermark in the odd and even headers, which
// the section references and the package declares; a formal report has no
// header at all.
func TestDraftWatermark(t *testing.T) {
	d := sample()
	d.Meta.Draft = true
	d.Meta.DraftNote = "检查未通过"
	_, files := parts(t, render(t, d, Options{}))
	for _, h := range []string{"word/header1.xml", "word/header2.xml"} {
		x := string(files[h])
		assert.Contains(t, x, `<v:shapetype id="_x0000_t136"`, h)
		assert.Contains(t, x, `type="#_x0000_t136"`, h)
		assert.Contains(t, x, `rotation:315`, h)
		assert.Contains(t, x, `string="草稿"`, h)
		assert.Contains(t, x, `font-family:&quot;黑体&quot;`, h)
	}
	body := string(files["word/document.xml"])
	sect := body[strings.Index(body, "<w:sectPr>"):]
	assert.Contains(t, sect, `<w:sectPr><w:headerReference w:type="default" r:id="rId6"/><w:headerReference w:type="even" r:id="rId7"/><w:footerReference`)
	rels := string(files["word/_rels/document.xml.rels"])
	assert.Contains(t, rels, `Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"`)
	assert.Contains(t, rels, `Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"`)
	assert.Contains(t, string(files["[Content_Types].xml"]), `PartName="/word/header2.xml"`)

	names, files := parts(t, render(t, sample(), Options{}))
	assert.NotContains(t, names, "word/header1.xml")
	assert.NotContains(t, string(files["word/document.xml"]), "headerReference")
	assert.NotContains(t, string(files["word/_rels/document.xml.rels"]), "header")
}

// No automatic space between Chinese and Latin or digits, in the document
// defaults and in 正文, so that "2025年1月1日" keeps the 28-character grid.
func TestNoAutoSpace(t *testing.T) {
	_, files := parts(t, render(t, sample(), Options{}))
	s := string(files["word/styles.xml"])
	def := s[strings.Index(s, "<w:pPrDefault>"):strings.Index(s, "</w:pPrDefault>")]
	assert.Contains(t, def, `<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`)
	normal := s[strings.Index(s, `w:styleId="Normal"`):]
	normal = normal[:strings.Index(normal, "</w:style>")]
	assert.Contains(t, normal, `<w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing`)
}

// Every heading keeps with the next paragraph (GB/T 9704 layout: no
// heading alone at a page's foot): keepNext on the paragraph and in its
// style; 正文 has widow control, so two lines of what follows come along.
func TestHeadingsKeepWithNext(t *testing.T) {
	_, files := parts(t, render(t, sample(), Options{}))
	n := 0
	for _, b := range parseBody(t, files["word/document.xml"]) {
		if b.XMLName.Local == "p" && strings.HasPrefix(b.PPr.Style.Val, "Heading") {
			n++
			assert.NotNil(t, b.PPr.KeepNext, b.text())
		}
	}
	assert.Greater(t, n, 6)
	s := string(files["word/styles.xml"])
	for _, id := range []string{"Heading1", "Heading2", "Heading3", "Heading4"} {
		st := s[strings.Index(s, `w:styleId="`+id+`"`):]
		assert.Contains(t, st[:strings.Index(st, "</w:style>")], "<w:keepNext/>", id)
	}
	normal := s[strings.Index(s, `w:styleId="Normal"`):]
	assert.Contains(t, normal[:strings.Index(normal, "</w:style>")], "<w:widowControl/>")
}
