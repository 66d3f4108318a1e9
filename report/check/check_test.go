package check_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

func rules(res check.Result) []string {
	out := []string{}
	for _, f := range res.Findings {
		out = append(out, f.Rule)
	}
	return out
}

// clean is a small consistent body: every hard rule holds.
func clean() *stats.Stats {
	s := &stats.Stats{}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 5, Repealed: 2, InForce: 30}
	s.Active.Licensing = 12
	s.Active.Fees = stats.DecimalFromInt(3)
	s.Requests[stats.RowNew] = [7]int64{8, 2, 0, 0, 0, 0, 10}
	s.Requests[stats.RowCarriedIn] = [7]int64{1, 0, 0, 0, 0, 0, 1}
	s.Requests[2] = [7]int64{5, 1, 0, 0, 0, 0, 6}  // 予以公开
	s.Requests[12] = [7]int64{2, 1, 0, 0, 0, 0, 3} // 本机关不掌握
	s.Requests[stats.RowTotal] = [7]int64{7, 2, 0, 0, 0, 0, 9}
	s.Requests[stats.RowCarriedOut] = [7]int64{2, 0, 0, 0, 0, 0, 2}
	s.Appeals = stats.Appeals{1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1}
	return s
}

func prevOf(s *stats.Stats) *stats.Stats {
	p := &stats.Stats{}
	p.Requests[stats.RowCarriedOut] = s.Requests[stats.RowCarriedIn]
	p.Active.NormativeDocs.InForce = s.Active.NormativeDocs.InForce - s.Active.NormativeDocs.Issued + s.Active.NormativeDocs.Repealed
	p.Active.Fees = stats.DecimalFromInt(2)
	return p
}

func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s, prev *stats.Stats, in *check.Input)
		want   []string
	}{
		{"clean", func(s, p *stats.Stats, in *check.Input) {}, []string{}},
		{"R1 row total wrong", func(s, p *stats.Stats, in *check.Input) { s.Requests[stats.RowNew][6] = 11 }, []string{"R1", "R3"}},
		{"R1 detail wrong", func(s, p *stats.Stats, in *check.Input) { s.Requests[4][1] = 1 }, []string{"R1", "R2"}},
		{"R2 column total wrong", func(s, p *stats.Stats, in *check.Input) {
			s.Requests[stats.RowTotal][2], s.Requests[stats.RowTotal][6] = 1, 10
		}, []string{"R2", "R2", "R3", "R3", "R7"}},
		{"R3 balance wrong", func(s, p *stats.Stats, in *check.Input) {
			s.Requests[stats.RowCarriedOut][0], s.Requests[stats.RowCarriedOut][6] = 3, 3
		}, []string{"R3", "R3"}},
		{"R5 review total", func(s, p *stats.Stats, in *check.Input) { s.Appeals[4] = 3 }, []string{"R5"}},
		{"R5 suit total", func(s, p *stats.Stats, in *check.Input) { s.Appeals[9] = 1 }, []string{"R5"}},
		{"R6 negative count", func(s, p *stats.Stats, in *check.Input) { s.Active.Coercion = -1 }, []string{"R6"}},
		{"R6 negative amount", func(s, p *stats.Stats, in *check.Input) { s.Active.Fees = -1 }, []string{"R6"}},
		{"R7 carried out exceeds", func(s, p *stats.Stats, in *check.Input) {
			// 一+二 = 0 in 科研机构; 结转 1 with 予以公开 and 总计 −1 keeps R1–R3
			// true: only R6 (the two negatives) and R7 remain.
			s.Requests[stats.RowCarriedOut][2], s.Requests[stats.RowTotal][2], s.Requests[2][2] = 1, -1, -1
			s.Requests[stats.RowCarriedOut][6], s.Requests[stats.RowTotal][6], s.Requests[2][6] = 3, 8, 5
		}, []string{"R6", "R6", "R7"}},
		{"R8 holds", func(s, p *stats.Stats, in *check.Input) { in.Prev = p }, []string{}},
		{"R8 differs", func(s, p *stats.Stats, in *check.Input) {
			p.Requests[stats.RowCarriedOut][0], p.Requests[stats.RowCarriedOut][6] = 2, 2
			in.Prev = p
		}, []string{"R8", "R8"}},
		{"R9 continuity", func(s, p *stats.Stats, in *check.Input) { p.Active.NormativeDocs.InForce = 20; in.Prev = p }, []string{"R9"}},
		{"R9 repealed too many", func(s, p *stats.Stats, in *check.Input) {
			p.Active.NormativeDocs.InForce = 0
			s.Active.NormativeDocs.Repealed = 9
			in.Prev = p
		}, []string{"R9"}},
		{"R10 regulations without power", func(s, p *stats.Stats, in *check.Input) { s.Active.Regulations.InForce = 3 }, []string{"R10"}},
		{"R10 regulations with power", func(s, p *stats.Stats, in *check.Input) {
			s.Active.Regulations.InForce, in.Rulemaking = 3, true
		}, []string{}},
		{"R11 absurd amount", func(s, p *stats.Stats, in *check.Input) { s.Active.Fees = stats.DecimalFromInt(3_000_000) }, []string{"R11"}},
		{"R11 configured limit", func(s, p *stats.Stats, in *check.Input) { in.FeeLimit = stats.DecimalFromInt(2) }, []string{"R11"}},
		{"R11 jump from last year", func(s, p *stats.Stats, in *check.Input) {
			s.Active.Fees = stats.DecimalFromInt(30000)
			in.Prev = p
		}, []string{"R11"}},
		// r22 by its key, not by the constant under test.
		{"R13 no-fee applications without notices", func(s, p *stats.Stats, in *check.Input) {
			r22 := rowOf(t, "r22")
			s.Requests[r22][0], s.Requests[r22][6] = 2, 2
			s.Requests[2][0], s.Requests[2][6] = 3, 4
		}, []string{"R13"}},
		{"R13 ignores r20 (确认或重新出具)", func(s, p *stats.Stats, in *check.Input) {
			r20 := rowOf(t, "r20")
			s.Requests[r20][0], s.Requests[r20][6] = 1, 1
			s.Requests[2][0], s.Requests[2][6] = 4, 5
		}, []string{}},
		{"R13 holds with notices", func(s, p *stats.Stats, in *check.Input) {
			s.Requests[stats.RowNoFee][0], s.Requests[stats.RowNoFee][6] = 1, 1
			s.Requests[2][0], s.Requests[2][6] = 4, 5
			s.InfoFees.Notices = 1
		}, []string{}},
		{"R13 collected without notices", func(s, p *stats.Stats, in *check.Input) {
			s.InfoFees.Collected = stats.DecimalFromInt(100)
		}, []string{"R13"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := clean()
			p := prevOf(s)
			in := check.Input{Stats: s}
			tt.mutate(s, p, &in)
			res := check.Run(in)
			assert.Equal(t, tt.want, rules(res), "%+v", res.Findings)
			for _, f := range res.Findings {
				assert.NotEmpty(t, f.Message)
			}
		})
	}
}

