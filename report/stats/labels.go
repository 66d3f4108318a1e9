// Package stats holds the statistics of the statutory annual report: the
// three tables of 国办公开办函〔2021〕30号 (表二 主动公开, 表三 申请, 表四 复议/诉讼)
// and the 信息处理费 figures that section 六 reports.
//
// Every official label is written once, in this file, so that a correction
// of the statutory text is a one-line change.
package stats

// Official labels of 表二 (二、主动公开政府信息情况).
const (
	LabelItem1      = "第二十条第（一）项"
	LabelItem5      = "第二十条第（五）项"
	LabelItem6      = "第二十条第（六）项"
	LabelItem8      = "第二十条第（八）项"
	LabelInfo       = "信息内容"
	LabelIssued     = "本年制发件数"
	LabelRepealed   = "本年废止件数"
	LabelInForce    = "现行有效件数"
	LabelDecisions  = "本年处理决定数量"
	LabelFeeAmount  = "本年收费金额（单位：万元）"
	LabelRegs       = "规章"
	LabelNormDocs   = "行政规范性文件"
	LabelLicensing  = "行政许可"
	LabelPunishment = "行政处罚"
	LabelCoercion   = "行政强制"
	LabelFees       = "行政事业性收费"
)

// Official labels of 表三 (三、收到和处理政府信息公开申请情况).
const (
	LabelRequestsNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
	LabelApplicants   = "申请人情况"
	LabelLegalPersons = "法人或其他组织"
)

// Official labels of 表四 (四、政府信息公开行政复议、行政诉讼情况).
const (
	LabelReview      = "行政复议"
	LabelSuit        = "行政诉讼"
	LabelSuitDirect  = "未经复议直接起诉"
	LabelSuitAfter   = "复议后起诉"
	LabelUpheld      = "结果维持"
	LabelCorrected   = "结果纠正"
	LabelOtherResult = "其他结果"
	LabelPending     = "尚未审结"
	LabelTotal       = "总计"
)

// Section headings of the report (docs/format.md#sections), exact.
const (
	Section1 = "一、总体情况"
	Section2 = "二、主动公开政府信息情况"
	Section3 = "三、收到和处理政府信息公开申请情况"
	Section4 = "四、政府信息公开行政复议、行政诉讼情况"
	Section5 = "五、存在的主要问题及改进情况"
	Section6 = "六、其他需要报告的事项"
)

// Column is one data column of 表三.
type Column struct {
	Key   string // A–G
	Label string
	Group string // 法人或其他组织 for B–F, empty otherwise
}

// RequestCols are the data columns A–G of 表三, in order.
var RequestCols = [NumRequestCols]Column{
	{"A", "自然人", ""},
	{"B", "商业企业", LabelLegalPersons},
	{"C", "科研机构", LabelLegalPersons},
	{"D", "社会公益组织", LabelLegalPersons},
	{"E", "法律服务机构", LabelLegalPersons},
	{"F", "其他", LabelLegalPersons},
	{"G", LabelTotal, ""},
}

// RequestRow is one data row of 表三 with its label at each level of the
// row-label block. Level2 and Level3 are empty where the official table
// merges the label across levels.
type RequestRow struct {
	Key    string // r01–r25
	Level1 string
	Level2 string
	Level3 string
}

const level1Results = "三、本年度办理结果"

// RequestRows are the 25 data rows of 表三, in order.
var RequestRows = [NumRequestRows]RequestRow{
	{"r01", "一、本年新收政府信息公开申请数量", "", ""},
	{"r02", "二、上年结转政府信息公开申请数量", "", ""},
	{"r03", level1Results, "（一）予以公开", ""},
	{"r04", level1Results, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""},
	{"r05", level1Results, "（三）不予公开", "1.属于国家秘密"},
	{"r06", level1Results, "（三）不予公开", "2.其他法律行政法规禁止公开"},
	{"r07", level1Results, "（三）不予公开", "3.危及“三安全一稳定”"},
	{"r08", level1Results, "（三）不予公开", "4.保护第三方合法权益"},
	{"r09", level1Results, "（三）不予公开", "5.属于三类内部事务信息"},
	{"r10", level1Results, "（三）不予公开", "6.属于四类过程性信息"},
	{"r11", level1Results, "（三）不予公开", "7.属于行政执法案卷"},
	{"r12", level1Results, "（三）不予公开", "8.属于行政查询事项"},
	{"r13", level1Results, "（四）无法提供", "1.本机关不掌握相关政府信息"},
	{"r14", level1Results, "（四）无法提供", "2.没有现成信息需要另行制作"},
	{"r15", level1Results, "（四）无法提供", "3.补正后申请内容仍不明确"},
	{"r16", level1Results, "（五）不予处理", "1.信访举报投诉类申请"},
	{"r17", level1Results, "（五）不予处理", "2.重复申请"},
	{"r18", level1Results, "（五）不予处理", "3.要求提供公开出版物"},
	{"r19", level1Results, "（五）不予处理", "4.无正当理由大量反复申请"},
	{"r20", level1Results, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"},
	{"r21", level1Results, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
	{"r22", level1Results, "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
	{"r23", level1Results, "（六）其他处理", "3.其他"},
	{"r24", level1Results, "（七）总计", ""},
	{"r25", "四、结转下年度继续办理", "", ""},
}

// Label is the most specific label of the row: the one that identifies it.
func (r RequestRow) Label() string {
	switch {
	case r.Level3 != "":
		return r.Level3
	case r.Level2 != "":
		return r.Level2
	}
	return r.Level1
}

// FullLabel joins the levels, for messages: "（三）不予公开 1.属于国家秘密".
func (r RequestRow) FullLabel() string {
	switch {
	case r.Level3 != "":
		return r.Level2 + " " + r.Level3
	case r.Level2 != "":
		return r.Level2
	}
	return r.Level1
}

// AppealGroup is one of the three groups of 表四.
type AppealGroup struct {
	Label  string // 行政复议 / 未经复议直接起诉 / 复议后起诉
	Parent string // 行政诉讼 for the two litigation groups
}

// AppealGroups are the groups of 表四 in order; each has AppealResults columns.
var AppealGroups = [NumAppealGroups]AppealGroup{
	{LabelReview, ""},
	{LabelSuitDirect, LabelSuit},
	{LabelSuitAfter, LabelSuit},
}

// AppealResults are the five columns inside each group of 表四; the last is the total.
var AppealResults = [NumAppealResults]string{LabelUpheld, LabelCorrected, LabelOtherResult, LabelPending, LabelTotal}

// Labels of the 信息处理费 figures (section 六). They are not part of 表二:
// 行政事业性收费 in 表二 is unrelated to the 信息处理费 of 国办函〔2020〕109号.
const (
	LabelFeeSheetTitle  = "信息处理费（用于“六、其他需要报告的事项”）"
	LabelFeeNotices     = "本年发出收费通知的件数"
	LabelFeeNoticeTotal = "收费通知载明的总金额（单位：元）"
	LabelFeeCollected   = "实际收取的信息处理费金额（单位：元）"
)
