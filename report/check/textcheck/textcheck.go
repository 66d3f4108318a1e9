package textcheck

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// Rule is the rule of the format that this package applies (docs/rules.md#r12).
const Rule = "R12"

// Text is one piece of user-written text and where it was written.
type Text struct {
	Text  string
	Where diag.Pos // e.g. {File: "nianbao.toml", Line: 42} or {File: "任务台账.xlsx", Sheet: "任务台账", Cell: "F7"}
	What  string   // human name, e.g. "[narrative] requests" or "第 3 项任务的完成情况"
}

// Check compares every figure of texts that belongs to a recognised
// statistical phrase with the statistics and returns one R12 error per
// figure that differs. Figures it cannot attribute with certainty are left
// alone. locate may be nil.
func Check(texts []Text, s *stats.Stats, locate stats.Locator) []check.Finding {
	if s == nil {
		return nil
	}
	if locate == nil {
		locate = func(string) diag.Pos { return diag.Pos{} }
	}
	var out []check.Finding
	for _, t := range texts {
		if len(t.Text) > maxText {
			continue // offsets are int32; no narrative comes near
		}
		c := checker{s: s, locate: locate, text: t, n: normalize(t.Text)}
		c.run()
		out = append(out, c.out...)
	}
	return out
}

const maxText = 1 << 30

// Received-total modes: the office may count 收到 as 新收 only or as 新收
// plus 上年结转 (the 2022 平潭 report does the latter).
const (
	modeNew = 1 << iota
	modeWithCarried
	modeEither = modeNew | modeWithCarried
)

// topic is the phrase the last figure of the sentence belonged to, so
// that "收到申请75件，涉及自然人72件" reads the 72 as applicants of the 75.
type topic struct {
	p     phrase
	modes int // received: the modes the total matched
	from  int // rune index where the topic's figure's words start, for quoting
	// part: the figure counted one applicant column, so a share after it
	// is not a share of all requests.
	part bool
}

type checker struct {
	s      *stats.Stats
	locate stats.Locator
	text   Text
	n      norm
	out    []check.Finding
}

func (c *checker) run() {
	rs := c.n.r
	clauses := split(rs)
	var tp topic
	sentence := -1
	requests := false // the text has spoken of 申请 so far
	for _, cl := range clauses {
		if cl.sentence != sentence {
			sentence, tp = cl.sentence, topic{p: none}
		}
		if strings.Contains(string(rs[cl.start:cl.end]), "申请") {
			requests = true
		}
		for i, t := range cl.tokens {
			from := cl.start
			if i > 0 {
				from = cl.tokens[i-1].end
			}
			to := cl.end
			if i+1 < len(cl.tokens) {
				to = cl.tokens[i+1].start
			}
			if t.unit == uOther {
				continue
			}
			if t.approx {
				tp = topic{p: none}
				continue
			}
			before := string(rs[from:t.start])
			window := before + string(rs[t.end:to])
			if t.unit == uPercent {
				c.percent(from, t, before, tp)
				continue
			}
			p, amb := classify(before)
			if !amb && p.cls == clsNone {
				p, amb = classify(window)
			}
			if amb || (cl.coordinated && p.cls != clsNone) {
				tp = topic{p: none}
				continue
			}
			// 办结 and 答复 are said of many things; without 申请 nearby they
			// count requests only where the text is about requests.
			if isRequestFlow(p.cls) && (offTopic(window) || p.cls == clsHandled &&
				!strings.Contains(window, "申请") && !isRequestFlow(tp.p.cls) && !requests) {
				tp = topic{p: none}
				continue
			}
			if p.cls != clsNone {
				col, _ := applicantCol(window)
				tp = topic{p: p, modes: modeEither, from: from, part: col >= 0}
				c.main(c.quote(from, to), t, window, &tp)
				continue
			}
			c.sub(c.quote(from, to), t, window, &tp)
		}
	}
}

func (c *checker) quote(from, to int) string {
	return strings.TrimSpace(c.n.quote(c.text.Text, from, to))
}

// where is the text's place, named in words too: "nianbao.toml 第 42 行
// [narrative] requests".
func (c *checker) where() diag.Pos {
	p := c.text.Where
	p.What = c.text.What
	if p.String() == "" {
		return diag.Pos{What: "（未注明出处的文字）"}
	}
	return p
}

func (c *checker) who() string {
	if c.text.What != "" {
		return c.text.What
	}
	if w := c.text.Where.String(); w != "" {
		return w
	}
	return "文字"
}

