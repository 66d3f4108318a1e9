package textcheck

import (
	"strings"

	"github.com/nianbao/nianbao/report/lazyre"
	"github.com/nianbao/nianbao/report/stats"
)

type class int

const (
	clsNone class = iota
	clsReceived
	clsCarriedIn
	clsHandled
	clsCarriedOut
	clsOutcome
	clsReview
	clsSuit
	clsNormDocs
	clsRegs
	clsLicensing
	clsPunishment
	clsCoercion
	clsFees
	clsInfoFee
	clsNotice
)

// phrase is what a window of text is about. sub refines the class: the
// outcome group, the applicant column, the 表四 result or the 表二 column;
// -1 when the window names none.
type phrase struct {
	cls class
	sub int
}

var none = phrase{clsNone, -1}

// Outcome groups of 表三: indices into stats.RequestGroups.
const (
	grpGranted      = stats.GroupGranted
	grpPartial      = stats.GroupPartial
	grpDenied       = stats.GroupDenied
	grpUnable       = stats.GroupUnable
	grpNotProcessed = stats.GroupNotProc
	grpOther        = stats.GroupOther
)

// 表二 columns of a 规章 / 规范性文件 phrase.
const (
	docIssued = iota
	docRepealed
	docInForce
)

// 表四 results, the index inside a group: indices into stats.AppealResults.
const (
	apUpheld    = stats.ResultUpheld
	apCorrected = stats.ResultCorrected
	apOther     = stats.ResultOther
	apPending   = stats.ResultPending
	apTotal     = stats.ResultTotal
)

// colLegal stands for the five 法人或其他组织 columns together.
const colLegal = 100

// The patterns (re…) are compiled when a text is first checked, not at
// every start of nianbao.
var (
	reCarriedIn  = lazyre.New(`上一?年度?(?:结转|遗留|未办结)`)
	reCarriedOut = lazyre.New(`(?:结转|顺延|转入|转至|转到)(?:到|至|入)?(?:下一?个?年度?|次年|明年)|下一?年度?继续办理`)
	kwReceived   = words{"收到", "受理", "新收", "接收", "共收", "收悉", "接到"}
	reRegs       = lazyre.New(`规章(?:制度)?`)
	reDenied     = lazyre.New(`不予以?公开`)
	rePartial    = lazyre.New(`部分(?:予以)?公开`)
	reNotProc    = lazyre.New(`不予以?处理`)
	kwPending    = words{"尚未审结", "未审结", "正在审理", "审理中"}
	kwIssued     = words{"制发", "制定", "印发", "出台"}
	kwRepealed   = words{"废止", "废除", "宣布失效"}
	// Words around 答复 that are about time limits, not the number answered.
	kwNotHandled = words{"延期答复", "延长答复", "答复期限", "延期办理"}
	kwHandled    = words{"办结", "答复", "办理完毕", "处理完毕", "已办理", "完成办理"}
	reOtherApp   = lazyre.New(`^(?:其中|涉及|包括|含|来自)?其他(?:类|组织|申请人|申请)?(?:的)?(?:申请)?(?:共|为)?$`)
	// Subjects other than information requests that are counted in 件 too.
	kwForeign = words{"留言", "咨询", "建议", "提案", "议案", "来信", "来电", "热线", "工单", "信件", "诉求", "审批", "事项", "业务", "主动"}
	kwOurs    = words{"依申请", "公开申请", "信息公开", "政府信息"}
	// Words of a single 表三 row inside an outcome group or of a kind of
	// request: the figure is then a part, not the group or the total.
	kwSubRow = words{"国家秘密", "禁止公开", "三安全一稳定", "第三方", "内部事务", "过程性", "执法案卷", "行政查询", "不掌握", "另行制作", "不明确", "信访", "举报", "投诉", "重复", "出版物", "大量反复", "重新出具", "确认", "逾期", "补正", "缴纳", "收费"}
	// What may stand between an outcome's count and its share of 办结.
	rePercentOK = lazyre.New(`^(?:占|比|比例|为|的|达|总数|办结|数|全部|总量|约为)*$`)
)

