package stats

import (
	"errors"
	"strconv"
	"strings"
)

// DecimalPlaces is the precision of Decimal: six places of 万元 is one fen
// (0.01 元), the finest amount a report can state.
const DecimalPlaces = 6

const decimalScale = 1_000_000

// Decimal is a non-float amount with six decimal places, so that sums and
// output are exact and deterministic.
type Decimal int64

// ErrTooPrecise is returned for amounts with more than DecimalPlaces decimals.
var ErrTooPrecise = errors.New("小数位数过多")

// ParseDecimal reads "123", "123.45", "-0.5". Grouping commas must already
// be removed.
func ParseDecimal(s string) (Decimal, error) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, strconv.ErrSyntax
	}
	if intPart == "" {
		intPart = "0"
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > DecimalPlaces {
		return 0, ErrTooPrecise
	}
	ip, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || ip > (1<<62)/decimalScale {
		return 0, strconv.ErrRange
	}
	fp := int64(0)
	if frac != "" {
		fp, _ = strconv.ParseInt(frac+strings.Repeat("0", DecimalPlaces-len(frac)), 10, 64)
	}
	d := Decimal(ip*decimalScale + fp)
	if neg {
		d = -d
	}
	return d, nil
}

// DecimalFromInt converts a whole number.
func DecimalFromInt(n int64) Decimal { return Decimal(n * decimalScale) }

// IsWhole reports whether d has no fractional part.
func (d Decimal) IsWhole() bool { return d%decimalScale == 0 }

// Int returns the whole part.
func (d Decimal) Int() int64 { return int64(d) / decimalScale }

// Float is for plausibility heuristics and charts only, never for output.
func (d Decimal) Float() float64 { return float64(d) / decimalScale }

// String writes the shortest exact form: "0", "12", "9116.36", "24252.311082".
func (d Decimal) String() string {
	neg := d < 0
	if neg {
		d = -d
	}
	s := strconv.FormatInt(int64(d)/decimalScale, 10)
	if f := int64(d) % decimalScale; f != 0 {
		fs := strconv.FormatInt(f+decimalScale, 10)[1:]
		s += "." + strings.TrimRight(fs, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Fixed writes d with at least min decimal places (more if d needs them):
// Fixed(2) of 9116.36 is "9116.36", of 5 is "5.00".
func (d Decimal) Fixed(min int) string {
	s := d.String()
	intPart, frac, _ := strings.Cut(s, ".")
	for len(frac) < min {
		frac += "0"
	}
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

// MarshalText makes JSON carry the exact decimal as a string-free number via MarshalJSON.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
