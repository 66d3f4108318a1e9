package compose

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/nianbao/nianbao/report/stats"
)

// funcs are the helpers for Chinese writing that templates get. gaps
// collects what a template marked as missing content.
func funcs(gaps *[]string) template.FuncMap {
	return template.FuncMap{
		"cn":     chineseNumber,
		"add":    func(a, b int) int { return a + b },
		"date":   chineseDate,
		"num":    groupDigits,
		"amount": amount,
		"change": change,
		"items":  items,
		"line":   func(s string) string { return `\` + markOwn(s) },
		"own":    markOwn,
		"paras":  paras,
		"sum":    sumCells,
		"join":   strings.Join,
		"missing": func(what string) string {
			*gaps = append(*gaps, what)
			return `\（待补充：` + what + `）`
		},
	}
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// maxChinese bounds cn: below 一亿亿 every number has one reading with
// the units 万 and 亿, and a count in a report never comes near it.
const maxChinese = 1e16 - 1

// chineseNumber writes a count as 中文序号 or 中文数字: 一, 十, 十一, 二十,
// 一百零五, 一千零一, 一万, 十万零一, 一亿零一万…. Templates number items
// with it, and a section may hold any number of tasks, so it must not stop
// at a fixed size.
func chineseNumber(v any) (string, error) {
	n, err := toInt(v)
	if err != nil {
		return "", err
	}
	if n < 0 || n > maxChinese {
		return "", fmt.Errorf("cn 只接受 0 到 %d，实为 %d", int64(maxChinese), n)
	}
	if n == 0 {
		return digits[0], nil
	}
	return cnLarge(n, true), nil
}

// cnLarge writes n ≥ 1 in groups of 亿 and 万; lead is true when n opens
// the number (then 10–19 read 十…, inside they read 一十…).
func cnLarge(n int64, lead bool) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1e8, "亿"}, {1e4, "万"}} {
		if n < u.size {
			continue
		}
		s := cnLarge(n/u.size, lead) + u.name
		if rest := n % u.size; rest > 0 {
			// A gap of zeros between the unit and the rest reads 零 once.
			if rest < u.size/10 {
				s += digits[0]
			}
			s += cnLarge(rest, false)
		}
		return s
	}
	return cnSmall(int(n), lead)
}

// cnSmall writes 1–9999: 一千零一, 一千零一十, 一百一十, 十一.
func cnSmall(n int, lead bool) string {
	units := []string{"千", "百", "十", ""}
	var b strings.Builder
	zero := false
	for i, div := range []int{1000, 100, 10, 1} {
		d := n / div % 10
		if d == 0 {
			zero = b.Len() > 0
			continue
		}
		if zero {
			b.WriteString(digits[0])
			zero = false
		}
		if !(d == 1 && i == 2 && lead && b.Len() == 0) {
			b.WriteString(digits[d])
		}
		b.WriteString(units[i])
	}
	return b.String()
}

// chineseDate writes 2023年1月15日.
func chineseDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

func toInt(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case int32:
		return int64(n), nil
	}
	return 0, fmt.Errorf("需要整数，实为 %T", v)
}

// groupDigits writes 3119 as 3,119.
func groupDigits(v any) (string, error) {
	n, err := toInt(v)
	if err != nil {
		return "", err
	}
	return group(strconv.FormatInt(n, 10)), nil
}

func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// amount writes a decimal with grouped digits: 96171.6 → 96,171.6.
func amount(d stats.Decimal) string {
	ip, frac, ok := strings.Cut(d.String(), ".")
	if ok {
		return group(ip) + "." + frac
	}
	return group(ip)
}

// change words the year-over-year change of a figure: 比上年增长12.5%,
// 比上年下降3.0%, 与上年持平, or — when last year was 0, where a
// percentage means nothing — 上年为0.
func change(cur, prev any) (string, error) {
	c, err := toInt(cur)
	if err != nil {
		return "", err
	}
	p, err := toInt(prev)
	if err != nil {
		return "", err
	}
	switch {
	case c == p:
		return "与上年持平", nil
	case p == 0:
		return "上年为0", nil
	}
	diff := c - p
	word := "增长"
	if diff < 0 {
		word, diff = "下降", -diff
	}
	// tenths of a percent, rounded half away from zero, in integers.
	tenths := (diff*2000/p + 1) / 2
	return fmt.Sprintf("比上年%s%d.%d%%", word, tenths/10, tenths%10), nil
}

// items joins the non-zero figures of label/value pairs with 、:
// items "件" "予以公开" 3 "部分公开" 0 "无法提供" 1 → 予以公开3件、无法提供1件.
func items(unit string, pairs ...any) (string, error) {
	if len(pairs)%2 != 0 {
		return "", fmt.Errorf("items 需要成对的名称和数字")
	}
	var parts []string
	for i := 0; i < len(pairs); i += 2 {
		label, ok := pairs[i].(string)
		if !ok {
			return "", fmt.Errorf("items 的第 %d 个参数应为名称", i+2)
		}
		n, err := toInt(pairs[i+1])
		if err != nil {
			return "", err
		}
		if n != 0 {
			parts = append(parts, fmt.Sprintf("%s%s%s", label, group(strconv.FormatInt(n, 10)), unit))
		}
	}
	return strings.Join(parts, "、"), nil
}

// paras writes the office's text as literal paragraphs, marked as the
// office's (markOwn).
func paras(s string) string {
	var out []string
	for _, p := range splitParas(s) {
		out = append(out, `\`+markOwn(p))
	}
	return strings.Join(out, "\n\n")
}

// sumCells adds 表三 cells over a range of rows in one column:
// sum .Stats "r05" "r12" "G" is the 不予公开 total. Row and column keys
// are the stable keys (r01–r25, A–G).
func sumCells(s *stats.Stats, from, to, col string) (int64, error) {
	row := func(key string) (int, error) {
		for i, r := range stats.RequestRows {
			if r.Key == key {
				return i, nil
			}
		}
		return 0, fmt.Errorf("sum：没有行“%s”，应为 r01 到 r25", key)
	}
	a, err := row(from)
	if err != nil {
		return 0, err
	}
	b, err := row(to)
	if err != nil {
		return 0, err
	}
	if a > b {
		a, b = b, a
	}
	for c, rc := range stats.RequestCols {
		if rc.Key == col {
			return sumRows(s, a, b, c), nil
		}
	}
	return 0, fmt.Errorf("sum：没有列“%s”，应为 A 到 G", col)
}

func sumRows(s *stats.Stats, from, to, col int) int64 {
	var n int64
	for r := from; r <= to; r++ {
		n += s.Requests[r][col]
	}
	return n
}

// ChineseDate writes a date as the report does (2023年1月5日).
func ChineseDate(t time.Time) string { return chineseDate(t) }

// Change is the template helper change: a year-over-year wording
// (比上年增长12.5%), for kinds and their tests.
func Change(cur, prev any) (string, error) { return change(cur, prev) }