func (c *checker) report(keys []string, expected, found, quote, format string, args ...any) {
	f := check.Finding{Rule: Rule, Severity: diag.Error, Cells: []diag.Pos{c.where()}, Expected: expected, Found: found}
	for _, k := range keys {
		if l := c.locate(k); !l.IsZero() {
			f.Cells = append(f.Cells, l)
		}
	}
	f.Message = fmt.Sprintf("%s 写“%s”，但统计表 ", c.who(), quote) + fmt.Sprintf(format, args...)
	c.out = append(c.out, f)
}

// req sums column col (or the five legal-person columns) of row r.
func (c *checker) req(r, col int) int64 {
	if col == colLegal {
		var n int64
		for k := 1; k <= 5; k++ {
			n += c.s.Requests[r][k]
		}
		return n
	}
	return c.s.Requests[r][col]
}

func reqKeys(r, col int) []string {
	if col == colLegal {
		return []string{stats.RequestKey(r, 1), stats.RequestKey(r, 5)}
	}
	return []string{stats.RequestKey(r, col)}
}

func colName(col int) string {
	if col == colLegal {
		return stats.LabelLegalPersons
	}
	return stats.RequestCols[col].Label
}

func rowLabel(r, col int) string {
	row := stats.RequestRows[r]
	return row.Level1 + shortLevel2(row.Level2) + "（" + colName(col) + "）"
}

// shortLevel2 drops the note in "（二）部分公开（区分处理的，只计这一情形，
// 不计其他情形）": a message names the row, the note is for the table.
func shortLevel2(l string) string {
	if i := strings.Index(l, "）"); i >= 0 {
		if j := strings.Index(l[i:], "（"); j >= 0 {
			return l[:i+j]
		}
	}
	return l
}

// main checks a figure whose own words name the phrase.
func (c *checker) main(q string, t token, window string, tp *topic) {
	p := tp.p
	col := p.sub
	if col < 0 {
		col = stats.ColTotal
	}
	switch p.cls {
	case clsReceived:
		tp.modes = c.received(t, col, modeEither, q)
	case clsCarriedIn:
		c.count(t, q, stats.RowCarriedIn, col)
	case clsHandled:
		c.count(t, q, stats.RowTotal, col)
	case clsCarriedOut:
		c.count(t, q, stats.RowCarriedOut, col)
	case clsOutcome:
		c.outcome(t, q, window, p.sub)
	case clsReview, clsSuit:
		c.appeal(t, q, p)
	case clsNormDocs, clsRegs:
		c.doc(t, q, p)
	case clsLicensing:
		c.active(t, q, "licensing", c.s.Active.Licensing)
	case clsPunishment:
		c.active(t, q, "punishment", c.s.Active.Punishment)
	case clsCoercion:
		c.active(t, q, "coercion", c.s.Active.Coercion)
	case clsFees:
		c.amount(t, q, "fees", c.s.Active.Fees, uWan)
	case clsInfoFee:
		c.amount(t, q, "info_fees.collected", c.s.InfoFees.Collected, uYuan)
	case clsNotice:
		if t.unit == uCount {
			c.active(t, q, "info_fees.notices", c.s.InfoFees.Notices)
		} else if !strings.Contains(window, "收取") {
			c.amount(t, q, "info_fees.notice_total", c.s.InfoFees.NoticeTotal, uYuan)
		}
	}
}

// sub checks a figure whose clause names only a part of the topic's
// phrase: 自然人 after 收到申请, 维持 after 行政复议, 废止 after 规范性文件.
func (c *checker) sub(q string, t token, window string, tp *topic) {
	switch tp.p.cls {
	// Not after 结转: in "收到申请75件，其中上年结转1件，涉及自然人72件"
	// the 72 belongs to the 75, so a breakdown after a carry-over is unclear.
	case clsReceived, clsHandled:
		col, amb := applicantCol(window)
		if amb || col < 0 {
			return
		}
		if tp.p.cls == clsReceived {
			c.received(t, col, tp.modes, q)
		} else {
			c.count(t, q, stats.RowTotal, col)
		}
	case clsReview, clsSuit:
		sub, amb := appealSub(window)
		if amb || sub < 0 {
			return
		}
		c.appeal(t, q, phrase{tp.p.cls, sub})
	case clsNormDocs, clsRegs:
		sub, amb := docSub(window)
		if amb || sub < 0 {
			return
		}
		c.doc(t, q, phrase{tp.p.cls, sub})
	case clsNotice:
		if t.unit != uCount && !strings.Contains(window, "收取") {
			c.amount(t, q, "info_fees.notice_total", c.s.InfoFees.NoticeTotal, uYuan)
		}
	}
}

