// Package textcheck applies rule R12 (docs/rules.md#r12) to the text the office
// writes itself: the [narrative] fields of nianbao.toml and the 完成情况 /
// progress texts of the task ledger. A figure in such text that belongs to a
// recognised statistical phrase must equal the statistics table; every
// figure that differs is an R12 error naming the text's place and the cells.
//
// The checker is deliberately shy: a figure it cannot attribute to one cell
// with certainty is left alone, never guessed. That covers figures counted in
// 条/篇/次/人次/项 (only 件, 元/万元/亿元 and % are compared), dates and
// ordinals (2022年, 第3项), estimates (约80件, 70余件, 100件以上), rates
// (办结率100%), windows naming two things ("规章和规范性文件共89件",
// "予以公开、部分公开共30件", "上年结转和本年新收申请共75件"), single rows
// inside an outcome group ("属于国家秘密的2件") and other matters counted in
// 件 (网民留言, 审批事项, 建议提案).
//
// How a figure is attributed: the text is cut into sentences (。！？…, line
// ends) and clauses (，、；：, brackets, quotes). Within a clause the words
// between the figure and its neighbours are its window; the words before
// the figure are read first ("办结69件"), then those after it
// ("收到70件申请", "1件结转下年度继续办理"). A clause with a figure but no
// phrase of its own continues the last phrase of the sentence: the applicant
// breakdown after 收到申请, 维持/纠正 after 行政复议, 废止 after 规范性文件,
// 占X% after an outcome.
//
// Phrases and cells (the README section 文字中的数字（R12） has the same table in Chinese):
//
//   - 收到/受理/新收/接收 … 申请 N件 → r01.G, or r01.G + r02.G (both are
//     accepted: offices often count the carry-over as received). The
//     breakdown that follows (自然人, 法人或其他组织, 商业企业, 科研机构,
//     社会公益组织, 法律服务机构, 其他 N件) is compared per column with the
//     same choice as the total, or either when the total matches neither.
//   - 办结/答复/办理完毕/处理完毕 N件 → r24.G (and its breakdown by
//     applicant); not 延期答复. Without 申请 in the window the text must have
//     spoken of 申请 before.
//   - 上年(度)结转 N件 → r02.G; 结转/顺延/转入 下年度, 下年度继续办理 N件
//     (before or after the figure) → r25.G.
//   - 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理 N件 → the
//     column G sum of the group's rows (r03; r04; r05–r12; r13–r15;
//     r16–r20; r21–r23), or of the applicant column the window names
//     (自然人申请中予以公开20件); 占X% after a column G count → the group's
//     share of r24.G, rounded half up at the precision written (28%, 28.0%).
//   - 行政复议 N件 → c5, with 维持 c1, 纠正 c2, 其他结果 c3, 尚未审结 c4;
//     行政诉讼/行政应诉 N件 → c10+c15, with 维持 c6+c11, 纠正 c7+c12,
//     其他结果 c8+c13, 尚未审结 c9+c14.
//   - (行政)规范性文件 / 规章 with 制发/制定/印发/出台 → *.issued, 废止 →
//     *.repealed, 现行有效 → *.in_force; a 规范性文件 phrase without one of
//     these words is left alone.
//   - 行政许可 N件 → licensing; 行政处罚 N件 → punishment; 行政强制 N件 →
//     coercion; 行政事业性收费 X万元 (or 元, 亿元) → fees, at the precision
//     written.
//   - 信息处理费 X元 → info_fees.collected; 收费通知 N件 → info_fees.notices,
//     and an amount in the same phrase (not 收取) → info_fees.notice_total.
//
// Numbers may be written with thousands separators (3,119; ３，１１９),
// full-width digits (３１１９) or Chinese numerals in front of 件 (十七件,
// 一百零五件, 两件); colloquial numerals (一百五, 一万二) are left alone.
package textcheck
