package diag

import (
	"encoding/json"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		name string
		pos  Pos
		want string
	}{
		{"zero", Pos{}, ""},
		{"file only", Pos{File: "统计表.xlsx"}, "统计表.xlsx"},
		{"file and line", Pos{File: "nianbao.toml", Line: 3}, "nianbao.toml 第 3 行"},
		{"line only", Pos{Line: 7}, "第 7 行"},
		{"file and sheet", Pos{File: "统计表.xlsx", Sheet: "申请情况"}, "统计表.xlsx › 申请情况"},
		{"file, sheet and cell", Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}, "统计表.xlsx › 申请情况!J6"},
		{"range", Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6", End: "I6"}, "统计表.xlsx › 申请情况!D6:I6"},
		{"sheet and cell", Pos{Sheet: "申请情况", Cell: "J6"}, "申请情况!J6"},
		{"cell without sheet", Pos{File: "统计表.xlsx", Cell: "J6"}, "统计表.xlsx"},
		{"line and what", Pos{File: "nianbao.toml", Line: 42, What: "[narrative] requests"}, "nianbao.toml 第 42 行 [narrative] requests"},
		{"cell and what", Pos{File: "任务台账.xlsx", Sheet: "任务台账", Cell: "F7", What: "第 3 项任务的完成情况"}, "任务台账.xlsx › 任务台账!F7 第 3 项任务的完成情况"},
		{"what only", Pos{What: "（未注明出处的文字）"}, "（未注明出处的文字）"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%s: %+v.String() = %q, want %q", tt.name, tt.pos, got, tt.want)
		}
	}
}

func TestSpan(t *testing.T) {
	d6 := Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6"}
	i6 := Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "I6"}
	other := Pos{File: "统计表.xlsx", Sheet: "复议诉讼", Cell: "B7"}
	tests := []struct {
		name string
		a, b Pos
		want string
	}{
		{"one sheet", d6, i6, "统计表.xlsx › 申请情况!D6:I6"},
		{"same cell", d6, d6, "统计表.xlsx › 申请情况!D6:D6"},
		{"no end", d6, Pos{}, "统计表.xlsx › 申请情况!D6"},
		{"no start", Pos{}, i6, "统计表.xlsx › 申请情况!I6"},
		{"both zero", Pos{}, Pos{}, ""},
		{"two sheets", d6, other, "统计表.xlsx › 申请情况!D6"},
		{"to a range", d6, Span(i6, Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "K6"}), "统计表.xlsx › 申请情况!D6:K6"},
	}
	for _, tt := range tests {
		if got := Span(tt.a, tt.b).String(); got != tt.want {
			t.Errorf("%s: Span = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestContains(t *testing.T) {
	rng := Pos{File: "a.xlsx", Sheet: "S", Cell: "D6", End: "I8"}
	tests := []struct {
		p, q Pos
		want bool
	}{
		{rng, Pos{File: "a.xlsx", Sheet: "S", Cell: "D6"}, true},
		{rng, Pos{File: "a.xlsx", Sheet: "S", Cell: "I8"}, true},
		{rng, Pos{File: "a.xlsx", Sheet: "S", Cell: "F7"}, true},
		{rng, Pos{File: "a.xlsx", Sheet: "S", Cell: "J7"}, false},
		{rng, Pos{File: "a.xlsx", Sheet: "S", Cell: "F9"}, false},
		{rng, Pos{File: "a.xlsx", Sheet: "T", Cell: "F7"}, false},
		{rng, Pos{File: "b.xlsx", Sheet: "S", Cell: "F7"}, false},
		{rng, Pos{File: "a.xlsx", Sheet: "S"}, false},
		{Pos{File: "a.xlsx", Sheet: "S", Cell: "AA10"}, Pos{File: "a.xlsx", Sheet: "S", Cell: "AA10"}, true},
		{Pos{File: "a.xlsx", Sheet: "S", Cell: "I8", End: "D6"}, Pos{File: "a.xlsx", Sheet: "S", Cell: "E7"}, true},
		{Pos{File: "a.xlsx", Line: 3}, Pos{File: "a.xlsx", Line: 3}, false},
	}
	for _, tt := range tests {
		if got := tt.p.Contains(tt.q); got != tt.want {
			t.Errorf("%v.Contains(%v) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
	}
}

func TestJoin(t *testing.T) {
	ps := []Pos{{File: "a.xlsx", Sheet: "S", Cell: "D6", End: "I6"}, {File: "nianbao.toml", Line: 2}}
	if got, want := Join(ps, "；"), "a.xlsx › S!D6:I6；nianbao.toml 第 2 行"; got != want {
		t.Errorf("Join = %q, want %q", got, want)
	}
	if got := Join(nil, "；"); got != "" {
		t.Errorf("Join(nil) = %q", got)
	}
}

// A position's JSON has its parts; the new ones only when set, so that
// positions of one cell or line keep their old form.
func TestPosJSON(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "nianbao.toml", Line: 3}, `{"file":"nianbao.toml","line":3}`},
		{Pos{File: "a.xlsx", Sheet: "S", Cell: "J6"}, `{"file":"a.xlsx","sheet":"S","cell":"J6"}`},
		{Pos{File: "a.xlsx", Sheet: "S", Cell: "D6", End: "I6"}, `{"file":"a.xlsx","sheet":"S","cell":"D6","end":"I6"}`},
		{Pos{File: "a.toml", Line: 1, What: "<x> & y"}, `{"file":"a.toml","line":1,"what":"\u003cx\u003e \u0026 y"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.pos)
		if err != nil || string(b) != tt.want {
			t.Errorf("json(%v) = %s, %v; want %s", tt.pos, b, err, tt.want)
		}
	}
	b, err := MarshalJSON("<x> & y")
	if err != nil || string(b) != `"<x> & y"` {
		t.Errorf("MarshalJSON = %s, %v", b, err)
	}
}
