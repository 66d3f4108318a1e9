package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// stored repacks a zip without compression, so that the fuzzer's mutations
// reach the XML itself rather than break the deflate stream.
func stored(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// FuzzRead feeds the reader damaged workbooks. Whatever the bytes, Read
// returns either figures with a position for every one of them, or
// positioned messages naming the file; it never panics or hangs.
//
//	go test -run '^$' -fuzz FuzzRead -fuzztime 60s ./report/workbook/
func FuzzRead(f *testing.F) {
	blank := write(f, Options{})
	filled := write(f, Options{Org: "测试机关", Year: 2024, Values: consistent(11)})
	typed := editWorkbook(f, filled, func(x *excelize.File) {
		require.NoError(f, x.SetCellStr(SheetRequests, "D6", "１２"))
		require.NoError(f, x.SetCellStr(SheetRequests, "E6", "1,234"))
		require.NoError(f, x.SetCellStr(SheetRequests, "F6", "/"))
		require.NoError(f, x.SetCellValue(SheetRequests, "G6", nil))
		require.NoError(f, x.SetCellStr(SheetActive, "B16", "１２．５"))
	})
	random := make([]byte, 2048)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	for _, seed := range [][]byte{
		blank,
		filled,
		typed,
		stored(f, blank),
		stored(f, filled),
		stored(f, typed),
		filled[:len(filled)/2],
		stored(f, filled)[:len(filled)*3/4],
		random,
		append([]byte("PK\x03\x04"), random...),
		zipOf(f),
		zipOf(f, "xl/workbook.xml", "<workbook/>"),
		append(append([]byte{}, oleMagic...), make([]byte, 512)...),
		nil,
	} {
		f.Add(seed)
	}
	const name = "统计表.xlsx"
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(name, data)
		if err == nil {
			require.NotNil(t, res)
			for _, fr := range (&stats.Stats{}).Fields() {
				p, ok := res.Pos(fr.Key)
				require.True(t, ok, "no position for %s", fr.Key)
				require.Equal(t, name, p.File)
				require.NotEmpty(t, p.Sheet, fr.Key)
				require.NotEmpty(t, p.Cell, fr.Key)
				require.NotEmpty(t, res.Locate(fr.Key).String())
			}
			for _, w := range res.Warnings {
				require.Equal(t, diag.Warning, w.Severity)
				require.Equal(t, name, w.Pos.File)
				require.NotEmpty(t, w.Pos.Sheet)
				require.NotEmpty(t, w.Text)
			}
			return
		}
		require.Nil(t, res)
		var errs diag.Errors
		require.True(t, errors.As(err, &errs), "%T: %v", err, err)
		require.NotEmpty(t, errs)
		for _, m := range errs {
			require.Equal(t, diag.Error, m.Severity)
			require.Equal(t, name, m.Pos.File, m.String())
			require.NotEmpty(t, m.Text, m.String())
		}
	})
}
