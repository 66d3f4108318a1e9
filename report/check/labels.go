package check

import (
	"strings"

	"github.com/nianbao/nianbao/report/stats"
)

// Labels in messages and rule titles come from package stats, never
// retyped. Short forms are an official label with its tail (or number)
// cut; TestShortLabels pins each to the label it comes from.
var (
	rowNew        = stats.RequestRows[stats.RowNew].Level1        // 一、本年新收政府信息公开申请数量
	rowCarriedIn  = stats.RequestRows[stats.RowCarriedIn].Level1  // 二、上年结转政府信息公开申请数量
	rowCarriedOut = stats.RequestRows[stats.RowCarriedOut].Level1 // 四、结转下年度继续办理
	rowTotal      = stats.RequestRows[stats.RowTotal].Level2      // （七）总计
	colTotal      = stats.RequestCols[stats.ColTotal].Label       // 总计
	colNatural    = stats.RequestCols[stats.ColNatural].Label     // 自然人
	noFeeRow      = stats.RequestRows[stats.RowNoFee].Level3      // 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请

	shortNew        = strings.TrimSuffix(rowNew, "政府信息公开申请数量")       // 一、本年新收
	shortCarriedIn  = strings.TrimSuffix(rowCarriedIn, "政府信息公开申请数量") // 二、上年结转
	shortCarriedOut = strings.TrimSuffix(rowCarriedOut, "继续办理")      // 四、结转下年度
	// 三、（七）总计: the number of 三、本年度办理结果 with the total's own label.
	shortTotal = number(stats.RequestRows[stats.RowTotal].Level1) + rowTotal
	// （一）至（六）
	outcomeRange = stats.RequestGroups[0].Ordinal() + "至" + stats.RequestGroups[stats.NumRequestGroups-1].Ordinal()
	// （三）至（六）: the groups with several rows.
	groupRange = stats.RequestGroups[stats.GroupDenied].Ordinal() + "至" + stats.RequestGroups[stats.GroupOther].Ordinal()
	// 逾期未按收费通知要求缴纳费用
	noFeeShort = between(noFeeRow, "申请人", "、")

	issued   = strings.TrimSuffix(stats.LabelIssued, "件数")   // 本年制发
	repealed = strings.TrimSuffix(stats.LabelRepealed, "件数") // 本年废止
	inForce  = strings.TrimSuffix(stats.LabelInForce, "件数")  // 现行有效

	feeNotices = strings.TrimSuffix(stats.LabelFeeNotices, "的件数") // 本年发出收费通知
	// 收费金额, of 本年收费金额（单位：万元）
	feeAmount = unyear(strings.TrimSuffix(stats.LabelFeeAmount, "（单位：万元）"))

	appealTotal = stats.AppealResults[stats.ResultTotal] // 总计
)

// number is the numbering of a label, "三、" of "三、本年度办理结果".
func number(label string) string {
	if i := strings.Index(label, "、"); i >= 0 {
		return label[:i+len("、")]
	}
	return ""
}

// unnumbered drops the numbering: "一、本年新收" → "本年新收".
func unnumbered(label string) string { return strings.TrimPrefix(label, number(label)) }

// between is the part of s after the first from and before the next to.
func between(s, from, to string) string {
	_, s, _ = strings.Cut(s, from)
	s, _, _ = strings.Cut(s, to)
	return s
}

// appealParts are 表四's result labels before 总计, joined by sep:
// 结果维持、结果纠正、其他结果、尚未审结.
func appealParts(sep string) string {
	return strings.Join(stats.AppealResults[:stats.ResultTotal], sep)
}

// unyear drops "本年": "本年制发" → "制发".
func unyear(label string) string { return strings.TrimPrefix(label, "本年") }

// unadmin drops "行政": "行政处罚" → "处罚".
func unadmin(label string) string { return strings.TrimPrefix(label, "行政") }
