package published

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/report/testkit/realreport"
)

// The real pages as an office would re-save them: LibreOffice turns the
// saved page into a DOCX (Word tables with merged cells) and into text
// (its tables flattened a cell a line). Skipped without soffice.
func TestPingtanResaved(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	if testing.Short() {
		t.Skip("slow: runs LibreOffice")
	}
	dir := t.TempDir()
	var srcs []string
	for _, year := range []string{"2021", "2022"} {
		src := filepath.Join(dir, year+".html")
		if err := os.WriteFile(src, readPage(t, year+"-pingtan.html"), 0o644); err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	// One LibreOffice run a format converts both pages.
	for _, conv := range []string{"docx:MS Word 2007 XML", "txt:Text"} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"),
			"--headless", "--convert-to", conv, "--outdir", dir}, srcs...)
		out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput()
		cancel()
		if err != nil {
			t.Skipf("soffice failed: %v %s", err, out)
		}
	}
	for _, year := range []string{"2021", "2022"} {
		want, err := realreport.Load(year + "-pingtan.toml")
		if err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{"docx", "txt"} {
			t.Run(year+"."+ext, func(t *testing.T) {
				res, err := ReadFile(filepath.Join(dir, year+"."+ext))
				if err != nil {
					t.Fatal(err)
				}
				if d := diffStats(&res.Stats, want.Stats); len(d) > 0 {
					t.Errorf("figures differ: %s", strings.Join(d, "; "))
				}
				if res.Org != want.Agency || res.Year != want.Year {
					t.Errorf("org, year = %q, %d", res.Org, res.Year)
				}
				if len(res.Missing)+len(res.Unmapped) > 0 {
					t.Errorf("missing %v unmapped %v", res.Missing, res.Unmapped)
				}
				if !strings.Contains(res.Sections[0], want.Narrative[:30]) || res.Sections[4] == "" {
					t.Errorf("sections: %q", res.Sections)
				}
			})
		}
	}
}
