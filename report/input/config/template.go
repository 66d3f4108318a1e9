package config

import (
	"fmt"
	"strings"
)

// Template is the nianbao.toml that init writes, commented for the office;
// law adds the [law] table of the 法治政府建设情况报告.
func Template(org string, year int, templates string, law bool) string {
	s := fmt.Sprintf(`# nianbao 配置文件：一个报告年度的政府信息公开工作年度报告
# 修改后保存即可；设置项名称请勿改动，文字要加英文双引号。

org = %s          # 机关名称（全称），用于报告标题和落款
year = %d                       # 报告年度（统计期间为该年 1 月 1 日至 12 月 31 日）
stats = "统计表.xlsx"             # 本年度统计表（nianbao init 生成，填好后保存）
last_year_stats = ""             # 上年度统计表（可选）：填写后核对上年结转（R8）和现行有效件数（R9）
plan = "工作要点.toml"            # 本年度政务公开工作要点计划（分工方案）；没有工作要点的写 plan = ""，报告文字全部取自 [narrative]
ledger = "任务台账.xlsx"          # 任务台账：记录每项任务的完成情况（也可以是 .toml 文件）
output = "输出"                   # 报告输出文件夹
deadline = %d-01-31              # 年度报告公布期限（条例第四十九条：每年 1 月 31 日前）
report_date = %d-01-15           # 成文日期（报告落款日期），法定公布期限为 %d 年 1 月 31 日前
rulemaking = false               # 本机关是否有规章制定权（设区的市、自治州以上人民政府和国务院部门为 true）
# fee_limit = 1000               # 行政事业性收费的合理上限（万元），超过时提醒可能把元当作万元填写；
                                 # 不填时按本机关的行政许可、处罚、强制决定数和上年金额估算（至少 1000 万元）
# blank_as_zero = true           # 确认统计表中留空的单元格表示 0。不确认时，空白单元格会阻止生成正式报告
                                 # （整张表空白的，无论是否确认都不能生成）

website = ""                     # 报告电子版的查阅网站，例如 "某某局门户网站（www.example.gov.cn）"
templates = %s                   # 自定义模板文件夹（nianbao init --templates 导出默认模板后填写，例如 "模板"）

# 报告前言中的联系方式，每项一行；不需要的可删除
contact = [
  "地址：",
  "邮编：",
  "电话：",
]

# 报告中由办公室撰写的文字（可选）。报告会把这些文字与任务台账中的完成情况、统计数字合在一起。
# 多段文字用三个英文双引号包起来，段与段之间空一行。
[narrative]
summary = ""       # 一、总体情况 开头的概述
active = ""        # （一）主动公开
requests = ""      # （二）依申请公开
management = ""    # （三）政府信息管理
platform = ""      # （四）政府信息公开平台建设
supervision = ""   # （五）监督保障
problems = ""      # 五、存在的主要问题
improvements = ""  # 五、改进措施和下一步工作
other = ""         # 六、其他需要报告的事项

# 打印稿 PDF 使用的字体文件（可选）。不填则使用程序内置的免费 Fandol 字体。
# .ttc 字体集合用 #序号 选择其中一款，例如 "C:/Windows/Fonts/simsun.ttc#0"。
[fonts]
title = ""     # 标题（2号小标宋），例如 "C:/Windows/Fonts/FZXBSJW.TTF"
body = ""      # 正文和三、四级标题（3号仿宋），例如 "C:/Windows/Fonts/simfang.ttf"
heading1 = ""  # 一级标题（黑体），例如 "C:/Windows/Fonts/simhei.ttf"
heading2 = ""  # 二级标题（楷体），例如 "C:/Windows/Fonts/simkai.ttf"
number = ""    # 页码（宋体），例如 "C:/Windows/Fonts/simsun.ttc#0"
table = ""     # 表格文字（仿宋）
fallback = ""  # 以上字体缺字时改用的字体

# 可编辑 DOCX 中使用的字体名称（Word、WPS 中显示的名称），不填则用下面的常用名称。
[docx_fonts]
title = ""     # 默认 方正小标宋简体
body = ""      # 默认 仿宋_GB2312
heading1 = ""  # 默认 黑体
heading2 = ""  # 默认 楷体_GB2312
number = ""    # 默认 宋体
table = ""     # 默认 仿宋_GB2312
`, Quote(org), year, year+1, year+1, year+1, Quote(templates))
	if law {
		s += "\n" + LawTemplate(year)
	}
	return s
}

