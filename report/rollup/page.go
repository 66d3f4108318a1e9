package rollup

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/nianbao/nianbao/report/diag"
)

// Page is the overview an office sends round: every unit with its state
// and each error with its file, sheet and cell, the units left out and
// why, the key figures of the sum, and the scope the report will state
// (本系统, 本行政区域, 本级; "" when [rollup] has none yet, which the
// page says blocks a formal report). Same result, same bytes.
func Page(org, scope string, r *Result) []byte {
	type problem struct {
		Severity, Rule, Where, Text string
	}
	type row struct {
		Unit
		N        int
		Class    string
		Problems []problem
		Figures  []string
	}
	var rows []row
	for i, u := range r.Units {
		rw := row{Unit: u, N: i + 1, Class: string(u.State)}
		for _, f := range u.Findings {
			where := ""
			if len(f.Cells) > 0 {
				where = f.Cells[0].String()
			}
			rw.Problems = append(rw.Problems, problem{f.Severity.String(), f.Rule, where, f.Message})
		}
		for _, m := range u.Messages {
			rw.Problems = append(rw.Problems, problem{m.Severity.String(), m.Rule, posText(m.Pos), m.Text})
		}
		if u.Included {
			for _, k := range KeyFigures {
				rw.Figures = append(rw.Figures, k.Get(u.Stats))
			}
		}
		rows = append(rows, rw)
	}
	var sum []string
	var heads []string
	for _, k := range KeyFigures {
		heads = append(heads, k.Label)
		sum = append(sum, k.Get(&r.Sum))
	}
	data := map[string]any{
		"Org": org, "Scope": scope, "NoScope": NoScope, "Year": r.Year, "Rows": rows, "Others": r.Others, "Heads": heads, "Sum": sum,
		"Included": r.Included, "Total": len(r.Units), "Blockers": r.Blockers(),
	}
	var b bytes.Buffer
	if err := pageTmpl().Execute(&b, data); err != nil {
		panic(err) // the template is ours and its data always fits it
	}
	return b.Bytes()
}

// NoScope says that [rollup] has no scope yet, in the words of the formal
// gate of build and status (report/pipeline), which it foretells.
const NoScope = "nianbao.toml 的 [rollup] 中还没有写明汇总范围：请加上 scope = \"本系统\"、\"本行政区域\" 或 \"本级\"，报告前言据此写明是哪一种汇总（三者不能混用）；写明之前不能生成正式报告。"

func posText(p diag.Pos) string {
	if p.IsZero() {
		return ""
	}
	return p.String()
}

// pageTmpl is parsed at the first roll-up, not at every start.
var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(pageSource))
})

const pageSource = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{.Org}}{{.Year}}年度统计表汇总情况</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:.3em .6em;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}td.n{text-align:right}td.n,td.s{white-space:nowrap}
tr.ok td.s{color:#176b2c}tr.errors td.s,tr.duplicate td.s,tr.wrong_year td.s,tr.unreadable td.s,tr.missing td.s{color:#b00020;font-weight:bold}
tr.excluded td.s{color:#666}p.warn{color:#b00020}ul{margin:.2em 0;padding-left:1.2em}code{font-family:inherit;background:#f6f6f6}
</style>
</head>
<body>
<h1>{{.Org}} {{.Year}} 年度统计表汇总情况</h1>
{{with .Scope}}<p>汇总范围：<strong>{{.}}</strong>。报告前言据此写明：由{{$.Org}}汇总{{.}}{{if eq . "本行政区域"}}内{{end}}{{$.Included}}个单位的政府信息公开工作年度报告数据编制而成。</p>{{else}}<p class="warn">汇总范围：<strong>尚未写明</strong>。{{.NoScope}}</p>{{end}}
<p>名单共 {{.Total}} 个单位，{{.Included}} 个纳入汇总。{{if .Blockers}}<strong>尚不能作为正式汇总（{{len .Blockers}} 项）。</strong>{{else}}每个单位都已报送且没有错误，或已写明不纳入汇总的原因。{{end}}</p>
<h2>各单位情况</h2>
<table>
<tr><th>序号</th><th>单位</th><th>状态</th><th>文件</th><th>需要改正或注意的问题（文件 › 工作表!单元格）</th></tr>
{{range .Rows}}<tr class="{{.Class}}" id="u{{.N}}"><td class="n">{{.N}}</td><td>{{.Name}}</td><td class="s">{{.Label}}</td><td>{{range $i, $f := .Files}}{{if $i}}<br>{{end}}{{$f}}{{end}}</td><td>{{if and .Reason (ne .Class "errors")}}{{.Reason}}{{end}}{{if .Problems}}<ul>{{range .Problems}}<li>{{.Severity}}{{if .Rule}} {{.Rule}}{{end}}{{if .Where}} <code>{{.Where}}</code>{{end}}：{{.Text}}</li>{{end}}</ul>{{end}}</td></tr>
{{end}}</table>
{{if .Others}}<h2>名单之外的文件</h2>
<table><tr><th>文件</th><th>情况</th><th>说明</th></tr>
{{range .Others}}<tr><td>{{.Path}}</td><td>{{.Label}}{{with .Suggest}}<br>是否为“{{.}}”？{{end}}</td><td>{{range .Messages}}{{.Text}} {{end}}</td></tr>
{{end}}</table>{{end}}
<h2>主要数字</h2>
<table><tr><th>单位</th>{{range .Heads}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}{{if .Included}}<tr><td>{{.Name}}</td>{{range .Figures}}<td class="n">{{.}}</td>{{end}}</tr>
{{end}}{{end}}<tr><th>合计</th>{{range .Sum}}<th class="n">{{.}}</th>{{end}}</tr>
</table>
<p>由 nianbao rollup 生成：汇总统计表的每个数字等于纳入汇总的各单位之和。</p>
</body>
</html>
`