// received checks a 收到申请 figure against 新收 and 新收 + 上年结转 of
// column col as allowed by modes, and returns the modes it matches (all
// allowed ones when it matches none, so that the breakdown is still read).
func (c *checker) received(t token, col, modes int, q string) int {
	if t.unit != uCount {
		return modes
	}
	n := c.req(stats.RowNew, col)
	nc := n + c.req(stats.RowCarriedIn, col)
	got := 0
	if modes&modeNew != 0 && t.mant == n {
		got |= modeNew
	}
	if modes&modeWithCarried != 0 && t.mant == nc {
		got |= modeWithCarried
	}
	if got != 0 {
		return got
	}
	keys := append(reqKeys(stats.RowNew, col), reqKeys(stats.RowCarriedIn, col)...)
	label := rowLabel(stats.RowNew, col)
	switch modes {
	case modeNew:
		c.report(keys, strconv.FormatInt(n, 10), fmtInt(t.mant), q,
			"%s为 %d 件（与所述申请总数一致，按不含上年结转计）", label, n)
	case modeWithCarried:
		c.report(keys, strconv.FormatInt(nc, 10), fmtInt(t.mant), q,
			"%s加上年结转为 %d 件（与所述申请总数一致，按含上年结转计；本年新收为 %d 件）", label, nc, n)
	default:
		if n == nc {
			c.report(keys, fmtInt(n), fmtInt(t.mant), q, "%s为 %d 件（上年结转为 0）", label, n)
			break
		}
		c.report(keys, fmt.Sprintf("%d 或 %d", n, nc), fmtInt(t.mant), q,
			"%s为 %d 件（加上年结转为 %d 件）", label, n, nc)
	}
	return modes
}

func fmtInt(n int64) string { return strconv.FormatInt(n, 10) }

func (c *checker) count(t token, q string, row, col int) {
	if t.unit != uCount {
		return
	}
	if v := c.req(row, col); v != t.mant {
		c.report(reqKeys(row, col), fmtInt(v), fmtInt(t.mant), q, "%s为 %d 件", rowLabel(row, col), v)
	}
}

// outcomeCount sums column col of the group's rows.
func (c *checker) outcomeCount(g, col int) (int64, []string) {
	first, last := stats.RequestGroups[g].First, stats.RequestGroups[g].Last
	var n int64
	for r := first; r <= last; r++ {
		n += c.req(r, col)
	}
	keys := reqKeys(first, col)
	if last != first {
		keys = append(keys, reqKeys(last, col)...)
	}
	return n, keys
}

func outcomeLabel(g, col int) string {
	r := stats.RequestGroups[g].First
	l := stats.RequestRows[r].Level1 + shortLevel2(stats.RequestRows[r].Level2)
	if stats.RequestGroups[g].Last != r {
		l += "各项之和"
	}
	return l + "（" + colName(col) + "）"
}

// outcome checks an outcome group's count, in the applicant column the
// window names ("自然人申请中予以公开20件") or else in the total.
func (c *checker) outcome(t token, q, window string, g int) {
	if t.unit != uCount {
		return
	}
	col, amb := applicantCol(window)
	if amb {
		return
	}
	if col < 0 {
		col = stats.ColTotal
	}
	if n, keys := c.outcomeCount(g, col); n != t.mant {
		c.report(keys, fmtInt(n), fmtInt(t.mant), q, "%s为 %d 件", outcomeLabel(g, col), n)
	}
}

// percent checks "占28%" against the group's share of 办结 at the
// precision written.
func (c *checker) percent(from int, t token, before string, tp topic) {
	var p phrase
	if tp.p.cls == clsOutcome && tp.part {
		return
	}
	if tp.p.cls == clsOutcome && rePercentOK().MatchString(before) {
		p = tp.p // "予以公开21件，占办结总数的28%"
	} else if q, amb := classify(before); !amb && q.cls == clsOutcome {
		p = q // "予以公开的占28%"
	} else {
		return
	}
	handled := c.s.Requests[stats.RowTotal][stats.ColTotal]
	if handled <= 0 {
		return
	}
	n, keys := c.outcomeCount(p.sub, stats.ColTotal)
	share := new(big.Rat).SetFrac64(n*100, handled)
	want := roundRat(share, t.dec)
	if want == t.mant {
		return
	}
	if p.cls == tp.p.cls && p.sub == tp.p.sub && tp.from < from {
		from = tp.from
	}
	keys = append(keys, stats.RequestKey(stats.RowTotal, stats.ColTotal))
	ws, gs := fixed(want, t.dec)+"%", fixed(t.mant, t.dec)+"%"
	c.report(keys, ws, gs, c.quote(from, t.end),
		"%s为 %d 件，占%s %d 件的 %s", outcomeLabel(p.sub, stats.ColTotal), n, stats.RequestRows[stats.RowTotal].Level2, handled, ws)
}

