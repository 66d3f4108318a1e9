package pipeline

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/check/similar"
	"github.com/nianbao/nianbao/report/check/textcheck"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/published"
	"github.com/nianbao/nianbao/report/stats"
)

// DefaultSimilarity is the R18 threshold (percent) when nianbao.toml sets none.
const DefaultSimilarity = 50

// r18Sections are the sections R18 compares: 一、五、六 (docs/rules.md#r18).
var r18Sections = []int{0, 4, 5}

var sectionHeadings = [6]string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}

// SectionSimilarity is R18's measure of one section: how much of the
// office's text, and apart from it of the template's, repeats last year's
// report. Only the office's share can give a warning.
type SectionSimilarity struct {
	Section string `json:"section"`
	// Own is the office's text (its narrative, its ledger entries): the
	// percentage found in last year's section, of OwnChars characters
	// measured.
	Own      float64 `json:"own_percent"`
	OwnChars int     `json:"own_chars"`
	// Generated is the same for the template's text (the preamble, the
	// statistical sentences), for information.
	Generated      float64 `json:"generated_percent"`
	GeneratedChars int     `json:"generated_chars"`
}

// piece is a part of this year's section, all the office's or all the
// template's, with its place ("（二）依申请公开第 2 段").
type piece struct {
	text, place string
}

// docParts is the composed report's sections 一 to 六, each cut into the
// office's pieces and the template's (doc.Paragraph.Own). Headings are the
// template's and left out: every report has them.
func docParts(d *doc.Document) (own, gen [6][]piece) {
	cur, sub, n := -1, "", 0
	add := func(text string, spans []doc.Span) {
		n++
		place := fmt.Sprintf("第 %d 段", n)
		if sub != "" {
			place = sub + place
		}
		put := func(to *[]piece, t string) {
			for _, l := range strings.Split(t, "\n") {
				if strings.TrimSpace(l) != "" {
					*to = append(*to, piece{text: l, place: place})
				}
			}
		}
		at := 0
		for _, sp := range spans {
			put(&gen[cur], text[at:sp.Start])
			put(&own[cur], text[sp.Start:sp.End])
			at = sp.End
		}
		put(&gen[cur], text[at:])
	}
	for _, b := range d.Blocks {
		if h, ok := b.(doc.Heading); ok && h.Level == 1 {
			cur, sub, n = -1, "", 0
			for i, t := range sectionHeadings {
				if h.Text == t {
					cur = i
				}
			}
			continue
		}
		if cur < 0 {
			continue
		}
		switch b := b.(type) {
		case doc.Heading:
			if b.Level == 2 {
				sub, n = b.Text, 0
			}
		case doc.Paragraph:
			add(b.Text, b.Own)
		case doc.List:
			for i, it := range b.Items {
				var spans []doc.Span
				if i < len(b.Own) {
					spans = b.Own[i]
				}
				add(it, spans)
			}
		case doc.Note:
			add(b.Text, nil)
		}
	}
	return own, gen
}

func texts(ps []piece) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

// copied is R18: this year's sections 一、五、六 against last year's
// published text, the office's text and the template's apart. ledger are
// the office's ledger entries, to name the task a copied passage came
// from. It returns the warnings and every compared section's figures.
func copied(cfg *config.Config, d *doc.Document, prev *published.Result, prevFile string, ledger []textcheck.Text) ([]check.Finding, []SectionSimilarity) {
	limit := cfg.SimilarityThreshold
	if limit <= 0 {
		limit = DefaultSimilarity
	}
	own, gen := docParts(d)
	var out []check.Finding
	var sims []SectionSimilarity
	for _, i := range r18Sections {
		if prev.Sections[i] == "" || len(own[i])+len(gen[i]) == 0 {
			continue
		}
		ro := similar.CompareParas(texts(own[i]), prev.Sections[i])
		rg := similar.CompareParas(texts(gen[i]), prev.Sections[i])
		h := sectionHeadings[i]
		sim := SectionSimilarity{Section: h, Own: percent(ro.Ratio), OwnChars: ro.Counted,
			Generated: percent(rg.Ratio), GeneratedChars: rg.Counted}
		sims = append(sims, sim)
		if ro.Counted == 0 || ro.Ratio*100 <= limit {
			continue
		}
		f := check.Finding{Rule: "R18", Severity: diag.Warning,
			Expected: fmt.Sprintf("≤ %.0f%%", limit), Found: fmt.Sprintf("%.0f%%", sim.Own)}
		var quotes []string
		for _, p := range ro.Passages {
			text := []rune(p.Text)
			q := string(text)
			if len(text) > 60 {
				q = string(text[:60]) + "……"
			}
			place := own[i][p.CurPara-1].place
			here := diag.Pos{What: fmt.Sprintf("本年报告“%s”%s", h, place)}
			where := here.String()
			if t, ok := ledgerEntry(ledger, p.Text); ok {
				here = t.Where
				here.What = t.What
				where += "，取自" + here.String()
			}
			var there diag.Pos
			if p.PrevPar > 0 {
				there = diag.Pos{File: prevFile, What: fmt.Sprintf("“%s”第 %d 段", h, p.PrevPar)}
				where += "；上年：" + there.String()
			}
			quotes = append(quotes, fmt.Sprintf("“%s”（%s）", q, where))
			if len(f.Cells) == 0 {
				f.Cells = []diag.Pos{here}
				if p.PrevPar > 0 {
					f.Cells = append(f.Cells, there)
				}
			}
		}
		if len(f.Cells) == 0 {
			f.Cells = []diag.Pos{{What: "本年报告“" + h + "”"}}
		}
		f.Message = fmt.Sprintf("“%s”中办公室撰写的文字有 %.0f%% 与上年报告相同（超过 %.0f%%），内容雷同是追责情形，请按本年情况重写。最长的相同段落：%s",
			h, sim.Own, limit, strings.Join(quotes, "；"))
		if rg.Counted > 0 {
			f.Message += fmt.Sprintf("。模板生成的文字（统计句式等）另有 %.0f%% 与上年相同，不算雷同", sim.Generated)
		}
		out = append(out, f)
	}
	return out, sims
}

func percent(r float64) float64 { return math.Round(r*1000) / 10 }

// ledgerEntry is the ledger entry that holds a copied passage (spaces
// aside, as the comparison ignores them).
func ledgerEntry(ledger []textcheck.Text, passage string) (textcheck.Text, bool) {
	for _, t := range ledger {
		if strings.Contains(noSpace(t.Text), passage) {
			return t, true
		}
	}
	return textcheck.Text{}, false
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// ComparesText says whether cfg's folder has last year's text for R18:
// a published report as the baseline, or the text nianbao import wrote
// next to last year's workbook. check then opens the folder whole, as R18
// needs the composed report.
func ComparesText(cfg *config.Config) bool {
	if cfg == nil {
		return false
	}
	if cfg.LastYearReport != "" {
		return true
	}
	if cfg.LastYearStats == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(filepath.Dir(cfg.Path(cfg.LastYearStats)), published.TextFileName(cfg.Year-1)))
	return err == nil
}
