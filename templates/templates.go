// Package templates holds the default templates of the annual report,
// embedded in the binary. A folder of templates named in nianbao.toml
// overrides any of them by file name; nianbao init --templates copies these
// out for editing.
package templates

import "embed"

// FS holds the default templates (*.tmpl).
//
//go:embed *.tmpl
var FS embed.FS

// Main is the template that composes the whole report.
const Main = "report.tmpl"
