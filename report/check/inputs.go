package check

import (
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// identity: the workbooks belong to this body and year (last year's to the
// year before). A workbook from another year or body would publish another
// report's figures under this one's title.
func (c *checker) identity() {
	in := c.in
	if in.File == "" {
		return // figures without a workbook (tests, other sources)
	}
	cur, prev := in.Stamp, in.PrevStamp
	stamped := func(s stats.Stamp) bool { return s.Where.File != "" }
	where := func(s stats.Stamp) diag.Pos { return s.Where }
	file := func(name string) diag.Pos { return diag.Pos{File: name} }
	if !stamped(cur) {
		c.add("ID", diag.Warning, []diag.Pos{file(in.File)}, nil, nil,
			"统计表没有标明填报单位和报告年度（不是 nianbao init 生成的，或是旧版）。请确认它是%s本年度的统计表", orEmpty(in.Org))
	} else {
		if in.Year != 0 && cur.Year != 0 && cur.Year != in.Year {
			c.add("ID", diag.Error, []diag.Pos{where(cur)}, in.Year, cur.Year,
				"统计表的报告年度是 %d 年，本报告是 %d 年度。请使用本年度的统计表（nianbao init 生成），或在 nianbao.toml 中改正 stats", cur.Year, in.Year)
		}
		if in.Org != "" && cur.Org != "" && !sameOrg(cur.Org, in.Org) {
			c.add("ID", diag.Error, []diag.Pos{where(cur)}, in.Org, cur.Org,
				"统计表的填报单位是“%s”，本报告的机关是“%s”。请使用本机关的统计表，或核对 nianbao.toml 中的 org", cur.Org, in.Org)
		}
	}
	if in.Prev == nil {
		return
	}
	if !stamped(prev) {
		c.add("ID", diag.Warning, []diag.Pos{file(in.PrevFile)}, nil, nil,
			"上年度统计表 %s 没有标明填报单位和报告年度，请确认它是%s上一年度的统计表", in.PrevFile, orEmpty(in.Org))
		return
	}
	wantYear := in.Year - 1
	if in.Year == 0 && cur.Year != 0 {
		wantYear = cur.Year - 1
	}
	if wantYear > 0 && prev.Year != 0 && prev.Year != wantYear {
		c.add("ID", diag.Error, []diag.Pos{where(prev), file(in.File)}, wantYear, prev.Year,
			"上年度统计表 %s 的报告年度是 %d 年，应为 %d 年（本年度统计表 %s 是 %d 年度）。请在 nianbao.toml 的 last_year_stats 中指定上一年度的统计表",
			in.PrevFile, prev.Year, wantYear, in.File, wantYear+1)
	}
	org := in.Org
	if org == "" {
		org = cur.Org
	}
	if org != "" && prev.Org != "" && !sameOrg(prev.Org, org) {
		c.add("ID", diag.Error, []diag.Pos{where(prev), file(in.File)}, org, prev.Org,
			"上年度统计表 %s 的填报单位是“%s”，与本机关“%s”不同。请指定本机关上一年度的统计表", in.PrevFile, prev.Org, org)
	}
}

func orEmpty(org string) string {
	if org == "" {
		return ""
	}
	return "“" + org + "”"
}

// sameOrg compares names as typed: spaces and bracket widths don't count.
func sameOrg(a, b string) bool {
	norm := strings.NewReplacer(" ", "", "\u3000", "", "(", "（", ")", "）")
	return norm.Replace(a) == norm.Replace(b)
}

// blanks: a formal report states figures, so a blank cell must be filled
// or confirmed as 0 (blank_as_zero), and a table nobody filled is never 0.
func (c *checker) blanks() {
	whole := map[string]bool{}
	for _, p := range c.in.BlankTables {
		whole[p.Sheet] = true
		c.add("R16", diag.Error, []diag.Pos{p}, nil, nil,
			"“%s”工作表一个数字也没有填。官方格式要求表格完整填写，没有的填 0；整张表空白不能当作 0（blank_as_zero 对它不适用）。请填写本年度的数字", p.Sheet)
	}
	for _, m := range c.in.BlankNotes {
		if whole[m.Pos.Sheet] {
			continue
		}
		if c.in.BlankAsZero {
			c.add("R16", diag.Warning, []diag.Pos{m.Pos}, nil, nil, "%s。已按 nianbao.toml 中 blank_as_zero = true 视为 0", strings.TrimSuffix(m.Text, "。"))
			continue
		}
		c.add("R16", diag.Error, []diag.Pos{m.Pos}, nil, nil,
			"%s，请填写数字（没有的填 0）。如这些空白确实表示 0，请在 nianbao.toml 中设置 blank_as_zero = true", strings.TrimSuffix(m.Text, "。"))
	}
}

// textNumbers: the sheet's own totals skip a number stored as text, so
// what the clerk sees in Excel differs from what nianbao reads.
func (c *checker) textNumbers() {
	for _, m := range c.in.TextNumbers {
		c.add("R6", diag.Error, []diag.Pos{m.Pos}, nil, nil, "%s", m.Text)
	}
}

// causes marks findings that one cell can explain: a number stored as
// text is skipped by its row's and its column's totals (and the grand
// total), so every rule that reads those totals disagrees with nianbao's
// count. The text cell's own R6 finding heads the group.
func (c *checker) causes() {
	var texts []diag.Pos
	for _, m := range c.in.TextNumbers {
		texts = append(texts, m.Pos)
	}
	if len(texts) == 0 {
		texts = c.crossing()
	}
	for _, t := range texts {
		places := append([]diag.Pos{t}, c.dependents(t)...)
		var hit []int
		for i, f := range c.res.Findings {
			if f.Rule == "R16" || f.Rule == "ID" {
				continue
			}
			if f.Rule == "R6" {
				if len(f.Cells) > 0 && f.Cells[0] == t {
					hit = append(hit, i)
				}
				continue
			}
			for _, p := range places {
				if covers(f.Cells, p) {
					hit = append(hit, i)
					break
				}
			}
		}
		if len(hit) < 2 {
			continue
		}
		for _, i := range hit {
			c.res.Findings[i].Cause = t
		}
	}
}

// dependents are the totals that sum over the cell at p: in 表三 its row's
// 总计, its column's （七）总计 and their crossing; in 表四 its group's 总计.
func (c *checker) dependents(p diag.Pos) []diag.Pos {
	var out []diag.Pos
	add := func(key string) {
		if q := c.loc(key); q.Cell != "" {
			out = append(out, q)
		}
	}
	for r := range stats.RequestRows {
		for col := range stats.RequestCols {
			if c.loc(stats.RequestKey(r, col)) != p {
				continue
			}
			add(stats.RequestKey(r, stats.ColTotal))
			if r >= stats.RowFirstOut && r <= stats.RowLastOut {
				add(stats.RequestKey(stats.RowTotal, col))
				add(stats.RequestKey(stats.RowTotal, stats.ColTotal))
			}
		}
	}
	for i := range c.in.Stats.Appeals {
		if c.loc(stats.AppealKey(i)) == p {
			add(stats.AppealKey(stats.AppealCol(stats.AppealCols[i].Group, stats.ResultTotal)))
		}
	}
	return out
}

// crossing is, when exactly one row (R1) and one column (R2) of 表三 fail,
// the cell where they cross: the one wrong figure that explains both.
func (c *checker) crossing() []diag.Pos {
	var rows, cols []int
	for r := range stats.RequestRows {
		var sum int64
		for col := 0; col < stats.ColTotal; col++ {
			sum += c.req(r, col)
		}
		if sum != c.req(r, stats.ColTotal) {
			rows = append(rows, r)
		}
	}
	for col := range stats.RequestCols {
		var sum int64
		for r := stats.RowFirstOut; r <= stats.RowLastOut; r++ {
			sum += c.req(r, col)
		}
		if sum != c.req(stats.RowTotal, col) {
			cols = append(cols, col)
		}
	}
	if len(rows) != 1 || len(cols) != 1 || cols[0] == stats.ColTotal || rows[0] == stats.RowTotal {
		return nil
	}
	p := c.loc(stats.RequestKey(rows[0], cols[0]))
	if p.Cell == "" {
		return nil
	}
	return []diag.Pos{p}
}

// covers tells whether one of cells (a cell or a range) contains p.
func covers(cells []diag.Pos, p diag.Pos) bool {
	for _, q := range cells {
		if q.Contains(p) {
			return true
		}
	}
	return false
}
