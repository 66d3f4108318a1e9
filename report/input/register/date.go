package register

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day; the zero Date is a blank cell.
type Date struct{ Y, M, D int }

// IsZero tells whether the cell was blank.
func (d Date) IsZero() bool { return d == Date{} }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
}

// Before tells whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Y != e.Y {
		return d.Y < e.Y
	}
	if d.M != e.M {
		return d.M < e.M
	}
	return d.D < e.D
}

// Serial is the Excel day number of d (1900 date system), for formulas'
// cached values and the written cells.
func (d Date) Serial() int {
	t := time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, time.UTC)
	return int(t.Sub(excelEpoch).Hours() / 24)
}

// Excel counts from 1899-12-30 for every day after 1900-02-28 (it keeps
// Lotus's 1900-02-29).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func valid(y, m, d int) (Date, bool) {
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// parseDate reads a date cell: an Excel day number (what a date-formatted
// cell holds) or text as offices type it: 2022-03-01, 2022/3/1, 2022.3.1,
// 2022年3月1日, 20220301, with or without a time after it.
func parseDate(s string) (Date, bool) {
	if strings.ContainsAny(s, "０１２３４５６７８９") {
		s = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return '0' + (r - '０')
			}
			return r
		}, s)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "eE") {
		if len(s) == 8 && f >= 19000101 && f <= 99991231 && f == float64(int(f)) {
			n := int(f)
			return valid(n/10000, n/100%100, n%100)
		}
		// Day numbers 61 (1900-03-01) to 2958465 (9999-12-31); before that
		// Excel's calendar has a day that never was.
		if f < 61 || f >= 2958466 {
			return Date{}, false
		}
		t := excelEpoch.AddDate(0, 0, int(f))
		return Date{t.Year(), int(t.Month()), t.Day()}, true
	}
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, "日")
	s = strings.TrimSuffix(s, "号")
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '-' || r == '/' || r == '.' || r == '年' || r == '月' || r == '．' || r == '／'
	})
	if len(parts) != 3 {
		return Date{}, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 {
			return Date{}, false
		}
		n[i] = v
	}
	if len(parts[0]) != 4 {
		return Date{}, false
	}
	return valid(n[0], n[1], n[2])
}
