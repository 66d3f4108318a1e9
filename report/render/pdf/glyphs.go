package pdf

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/render/fontset"
)

// CheckGlyphs checks every character of d against the font of its role
// before rendering: characters the role's font lacks are set in the
// fallback font, characters no font has become the 〓 mark. Both are
// reported with the characters and where they occur.
func CheckGlyphs(d *doc.Document, fonts *fontset.Set) []diag.Message {
	type key struct {
		role     fontset.Role
		fallback bool
	}
	found := map[key][]rune{}
	where := map[rune][]string{}
	var order []key
	check := func(role fontset.Role, text, place string) {
		none, via := fonts.Missing(role, text)
		for _, list := range []struct {
			cs []rune
			fb bool
		}{{none, false}, {via, true}} {
			for _, c := range list.cs {
				k := key{role, list.fb}
				if _, ok := found[k]; !ok {
					order = append(order, k)
				}
				if !containsRune(found[k], c) {
					found[k] = append(found[k], c)
				}
				if len(where[c]) < 3 && (len(where[c]) == 0 || where[c][len(where[c])-1] != place) {
					where[c] = append(where[c], place)
				}
			}
		}
	}
	walkText(d, check)
	var out []diag.Message
	for _, k := range order {
		var parts []string
		for _, c := range found[k] {
			parts = append(parts, fmt.Sprintf("“%s”（U+%04X，见%s）", printable(c), c, strings.Join(where[c], "、")))
		}
		text := fmt.Sprintf("打印稿的%s字体缺少 %s，已改用后备字体", k.role.Label(), strings.Join(parts, "；"))
		if !k.fallback {
			text = fmt.Sprintf("打印稿的所有字体都没有 %s，以“〓”代替。请改用常用字，或在 nianbao.toml 的 [fonts] 中设置含这些字的字体（fallback）", strings.Join(parts, "；"))
		}
		out = append(out, diag.Message{Pos: diag.Pos{File: "打印稿 PDF"}, Severity: diag.Warning, Text: text})
	}
	return out
}

// Text the renderer sets besides the document's own.
const (
	draftLead = "【草稿】"           // before the draft note, in the heading-2 font
	watermark = doc.DraftMark    // diagonal on every page of a draft, heading-1 font
	pageChars = "— 0123456789 —" // what page numbers are made of
)

// walkText calls fn with every text the renderer sets, in the role it is set
// in, and where it is for messages: the title, headings, paragraphs (list
// items with their numbers), notes, table cells, the signature and the page
// numbers; the watermark (set in the heading-1 font whatever it lacks) is
// not among them.
func walkText(d *doc.Document, fn func(role fontset.Role, text, place string)) {
	if d.Meta.Draft {
		fn(fontset.Heading2, d.Meta.DraftBanner(), "草稿说明")
	}
	fn(fontset.Title, d.Title, "标题")
	g := &glyphBlocks{check: fn, section: "前言"}
	for _, b := range d.Blocks {
		if b != nil { // a nil block is Render's error to report
			_ = b.Accept(g) // glyphBlocks never fails
		}
	}
	fn(fontset.Number, pageChars, "页码")
}

func containsRune(list []rune, c rune) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

func printable(c rune) string {
	if c < 0x20 || c == 0x7f {
		return fmt.Sprintf("\\x%02X", c)
	}
	return string(c)
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return s
}
