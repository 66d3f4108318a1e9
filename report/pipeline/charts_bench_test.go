package pipeline

import (
	"testing"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/kind/disclosure"
	samplekit "github.com/nianbao/nianbao/report/testkit/sample"
)

// BenchmarkPoster: the whole 图解 of the sample as a build with charts
// makes it — SVG, PNG (drawn while the PDF page is set) and PDF page,
// fonts loaded — which must add ≤ 30 ms to a build.
func BenchmarkPoster(b *testing.B) {
	in := samplekit.Input(b)
	in.Config.Charts = config.Charts{All: true}
	res, err := compose.Compose(disclosure.Kind, in, compose.Options{})
	if err != nil {
		b.Fatal(err)
	}
	base := "2022年政府信息公开工作年度报告"
	for b.Loop() {
		files, _, err := posterFiles(disclosure.Kind, in, res.Doc, base, true, true)
		if err != nil || len(files) != 3 {
			b.Fatal(err, len(files))
		}
	}
}
