// Package published reads a 政府信息公开工作年度报告 as it was published
// (a web page saved from the government site, the DOCX sent out, or text
// copied from the page) back into statistics and text by section, so that
// an office in its first year with nianbao can use last year's report as
// the baseline (docs/rules.md#r8, #r9, #r18).
//
// Every reader turns its format into the same list of lines (paragraphs
// and table rows of cells); rows are then found by their official labels
// (report/stats), never by their position, because published tables merge,
// split and reorder cells freely.
package published

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/infile"
	"github.com/nianbao/nianbao/report/stats"
)

// MaxFile is the largest file Read accepts: a saved page is 0.2–1 MB, a
// DOCX with pictures a few MB.
const MaxFile = 20 << 20

// Source says where one figure was read.
type Source struct {
	Table  string   `json:"table"`  // 表二, 表三, 表四
	Row    string   `json:"row"`    // the row's label as printed ("" for 表四's one data row)
	Column string   `json:"column"` // the official column label
	Pos    diag.Pos `json:"pos"`
}

// Result is what Read found in a published report.
type Result struct {
	Title string `json:"title"`
	Org   string `json:"org"`
	Year  int    `json:"year"`
	Stats stats.Stats
	// Sources has an entry for every figure read, by stats field key
	// ("r03.A", "c5", "licensing").
	Sources map[string]Source `json:"sources"`
	// Missing are the figures the report does not show, left 0.
	Missing []string `json:"missing"`
	// Unmapped are rows with figures that match no official row.
	Unmapped []diag.Message `json:"unmapped"`
	// Warnings: label variants, blank cells read as 0, wrapped digits.
	Warnings []diag.Message `json:"warnings"`
	// Breaks are the R1–R5 relations the figures break as printed; the
	// figures are kept as printed.
	Breaks []diag.Message `json:"breaks"`
	// Preamble is the text before 一、总体情况; Sections the text of the
	// six parts (headings excluded, paragraphs separated by "\n").
	Preamble string    `json:"preamble"`
	Sections [6]string `json:"sections"`
	// Headings are the six headings as printed ("" when not found).
	Headings [6]string `json:"headings"`
}

// ReadFile reads the published report at path.
func ReadFile(path string) (*Result, error) {
	data, err := infile.Read(path, MaxFile, "年度报告文件", "1 MB")
	if err != nil {
		return nil, err
	}
	return Read(filepath.Base(path), data)
}

// Read reads a published report from data; name is the file's name, used
// in messages and to tell Markdown from text.
func Read(name string, data []byte) (*Result, error) {
	at := diag.Pos{File: name}
	if len(data) > MaxFile {
		return nil, infile.TooLarge(name, int64(len(data)), MaxFile, "年度报告文件", "1 MB")
	}
	ext := strings.ToLower(filepath.Ext(name))
	var (
		ls  []line
		err error
		p   = &parsed{file: name}
	)
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		ls, err = docxLines(name, data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, diag.Errorf(at, "这是旧版 Word（.doc）或 WPS 文件，nianbao 只读 .docx、网页和纯文本。请在 Word 或 WPS 中“另存为” .docx 后再导入")
	case bytes.HasPrefix(data, []byte("%PDF")):
		// README (导入上年已公布的报告) says why: no pure-Go reader
		// decodes Chinese PDF fonts reliably, and even a perfect text
		// layer loses the tables' rows and columns.
		return nil, diag.Errorf(at, "nianbao 不导入 PDF：PDF 只记下每个字画在页面的什么位置，表格的行、列和跨行的标签都得靠猜，"+
			"中文字体也常常读不准，读错一个数字比不导入更糟。请在政府网站上打开这份报告的网页，“另存为”网页（.html）后导入，"+
			"或导入本机关留存的 Word 原稿（.docx）；两者都没有时，用 nianbao init --year 上一年 生成上年的统计表，照 PDF 填写")
	case ext == ".md" || ext == ".markdown":
		ls, p.title, err = markdownLines(name, data)
	case ext == ".htm" || ext == ".html" || ext == ".xhtml" || looksHTML(data):
		ls, p.title, err = htmlLines(name, data)
	default:
		ls, err = textLines(name, data)
	}
	if err != nil {
		return nil, err
	}
	return p.run(ls)
}

func looksHTML(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 4096)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) ||
		bytes.Contains(head, []byte("<table")) || bytes.Contains(head, []byte("<body"))
}

// line is a paragraph (one cell, table 0) or a table row.
type line struct {
	cells []cell
	table int  // 1-based table number; 0 for a paragraph or a line of text
	row   int  // row in its table (1-based), or the line number of text
	text  bool // a line of text, not a paragraph or a row of a document
	// tabular: a line of text that is part of a table (cells between |
	// or tabs, or figures), not prose.
	tabular bool
}

type cell struct {
	text   string
	merged bool // a continuation of a cell merged from above
}

func (l line) joined() string {
	var b strings.Builder
	for _, c := range l.cells {
		b.WriteString(c.text)
	}
	return b.String()
}

func (l line) pos(file string) diag.Pos {
	if l.table == 0 {
		return diag.Pos{File: file, Line: l.row}
	}
	return diag.Pos{File: file, What: "第 " + itoa(l.table) + " 张表格第 " + itoa(l.row) + " 行"}
}
