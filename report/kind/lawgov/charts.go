package lawgov

import (
	"slices"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/kind/disclosure"
	"github.com/nianbao/nianbao/report/stats"
)

// chartNames are the charts the 法治 report's figures allow: the same
// 表二 and 表四 of the same workbook the report quotes, drawn by the 年报's
// charts so that the two reports never show different figures.
var chartNames = []string{disclosure.ChartDocs, disclosure.ChartAppeals}

func chart(id string, in compose.Input) *doc.Chart {
	if !slices.Contains(chartNames, id) {
		return nil
	}
	return disclosure.Chart(id, in)
}

// keyFigures are the 年报's key figures this report quotes: 现行有效
// 行政规范性文件, 行政复议, 行政诉讼.
func keyFigures(in compose.Input) []doc.KeyFigure {
	var out []doc.KeyFigure
	for _, k := range disclosure.KeyFigures(in) {
		if k.Label == stats.LabelReview || k.Label == stats.LabelSuit || k.Source == "normative_docs.in_force" {
			out = append(out, k)
		}
	}
	return out
}
