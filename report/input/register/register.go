// Package register reads the office's register of applications (申请登记)
// and of review and litigation cases (复议诉讼登记) and counts 表三 and 表四
// from them, so that nobody adds up 175 cells by hand.
//
// Every category a row may take is an official label of report/stats: the
// applicant kinds are the columns A–F of 表三, the outcomes its rows
// （一）予以公开 … （六）其他处理 3.其他, the case kinds and results the groups
// and columns of 表四. None is retyped here.
package register

import (
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/editdist"
	"github.com/nianbao/nianbao/report/stats"
)

// Sheet names and column headers of the register as nianbao writes it.
const (
	SheetApplications = "申请登记"
	SheetCases        = "复议诉讼登记"

	HeadSeq       = "序号"
	HeadReceived  = "收到日期"
	HeadApplicant = "申请人类型"
	HeadContent   = "申请内容"
	HeadOutcome   = "办理结果"
	HeadAnswered  = "答复日期"
	HeadStatus    = "办理状态"
	HeadNote      = "备注"

	HeadKind   = "案件类型"
	HeadFiled  = "收到日期"
	HeadResult = "结果"
	HeadClosed = "审结日期"
)

// Status of an application at the end of the report year.
const (
	StatusDone    = "已办结"
	StatusCarried = "结转下年度"
)

// Statuses are the choices of 办理状态, in drop-down order.
var Statuses = []string{StatusDone, StatusCarried}

// Results of a case as the register records them (表四's columns without
// 总计, in the short form offices write); ResultLabels maps them to 表四.
var Results = [stats.ResultTotal]string{"维持", "纠正", "其他", stats.LabelPending}

// Field names one column of a register sheet.
type Field int

// Fields of 申请登记, then of 复议诉讼登记.
const (
	FSeq Field = iota
	FReceived
	FApplicant
	FContent
	FOutcome
	FAnswered
	FStatus
	FNote
	numAppFields
)

// Fields of 复议诉讼登记.
const (
	CSeq Field = iota
	CKind
	CFiled
	CResult
	CClosed
	CNote
	numCaseFields
)

// AppHeads are the headers of 申请登记 in the order nianbao writes them.
var AppHeads = [numAppFields]string{HeadSeq, HeadReceived, HeadApplicant, HeadContent, HeadOutcome, HeadAnswered, HeadStatus, HeadNote}

// CaseHeads are the headers of 复议诉讼登记 in the order nianbao writes them.
var CaseHeads = [numCaseFields]string{HeadSeq, HeadKind, HeadFiled, HeadResult, HeadClosed, HeadNote}

// Applicants are the six applicant kinds: the labels of 表三 columns A–F.
var Applicants = func() []string {
	out := make([]string, 0, stats.ColLegalLast+1)
	for c := stats.ColNatural; c <= stats.ColLegalLast; c++ {
		out = append(out, stats.RequestCols[c].Label)
	}
	return out
}()

// Outcomes are the outcome rows of 表三 in their official wording, as the
// drop-down offers them: （一）予以公开 … （六）其他处理 3.其他. Outcomes[i] is
// row stats.RowFirstOut+i.
var Outcomes = func() []string {
	out := make([]string, 0, stats.RowLastOut-stats.RowFirstOut+1)
	for r := stats.RowFirstOut; r <= stats.RowLastOut; r++ {
		out = append(out, stats.RequestRows[r].FullLabel())
	}
	return out
}()

// Kinds are the case kinds: the groups of 表四.
var Kinds = func() []string {
	out := make([]string, len(stats.AppealGroups))
	for i, g := range stats.AppealGroups {
		out[i] = g.Label
	}
	return out
}()

// Application is one row of 申请登记.
type Application struct {
	Seq       string
	Received  Date
	Applicant int // 表三 column, stats.ColNatural–stats.ColLegalLast
	Content   string
	Outcome   int // 表三 row, stats.RowFirstOut–stats.RowLastOut; -1 when carried over
	Answered  Date
	Carried   bool // 结转下年度
	Note      string
	Row       int // 1-based sheet row
}

// Case is one row of 复议诉讼登记.
type Case struct {
	Seq    string
	Kind   int // stats.AppealReview …
	Filed  Date
	Result int // stats.ResultUpheld … stats.ResultPending
	Closed Date
	Note   string
	Row    int
}

// Register is what the register sheets hold.
type Register struct {
	Year         int
	Applications []Application
	Cases        []Case
	// Warnings are problems that do not stop the count.
	Warnings []diag.Message
	// Where the rows were read, for messages.
	File              string
	AppSheet, CaseSht string
	// AppCols and CaseCols are the 0-based sheet columns of each field, -1
	// where the sheet has none.
	AppCols  [numAppFields]int
	CaseCols [numCaseFields]int
}

