package register

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
)

// Limits of a workbook holding a register: an office receiving 3,000
// applications a year has about 25,000 cells and as many strings; these
// allow 25,000 applications of eight columns.
var Limits = xlsxsafe.Limits{What: "申请登记台账", Typical: "2 MB", MaxExtent: 200_000, MaxSharedStrings: 100_000, MaxElements: 1_000_000, MaxPart: 16 << 20}

// HasSheet tells whether the workbook f holds the applications sheet of lay.
func HasSheet(f *excelize.File, lay Layout) bool {
	idx, err := f.GetSheetIndex(lay.appSheet())
	return err == nil && idx >= 0
}

// ReadFile reads the register from the workbook at path.
func ReadFile(path string, year int, lay Layout) (*Register, error) {
	data, err := xlsxsafe.ReadFile(path, Limits)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: path}, "找不到申请登记台账文件。请检查 nianbao.toml 中 [register] 的 file 设置")
		}
		return nil, err
	}
	return Read(filepath.Base(path), data, year, lay)
}

// Read reads the register from a workbook in memory; name is used in
// messages. The sheet of cases is optional unless the layout names it.
func Read(name string, data []byte, year int, lay Layout) (reg *Register, err error) {
	at := diag.Pos{File: name}
	defer func() {
		// A panic in excelize means the file is damaged, not nianbao.
		if r := recover(); r != nil {
			reg, err = nil, diag.Errorf(at, "文件已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
		}
	}()
	f, err := xlsxsafe.Open(name, data, Limits)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	return FromFile(name, f, year, lay)
}

// Book is the sheets FromFile reads: an *excelize.File, or the statistics
// workbook's lean reader, which reads the register sheets without excelize.
type Book interface {
	GetSheetList() []string
	GetRows(sheet string, opts ...excelize.Options) ([][]string, error)
}

// FromFile reads the register from an open workbook (the statistics
// workbook holds it next to the tables). The caller recovers from excelize
// panics, as for any call on the file.
func FromFile(name string, f Book, year int, lay Layout) (*Register, error) {
	sheets := f.GetSheetList()
	appRows, err := sheetRows(name, f, lay.appSheet(), sheets, true)
	if err != nil {
		return nil, err
	}
	var caseRows [][]string
	if lay.CaseSheet != "-" {
		caseRows, err = sheetRows(name, f, lay.caseSheet(), sheets, lay.CaseSheet != "")
		if err != nil {
			return nil, err
		}
	}
	return Parse(name, year, lay, appRows, caseRows)
}

func sheetRows(name string, f Book, sheet string, sheets []string, required bool) ([][]string, error) {
	found := false
	for _, s := range sheets {
		if s == sheet {
			found = true
		}
	}
	if !found {
		if !required {
			return nil, nil
		}
		return nil, diag.Errorf(diag.Pos{File: name}, "找不到工作表“%s”（文件中的工作表：%s）", sheet, strings.Join(sheets, "、"))
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: name, Sheet: sheet}, "工作表已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
	}
	if rows == nil {
		rows = [][]string{}
	}
	return rows, nil
}
