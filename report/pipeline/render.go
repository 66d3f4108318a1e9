package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/outfile"
	"github.com/nianbao/nianbao/report/readiness"
	"github.com/nianbao/nianbao/report/render/docx"
	"github.com/nianbao/nianbao/report/render/fontset"
	"github.com/nianbao/nianbao/report/render/htmlpage"
	"github.com/nianbao/nianbao/report/render/markdown"
	"github.com/nianbao/nianbao/report/render/pdf"
	"github.com/nianbao/nianbao/report/render/plaintext"
	"github.com/nianbao/nianbao/report/stats"
)

// Format is one output format of a report.
type Format struct {
	Name, Ext, What string
	render          func(io.Writer, *doc.Document, *config.Config) error
}

// Formats are the renderers, in the order files are written; JSON (the
// figures a report quotes) is the kind's Export, named "json", and CSV its
// open data, named "csv".
var Formats = []Format{
	{"pdf", ".pdf", "打印稿 PDF", renderPDF},
	{"docx", ".docx", "可编辑 DOCX", renderDOCX},
	{"md", ".md", "Markdown", plain(markdown.Render)},
	{"txt", ".txt", "纯文本", plain(plaintext.Render)},
	{"html", ".html", "网页", plain(htmlpage.Render)},
}

// KnownFormat says whether f names a format build can write.
func KnownFormat(f string) bool {
	if f == "json" || f == "csv" {
		return true
	}
	for _, r := range Formats {
		if r.Name == f {
			return true
		}
	}
	return false
}

func plain(f func(io.Writer, *doc.Document) error) func(io.Writer, *doc.Document, *config.Config) error {
	return func(w io.Writer, d *doc.Document, _ *config.Config) error { return f(w, d) }
}

// pdfFonts loads the fonts of the printable PDF: the bundled ones unless
// nianbao.toml names the office's own.
func pdfFonts(cfg *config.Config) (*fontset.Set, error) {
	spec := map[fontset.Role]string{}
	ff := cfg.Fonts
	for role, path := range map[fontset.Role]string{
		fontset.Title: ff.Title, fontset.Body: ff.Body, fontset.Heading1: ff.Heading1, fontset.Heading2: ff.Heading2,
		fontset.Number: ff.Number, fontset.Table: ff.Table, fontset.Fallback: ff.Fallback,
	} {
		if path != "" {
			spec[role] = cfg.Path(path)
		}
	}
	return fontset.Load(spec)
}

func renderPDF(w io.Writer, d *doc.Document, cfg *config.Config) error {
	fonts, err := pdfFonts(cfg)
	if err != nil {
		return err
	}
	return pdf.Render(w, d, pdf.Options{Fonts: fonts})
}

func renderDOCX(w io.Writer, d *doc.Document, cfg *config.Config) error {
	n := cfg.DocxFonts
	return docx.Render(w, d, docx.Options{Fonts: docx.Fonts{Title: n.Title, Body: n.Body,
		Heading1: n.Heading1, Heading2: n.Heading2, Number: n.Number, Table: n.Table}})
}

// RenderOptions say what a build writes.
type RenderOptions struct {
	// Formats are the formats to write (Format.Name, or json); empty for
	// all.
	Formats map[string]bool
	// Draft marks every file as a draft that names what keeps it from
	// being formal.
	Draft bool
	// Note receives what the office should know but that does not stop
	// the build (characters the PDF fonts lack).
	Note func(diag.Message)
}

// Output is the set of files of one build, to be written all or nothing.
type Output struct {
	Files []outfile.File
	Whats []string // what each file is, for the terminal
	// Summaries are each report's check summary, in the order of the
	// reports.
	Summaries []string
}

// Render renders reports (of w) in the formats asked for.
func (w *Workspace) Render(reports []*Report, o RenderOptions) (*Output, error) {
	cfg := w.Config
	all := len(o.Formats) == 0
	out := &Output{}
	for _, r := range reports {
		summary := fmt.Sprintf("%s；%d 项待补充", w.Check.Summary, len(r.Composed.Gaps))
		out.Summaries = append(out.Summaries, summary)
		d := r.Composed.Doc
		if o.Draft {
			// A draft is the same document, marked: the note names what
			// keeps it from being formal.
			d.Meta.Draft = true
			d.Meta.DraftNote = "不得公开发布。" + summary + "。"
		}
		base := r.Kind.FileBase(cfg.Year)
		if o.Draft {
			base += "（草稿）"
		}
		for _, f := range Formats {
			if !all && !o.Formats[f.Name] {
				continue
			}
			if f.Name == "pdf" && o.Note != nil {
				fonts, err := pdfFonts(cfg)
				if err != nil {
					return nil, err
				}
				for _, m := range pdf.CheckGlyphs(d, fonts) {
					o.Note(m)
				}
			}
			var buf bytes.Buffer
			render := f.render
			if f.Name == "md" {
				// The charts' pictures go beside the Markdown file, in the set.
				var svgs []outfile.File
				svgs, render = markdownCharts(base, d)
				out.Files = append(out.Files, svgs...)
				for range svgs {
					out.Whats = append(out.Whats, "Markdown 的图表（SVG）")
				}
			}
			if err := render(&buf, d, cfg); err != nil {
				var de diag.Errors
				if errors.As(err, &de) {
					return nil, err
				}
				return nil, fmt.Errorf("生成%s失败：%w", f.What, err)
			}
			out.Files = append(out.Files, outfile.File{Name: base + f.Ext, Data: buf.Bytes()})
			out.Whats = append(out.Whats, f.What)
		}
		pf, pw, err := posterFiles(r.Kind, w.Input(), d, base, all || o.Formats["html"], all || o.Formats["pdf"])
		if err != nil {
			return nil, err
		}
		out.Files, out.Whats = append(out.Files, pf...), append(out.Whats, pw...)
		if all || o.Formats["json"] {
			meta := stats.ExportMeta{Org: d.Meta.Org, Year: cfg.Year, ReportDate: d.Meta.ISODate, Draft: o.Draft}
			if o.Draft {
				rep := w.Check
				meta.Check = &stats.ExportCheck{Errors: rep.Errors, Warnings: rep.Warnings, Gaps: len(r.Composed.Gaps), Summary: summary, Blockers: readiness.Texts(r.Summary.Blockers)}
			}
			data, err := r.Kind.Export(w.Input(), meta)
			if err != nil {
				return nil, err
			}
			name := fmt.Sprintf("%d年%s.json", cfg.Year, r.Kind.ExportName)
			if o.Draft {
				name = fmt.Sprintf("%d年%s（草稿）.json", cfg.Year, r.Kind.ExportName)
			}
			out.Files = append(out.Files, outfile.File{Name: name, Data: data})
			out.Whats = append(out.Whats, r.Kind.ExportName+"（JSON）")
		}
		if (all || o.Formats["csv"]) && r.Kind.OpenData != nil {
			draft := ""
			if o.Draft {
				draft = "（草稿）"
			}
			for _, t := range r.Kind.OpenData(w.Input()) {
				out.Files = append(out.Files, outfile.File{Name: fmt.Sprintf("%d年%s-%s%s.csv", cfg.Year, r.Kind.ExportName, t.Name, draft), Data: t.Data})
				out.Whats = append(out.Whats, "开放数据（CSV）")
			}
		}
	}
	return out, nil
}