// classify says what a window of text is about. ambiguous means the
// window names two things a figure could belong to ("规章和规范性文件",
// "予以公开和部分公开"); such a figure is left alone.
func classify(w string) (p phrase, ambiguous bool) {
	p = none
	review, suit := strings.Contains(w, "行政复议"), strings.Contains(w, "行政诉讼") || strings.Contains(w, "行政应诉")
	switch {
	case review && suit:
		return none, true
	case review || suit:
		p.cls = clsReview
		if suit {
			p.cls = clsSuit
		}
		sub, amb := appealSub(w)
		if sub < 0 {
			sub = apTotal
		}
		p.sub = sub
		return p, amb
	}

	var found []class
	docs := strings.Contains(w, "规范性文件")
	if docs {
		found = append(found, clsNormDocs)
	}
	if strings.Contains(w, "规章") {
		for _, m := range reRegs().FindAllString(w, -1) {
			if m == "规章" {
				found = append(found, clsRegs)
				break
			}
		}
	}
	if strings.Contains(w, "行政许可") {
		found = append(found, clsLicensing)
	}
	if strings.Contains(w, "行政处罚") {
		found = append(found, clsPunishment)
	}
	if strings.Contains(w, "行政强制") {
		found = append(found, clsCoercion)
	}
	if strings.Contains(w, "行政事业性收费") {
		found = append(found, clsFees)
	}
	switch {
	case strings.Contains(w, "收费通知"):
		found = append(found, clsNotice)
	case strings.Contains(w, "信息处理费"):
		found = append(found, clsInfoFee)
	}
	if len(found) > 1 {
		return none, true
	}
	if len(found) == 1 {
		p.cls = found[0]
		if p.cls == clsNormDocs || p.cls == clsRegs {
			sub, amb := docSub(w)
			p.sub = sub
			return p, amb || sub < 0
		}
		return p, false
	}

	if g, amb := outcomeGroup(w); amb {
		return none, true
	} else if g >= 0 {
		return phrase{clsOutcome, g}, false
	}

	var flow []class
	// The cheap tests first: most windows name none of these.
	carriedOut := strings.Contains(w, "下") && reCarriedOut().MatchString(w)
	if strings.Contains(w, "上") && reCarriedIn().MatchString(w) {
		flow = append(flow, clsCarriedIn)
	}
	if carriedOut {
		flow = append(flow, clsCarriedOut)
	}
	// 答复 in "顺延到下年度答复" is part of the carry-over phrase.
	if !carriedOut && kwHandled.MatchString(kwNotHandled.remove(w)) {
		flow = append(flow, clsHandled)
	}
	if kwReceived.MatchString(strings.ReplaceAll(w, "不予受理", "")) && strings.Contains(w, "申请") {
		flow = append(flow, clsReceived)
	}
	switch {
	case len(flow) > 1:
		return none, true
	case len(flow) == 1:
		col, amb := applicantCol(w)
		return phrase{flow[0], col}, amb
	}
	return none, false
}

func outcomeGroup(w string) (int, bool) {
	g := -1
	n := 0
	add := func(x int) { g = x; n++ }
	rest := w
	if strings.Contains(rest, "不予") && reDenied().MatchString(rest) {
		add(grpDenied)
		rest = reDenied().ReplaceAllString(rest, "")
	}
	if strings.Contains(rest, "部分") && rePartial().MatchString(rest) {
		add(grpPartial)
		rest = rePartial().ReplaceAllString(rest, "")
	}
	if strings.Contains(rest, "予以公开") || strings.Contains(rest, "同意公开") {
		add(grpGranted)
	}
	if strings.Contains(rest, "无法提供") {
		add(grpUnable)
	}
	if strings.Contains(rest, "不予") && reNotProc().MatchString(rest) {
		add(grpNotProcessed)
	}
	if strings.Contains(rest, "其他处理") {
		add(grpOther)
	}
	return g, n > 1
}

func appealSub(w string) (int, bool) {
	sub, n := -1, 0
	add := func(x int) { sub = x; n++ }
	if strings.Contains(w, "维持") {
		add(apUpheld)
	}
	if strings.Contains(w, "纠正") {
		add(apCorrected)
	}
	if strings.Contains(w, "其他结果") {
		add(apOther)
	}
	if kwPending.MatchString(w) {
		add(apPending)
	}
	return sub, n > 1
}

func docSub(w string) (int, bool) {
	sub, n := -1, 0
	add := func(x int) { sub = x; n++ }
	if kwIssued.MatchString(w) {
		add(docIssued)
	}
	if kwRepealed.MatchString(w) {
		add(docRepealed)
	}
	if strings.Contains(w, "现行有效") {
		add(docInForce)
	}
	return sub, n > 1
}

// applicantCol finds the 表三 applicant column a window names, -1 for none.
func applicantCol(w string) (int, bool) {
	col, n := -1, 0
	add := func(x int) { col = x; n++ }
	if strings.Contains(w, "自然人") {
		add(0)
	}
	if strings.Contains(w, "法人") {
		add(colLegal)
	}
	for i, name := range []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构"} {
		if strings.Contains(w, name) {
			add(i + 1)
		}
	}
	if n == 0 && reOtherApp().MatchString(w) {
		add(5)
	}
	return col, n > 1
}

// offTopic reports whether a window about handling or outcomes is about
// something else than the 表三 totals: another kind of matter (网民留言,
// 审批事项) or a single row within a group (属于国家秘密, 重复申请).
func offTopic(w string) bool {
	return kwForeign.MatchString(w) && !kwOurs.MatchString(w) || kwSubRow.MatchString(w)
}

// isRequestFlow: the classes that count information requests in 表三.
func isRequestFlow(c class) bool {
	switch c {
	case clsReceived, clsCarriedIn, clsHandled, clsCarriedOut, clsOutcome:
		return true
	}
	return false
}

// words is a list of literal keywords; plain substring search is several
// times faster than a regexp alternation for them.
type words []string

func (ws words) MatchString(s string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (ws words) remove(s string) string {
	for _, w := range ws {
		if strings.Contains(s, w) {
			s = strings.ReplaceAll(s, w, "")
		}
	}
	return s
}
