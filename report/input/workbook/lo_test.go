package workbook

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/stats"
)

// soffice runs LibreOffice headless with a private profile, or skips the
// test where LibreOffice is not installed (CI installs it: .ci/run).
func soffice(t *testing.T, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not installed")
	}
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--norestore"}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "soffice: %s", out)
}

// A workbook as a clerk leaves it after typing only detail cells: totals
// are formulas that no spreadsheet program has computed yet.
func typedDetails(t *testing.T) []byte {
	data := write(t, Options{Org: "测试机关", Year: 2022})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	set := func(sheet, ref string, v int) { require.NoError(t, f.SetCellInt(sheet, ref, int64(v))) }
	set(SheetRequests, "D6", 7)  // 新收 自然人
	set(SheetRequests, "E6", 2)  // 新收 商业企业
	set(SheetRequests, "D8", 5)  // 予以公开 自然人
	set(SheetRequests, "E8", 2)  // 予以公开 商业企业
	set(SheetRequests, "D18", 1) // 本机关不掌握 自然人
	set(SheetRequests, "D30", 1) // 结转 自然人
	set(SheetAppeals, "A6", 1)
	set(SheetAppeals, "D6", 2)
	set(SheetAppeals, "K6", 3)
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

func readCSV(t *testing.T, path string) [][]string {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	require.NoError(t, err)
	return rows
}

func csvCell(rows [][]string, ref string) string {
	col, row, _ := excelize.CellNameToCoordinates(ref)
	if row-1 < len(rows) && col-1 < len(rows[row-1]) {
		return rows[row-1][col-1]
	}
	return ""
}

// LibreOffice opens the generated workbook and computes the formula totals.
func TestLibreOfficeComputesTotals(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "统计表.xlsx")
	require.NoError(t, os.WriteFile(in, typedDetails(t), 0o644))
	// 44,34,76: comma, double quote, UTF-8; the final -1 exports every sheet.
	soffice(t, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, in)

	req := readCSV(t, filepath.Join(dir, "统计表-"+SheetRequests+".csv"))
	assert.Equal(t, stats.LabelRequestsNote, csvCell(req, "A3"))
	assert.Equal(t, "9", csvCell(req, "J6"), "总计 of 新收")
	assert.Equal(t, "7", csvCell(req, "J8"), "总计 of 予以公开")
	assert.Equal(t, "6", csvCell(req, "D29"), "（七）总计 自然人")
	assert.Equal(t, "8", csvCell(req, "J29"), "（七）总计 总计")
	assert.Equal(t, "1", csvCell(req, "J30"))
	assert.Equal(t, "0", csvCell(req, "J7"), "empty rows total 0")

	app := readCSV(t, filepath.Join(dir, "统计表-"+SheetAppeals+".csv"))
	assert.Equal(t, "3", csvCell(app, "E6"))
	assert.Equal(t, "0", csvCell(app, "J6"))
	assert.Equal(t, "3", csvCell(app, "O6"))
}

// A workbook saved by LibreOffice (cached formula values, LibreOffice's own
// XML) reads back to the same figures.
func TestReadWorkbookSavedByLibreOffice(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src", "统计表.xlsx")
	require.NoError(t, os.MkdirAll(filepath.Dir(src), 0o755))
	want := consistent(7)
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, Options{Org: "测试机关", Year: 2022, Values: want}))
	require.NoError(t, os.WriteFile(src, buf.Bytes(), 0o644))
	soffice(t, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, src)

	res, err := ReadFile(filepath.Join(dir, "统计表.xlsx"))
	require.NoError(t, err)
	assert.Equal(t, *want, res.Stats)
	assert.Empty(t, res.Warnings)
}