// AppPos is the cell of field f of the application read from sheet row row.
func (r *Register) AppPos(row int, f Field) diag.Pos {
	return cellPos(r.File, r.AppSheet, row, r.AppCols[f])
}

// CasePos is the cell of field f of the case read from sheet row row.
func (r *Register) CasePos(row int, f Field) diag.Pos {
	return cellPos(r.File, r.CaseSht, row, r.CaseCols[f])
}

func cellPos(file, sheet string, row, col int) diag.Pos {
	p := diag.Pos{File: file, Sheet: sheet}
	if col >= 0 {
		p.Cell = colName(col) + itoa(row)
	} else {
		p.What = "第 " + itoa(row) + " 行"
	}
	return p
}

func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// norm folds the ways a category gets retyped: spaces, half-width brackets
// and digits, full stops, quotes, the separator between a group and its item.
func norm(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case unicode.IsSpace(c) || c == '\u00a0' || c == '\u3000' || c == '·' || c == '-' || c == '—' || c == '：' || c == ':':
			continue
		case c == '(':
			c = '（'
		case c == ')':
			c = '）'
		case c >= '０' && c <= '９':
			c = '0' + (c - '０')
		case c == '．' || c == '、':
			c = '.'
		case c == '"' || c == '“' || c == '”' || c == '＂' || c == '\'' || c == '‘' || c == '’':
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// matcher finds the official choice a cell's text stands for.
type matcher struct {
	choices []string       // official wording, for messages
	exact   map[string]int // normalized accepted forms → index
	raw     map[string]int // accepted forms as written, the common case
	normed  []string
}

func newMatcher(choices []string, aliases map[string]int) *matcher {
	m := &matcher{choices: choices, exact: map[string]int{}, raw: map[string]int{}}
	for i, c := range choices {
		n := norm(c)
		m.exact[n] = i
		m.raw[c] = i
		m.normed = append(m.normed, n)
	}
	for a, i := range aliases {
		m.exact[norm(a)] = i
		m.raw[a] = i
	}
	return m
}

// match gives the index of the choice s stands for, or -1.
func (m *matcher) match(s string) int {
	if i, ok := m.raw[s]; ok {
		return i
	}
	if i, ok := m.exact[norm(s)]; ok {
		return i
	}
	return -1
}

// multi tells how many different choices s contains whole, for a cell that
// names two outcomes.
func (m *matcher) multi(s string) int {
	n := norm(s)
	seen := map[int]bool{}
	for c, i := range m.exact {
		if strings.Contains(n, c) {
			seen[i] = true
		}
	}
	return len(seen)
}

// nearest is the choice closest to s: one that contains it or that it
// contains, else the least edit distance.
func (m *matcher) nearest(s string) string {
	n := []rune(norm(s))
	if len(n) == 0 {
		return ""
	}
	best, bestD := -1, 1<<30
	for i, c := range m.normed {
		cr := []rune(c)
		// A shared beginning is the group of an outcome: it weighs more
		// than the rest of the wording.
		d := editdist.Runes(n, cr, -1) - commonPrefix(n, cr)
		if strings.Contains(c, string(n)) || strings.Contains(string(n), c) {
			d = abs(len(cr) - len(n))
			if d > 0 {
				d = d/4 + 1
			}
		}
		if d < bestD {
			best, bestD = i, d
		}
	}
	// A suggestion that shares nothing with the text misleads more than it helps.
	if best < 0 || bestD >= max(len(n), len([]rune(m.normed[best]))) {
		return ""
	}
	return m.choices[best]
}

func commonPrefix(a, b []rune) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

var (
	applicantMatch = newMatcher(Applicants, nil)
	outcomeMatch   = newMatcher(Outcomes, map[string]int{
		// 部分公开 is printed with its counting note; offices write it short.
		stats.RequestRows[stats.RowPartial].Level2[:strings.Index(stats.RequestRows[stats.RowPartial].Level2, "（区分")]: stats.RowPartial - stats.RowFirstOut,
	})
	statusMatch = newMatcher(Statuses, map[string]int{"办结": 0, "已答复": 0, "结转": 1, "结转下年度继续办理": 1})
	kindMatch   = newMatcher(Kinds, map[string]int{
		stats.LabelSuit + stats.LabelSuitDirect: stats.AppealSuitDirect,
		stats.LabelSuit + stats.LabelSuitAfter:  stats.AppealSuitAfter,
	})
	resultMatch = newMatcher(Results[:], map[string]int{
		stats.LabelUpheld:      stats.ResultUpheld,
		stats.LabelCorrected:   stats.ResultCorrected,
		stats.LabelOtherResult: stats.ResultOther,
	})
)
