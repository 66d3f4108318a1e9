// Package fonts holds the free TrueType fonts that nianbao embeds in the
// printable PDF: the Fandol fonts (Song Bold, Fang, Hei, Kai, Song), converted
// from Debian's texlive-lang-chinese (CFF OpenType) to TrueType outlines by
// otf2ttf.py; make-fonts.sh reproduces them. See README.md.
//
// Licence: the Fandol fonts are GPL-3 with the GPL font exception ("if you
// create a document which uses this font, and embed this font or unaltered
// portions of this font into the document, this font does not by itself cause
// the resulting document to be covered by the GNU General Public License").
// The full text is in COPYING; the authors' note in README.fandol.
package fonts

import (
	"embed"
	"fmt"
	"slices"
)

// File names of the embedded fonts.
const (
	SongBold = "FandolSong-Bold.ttf"    // 标题（代替方正小标宋简体）
	Fang     = "FandolFang-Regular.ttf" // 正文、三四级标题、表格（仿宋）
	Hei      = "FandolHei-Regular.ttf"  // 一级标题（黑体）
	Kai      = "FandolKai-Regular.ttf"  // 二级标题（楷体）
	Song     = "FandolSong-Regular.ttf" // 页码（宋体）
)

// Licence is the licence note to show wherever the fonts are named.
const Licence = "Fandol 字体（Fandol team：Clerk Ma、Jie Su）以 GPL-3 许可发布，并附 GPL 字体例外条款：" +
	"文档嵌入这些字体（或其未经修改的部分）不会因此使文档本身受 GPL 约束。全文见 fonts/COPYING 和 fonts/README.fandol。" +
	" / Fandol fonts: GPL-3 with the GPL font exception (embedding them in a document does not put the document under the GPL)."

//go:embed FandolSong-Bold.ttf FandolFang-Regular.ttf FandolHei-Regular.ttf FandolKai-Regular.ttf FandolSong-Regular.ttf
var files embed.FS

// The same files as shared byte slices: no copy per document. They are NOT
// read-only: go:embed []byte variables are ordinary writable memory, so a
// write would not fault but silently corrupt the font for every later
// document of the process (and race with concurrent ones). go-pdf/fpdf
// v0.12.0 does write into fonts it is given (utf8fontfile.go getMetrics
// appends to a slice of the font's hmtx table), so these bytes never reach
// fpdf: the PDF renderer hands it subsets cut from them (report/render/fontset
// Font.Subset), and report/render/pdf TestSharedFontBytesUnchanged checks that
// rendering leaves them as embedded.
var (
	//go:embed FandolSong-Bold.ttf
	songBold []byte
	//go:embed FandolFang-Regular.ttf
	fang []byte
	//go:embed FandolHei-Regular.ttf
	hei []byte
	//go:embed FandolKai-Regular.ttf
	kai []byte
	//go:embed FandolSong-Regular.ttf
	song []byte
)

var names = []string{SongBold, Fang, Hei, Kai, Song}

// Names lists the embedded font files.
func Names() []string { return slices.Clone(names) }

// Shared returns the named embedded font without copying it: 34 MB of
// fonts copied per build was a third of the PDF's peak memory. The slice
// must only be read: never hand it to fpdf, which writes into fonts it is
// given; use Bytes for a copy of your own.
func Shared(name string) ([]byte, error) {
	switch name {
	case SongBold:
		return songBold, nil
	case Fang:
		return fang, nil
	case Hei:
		return hei, nil
	case Kai:
		return kai, nil
	case Song:
		return song, nil
	}
	return nil, fmt.Errorf("fonts: 没有内置字体 %q（内置：%v）", name, names)
}

// Bytes returns the named embedded font (one of Names). Each call returns a
// fresh copy that the caller owns: hand it to one PDF document only.
func Bytes(name string) ([]byte, error) {
	if !slices.Contains(names, name) {
		return nil, fmt.Errorf("fonts: 没有内置字体 %q（内置：%v）", name, names)
	}
	return files.ReadFile(name) // embed.FS.ReadFile copies
}
