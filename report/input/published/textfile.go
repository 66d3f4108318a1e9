package published

import (
	"encoding/json"
	"fmt"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/infile"
	"github.com/nianbao/nianbao/report/stats"
)

// TextFileName is the file nianbao import writes a report's text to, and
// where R18 looks for last year's text next to last year's workbook.
func TextFileName(year int) string { return fmt.Sprintf("%d-报告正文.json", year) }

// TextFile is a report's text by section as import writes it.
type TextFile struct {
	Source   string        `json:"source"`
	Title    string        `json:"title"`
	Org      string        `json:"org"`
	Year     int           `json:"year"`
	Preamble string        `json:"preamble"`
	Sections []TextSection `json:"sections"` // the six sections in order
}

// TextSection is one section of a TextFile.
type TextSection struct {
	Heading string `json:"heading"`        // official
	Printed string `json:"printed"`        // as printed; "" when not found
	Text    string `json:"text"`           // paragraphs separated by "\n"
	Note    string `json:"note,omitempty"` // e.g. the section was not found
}

var officialHeadings = [6]string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}

// Text is r's text as a TextFile; source names the published file.
func (r *Result) Text(source string) TextFile {
	tf := TextFile{Source: source, Title: r.Title, Org: r.Org, Year: r.Year, Preamble: r.Preamble}
	for i, h := range officialHeadings {
		s := TextSection{Heading: h, Printed: r.Headings[i], Text: r.Sections[i]}
		if s.Printed == "" {
			s.Note = "报告中没有找到这一部分的标题"
		}
		tf.Sections = append(tf.Sections, s)
	}
	return tf
}

// ReadTextFile reads a TextFile back as a Result with text only.
func ReadTextFile(path, name string) (*Result, error) {
	data, err := infile.Read(path, infile.MaxTOML, "报告正文文件", "100 KB")
	if err != nil {
		return nil, err
	}
	var tf TextFile
	if err := json.Unmarshal(data, &tf); err != nil || len(tf.Sections) != len(officialHeadings) {
		return nil, diag.Errorf(diag.Pos{File: name}, "不是 nianbao import 写出的报告正文文件（应有六个部分）。请重新运行 nianbao import 生成")
	}
	r := &Result{Title: tf.Title, Org: tf.Org, Year: tf.Year, Preamble: tf.Preamble}
	for i, s := range tf.Sections {
		r.Headings[i], r.Sections[i] = s.Printed, s.Text
	}
	return r, nil
}
