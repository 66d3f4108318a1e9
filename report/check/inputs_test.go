package check_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

func stamp(org string, year int, file string) stats.Stamp {
	return stats.Stamp{Org: org, Year: year, Where: diag.Pos{File: file, Sheet: "主动公开", Cell: "A2"}}
}

func TestIdentity(t *testing.T) {
	const org = "某某市某某局"
	tests := []struct {
		name       string
		cur, prev  stats.Stamp
		withPrev   bool
		org        string
		year       int
		want       []string // rule/severity
		wantSubstr string
	}{
		{name: "this body and year", cur: stamp(org, 2025, "统计表.xlsx"), org: org, year: 2025, want: []string{}},
		{name: "spaces and bracket widths do not count", cur: stamp("某某市 某某局(办公室)", 2025, "统计表.xlsx"), org: "某某市某某局（办公室）", year: 2025, want: []string{}},
		{name: "another year", cur: stamp(org, 2024, "统计表.xlsx"), org: org, year: 2025, want: []string{"ID 错误"},
			wantSubstr: "统计表的报告年度是 2024 年，本报告是 2025 年度"},
		{name: "another body", cur: stamp("别的局", 2025, "统计表.xlsx"), org: org, year: 2025, want: []string{"ID 错误"},
			wantSubstr: "统计表的填报单位是“别的局”"},
		{name: "unstamped", cur: stats.Stamp{}, org: org, year: 2025, want: []string{"ID 提醒"}, wantSubstr: "没有标明填报单位和报告年度"},
		{name: "last year's is last year's", cur: stamp(org, 2025, "统计表.xlsx"), prev: stamp(org, 2024, "上年/统计表.xlsx"), withPrev: true,
			org: org, year: 2025, want: []string{}},
		{name: "last year's is this year's", cur: stamp(org, 2025, "统计表.xlsx"), prev: stamp(org, 2025, "上年/统计表.xlsx"), withPrev: true,
			org: org, year: 2025, want: []string{"ID 错误"}, wantSubstr: "上年度统计表 上年/统计表.xlsx 的报告年度是 2025 年，应为 2024 年（本年度统计表 统计表.xlsx 是 2025 年度）"},
		{name: "last year's of another body", cur: stamp(org, 2025, "统计表.xlsx"), prev: stamp("别的局", 2024, "上年/统计表.xlsx"), withPrev: true,
			org: org, year: 2025, want: []string{"ID 错误"}, wantSubstr: "填报单位是“别的局”，与本机关“某某市某某局”不同"},
		{name: "no config: last year compared with this year's stamp", cur: stamp(org, 2025, "统计表.xlsx"), prev: stamp(org, 2023, "上年/统计表.xlsx"), withPrev: true,
			want: []string{"ID 错误"}, wantSubstr: "应为 2024 年"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := clean()
			in := check.Input{Stats: s, File: "统计表.xlsx", Org: tt.org, Year: tt.year, Stamp: tt.cur}
			if tt.withPrev {
				in.Prev, in.PrevStamp, in.PrevFile = prevOf(s), tt.prev, "上年/统计表.xlsx"
			}
			res := check.Run(in)
			got := []string{}
			for _, f := range res.Findings {
				got = append(got, f.Rule+" "+f.Severity.String())
				if tt.wantSubstr != "" {
					assert.Contains(t, f.Message, tt.wantSubstr)
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestBlanks(t *testing.T) {
	notes := []diag.Message{{Pos: diag.Pos{File: "统计表.xlsx", Sheet: "申请情况"}, Severity: diag.Warning, Text: "2 个空白单元格：G7、D9。官方格式要求没有的填写 0"}}
	whole := []diag.Pos{{File: "统计表.xlsx", Sheet: "复议诉讼"}}
	wholeNote := diag.Message{Pos: whole[0], Severity: diag.Warning, Text: "12 个空白单元格：A6:D6。官方格式要求没有的填写 0"}
	tests := []struct {
		name   string
		in     check.Input
		want   []string
		substr string
	}{
		{"blank, not confirmed", check.Input{BlankNotes: notes}, []string{"R16 错误"}, "blank_as_zero = true"},
		{"blank, confirmed as 0", check.Input{BlankNotes: notes, BlankAsZero: true}, []string{"R16 提醒"}, "已按 nianbao.toml 中 blank_as_zero = true 视为 0"},
		{"a wholly blank table is an error even when confirmed", check.Input{BlankNotes: append(notes, wholeNote), BlankTables: whole, BlankAsZero: true},
			[]string{"R16 错误", "R16 提醒"}, ""},
		{"no blanks", check.Input{BlankAsZero: true}, []string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Stats = clean()
			res := check.Run(tt.in)
			got := []string{}
			for _, f := range res.Findings {
				got = append(got, f.Rule+" "+f.Severity.String())
			}
			assert.Equal(t, tt.want, got)
			if tt.substr != "" {
				assert.Contains(t, res.Findings[0].Message, tt.substr)
			}
		})
	}
}

// A number stored as text: the sheet's totals skip it while nianbao reads
// it, so the row's and the column's totals disagree; both findings name
// the one cell that explains them, and errors come before warnings.
func TestTextNumberGroupsItsFindings(t *testing.T) {
	s := clean()
	loc := func(key string) diag.Pos {
		for r := range stats.RequestRows {
			for c := range stats.RequestCols {
				if stats.RequestKey(r, c) == key {
					return diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: string(rune('D'+c)) + itoa(6+r)}
				}
			}
		}
		return diag.Pos{}
	}
	// r23 （六）3.其他, 自然人 typed as text "2": totals J28 and D29 skip it.
	s.Requests[stats.RowOtherLast][0] = 2
	s.Active.Regulations.InForce = 1 // an R10 warning, which must come last
	d28 := diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D28"}
	text := diag.Message{Pos: d28, Rule: "R6", Text: "D28 是文本格式的“2”"}
	res := check.Run(check.Input{Stats: s, Locate: loc, TextNumbers: []diag.Message{text}})
	var rules []string
	grouped := 0
	for _, f := range res.Findings {
		rules = append(rules, f.Rule)
		if f.Cause == d28 {
			grouped++
		}
	}
	assert.Equal(t, []string{"R1", "R2", "R6", "R10"}, rules)
	assert.Equal(t, 3, grouped, "R1, R2 and the text cell's own R6: %+v", res.Findings)

	// Without a text cell, one wrong row and one wrong column cross at the cause.
	res = check.Run(check.Input{Stats: s, Locate: loc})
	grouped = 0
	for _, f := range res.Findings {
		if f.Cause == d28 {
			grouped++
		}
	}
	assert.Equal(t, 2, grouped, "%+v", res.Findings)
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestFeeLimit(t *testing.T) {
	tests := []struct {
		name      string
		fees      int64
		decisions int64
		prev      int64
		limit     int64
		warn      bool
		substr    string
	}{
		{"ordinary body, 元 typed as 万元", 300_000, 20, 0, 0, true, "超过合理上限 1000 万元"},
		{"ordinary body, plausible", 300, 20, 0, 0, false, ""},
		{"many decisions allow more", 24_252, 3_617, 0, 0, false, ""},
		{"many decisions, still absurd", 3_000_000, 3_617, 0, 0, true, "每件 10 万元估算的上限"},
		{"last year's fees allow more", 5_000, 0, 2_000, 0, false, ""},
		{"configured limit", 300, 0, 0, 100, true, "fee_limit 设定的上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := clean()
			s.Active.Fees = stats.DecimalFromInt(tt.fees)
			s.Active.Licensing = tt.decisions
			in := check.Input{Stats: s, FeeLimit: stats.DecimalFromInt(tt.limit)}
			if tt.prev > 0 {
				p := prevOf(s)
				p.Active.Fees = stats.DecimalFromInt(tt.prev)
				in.Prev = p
			}
			res := check.Run(in)
			var r11 []check.Finding
			for _, f := range res.Findings {
				if f.Rule == "R11" {
					r11 = append(r11, f)
				}
			}
			if !tt.warn {
				assert.Empty(t, r11)
				return
			}
			require.Len(t, r11, 1)
			assert.Contains(t, r11[0].Message, tt.substr)
		})
	}
}

// Every rule a finding names is in the catalogue, and the catalogue says
// where each rule runs.
func TestCatalogue(t *testing.T) {
	known := map[string]bool{}
	for _, r := range check.Rules {
		assert.NotEmpty(t, r.Where, r.ID)
		assert.False(t, known[r.ID], "once: %s", r.ID)
		known[r.ID] = true
	}
	for _, id := range []string{"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17", "R18", "ID"} {
		assert.True(t, known[id], id)
	}
	// Findings of a thoroughly broken input name catalogued rules only.
	s := clean()
	s.Requests[stats.RowNew][stats.ColTotal] = 99
	s.Appeals[4] = 9
	s.Active.Regulations.InForce = 1
	s.Active.Fees = stats.DecimalFromInt(9_000_000)
	res := check.Run(check.Input{Stats: s, Prev: prevOf(s), File: "统计表.xlsx", BlankNotes: []diag.Message{{Text: "x"}},
		TextNumbers: []diag.Message{{Text: "y"}}})
	require.NotEmpty(t, res.Findings)
	for _, f := range res.Findings {
		assert.True(t, known[f.Rule], f.Rule)
	}
}
