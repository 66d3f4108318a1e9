package pdf

// Page geometry of GB/T 9704-2012 (print-layout.md), in millimetres.
const (
	pageW      = 210.0
	pageH      = 297.0
	marginTop  = 37.0 // 天头
	marginBind = 28.0 // 订口: left on odd pages, right on even pages
	marginOut  = 26.0 // 切口
	blockW     = 156.0
	blockH     = 225.0

	linesPerPage = 22
	charsPerLine = 28
	pitch        = blockH / linesPerPage // ≈ 10.23 mm: one 行
	gridChar     = blockW / charsPerLine // ≈ 5.57 mm: one 字 on the grid

	ptToMM = 25.4 / 72

	sizeBody   = 16.0 // 3号
	sizeTitle  = 22.0 // 2号
	sizeNumber = 14.0 // 4号
	sizeTable  = 10.5 // 五号
	sizeMark   = 96.0 // 草稿 watermark

	// The page number's 一字线 sits 7 mm below the text block.
	numberGap = 7.0

	cellPadX = 1.0
	cellPadY = 1.2
)

// leftMargin is the left edge of the text block: the binding side
// alternates in double-sided printing.
func leftMargin(page int) float64 {
	if page%2 == 0 {
		return marginOut
	}
	return marginBind
}
