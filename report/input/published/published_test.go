package published

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

// pagesDir holds the saved pages of real reports (shared fixtures).
const pagesDir = "/work/shared/real-reports/pages"

func readPage(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		data, err = os.ReadFile(filepath.Join(pagesDir, name))
	}
	if err != nil {
		t.Skipf("page %s not available: %v", name, err)
	}
	return data
}

// diffStats lists the figures where got differs from want.
func diffStats(got, want *stats.Stats) []string {
	var out []string
	gf, wf := got.Fields(), want.Fields()
	for i := range gf {
		switch {
		case gf[i].Int != nil && *gf[i].Int != *wf[i].Int:
			out = append(out, gf[i].Key+" "+gf[i].Label)
		case gf[i].Dec != nil && *gf[i].Dec != *wf[i].Dec:
			out = append(out, gf[i].Key+" "+gf[i].Label+" got "+gf[i].Dec.String()+" want "+wf[i].Dec.String())
		}
	}
	return out
}

func TestPingtanPages(t *testing.T) {
	for _, year := range []string{"2021", "2022"} {
		t.Run(year, func(t *testing.T) {
			name := year + "-pingtan.html"
			res, err := Read(name, readPage(t, name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := realreport.Load(year + "-pingtan.toml")
			if err != nil {
				t.Fatal(err)
			}
			if d := diffStats(&res.Stats, want.Stats); len(d) > 0 {
				t.Errorf("figures differ: %s", strings.Join(d, "; "))
			}
			if res.Org != want.Agency || res.Year != want.Year {
				t.Errorf("org, year = %q, %d; want %q, %d", res.Org, res.Year, want.Agency, want.Year)
			}
			if len(res.Missing) > 0 || len(res.Unmapped) > 0 {
				t.Errorf("missing %v, unmapped %v", res.Missing, res.Unmapped)
			}
			for _, i := range []int{0, 4, 5} {
				if res.Sections[i] == "" {
					t.Errorf("section %d empty", i+1)
				}
			}
			if !strings.Contains(res.Sections[0], want.Narrative[:30]) {
				t.Errorf("section 一 lacks the narrative: %q", res.Sections[0][:min(200, len(res.Sections[0]))])
			}
			t.Logf("warnings %v breaks %v", res.Warnings, res.Breaks)
			t.Logf("preamble %q", res.Preamble)
			t.Logf("section 六 %q", res.Sections[5])
		})
	}
}