func TestFindingNamesCells(t *testing.T) {
	s := clean()
	s.Requests[stats.RowNew][6] = 11
	res, err := workbook.Read("统计表.xlsx", workbookOf(t, s, nil))
	require.NoError(t, err)
	out := check.Run(check.Input{Stats: &res.Stats, Locate: res.Locate})
	require.Equal(t, []string{"R1", "R3"}, rules(out))
	f := out.Findings[0]
	assert.Equal(t, diag.Error, f.Severity)
	assert.Equal(t, []diag.Pos{
		{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"},
		{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6", End: "I6"},
	}, f.Cells)
	assert.Equal(t, "10", f.Expected)
	assert.Equal(t, "11", f.Found)
	assert.Contains(t, f.Message, "一、本年新收政府信息公开申请数量")
	assert.Equal(t, 2, out.Errors)
	assert.Equal(t, []check.Skip{{"R8", "未配置上年度统计表，未核对上年结转"}, {"R9", "未配置上年度统计表，未核对现行有效件数的连续性"}}, out.Skipped)
}

// The published figures of four real reports, written into workbooks as
// the office would have filled them: the checker reports exactly what they
// violate — nothing, as far as the statistics go.
func TestRealReports(t *testing.T) {
	// 沭阳县发展和改革局 2023 left the five 法人或其他组织 columns blank.
	var shuyangBlank []string
	for row := 6; row <= 30; row++ {
		for _, col := range "EFGHI" {
			shuyangBlank = append(shuyangBlank, fmt.Sprintf("%c%d", col, row))
		}
	}
	tests := []struct {
		file, prev  string
		blank       []string
		rulemaking  bool
		notices     int64
		collected   int64
		wantWarning string // a reader warning expected, "" for none
	}{
		{file: "2021-pingtan.toml"},
		{file: "2022-pingtan.toml", prev: "2021-pingtan.toml"},
		{file: "2023-shuyang-fgj.toml", blank: shuyangBlank, wantWarning: "125 个空白单元格：E6:I30"},
		// 淮安市 is a 设区的市 (rule-making power). It reports 3940 元 of
		// 信息处理费; the number of 收费通知 is not published: 6 is the least
		// consistent with its 6 applications closed for non-payment.
		{file: "2024-huaianshi.toml", rulemaking: true, notices: 6, collected: 3940},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, s := loadFixture(t, tt.file)
			s.InfoFees.Notices = tt.notices
			s.InfoFees.Collected = stats.DecimalFromInt(tt.collected)
			res, err := workbook.Read("统计表.xlsx", workbookOf(t, s, tt.blank))
			require.NoError(t, err)
			assert.Equal(t, *s, res.Stats)
			assert.Empty(t, res.Warnings)
			if tt.wantWarning == "" {
				assert.Empty(t, res.BlankNotes)
			} else {
				require.Len(t, res.BlankNotes, 1)
				assert.Contains(t, res.BlankNotes[0].Text, tt.wantWarning)
			}
			// The published table printed blanks, which it meant as 0.
			in := check.Input{Stats: &res.Stats, Locate: res.Locate, Rulemaking: tt.rulemaking,
				BlankNotes: res.BlankNotes, BlankAsZero: true, BlankTables: res.BlankTables, TextNumbers: res.TextNumbers}
			if tt.prev != "" {
				_, p := loadFixture(t, tt.prev)
				prev, err := workbook.Read("上年统计表.xlsx", workbookOf(t, p, nil))
				require.NoError(t, err)
				in.Prev, in.PrevLocate = &prev.Stats, prev.Locate
			}
			out := check.Run(in)
			for _, f := range out.Findings {
				assert.Equal(t, "R16", f.Rule, "only the blank cells, confirmed as 0: %+v", f)
				assert.Equal(t, diag.Warning, f.Severity)
			}
			if tt.wantWarning == "" {
				assert.Empty(t, out.Findings)
			}
			if tt.prev != "" {
				assert.Empty(t, out.Skipped, "R8 and R9 run with last year's workbook")
			}
		})
	}
}

