package plan

import (
	"fmt"

	"github.com/nianbao/nianbao/report/input/config"
)

// EmptyTemplate is the plan file init writes when no plan is given: no
// tasks yet, and instructions for entering them.
func EmptyTemplate(org string, year int) string {
	return fmt.Sprintf(`# %d 年政务公开工作要点分工方案（计划文件）
#
# 请把本机关本年度“政务公开工作要点分工方案”中的每一条具体要求录入为一个 [[task]] 块，
# 然后删除“任务台账.xlsx”并重新运行 nianbao init，生成按计划排好的任务台账。
# 样例见 nianbao 附带的 data/2022-工作要点.toml。
#
# 写法：
#   - 文字放在英文双引号 "…" 里；科室名单写成 ["办公室", "计划财务科"]；
#   - 日期写成 %d-12-31，不加引号；没有完成时限的任务不写 due；
#   - section（年报栏目）只能是：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障；
#   - lead（牵头科室）/ assist（协办科室）中的科室要在 departments 名单中，或写“各科室”。

year = %d
title = ""                 # 分工方案标题
document = ""              # 发文字号，例如 某某〔%d〕1号
org = %s
departments = ["办公室"]   # 本机关全部科室

# 示例（去掉行首的 # 即可使用）：
# [[task]]
# id = 1
# requirement = "一、优化政务公开工作基础"
# task = "（一）持续推进基层政务公开标准化规范化。"
# detail = "结合权责清单以及工作职责，持续推动政府信息主动公开目录的动态更新调整。"
# lead = ["办公室"]
# assist = ["各科室"]
# due = %d-12-31
# section = "主动公开"
`, year, year, year, year, config.Quote(org), year)
}
