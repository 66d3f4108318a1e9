// Package diag holds positioned messages: every problem nianbao reports
// names the file and the sheet and cell (or line) it is about, so that a
// clerk can go straight to it.
package diag

import (
	"bytes"
	"encoding/json"
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

// Pos locates a message: a file and either a sheet cell (or range of
// cells) or a line. What names the place in words where the file alone
// does not, e.g. "第 3 项任务的完成情况".
type Pos struct {
	File  string `json:"file,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"` // A1 reference; the first cell of a range
	End   string `json:"end,omitempty"`  // the last cell of a range, "" for one cell
	Line  int    `json:"line,omitempty"`
	What  string `json:"what,omitempty"`
}

// String renders "统计表.xlsx › 申请情况!D12", "统计表.xlsx › 申请情况!D6:I6",
// "nianbao.toml 第 3 行", "nianbao.toml 第 3 行 [narrative] requests" or
// the parts present.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		if b.Len() > 0 {
			b.WriteString(" › ")
		}
		b.WriteString(p.Sheet)
		if ref := p.Ref(); ref != "" {
			b.WriteString("!" + ref)
		}
	}
	if p.Line > 0 {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "第 %d 行", p.Line)
	}
	if p.What != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(p.What)
	}
	return b.String()
}

// Ref is the A1 reference of the cell or range: "D6" or "D6:I6".
func (p Pos) Ref() string {
	if p.End == "" || p.Cell == "" {
		return p.Cell
	}
	return p.Cell + ":" + p.End
}

// IsZero tells whether p names no place at all.
func (p Pos) IsZero() bool { return p == Pos{} }

// Span is the range from a to b when both are cells of one sheet, e.g.
// 申请情况!D6 and 申请情况!I6 → 申请情况!D6:I6; a zero end gives the other.
// Cells of different sheets make no range: then a is named.
func Span(a, b Pos) Pos {
	switch {
	case a.IsZero():
		return b
	case b.IsZero():
		return a
	case a.File == b.File && a.Sheet == b.Sheet && a.Cell != "" && b.Cell != "" && a.Line == 0 && b.Line == 0:
		a.End = b.Cell
		if b.End != "" {
			a.End = b.End
		}
		return a
	}
	return a
}

// Contains tells whether the cell or range at p includes the cell at q.
func (p Pos) Contains(q Pos) bool {
	if p.File != q.File || p.Sheet != q.Sheet {
		return false
	}
	qc, qr, ok := cellXY(q.Cell)
	if !ok || q.End != "" {
		return false
	}
	end := p.End
	if end == "" {
		end = p.Cell
	}
	c1, r1, ok1 := cellXY(p.Cell)
	c2, r2, ok2 := cellXY(end)
	return ok1 && ok2 && qc >= min(c1, c2) && qc <= max(c1, c2) && qr >= min(r1, r2) && qr <= max(r1, r2)
}

// cellXY reads an A1 reference as column and row numbers.
func cellXY(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	return col, row, true
}

// Join renders positions with sep between them.
func Join(ps []Pos, sep string) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, sep)
}

// MarshalJSON encodes v as nianbao's JSON outputs do, without escaping
// <, > and &, for MarshalJSON methods whose output an encoder that does not
// escape them takes as it is.
func MarshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
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