// Deliberate damage to a real report is caught, and only that.
func TestRealReportDamaged(t *testing.T) {
	_, s := loadFixture(t, "2024-huaianshi.toml")
	s.Requests[12][0]++ // 本机关不掌握, 自然人: +1 breaks R1 in its row and R2 in its column
	s.InfoFees.Notices = 6
	out := check.Run(check.Input{Stats: s, Rulemaking: true})
	assert.Equal(t, []string{"R1", "R2"}, rules(out))
}

// rowOf finds a 表三 row by its stable key, independently of the Row* constants.
func rowOf(t *testing.T, key string) int {
	for i, r := range stats.RequestRows {
		if r.Key == key {
			return i
		}
	}
	t.Fatalf("no row %s", key)
	return -1
}

// A finding's JSON keeps cells and cause as the strings the text output
// prints, and carries the same places in parts alongside.
func TestFindingJSON(t *testing.T) {
	j6 := diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}
	row := diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6", End: "I6"}
	f := check.Finding{Rule: "R1", Severity: diag.Error, Cells: []diag.Pos{j6, row}, Expected: "10", Found: "11", Message: "a <b> & c", Cause: j6}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"rule": "R1", "severity": "error",
		"cells": ["统计表.xlsx › 申请情况!J6", "统计表.xlsx › 申请情况!D6:I6"],
		"expected": "10", "found": "11", "message": "a <b> & c",
		"cause": "统计表.xlsx › 申请情况!J6",
		"positions": [
			{"file": "统计表.xlsx", "sheet": "申请情况", "cell": "J6"},
			{"file": "统计表.xlsx", "sheet": "申请情况", "cell": "D6", "end": "I6"}],
		"cause_pos": {"file": "统计表.xlsx", "sheet": "申请情况", "cell": "J6"}}`, string(b))

	// Without places: cells null as before, no cause.
	b, err = json.Marshal(check.Finding{Rule: "R12", Severity: diag.Warning, Message: "m"})
	require.NoError(t, err)
	assert.Equal(t, `{"rule":"R12","severity":"warning","cells":null,"message":"m"}`, string(b))
}
