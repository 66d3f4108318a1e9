package similar

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/report/input/published"
)

func TestIdenticalAndDifferent(t *testing.T) {
	a := "一是加强组织领导，明确分管领导和经办人员，确保公开信息的收集、审核、发布到位。\n二是规范审核发布机制，落实政府信息发布审核制度。"
	if r := Compare(a, a); r.Ratio != 1 || len(r.Passages) == 0 {
		t.Errorf("identical: %+v", r)
	}
	b := "今年重点推进重大建设项目批准和实施领域信息公开，逐步公开项目前期论证和施工管理信息。"
	if r := Compare(b, a); r.Ratio != 0 || len(r.Passages) != 0 {
		t.Errorf("different: %+v", r)
	}
}

func TestChangedFiguresAreNotCopying(t *testing.T) {
	prev := "本年度新收政府信息公开申请2件，比上年增长100.0%，其中自然人2件；办结2件，其中予以公开1件。"
	cur := "本年度新收政府信息公开申请4件，比上年增长100.0%，其中自然人3件；办结5件，其中予以公开3件。"
	if r := Compare(cur, prev); r.Counted != 0 || r.Ratio != 0 {
		t.Errorf("changed figures counted: %+v", r)
	}
	// The same sentence with the same figures is a copy.
	if r := Compare(prev, prev); r.Ratio != 1 {
		t.Errorf("same figures: %+v", r)
	}
}

func TestPassagePlaces(t *testing.T) {
	prev := "第一段完全不同的文字内容在这里写着一些东西。\n政策解读形式不够丰富，未能充分运用数字化、图表图解等方式通俗易懂地解读政策文件。"
	cur := "政策解读形式不够丰富，未能充分运用数字化、图表图解等方式通俗易懂地解读政策文件。"
	r := Compare(cur, prev)
	if len(r.Passages) != 1 || r.Passages[0].CurPara != 1 || r.Passages[0].PrevPar != 2 {
		t.Fatalf("%+v", r)
	}
	if !strings.HasPrefix(r.Passages[0].Text, "政策解读形式不够丰富") {
		t.Errorf("%q", r.Passages[0].Text)
	}
}

// 平潭 2022 against 2021: a plausible similarity per section.
func TestPingtan(t *testing.T) {
	var res [2]*published.Result
	for i, y := range []string{"2021", "2022"} {
		r, err := published.ReadFile("../../input/published/testdata/" + y + "-pingtan.html")
		if err != nil {
			t.Fatal(err)
		}
		res[i] = r
	}
	for _, s := range []int{0, 4, 5} {
		r := Compare(res[1].Sections[s], res[0].Sections[s])
		t.Logf("section %d: %.0f%% of %d chars; passages %+v", s+1, r.Ratio*100, r.Counted, r.Passages)
		if r.Ratio < 0 || r.Ratio > 1 {
			t.Errorf("ratio %v", r.Ratio)
		}
	}
	// 六 is "2021年，无收取信息处理费情况。" / "2022年，…": short, not counted.
	if r := Compare(res[1].Sections[5], res[0].Sections[5]); r.Counted != 0 {
		t.Errorf("六 counted: %+v", r)
	}
}

func BenchmarkCompare(b *testing.B) {
	text := strings.Repeat("一是加强组织领导，明确分管领导和经办人员，确保公开信息的收集、审核、发布到位。\n", 200)
	for b.Loop() {
		Compare(text, text)
	}
}
