// Package diag holds positioned messages: every problem nianbao reports
// names the file and the sheet and cell (or line) it is about, so that a
// clerk can go straight to it.
package diag

import (
	"fmt"
	"strings"
)

// Severity of a message.
type Severity int

const (
	Warning Severity = iota // 提醒: reported, does not block
	Error                   // 错误: blocks a final report
)

func (s Severity) String() string {
	if s == Error {
		return "错误"
	}
	return "提醒"
}

// MarshalText gives the JSON form "error" / "warning".
func (s Severity) MarshalText() ([]byte, error) {
	if s == Error {
		return []byte("error"), nil
	}
	return []byte("warning"), nil
}

// Pos locates a message: a file and either a sheet cell or a line.
type Pos struct {
	File  string `json:"file,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"` // A1 reference or range
	Line  int    `json:"line,omitempty"`
}

// String renders "统计表.xlsx › 申请情况!D12", "nianbao.toml 第 3 行" or the parts present.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		if b.Len() > 0 {
			b.WriteString(" › ")
		}
		b.WriteString(p.Sheet)
		if p.Cell != "" {
			b.WriteString("!" + p.Cell)
		}
	}
	if p.Line > 0 {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "第 %d 行", p.Line)
	}
	return b.String()
}

// Message is one positioned problem.
type Message struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule,omitempty"` // R1–R18 where a statutory rule applies
	Text     string   `json:"message"`
}

func (m Message) String() string {
	prefix := m.Pos.String()
	if prefix != "" {
		prefix += "："
	}
	if m.Rule != "" {
		return prefix + m.Text + "（" + m.Rule + "）"
	}
	return prefix + m.Text
}

// Errors is a non-empty list of messages that stopped an input from being
// read. All problems of an input are collected, not just the first.
type Errors []Message

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, m := range e {
		lines[i] = m.String()
	}
	return strings.Join(lines, "\n")
}

// Errorf makes a single positioned error.
func Errorf(pos Pos, format string, args ...any) Errors {
	return Errors{{Pos: pos, Severity: Error, Text: fmt.Sprintf(format, args...)}}
}

// MaxPerFile is how many messages a reader reports for one file: past a
// screenful, more of the same (100,000 bad rows) hides rather than helps.
const MaxPerFile = 50

// Capped keeps the first n messages and sums up the rest in one more,
// positioned at the first one's file.
func (e Errors) Capped(n int) Errors {
	return Errors(Cap(e, n))
}

// Cap keeps the first n messages and sums up the rest in one more, of the
// severity of the first one left out, positioned at the first one's file.
func Cap(ms []Message, n int) []Message {
	if len(ms) <= n {
		return ms
	}
	out := append([]Message(nil), ms[:n]...)
	return append(out, Message{
		Pos:      Pos{File: ms[0].Pos.File},
		Severity: ms[n].Severity,
		Text:     fmt.Sprintf("另有 %d 处同类问题，请先改正以上问题", len(ms)-n),
	})
}
