package docx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// libreOfficePDF prints a .docx to PDF with LibreOffice, with the fonts
// cjkFonts provides, and checks that the PDF embeds a Chinese font: a
// reader without one draws every Chinese character as a box (tofu) while
// the PDF's text layer still reads right, so comparing text alone cannot
// see it. It skips when LibreOffice or poppler is not installed.
func libreOfficePDF(t *testing.T, data []byte) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not installed")
	}
	for _, tool := range []string{"pdftotext", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " (poppler-utils) not installed")
		}
	}
	dir := t.TempDir()
	env := append(os.Environ(), "HOME="+dir)
	env = append(env, cjkFonts(t, dir)...)
	in := filepath.Join(dir, "年度报告.docx")
	require.NoError(t, os.WriteFile(in, data, 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "soffice: %s", out)
	pdf := filepath.Join(dir, "年度报告.pdf")
	require.FileExists(t, pdf, "soffice: %s", out)
	requireCJKFont(t, pdf)
	return pdf
}

// cjkFontName matches the names of the Chinese fonts a reader may use:
// the Fandol fonts nianbao ships, Noto/Source Han, WenQuanYi, AR PL, and
// the Windows faces.
var cjkFontName = regexp.MustCompile(`(?i)fandol|noto[a-z ]*cjk|source ?han|wenquanyi|wqy|ukai|uming|arpl|droid ?sans ?fallback|sim(sun|hei|kai|fang)|fangsong|kaiti|microsoft ?yahei|cjk`)

// requireCJKFont fails unless pdffonts lists an embedded Chinese font.
func requireCJKFont(t *testing.T, pdf string) {
	t.Helper()
	out, err := exec.Command("pdffonts", pdf).Output()
	require.NoError(t, err)
	if ok, fonts := embedsCJK(string(out)); !ok {
		t.Fatalf("LibreOffice embedded no Chinese font, so every Chinese character is a box; fonts: %v\n"+
			"install fonts-noto-cjk, or keep fonts/Fandol*.ttf for the private fontconfig (make ci-deps)", fonts)
	}
}

// embedsCJK reads pdffonts output: whether a Chinese font is embedded, and
// the names of the fonts listed.
func embedsCJK(pdffonts string) (bool, []string) {
	var fonts []string
	lines := strings.Split(pdffonts, "\n")
	if len(lines) < 2 {
		return false, nil
	}
	for _, line := range lines[2:] {
		f := strings.Fields(line)
		if len(f) < 6 {
			continue
		}
		// name type… encoding emb sub uni id gen: emb is the fifth field
		// from the end.
		if cjkFontName.MatchString(f[0]) && f[len(f)-5] == "yes" {
			return true, nil
		}
		fonts = append(fonts, f[0])
	}
	return false, fonts
}

func TestEmbedsCJK(t *testing.T) {
	head := "name                                 type              encoding         emb sub uni object ID\n" +
		"------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
	for _, tt := range []struct {
		out  string
		want bool
	}{
		{head + "BAAAAA+FandolKai-Regular             TrueType          WinAnsi          yes yes yes     57  0\n", true},
		{head + "BAAAAA+NotoSansCJKsc-Regular         CID Type 0C       Identity-H       yes yes yes     12  0\n", true},
		{head + "CAAAAA+DejaVuSerif                   TrueType          WinAnsi          yes yes yes     82  0\n", false},
		{head + "NotoSansCJKsc-Regular                CID Type 0C       Identity-H       no  no  yes     12  0\n", false},
		{head, false},
		{"", false},
	} {
		got, _ := embedsCJK(tt.out)
		assert.Equal(t, tt.want, got, tt.out)
	}
}
