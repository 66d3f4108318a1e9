package textcheck_test

import (
	"testing"

	"github.com/nianbao/nianbao/report/check/textcheck"
	"github.com/nianbao/nianbao/report/stats"
)

// BenchmarkCheck runs the texts of the four published reports against
// their own figures; a report's free text is a few such paragraphs.
func BenchmarkCheck(b *testing.B) {
	type report struct {
		texts []textcheck.Text
		s     *stats.Stats
	}
	var reports []report
	sentences := 0
	for _, name := range realReports {
		fx, s := loadFixture(b, name)
		r := report{excerpts(fx), s}
		for _, t := range r.texts {
			for _, c := range t.Text {
				if c == '。' || c == '；' || c == '…' {
					sentences++
				}
			}
		}
		reports = append(reports, r)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range reports {
			textcheck.Check(r.texts, r.s, locate)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sentences), "ns/sentence")
}
