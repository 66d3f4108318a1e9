// Package templates holds the default templates of the annual report,
// embedded in the binary. A folder of templates named in nianbao.toml
// overrides any of them by file name; nianbao init --templates copies these
// out for editing.
package templates

import (
	"embed"
	"io/fs"
)

// FS holds the default templates (*.tmpl).
//
//go:embed *.tmpl
var FS embed.FS

// Main is the template that composes the whole report.
const Main = "report.tmpl"

// LawGov holds the default templates of the 法治政府建设情况报告; LawMain
// composes it. An office overrides them in the LawFolder subfolder of its
// template folder.
//
//go:embed lawgov/*.tmpl
var lawGov embed.FS

// LawGov is lawGov with the lawgov/ prefix removed.
var LawGov = mustSub(lawGov, "lawgov")

const (
	LawMain   = "report.tmpl"
	LawFolder = "法治"
)

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
