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
		"section": section,
		"cn":      chineseNumber,
		"add":     func(a, b int) int { return a + b },
		"date":    chineseDate,
		"num":     groupDigits,
		"amount":  amount,
		"change":  change,
		"items":   items,
		"line":    func(s string) string { return `\` + s },
		"paras":   paras,
		"sum":     sumCells,
		"join":    strings.Join,
		"missing": func(what string) string {
			*gaps = append(*gaps, what)
			return `\（待补充：` + what + `）`
		},
	}
}

// section is the official heading of section n (1–6), written once in
// report/stats.
func section(n int) (string, error) {
	h := []string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}
	if n < 1 || n > len(h) {
		return "", fmt.Errorf("section 只接受 1 到 6，实为 %d", n)
	}
	return h[n-1], nil
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseNumber writes 1–999 as 中文序号: 一, 十, 十一, 二十, 一百零五.
func chineseNumber(n int) (string, error) {
	if n < 0 || n > 999 {
		return "", fmt.Errorf("cn 只接受 0 到 999，实为 %d", n)
	}
	if n < 10 {
		return digits[n], nil
	}
	if n < 20 {
		return "十" + map[bool]string{true: "", false: digits[n%10]}[n%10 == 0], nil
	}
	if n < 100 {
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s, nil
	}
	s := digits[n/100] + "百"
	switch rest := n % 100; {
	case rest == 0:
	case rest < 10:
		s += "零" + digits[rest]
	default:
		t, _ := chineseNumber(rest)
		if rest < 20 {
			t = "一" + t
		}
		s += t
	}
	return s, nil
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

// paras writes the office's text as literal paragraphs.
func paras(s string) string {
	var out []string
	for _, p := range splitParas(s) {
		out = append(out, `\`+p)
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
