package workbook

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/report/lazyre"
	"github.com/nianbao/nianbao/report/stats"
)

// cellKind is how a cell's text was understood.
type cellKind int

const (
	kindNumber      cellKind = iota
	kindBlank                // empty: read as 0, warned
	kindPlaceholder          // "/", "—", "-", "无": read as 0, warned
)

var (
	errNotNumber = errors.New("not a number")
	errNegative  = errors.New("negative")
	errFraction  = errors.New("fraction")
	errTooBig    = errors.New("too big")
)

// maxCount bounds counts: far above any real body (淮安 2024: 3,985,758
// 行政处罚), low enough that sums cannot overflow.
const maxCount = 1_000_000_000_000

var placeholders = map[string]bool{
	"/": true, "／": true, "\\": true, "—": true, "——": true, "-": true, "－": true, "--": true,
	"–": true, "―": true, "无": true, "空": true,
}

// Used only for figures typed with separators or exponents: compiled then.
var (
	grouped    = lazyre.New(`^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$`)
	scientific = lazyre.New(`^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$`)
)

// normalizeNumber folds what people type into ASCII: full-width digits and
// punctuation, surrounding spaces, thousands separators.
func normalizeNumber(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '．':
			r = '.'
		case r == '，':
			r = ','
		case r == '－' || r == '−':
			r = '-'
		case r == '＋':
			r = '+'
		}
		if isBlank(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isBlank tells the characters a cell can hold and still look empty.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

// parseValue reads one cell's text as a count (decimal=false) or an amount.
// The text is a raw cell value: what the user typed, or what a formula cached.
func parseValue(raw string, decimal bool) (stats.Decimal, cellKind, error) {
	trimmed := strings.TrimFunc(raw, isBlank)
	if trimmed == "" {
		return 0, kindBlank, nil
	}
	if placeholders[trimmed] {
		return 0, kindPlaceholder, nil
	}
	s := normalizeNumber(trimmed)
	if strings.Contains(s, ",") {
		if !grouped().MatchString(s) {
			return 0, kindNumber, errNotNumber
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	d, err := stats.ParseDecimal(s)
	switch {
	case err == nil:
	case errors.Is(err, stats.ErrTooPrecise) && floatNoise(s):
		// A spreadsheet's binary float, e.g. 0.30000000000000004: round it.
		f, _ := strconv.ParseFloat(s, 64)
		if math.Abs(f) > maxCount {
			// Scaling would overflow int64, which can turn the sign.
			return 0, kindNumber, errTooBig
		}
		d = stats.Decimal(math.Round(f * 1e6))
	case errors.Is(err, stats.ErrTooPrecise):
		if !decimal {
			return 0, kindNumber, errFraction
		}
		return 0, kindNumber, err
	case scientific().MatchString(s):
		// 1E+3, 1.5E-7: as a spreadsheet stores very large or small numbers.
		// (The pattern keeps out what else ParseFloat takes: 0x1ep3, 1_0e3.)
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return 0, kindNumber, errTooBig // only ErrRange gets here
		}
		// Read the plain digits again, so that 1E-7 is a fraction (count) or
		// too precise (amount) rather than silently rounded to 0.
		return parseValue(strconv.FormatFloat(f, 'f', -1, 64), decimal)
	case errors.Is(err, strconv.ErrRange):
		return 0, kindNumber, errTooBig
	default:
		return 0, kindNumber, errNotNumber
	}
	if d < 0 {
		return d, kindNumber, errNegative
	}
	if d.Int() > maxCount {
		return 0, kindNumber, errTooBig
	}
	if !decimal && !d.IsWhole() {
		return d, kindNumber, errFraction
	}
	return d, kindNumber, nil
}

// floatNoise tells a binary-float artefact (15+ significant digits) from
// an amount someone typed with too many decimals.
func floatNoise(s string) bool {
	_, frac, _ := strings.Cut(s, ".")
	return len(frac) >= 12
}