// LawTemplate is the [law] table that sets a folder up for the 法治政府建设
// 情况报告 too; init --law writes it, or prints it for an existing
// nianbao.toml.
func LawTemplate(year int) string {
	return fmt.Sprintf(`# 法治政府建设情况报告（《法治政府建设与责任落实督察工作规定》）：有这一节时，nianbao 同时生成这份报告。
# 报告引用的规范性文件和行政复议、行政诉讼数字取自上面的统计表，文字中不必再写。
# 工作要点中归入这份报告的任务，在计划文件中填写 law_section（主要举措和成效、不足和原因、
# 第一责任人职责、下一年度安排、其他情况 五者之一）。
[law]
# title = ""                    # 报告标题，默认为“机关名称+年度+年法治政府建设情况报告”
deadline = %d-03-01             # 报送期限（每年 3 月 1 日前）
publish_by = %d-04-01           # 公开期限（每年 4 月 1 日前）
report_date = %d-02-20          # 成文日期（报告落款日期）
measures = ""      # 一、主要举措和成效
shortfalls = ""    # 二、存在的不足和原因
leaders = ""       # 三、主要负责人履行推进法治建设第一责任人职责的情况
next_year = ""     # 四、下一年度的主要安排
other = ""         # 五、其他需要报告的情况（没有时不填）
`, year+1, year+1, year+1)
}

// Quote writes s as a TOML basic string. strconv.Quote is not enough: its
// \x escapes are not TOML.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// RollupTemplate is the nianbao.toml of a roll-up working folder (init
// --units): the body that publishes the aggregate, its units, and stats
// naming the aggregate rollup writes (aggregate, relative to the folder),
// so that build makes the 本系统/本级 report from it.
func RollupTemplate(org string, year int, units []string, aggregate string) string {
	s := Template(org, year, "", false)
	for _, r := range [][2]string{
		{`stats = "统计表.xlsx"             # 本年度统计表（nianbao init 生成，填好后保存）`,
			fmt.Sprintf(`stats = %s  # 汇总统计表：nianbao rollup 把各单位的统计表相加后写入`, Quote(aggregate))},
		{`plan = "工作要点.toml"            # 本年度政务公开工作要点计划（分工方案）；没有工作要点的写 plan = ""，报告文字全部取自 [narrative]`,
			`plan = ""                        # 汇总报告的文字全部取自 [narrative]；也可指定工作要点计划（TOML）`},
		{`ledger = "任务台账.xlsx"          # 任务台账：记录每项任务的完成情况（也可以是 .toml 文件）` + "\n", ""},
	} {
		if !strings.Contains(s, r[0]) {
			panic("config: the template lost the line " + r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	var b strings.Builder
	b.WriteString(s)
	b.WriteString(`
# 本系统/本级汇总（nianbao rollup）：各单位报回的统计表放进 returns 文件夹（文件名不限），
# nianbao rollup 逐个核对、相加，把汇总统计表写入输出文件夹。
[rollup]
returns = "回收"   # 各单位报回的统计表所在文件夹
# scope = "本级"   # 汇总范围：本系统、本行政区域或本级，报告前言据此写明；生成正式报告前须填写
units = [          # 汇总单位名单（按此顺序列出）
`)
	for _, u := range units {
		fmt.Fprintf(&b, "  %s,\n", Quote(u))
	}
	b.WriteString(`]
# 不纳入汇总的单位，须写明原因（汇总情况中列出），例如：
# excluded = [
#   { unit = "某某单位", reason = "机构撤并，本年度无数据" },
# ]
`)
	return b.String()
}