// roundRat rounds r half up to dec decimals and returns it scaled by 10^dec.
func roundRat(r *big.Rat, dec int) int64 {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(dec)), nil)
	x := new(big.Rat).Mul(r, new(big.Rat).SetInt(scale))
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom()) // values are ≥ 0: Quo floors
	if !q.IsInt64() {
		return -1
	}
	return q.Int64()
}

func fixed(mant int64, dec int) string {
	if dec == 0 {
		return fmtInt(mant)
	}
	s := fmt.Sprintf("%0*d", dec+1, mant)
	return s[:len(s)-dec] + "." + s[len(s)-dec:]
}

func (c *checker) appeal(t token, q string, p phrase) {
	if t.unit != uCount {
		return
	}
	var n int64
	var keys []string
	label := ""
	if p.cls == clsReview {
		i := stats.AppealCol(stats.AppealReview, p.sub)
		n, keys = c.s.Appeals[i], []string{stats.AppealKey(i)}
		label = stats.AppealLabel(i)
	} else {
		a, b := stats.AppealCol(stats.AppealSuitDirect, p.sub), stats.AppealCol(stats.AppealSuitAfter, p.sub)
		n, keys = c.s.Appeals[a]+c.s.Appeals[b], []string{stats.AppealKey(a), stats.AppealKey(b)}
		label = stats.AppealLabel(a) + "与" + stats.AppealLabel(b) + "之和"
	}
	if n != t.mant {
		c.report(keys, fmtInt(n), fmtInt(t.mant), q, "%s为 %d 件", label, n)
	}
}

func (c *checker) doc(t token, q string, p phrase) {
	d, prefix := c.s.Active.NormativeDocs, "normative_docs."
	if p.cls == clsRegs {
		d, prefix = c.s.Active.Regulations, "regulations."
	}
	switch p.sub {
	case docIssued:
		c.active(t, q, prefix+"issued", d.Issued)
	case docRepealed:
		c.active(t, q, prefix+"repealed", d.Repealed)
	case docInForce:
		c.active(t, q, prefix+"in_force", d.InForce)
	}
}

// labels are the message labels of the stats fields, by key, made when a
// text is first checked.
var labels = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, f := range new(stats.Stats).Fields() {
		m[f.Key] = f.Label
	}
	return m
})

func (c *checker) active(t token, q, key string, v int64) {
	if t.unit != uCount {
		return
	}
	if v != t.mant {
		c.report([]string{key}, fmtInt(v), fmtInt(t.mant), q, "%s为 %d 件", labels()[key], v)
	}
}

// unitScale is each amount unit in 元.
var unitScale = map[unitKind]int64{uYuan: 1, uWan: 10_000, uYi: 100_000_000}

var unitName = map[unitKind]string{uYuan: "元", uWan: "万元", uYi: "亿元"}

// amount compares an amount at the precision written: "9116万元" agrees
// with 9116.36 万元, "9116.4万元" does not.
func (c *checker) amount(t token, q, key string, v stats.Decimal, tableUnit unitKind) {
	if unitScale[t.unit] == 0 {
		return
	}
	// v / 10^6 table units, in written units.
	r := new(big.Rat).SetFrac(
		new(big.Int).Mul(big.NewInt(int64(v)), big.NewInt(unitScale[tableUnit])),
		new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(unitScale[t.unit])))
	if r.Sign() < 0 {
		return
	}
	if roundRat(r, t.dec) == t.mant {
		return
	}
	exact := r.FloatString(6 + 8)
	exact = strings.TrimRight(strings.TrimRight(exact, "0"), ".")
	c.report([]string{key}, exact+unitName[t.unit], fixed(t.mant, t.dec)+unitName[t.unit], q,
		"%s为 %s %s", labels()[key], exact, unitName[t.unit])
}
