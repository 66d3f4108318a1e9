package workbook

import (
	"strings"

	"github.com/nianbao/nianbao/report/stats"
)

// noteItem is one line of the 填表说明 sheet: what a row or column means.
type noteItem struct{ item, text string }

// requestRowNotes explains each 表三 row in plain words (docs/format.md#notes).
var requestRowNotes = [stats.NumRequestRows]string{
	"本年度（1月1日至12月31日）收到的全部政府信息公开申请，按申请人类型分列。",
	"上一年度收到、到上年12月31日仍未办结而转入本年度办理的申请；应等于上年度统计表“四、结转下年度继续办理”的数字。",
	"全部公开所申请信息的。",
	"所申请信息部分公开、部分不予公开或无法提供的（区分处理）。区分处理的申请只计入这一行，不再计入其他任何一行。",
	"属于国家秘密，依《政府信息公开条例》第十四条不予公开的。",
	"法律、行政法规禁止公开的（条例第十四条）。",
	"公开后可能危及国家安全、公共安全、经济安全、社会稳定（“三安全一稳定”）的（条例第十四条）。",
	"涉及商业秘密、个人隐私等，公开会损害第三方合法权益的（条例第十五条）。",
	"人事管理、后勤管理、内部工作流程等内部事务信息（条例第十六条）。",
	"讨论记录、过程稿、磋商信函、请示报告等过程性信息（条例第十六条）。",
	"行政执法案卷信息（条例第十六条）。",
	"工商、不动产登记资料等依特别规定查询的行政查询事项（条例第三十六条第（七）项）。",
	"经检索，本机关没有制作或获取所申请的政府信息。",
	"需要对现有信息加工、分析或另行制作才能提供的（条例第三十八条）。",
	"经告知补正后，申请内容仍不明确的（条例第三十条）。",
	"以申请为名进行信访、投诉、举报的（条例第三十九条）。",
	"重复申请同一政府信息的。",
	"要求提供公开出版物的。",
	"无正当理由大量、反复申请，超出合理范围的（条例第三十五条）。",
	"要求行政机关确认或者重新出具已经获取的信息的。",
	"申请人无正当理由逾期不补正，视为放弃申请、不再处理的（条例第三十条）。",
	"发出收费通知后，申请人逾期未缴纳信息处理费、不再处理的（国办函〔2020〕109号）。",
	"不属于以上各项的其他情形，例如申请人撤回申请。",
	"自动计算：（一）至（六）各行之和，即本年度办结的申请总数。不需填写。",
	"到本年12月31日仍未办结、转入下一年度继续办理的申请。",
}

