package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/check/similar"
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

// docSections is the composed report's text by section, paragraphs
// separated by "\n".
func docSections(d *doc.Document) [6]string {
	var parts [6][]string
	cur := -1
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Heading:
			if b.Level == 1 {
				cur = -1
				for i, h := range sectionHeadings {
					if b.Text == h {
						cur = i
					}
				}
				continue
			}
			if cur >= 0 {
				parts[cur] = append(parts[cur], b.Text)
			}
		case doc.Paragraph:
			if cur >= 0 {
				parts[cur] = append(parts[cur], strings.Split(b.Text, "\n")...)
			}
		case doc.List:
			if cur >= 0 {
				parts[cur] = append(parts[cur], b.Items...)
			}
		case doc.Note:
			if cur >= 0 {
				parts[cur] = append(parts[cur], b.Text)
			}
		}
	}
	var out [6]string
	for i, p := range parts {
		out[i] = strings.Join(p, "\n")
	}
	return out
}

// copied is R18: this year's sections 一、五、六 against last year's
// published text.
func copied(cfg *config.Config, d *doc.Document, prev *published.Result, prevFile string) []check.Finding {
	limit := cfg.SimilarityThreshold
	if limit <= 0 {
		limit = DefaultSimilarity
	}
	cur := docSections(d)
	var out []check.Finding
	for _, i := range r18Sections {
		if prev.Sections[i] == "" || cur[i] == "" {
			continue
		}
		r := similar.Compare(cur[i], prev.Sections[i])
		pct := r.Ratio * 100
		if r.Counted == 0 || pct <= limit {
			continue
		}
		h := sectionHeadings[i]
		f := check.Finding{Rule: "R18", Severity: diag.Warning,
			Expected: fmt.Sprintf("≤ %.0f%%", limit), Found: fmt.Sprintf("%.0f%%", pct)}
		var quotes []string
		for _, p := range r.Passages {
			text := []rune(p.Text)
			q := string(text)
			if len(text) > 60 {
				q = string(text[:60]) + "……"
			}
			where := fmt.Sprintf("本年第 %d 段", p.CurPara)
			if p.PrevPar > 0 {
				where += fmt.Sprintf("，上年第 %d 段", p.PrevPar)
			}
			quotes = append(quotes, fmt.Sprintf("“%s”（%s）", q, where))
			if len(f.Cells) == 0 {
				f.Cells = []diag.Pos{{What: fmt.Sprintf("本年报告“%s”第 %d 段", h, p.CurPara)}}
				if p.PrevPar > 0 {
					f.Cells = append(f.Cells, diag.Pos{File: prevFile, What: fmt.Sprintf("“%s”第 %d 段", h, p.PrevPar)})
				}
			}
		}
		if len(f.Cells) == 0 {
			f.Cells = []diag.Pos{{What: "本年报告“" + h + "”"}}
		}
		f.Message = fmt.Sprintf("“%s”有 %.0f%% 的文字与上年报告相同（超过 %.0f%%），内容雷同是追责情形，请按本年情况重写。最长的相同段落：%s",
			h, pct, limit, strings.Join(quotes, "；"))
		out = append(out, f)
	}
	return out
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
