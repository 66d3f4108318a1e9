package stats

import "github.com/nianbao/nianbao/report/diag"

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
// 信息处理费), with pointers into s.
func (s *Stats) Fields() []FieldRef {
	a := &s.Active
	out := []FieldRef{
		{Key: "regulations.issued", Table: "表二", Label: LabelRegs + "·" + LabelIssued, Int: &a.Regulations.Issued},
		{Key: "regulations.repealed", Table: "表二", Label: LabelRegs + "·" + LabelRepealed, Int: &a.Regulations.Repealed},
		{Key: "regulations.in_force", Table: "表二", Label: LabelRegs + "·" + LabelInForce, Int: &a.Regulations.InForce},
		{Key: "normative_docs.issued", Table: "表二", Label: LabelNormDocs + "·" + LabelIssued, Int: &a.NormativeDocs.Issued},
		{Key: "normative_docs.repealed", Table: "表二", Label: LabelNormDocs + "·" + LabelRepealed, Int: &a.NormativeDocs.Repealed},
		{Key: "normative_docs.in_force", Table: "表二", Label: LabelNormDocs + "·" + LabelInForce, Int: &a.NormativeDocs.InForce},
		{Key: "licensing", Table: "表二", Label: LabelLicensing + "·" + LabelDecisions, Int: &a.Licensing},
		{Key: "punishment", Table: "表二", Label: LabelPunishment + "·" + LabelDecisions, Int: &a.Punishment},
		{Key: "coercion", Table: "表二", Label: LabelCoercion + "·" + LabelDecisions, Int: &a.Coercion},
		{Key: "fees", Table: "表二", Label: LabelFees + "·" + LabelFeeAmount, Dec: &a.Fees},
	}
	for r := range s.Requests {
		for c := range s.Requests[r] {
			out = append(out, FieldRef{Key: RequestKey(r, c), Table: "表三", Label: RequestLabel(r, c), Int: &s.Requests[r][c]})
		}
	}
	for i := range s.Appeals {
		out = append(out, FieldRef{Key: AppealKey(i), Table: "表四", Label: AppealLabel(i), Int: &s.Appeals[i]})
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
