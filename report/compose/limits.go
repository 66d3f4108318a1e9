package compose

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/lazyre"
)

// Limits bound one execution of the templates. Templates are the office's
// own text, and a slip such as {{range 400000000}} would otherwise run for
// hours or fill the memory before anything is reported.
type Limits struct {
	Time   time.Duration // default 5 s
	Output int           // bytes of markup; default 10 MB
}

const (
	defaultTime   = 5 * time.Second
	defaultOutput = 10 << 20
	// maxLiteralRange bounds {{range N}} with a number written in the
	// template, nested ranges multiplied: a report needs a few dozen.
	maxLiteralRange = 1_000_000
	// maxWidth bounds printf widths and precisions, which make text out
	// of nothing before the output budget can see it.
	maxWidth = 10_000
	// tickFunc is called, by instrument, at the start of every range
	// iteration and every template call: the places where execution can
	// repeat. It is not a name templates can write by accident.
	tickFunc = "_nianbao_tick"
)

// budget is the time and output a composition may use. text/template has
// no context; instead every loop iteration and template call ticks (see
// instrument) and every write is counted, both failing once over budget.
// Execution is thus stopped where it loops, with that loop's line, and
// needs no goroutine that would keep burning CPU after a timeout.
type budget struct {
	buf      bytes.Buffer
	max      int
	limit    time.Duration
	deadline time.Time
	at       string // "file:line" of the last loop or template entered
	ticks    int
}

func newBudget(l Limits) *budget {
	b := &budget{max: l.Output, limit: l.Time}
	if b.max <= 0 {
		b.max = defaultOutput
	}
	if b.limit <= 0 {
		b.limit = defaultTime
	}
	return b
}

func (b *budget) start() { b.deadline = time.Now().Add(b.limit) }

// budgetError is a budget overrun at a template line.
type budgetError struct{ at, msg string }

func (e *budgetError) Error() string { return e.at + "：" + e.msg }

func (b *budget) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > b.max {
		return 0, &budgetError{b.at, fmt.Sprintf("模板生成的内容超过 %d MB，已停止。请检查这里的 {{range}} 循环次数", b.max>>20)}
	}
	if err := b.checkTime(); err != nil {
		return 0, err
	}
	return b.buf.Write(p)
}

func (b *budget) checkTime() error {
	if time.Now().After(b.deadline) {
		return &budgetError{b.at, fmt.Sprintf("模板执行超过 %s仍未完成，已停止。请检查这里的 {{range}} 循环次数或模板的相互调用", chineseDuration(b.limit))}
	}
	return nil
}

func (b *budget) tick(at string) (string, error) {
	b.at = at
	b.ticks++
	if b.ticks%64 == 0 { // reading the clock costs more than a tick
		return "", b.checkTime()
	}
	return "", nil
}

func chineseDuration(d time.Duration) string {
	if d >= time.Second {
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " 秒"
	}
	return strconv.FormatInt(d.Milliseconds(), 10) + " 毫秒"
}

// instrument checks the parsed templates for ranges over too large a
// number and inserts the ticks of budget: one at the start of each range
// body and of each template.
func instrument(root *template.Template) error {
	for _, t := range root.Templates() {
		if t.Tree == nil || t.Root == nil {
			continue
		}
		w := walker{tree: t.Tree}
		if err := w.list(t.Root, 1); err != nil {
			return err
		}
		prepend(t.Root, w.tickNode(t.Root.Position(), lineOf(t.Tree, t.Root.Position())))
	}
	return nil
}

type walker struct{ tree *parse.Tree }

func (w walker) list(l *parse.ListNode, mult int64) error {
	if l == nil {
		return nil
	}
	for _, n := range l.Nodes {
		if err := w.node(n, mult); err != nil {
			return err
		}
	}
	return nil
}

