package disclosure

import (
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/stats"
)

// Names of the charts the 年报 offers, in the order the default
// templates place them and the 图解 shows them.
const (
	ChartRequests  = "申请办理"
	ChartOutcomes  = "办理结果"
	ChartApplicant = "申请人"
	ChartAppeals   = "复议诉讼"
	ChartDocs      = "规范性文件"
)

// ChartNames are the charts ::chart accepts.
var ChartNames = []string{ChartRequests, ChartOutcomes, ChartApplicant, ChartAppeals, ChartDocs}

// Short labels of 表三's rows and 表二's columns: a bar's label must be
// short, and the official ones are whole phrases. Each is part of the
// official label it stands for (TestChartLabelsAreOfficial).
var (
	labelNew        = "新收"    // 一、本年新收政府信息公开申请数量
	labelCarriedIn  = "上年结转"  // 二、上年结转政府信息公开申请数量
	labelHandled    = "办结"    // （七）总计 of 三、本年度办理结果
	labelCarriedOut = "结转下年度" // 四、结转下年度继续办理
	labelIssued     = "制发"    // 本年制发件数
	labelRepealed   = "废止"    // 本年废止件数
	labelInForce    = "现行有效"  // 现行有效件数
)

// shortGroup is an outcome group's label without its ordinal and its
// parenthetical: （二）部分公开（区分处理的，…） → 部分公开.
func shortGroup(g int) string {
	l := strings.TrimPrefix(stats.RequestGroups[g].Label, stats.RequestGroups[g].Ordinal())
	if i := strings.Index(l, "（"); i > 0 {
		l = l[:i]
	}
	return l
}

// year is one year's statistics, as a series of a chart.
type year struct {
	name   string // 2022年
	prefix string // "" for the report's year, "2021:" for an earlier one
	s      *stats.Stats
}

// years are the report's year and, when its workbook is there, the year
// before: the series of a chart that compares years.
func years(in compose.Input) []year {
	ys := []year{{name: strconv.Itoa(in.Config.Year) + "年", s: in.Stats}}
	if in.Prev != nil {
		py := strconv.Itoa(in.Config.Year - 1)
		ys = append(ys, year{name: py + "年", prefix: py + ":", s: in.Prev})
	}
	return ys
}

// allYears are every year the folder has, oldest first: the report's,
// last year's and the earlier ones of nianbao.toml's history. A timeline
// reads down the page in order.
func allYears(in compose.Input) []year {
	ys := years(in)
	for _, p := range in.History {
		py := strconv.Itoa(p.Year)
		ys = append(ys, year{name: py + "年", prefix: py + ":", s: p.Stats})
	}
	slices.Reverse(ys)
	return ys
}

// timeline is a chart of several figures over three years or more: one
// group of bars per year, one series per figure. Years as the series
// would need a fill per year, and the fills that stay apart in grey are
// three; figures are at most three here.
func timeline(c *doc.Chart, ys []year, labels []string, figs func(*stats.Stats) []figure) {
	c.Title = ys[0].name[:len(ys[0].name)-len("年")] + "—" + ys[len(ys)-1].name + c.Title
	c.Series = make([]doc.Series, len(labels))
	for i, l := range labels {
		c.Series[i].Name = l
	}
	for _, y := range ys {
		c.Categories = append(c.Categories, y.name)
		se := y.series(figs(y.s))
		for i := range labels {
			c.Series[i].Values = append(c.Series[i].Values, se.Values[i])
			c.Series[i].Sources = append(c.Series[i].Sources, se.Sources[i])
		}
	}
}

// figure is one value with the keys of the cells it adds up.
type figure struct {
	v    int64
	keys []string
}

func cell(s *stats.Stats, r, c int) figure {
	return figure{v: s.Requests[r][c], keys: []string{stats.RequestKey(r, c)}}
}

func group(s *stats.Stats, g int) figure {
	var f figure
	for r := stats.RequestGroups[g].First; r <= stats.RequestGroups[g].Last; r++ {
		f.v += s.Requests[r][stats.ColTotal]
		f.keys = append(f.keys, stats.RequestKey(r, stats.ColTotal))
	}
	return f
}

// series makes the series of one year from its figures.
func (y year) series(fs []figure) doc.Series {
	se := doc.Series{Name: y.name}
	for _, f := range fs {
		se.Values = append(se.Values, f.v)
		keys := make([]string, len(f.keys))
		for i, k := range f.keys {
			keys[i] = y.prefix + k
		}
		se.Sources = append(se.Sources, strings.Join(keys, "+"))
	}
	return se
}

