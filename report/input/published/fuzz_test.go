package published

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/report/doc/doctest"
)

// The readers must neither panic nor take long on any input; what they
// return for garbage does not matter.
func fuzzRead(t *testing.T, name string, data []byte) {
	start := time.Now()
	res, err := Read(name, data)
	if err == nil && res == nil {
		t.Fatal("nil result without error")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("%s: %d bytes took %v", name, len(data), d)
	}
}

func seeds(f *testing.F, ext string) {
	for name, data := range renderAll(f, sampleWith(doctest.WideStats())) {
		if strings.HasSuffix(name, ext) {
			f.Add(data)
		}
	}
	f.Add([]byte{})
	f.Add([]byte("一、总体情况\n规章 1 2 3\n"))
}

func FuzzHTML(f *testing.F) {
	seeds(f, ".html")
	f.Add([]byte(`<meta charset="gbk"><table><tr><td>规章<td>1<td>2<td>3</table>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.html", data) })
}

func FuzzDOCX(f *testing.F) {
	seeds(f, ".docx")
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			data = append([]byte("PK\x03\x04"), data...)
		}
		fuzzRead(t, "f.docx", data)
	})
}

func FuzzText(f *testing.F) {
	seeds(f, ".txt")
	seeds(f, ".md")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "f.txt", data)
		fuzzRead(t, "f.md", data)
	})
}

// BenchmarkImportPage reads a saved report page padded to 400 KB (target:
// 50 ms).
func BenchmarkImportPage(b *testing.B) {
	page := readPage(b, "2021-pingtan.html")
	for len(page) < 400<<10 {
		i := bytes.Index(page, []byte("</body>"))
		page = append(page[:i:i], append([]byte("<div class=\"footer\"><p>"+strings.Repeat("网站地图 联系我们 ", 200)+"</p></div>"), page[i:]...)...)
	}
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Read("p.html", page); err != nil {
			b.Fatal(err)
		}
	}
}
