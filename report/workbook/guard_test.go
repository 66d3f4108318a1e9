package workbook

// oleMagic starts the old binary formats and encrypted workbooks; the
// reader's own copy moved to xlsxsafe.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