func (b *builder) notes() {
	sh := SheetNotes
	b.check(b.f.SetColWidth(sh, "A", "A", 36))
	b.check(b.f.SetColWidth(sh, "B", "B", 90))
	b.put(sh, "A", 1, "B", 1, "填表说明", b.sTitle)
	row := 2
	section := func(title string) {
		row++
		b.put(sh, "A", row, "B", row, title, b.sNoteHead)
		row++
	}
	line := func(item, text string) {
		b.put(sh, "A", row, "A", row, item, b.sNote)
		b.put(sh, "B", row, "B", row, text, b.sNote)
		n := len([]rune(text))/40 + 1
		b.check(b.f.SetRowHeight(sh, row, float64(16*n+4)))
		row++
	}
	section("一、总的要求")
	for _, n := range []noteItem{
		{"填哪些格", "只填浅黄色单元格。标签和“" + stats.LabelTotal + "”由表格锁定，总计为公式自动计算，不需要也不能填写。"},
		{"没有的填 0", "没有发生的项目请填 0，不要留空，也不要填“/”“—”“无”。空白和这类符号按 0 读取，但检查时会逐格提醒。"},
		{"件数", "件数一律填不小于 0 的整数。"},
		{"金额单位", "“" + stats.LabelFees + "”的金额单位是万元，可带小数，例如 1 万 2 千 5 百元填 1.25；不要按元填写。“信息处理费”工作表的金额单位是元。"},
		{"统计期间", "本年度 1 月 1 日至 12 月 31 日。"},
		{"勾稽关系", "申请情况表每一列都必须满足：一（本年新收）+ 二（上年结转）= 三（七）总计（本年办结）+ 四（结转下年度）。nianbao check 会逐列核对。"},
		{"不要改动表格", "请勿修改标签文字、删除行或合并单元格；可以调整列宽、行高。需要在表格上方插入空行时不影响读取。"},
	} {
		line(n.item, n.text)
	}
	section("二、" + SheetActive + "（" + stats.Section2 + "）")
	for _, n := range []noteItem{
		{stats.LabelRegs, "本机关制定的规章（只有设区的市、自治州以上人民政府及国务院部门有规章制定权；没有的填 0）。" + stats.LabelIssued + "、" + stats.LabelRepealed + "为本年度数量，" + stats.LabelInForce + "为截至 12 月 31 日仍有效的总数。"},
		{stats.LabelNormDocs, "本机关制发的行政规范性文件，三列含义同上。现行有效件数一般应等于上年现行有效件数 + 本年制发 − 本年废止。"},
		{stats.LabelLicensing, "本年度作出的行政许可处理决定数量。"},
		{stats.LabelPunishment, "本年度作出的行政处罚决定数量。"},
		{stats.LabelCoercion, "本年度作出的行政强制决定数量。"},
		{stats.LabelFees, "本年度行政事业性收费金额，单位万元。"},
	} {
		line(n.item, n.text)
	}
	section("三、" + SheetRequests + "（" + stats.Section3 + "）")
	var legal []string
	for _, c := range stats.RequestCols[stats.ColLegalFirst : stats.ColLegalLast+1] {
		legal = append(legal, c.Label)
	}
	line(stats.LabelApplicants, "按申请人类型分列："+stats.RequestCols[stats.ColNatural].Label+"；"+stats.LabelLegalPersons+"分为"+
		strings.Join(legal, "、")+"。"+stats.RequestCols[stats.ColTotal].Label+"列自动计算。")
	line("每件申请只计一次", "本年度办理结果中，每件申请只计入一种结果。部分公开（区分处理的）只计入“（二）部分公开”。")
	for i, r := range stats.RequestRows {
		item := r.Level1
		if r.Level2 != "" {
			item = r.FullLabel()
		}
		line(item, requestRowNotes[i])
	}
	section("四、" + SheetAppeals + "（" + stats.Section4 + "）")
	for _, n := range []noteItem{
		{stats.LabelReview, "本年度因政府信息公开工作被申请行政复议的案件，按结果分列。"},
		{stats.LabelSuitDirect, "申请人未经行政复议直接提起行政诉讼的案件。"},
		{stats.LabelSuitAfter, "经行政复议后又提起行政诉讼的案件。"},
		{stats.LabelUpheld + "、" + stats.LabelCorrected + "、" + stats.LabelOtherResult, "已审结案件的结果：维持原行为、纠正（撤销、变更、确认违法等）、其他（如驳回、撤回、终止）。"},
		{stats.LabelPending, "到本年 12 月 31 日尚未审结的案件。"},
		{stats.LabelTotal, "自动计算：前四列之和。"},
	} {
		line(n.item, n.text)
	}
	section("五、" + SheetInfoFees)
	for _, n := range []noteItem{
		{stats.LabelFeeNotices, "本年度依《政府信息公开信息处理费管理办法》向申请人发出收费通知的件数。"},
		{stats.LabelFeeNoticeTotal, "这些收费通知载明的应缴金额合计，单位元。"},
		{stats.LabelFeeCollected, "实际收到的信息处理费，单位元。本年度未收取的填 0，报告中将写明“本年度未收取信息处理费”。"},
	} {
		line(n.item, n.text)
	}
	b.protect(sh)
	b.print(sh, false, "", false)
}