func (w walker) node(n parse.Node, mult int64) error {
	switch n := n.(type) {
	case *parse.ListNode:
		return w.list(n, mult)
	case *parse.IfNode:
		return w.branch(&n.BranchNode, mult)
	case *parse.WithNode:
		return w.branch(&n.BranchNode, mult)
	case *parse.RangeNode:
		inner := mult
		if k, ok := literalCount(n.Pipe); ok && k > 0 {
			// mult is at most maxLiteralRange here, so the product of two
			// numbers within it cannot overflow.
			if k > maxLiteralRange || mult*k > maxLiteralRange {
				return &budgetError{w.tree.ParseName + ":" + strconv.Itoa(n.Line), fmt.Sprintf(
					"{{range %d}} 要重复 %d 次（连同外层循环共 %s 次），超过上限 %d 次。请检查数字是否多写了零", k, k, timesText(mult, k), maxLiteralRange)}
			}
			inner = mult * k
		}
		if err := w.list(n.List, inner); err != nil {
			return err
		}
		if err := w.list(n.ElseList, mult); err != nil {
			return err
		}
		prepend(n.List, w.tickNode(n.Position(), n.Line))
	}
	return nil
}

func (w walker) branch(b *parse.BranchNode, mult int64) error {
	if err := w.list(b.List, mult); err != nil {
		return err
	}
	return w.list(b.ElseList, mult)
}

// literalCount is N of {{range N}} or {{range $i := N}} written as a number.
func literalCount(p *parse.PipeNode) (int64, bool) {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0, false
	}
	num, ok := p.Cmds[0].Args[0].(*parse.NumberNode)
	if !ok || !num.IsInt {
		return 0, false
	}
	return num.Int64, true
}

func timesText(mult, k int64) string {
	if mult > 0 && k > (1<<62)/mult {
		return "极多"
	}
	return strconv.FormatInt(mult*k, 10)
}

// tickNode is {{_nianbao_tick "file:line"}}, printing nothing.
func (w walker) tickNode(pos parse.Pos, line int) parse.Node {
	at := w.tree.ParseName + ":" + strconv.Itoa(line)
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{
		parse.NewIdentifier(tickFunc).SetTree(w.tree).SetPos(pos),
		&parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: strconv.Quote(at), Text: at},
	}}
	return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Line: line,
		Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Line: line, Cmds: []*parse.CommandNode{cmd}}}
}

func prepend(l *parse.ListNode, n parse.Node) {
	if l != nil {
		l.Nodes = append([]parse.Node{n}, l.Nodes...)
	}
}

func lineOf(t *parse.Tree, pos parse.Pos) int {
	loc, _ := t.ErrorContext(&parse.TextNode{NodeType: parse.NodeText, Pos: pos})
	if m := locLine().FindStringSubmatch(loc); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 1
}

var locLine = lazyre.New(`:(\d+):\d+$`)

var printfVerb = lazyre.New(`%[-+# 0]*(\*|\d*)(?:\.(\*|\d*))?`)

// printf replaces the builtin: a width such as %0999999999d makes a
// gigabyte in one call, before any write the budget could refuse.
func printf(format string, args ...any) (string, error) {
	for _, m := range printfVerb().FindAllStringSubmatch(format, -1) {
		for _, n := range m[1:] {
			if n == "*" {
				return "", errors.New("printf 中不能用 * 指定宽度")
			}
			if v, err := strconv.Atoi(n); n != "" && (err != nil || v > maxWidth) {
				return "", fmt.Errorf("printf 的宽度或精度 %s 太大（上限 %d）", n, maxWidth)
			}
		}
	}
	return fmt.Sprintf(format, args...), nil
}

// locate turns a budget error's "file:line" into a message at the
// template's path.
func (e *budgetError) locate(srcs []source) error {
	name, line := e.at, 0
	if i := strings.LastIndex(e.at, ":"); i >= 0 {
		name = e.at[:i]
		line, _ = strconv.Atoi(e.at[i+1:])
	}
	path := name
	for _, s := range srcs {
		if s.name == name {
			path = s.path
		}
	}
	if path == "" {
		path = "模板"
	}
	return diag.Errorf(diag.Pos{File: path, Line: line}, "%s", e.msg)
}