// Chart builds the chart named id from the statistics, nil for a name
// the 年报 has no chart of. Every value is a cell of 表二, 表三 or 表四
// (or a sum of cells), this year's and, for the charts that compare
// years, last year's when its workbook is there.
func Chart(id string, in compose.Input) *doc.Chart {
	if in.Stats == nil || in.Config == nil {
		return nil
	}
	c := &doc.Chart{ID: id, Unit: "件"}
	switch id {
	case ChartRequests:
		c.Title = "政府信息公开申请办理情况"
		if len(in.History) > 0 {
			// 上年结转 is the year before's 结转下年度: over the years
			// it only repeats a bar.
			timeline(c, allYears(in), []string{labelNew, labelHandled, labelCarriedOut}, func(s *stats.Stats) []figure {
				g := stats.ColTotal
				return []figure{cell(s, stats.RowNew, g), cell(s, stats.RowTotal, g), cell(s, stats.RowCarriedOut, g)}
			})
			break
		}
		c.Categories = []string{labelNew, labelCarriedIn, labelHandled, labelCarriedOut}
		for _, y := range years(in) {
			g := stats.ColTotal
			c.Series = append(c.Series, y.series([]figure{
				cell(y.s, stats.RowNew, g), cell(y.s, stats.RowCarriedIn, g),
				cell(y.s, stats.RowTotal, g), cell(y.s, stats.RowCarriedOut, g)}))
		}
	case ChartOutcomes:
		c.Title = "申请办理结果"
		for g := range stats.NumRequestGroups {
			c.Categories = append(c.Categories, shortGroup(g))
		}
		for _, y := range years(in) {
			var fs []figure
			for g := range stats.NumRequestGroups {
				fs = append(fs, group(y.s, g))
			}
			c.Series = append(c.Series, y.series(fs))
		}
	case ChartApplicant:
		c.Title = "新收申请的申请人情况"
		for col := stats.ColNatural; col < stats.ColTotal; col++ {
			l := stats.RequestCols[col].Label
			if col >= stats.ColLegalFirst && col <= stats.ColLegalLast && l == "其他" {
				l = "其他法人或组织" // 其他 under 法人或其他组织, not other applicants
			}
			c.Categories = append(c.Categories, l)
		}
		for _, y := range years(in) {
			var fs []figure
			for col := stats.ColNatural; col < stats.ColTotal; col++ {
				fs = append(fs, cell(y.s, stats.RowNew, col))
			}
			c.Series = append(c.Series, y.series(fs))
		}
	case ChartAppeals:
		c.Title = stats.LabelReview + "、" + stats.LabelSuit + "结果"
		for res := range stats.ResultTotal {
			c.Categories = append(c.Categories, stats.AppealResults[res])
		}
		for g := range stats.NumAppealGroups {
			se := doc.Series{Name: stats.AppealGroups[g].Label}
			if p := stats.AppealGroups[g].Parent; p != "" {
				se.Name = p + "·" + se.Name
			}
			for res := range stats.ResultTotal {
				col := stats.AppealCol(g, res)
				se.Values = append(se.Values, in.Stats.Appeals[col])
				se.Sources = append(se.Sources, stats.AppealKey(col))
			}
			c.Series = append(c.Series, se)
		}
	case ChartDocs:
		c.Title = stats.LabelNormDocs + "制发、废止和现行有效情况"
		if len(in.History) > 0 {
			timeline(c, allYears(in), []string{labelIssued, labelRepealed, labelInForce}, docFigures)
			break
		}
		c.Categories = []string{labelIssued, labelRepealed, labelInForce}
		for _, y := range years(in) {
			c.Series = append(c.Series, y.series(docFigures(y.s)))
		}
	default:
		return nil
	}
	return c
}

// docFigures are 表二's 行政规范性文件: 制发, 废止, 现行有效.
func docFigures(s *stats.Stats) []figure {
	d := s.Active.NormativeDocs
	return []figure{
		{v: d.Issued, keys: []string{"normative_docs.issued"}},
		{v: d.Repealed, keys: []string{"normative_docs.repealed"}},
		{v: d.InForce, keys: []string{"normative_docs.in_force"}}}
}

// KeyFigures are the figures the 图解 shows large: 新收, 办结, 予以公开,
// 现行有效 行政规范性文件, 行政复议 and 行政诉讼, each against last year
// when its workbook is there.
func KeyFigures(in compose.Input) []doc.KeyFigure {
	if in.Stats == nil {
		return nil
	}
	type def struct {
		label string
		get   func(*stats.Stats) figure
	}
	g := stats.ColTotal
	defs := []def{
		{"新收政府信息公开申请", func(s *stats.Stats) figure { return cell(s, stats.RowNew, g) }},
		{"办结政府信息公开申请", func(s *stats.Stats) figure { return cell(s, stats.RowTotal, g) }},
		{shortGroup(stats.GroupGranted), func(s *stats.Stats) figure { return group(s, stats.GroupGranted) }},
		{labelInForce + stats.LabelNormDocs, func(s *stats.Stats) figure {
			return figure{v: s.Active.NormativeDocs.InForce, keys: []string{"normative_docs.in_force"}}
		}},
		{stats.LabelReview, func(s *stats.Stats) figure {
			c := stats.AppealCol(stats.AppealReview, stats.ResultTotal)
			return figure{v: s.Appeals[c], keys: []string{stats.AppealKey(c)}}
		}},
		{stats.LabelSuit, func(s *stats.Stats) figure {
			a := stats.AppealCol(stats.AppealSuitDirect, stats.ResultTotal)
			b := stats.AppealCol(stats.AppealSuitAfter, stats.ResultTotal)
			return figure{v: s.Appeals[a] + s.Appeals[b], keys: []string{stats.AppealKey(a), stats.AppealKey(b)}}
		}},
	}
	var out []doc.KeyFigure
	for _, d := range defs {
		f := d.get(in.Stats)
		k := doc.KeyFigure{Label: d.label, Value: f.v, Unit: "件", Source: strings.Join(f.keys, "+")}
		if in.Prev != nil {
			k.Prev, k.HasPrev = d.get(in.Prev).v, true
		}
		out = append(out, k)
	}
	return out
}
