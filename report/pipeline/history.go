package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/published"
	"github.com/nianbao/nianbao/report/input/workbook"
)

// history reads nianbao.toml's history: earlier years' workbooks, or
// their reports as published, for the charts that follow the years. Each
// must say which year and which body it is (the stamp nianbao init
// writes, or a published report's title) and be a year before last
// year's (hasPrev) or this year's: a chart that put a year under the
// wrong name would misreport it. Every problem is reported, each at the
// key's line; the years come back newest first.
func history(cfg *config.Config, o Options, hasPrev bool) ([]compose.Past, error) {
	h := cfg.History
	if len(h.Files) == 0 {
		return nil, nil
	}
	at := diag.Pos{File: cfg.File, Line: h.Line}
	var errs diag.Errors
	fail := func(format string, args ...any) {
		errs = append(errs, diag.Errorf(at, format, args...)...)
	}
	latest := cfg.Year - 1
	if hasPrev {
		latest = cfg.Year - 2
	}
	seen := map[int]string{}
	var out []compose.Past
	for _, name := range h.Files {
		path := cfg.Path(name)
		if _, err := os.Stat(path); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				fail("找不到 history 中的“%s”。请检查 nianbao.toml 中的文件名（相对于 nianbao.toml 所在的文件夹）", name)
			} else {
				fail("无法读取 history 中的“%s”：%v", name, err)
			}
			continue
		}
		var res *workbook.Result
		switch strings.ToLower(filepath.Ext(name)) {
		case ".xlsx", ".xlsm", ".xls", ".et":
			r, err := workbook.ReadFile(path)
			if err != nil {
				var de diag.Errors
				if errors.As(err, &de) {
					for i := range de {
						de[i].Text = "（history 中的往年统计表）" + de[i].Text
					}
					errs = append(errs, o.Relative(de).(diag.Errors)...)
				} else {
					fail("history 中的“%s”无法读取：%v", name, err)
				}
				continue
			}
			res = r
		case ".html", ".htm", ".docx", ".txt":
			r, pub, _, err := published.Baseline(path, o.DisplayPath(path))
			if err != nil {
				var de diag.Errors
				if errors.As(err, &de) {
					errs = append(errs, o.Relative(de).(diag.Errors)...)
				} else {
					fail("history 中的“%s”无法读取：%v", name, err)
				}
				continue
			}
			if len(pub.Missing) > 0 {
				fail("history 中的报告“%s”缺少图表要用的数字（%s），图表不能把缺少的数字画成 0。请改用该年度的统计表", name, strings.Join(pub.Missing, "、"))
				continue
			}
			res = r
		default:
			fail("history 中的“%s”不是统计表（.xlsx）或已公布的报告（.html、.docx、.txt）", name)
			continue
		}
		y, org := res.Stamp.Year, res.Stamp.Org
		switch {
		case y == 0:
			fail("history 中的“%s”没有标明报告年度，无法知道它是哪一年的数字。请用 nianbao init 生成的统计表，或 nianbao import 导入的报告", name)
			continue
		case y >= cfg.Year:
			fail("history 中的“%s”是 %d 年度的；history 只列往年（%d 年及以前）的统计表", name, y, latest)
			continue
		case y > latest:
			fail("history 中的“%s”是上年度（%d 年）的，上年度已由 last_year_stats 或 last_year_report 提供；history 只列更早的年度", name, y)
			continue
		}
		if org != "" && !sameBody(org, cfg.Org) {
			fail("history 中的“%s”的填报单位是“%s”，本机关是“%s”。请列本机关往年的统计表", name, org, cfg.Org)
			continue
		}
		if first, dup := seen[y]; dup {
			fail("history 中的“%s”和“%s”都是 %d 年度的，每个年度只列一个", first, name, y)
			continue
		}
		seen[y] = name
		out = append(out, compose.Past{Year: y, Stats: &res.Stats})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	return out, nil
}

// sameBody compares names as typed: spaces and bracket widths don't
// count (as check does for last year's workbook).
func sameBody(a, b string) bool {
	norm := strings.NewReplacer(" ", "", "\u3000", "", "(", "（", ")", "）")
	return norm.Replace(a) == norm.Replace(b)
}
