package stats

import (
	"sync"

	"github.com/nianbao/nianbao/report/diag"
)

// FieldRef is one figure of a Stats value: its key, labels and where it lives.
// Exactly one of Int and Dec is set.
type FieldRef struct {
	Key   string // stable key: "regulations.issued", "r03.A", "c5", "info_fees.notices"
	Table string // 表二, 表三, 表四, 信息处理费
	Label string // for messages
	Int   *int64
	Dec   *Decimal
}

// Fields lists every figure of s in a fixed order (表二, 表三 by row, 表四,
// 信息处理费), with pointers into s. The names are made once: a roll-up of
// a thousand units lists the fields of each several times.
func (s *Stats) Fields() []FieldRef {
	out := s.fields(false)
	for i, n := range fieldNames() {
		out[i].Key, out[i].Table, out[i].Label = n.Key, n.Table, n.Label
	}
	return out
}

var fieldNames = sync.OnceValue(func() []FieldRef { return new(Stats).fields(true) })

// fields lists the figures of s; the names of 表三 and 表四, which are
// made by joining labels, only when named.
func (s *Stats) fields(named bool) []FieldRef {
	out := make([]FieldRef, 0, 10+NumRequestRows*NumRequestCols+len(s.Appeals)+3)
	a := &s.Active
	out = append(out,
		FieldRef{Key: "regulations.issued", Table: "表二", Label: LabelRegs + "·" + LabelIssued, Int: &a.Regulations.Issued},
		FieldRef{Key: "regulations.repealed", Table: "表二", Label: LabelRegs + "·" + LabelRepealed, Int: &a.Regulations.Repealed},
		FieldRef{Key: "regulations.in_force", Table: "表二", Label: LabelRegs + "·" + LabelInForce, Int: &a.Regulations.InForce},
		FieldRef{Key: "normative_docs.issued", Table: "表二", Label: LabelNormDocs + "·" + LabelIssued, Int: &a.NormativeDocs.Issued},
		FieldRef{Key: "normative_docs.repealed", Table: "表二", Label: LabelNormDocs + "·" + LabelRepealed, Int: &a.NormativeDocs.Repealed},
		FieldRef{Key: "normative_docs.in_force", Table: "表二", Label: LabelNormDocs + "·" + LabelInForce, Int: &a.NormativeDocs.InForce},
		FieldRef{Key: "licensing", Table: "表二", Label: LabelLicensing + "·" + LabelDecisions, Int: &a.Licensing},
		FieldRef{Key: "punishment", Table: "表二", Label: LabelPunishment + "·" + LabelDecisions, Int: &a.Punishment},
		FieldRef{Key: "coercion", Table: "表二", Label: LabelCoercion + "·" + LabelDecisions, Int: &a.Coercion},
		FieldRef{Key: "fees", Table: "表二", Label: LabelFees + "·" + LabelFeeAmount, Dec: &a.Fees},
	)
	for r := range s.Requests {
		for c := range s.Requests[r] {
			f := FieldRef{Int: &s.Requests[r][c]}
			if named {
				f.Key, f.Table, f.Label = RequestKey(r, c), "表三", RequestLabel(r, c)
			}
			out = append(out, f)
		}
	}
	for i := range s.Appeals {
		f := FieldRef{Int: &s.Appeals[i]}
		if named {
			f.Key, f.Table, f.Label = AppealKey(i), "表四", AppealLabel(i)
		}
		out = append(out, f)
	}
	f := &s.InfoFees
	out = append(out,
		FieldRef{Key: "info_fees.notices", Table: "信息处理费", Label: LabelFeeNotices, Int: &f.Notices},
		FieldRef{Key: "info_fees.notice_total", Table: "信息处理费", Label: LabelFeeNoticeTotal, Dec: &f.NoticeTotal},
		FieldRef{Key: "info_fees.collected", Table: "信息处理费", Label: LabelFeeCollected, Dec: &f.Collected},
	)
	return out
}

// Locator names the place of a figure for messages, by stable key, e.g.
// 统计表.xlsx › 申请情况!D12. It returns the zero Pos for an unknown key.
type Locator func(key string) diag.Pos
