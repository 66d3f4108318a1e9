// Command benchvslo compares the full build of the sample (nianbao build
// --force: PDF, DOCX and the text formats) with LibreOffice converting
// nianbao's own DOCX to PDF, the usual way to get a printable PDF without
// nianbao. Runs are interleaved so that a busy machine slows both alike;
// it prints the median wall time of each, their ratio and each one's peak
// resident memory. Run it through `make bench-vs-libreoffice`.
//
// Wall time is measured here (nanoseconds, not /usr/bin/time's
// centiseconds); peak memory is the kernel's maxrss of the waited-for
// process, which includes the descendants it waited for (soffice's
// launcher waits for soffice.bin).
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

func main() {
	n := flag.Int("n", 15, "每种方式运行的次数（交替进行）")
	bin := flag.String("nianbao", "bin/nianbao", "nianbao 程序")
	sample := flag.String("sample", "data", "样例工作文件夹（复制后使用，原文件夹不动）")
	soffice := flag.String("soffice", "soffice", "LibreOffice 程序")
	flag.Parse()
	if err := run(*n, *bin, *sample, *soffice); err != nil {
		fmt.Fprintln(os.Stderr, "benchvslo:", err)
		os.Exit(1)
	}
}

type sample struct {
	wall   time.Duration
	maxRSS int64 // KiB
}

func run(n int, bin, sampleDir, soffice string) error {
	if n < 1 {
		return fmt.Errorf("-n 至少为 1")
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	if _, err := exec.LookPath(soffice); err != nil {
		return fmt.Errorf("找不到 LibreOffice（%s）：%w", soffice, err)
	}
	tmp, err := os.MkdirTemp("", "benchvslo-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(tmp) }() // a temp folder: what is left is harmless
	// The sample's config writes to ../out: copy the folder one level down.
	work := filepath.Join(tmp, "work", filepath.Base(sampleDir))
	if err := os.CopyFS(work, os.DirFS(sampleDir)); err != nil {
		return fmt.Errorf("复制样例文件夹失败：%w", err)
	}
	nianbao := func() (sample, error) { return timed(work, bin, "build", "--force") }

	// Warm-up, which also gives the DOCX for LibreOffice.
	if _, err := nianbao(); err != nil {
		return err
	}
	docx, err := findDOCX(filepath.Join(tmp, "work"))
	if err != nil {
		return err
	}
	loDir := filepath.Join(tmp, "lo")
	if err := os.MkdirAll(loDir, 0o755); err != nil {
		return err
	}
	in := filepath.Join(loDir, "report.docx")
	if err := copyFile(docx, in); err != nil {
		return err
	}
	// One fresh profile, created by the warm-up and reused by every run.
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(tmp, "lo-profile"))
	lo := func() (sample, error) {
		return timed(loDir, soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(loDir, "out"), in)
	}
	if _, err := lo(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(loDir, "out", "report.pdf")); err != nil {
		return fmt.Errorf("LibreOffice 没有生成 PDF：%w", err)
	}

	var nb, ls []sample
	for i := range n {
		a, err := nianbao()
		if err != nil {
			return err
		}
		b, err := lo()
		if err != nil {
			return err
		}
		nb, ls = append(nb, a), append(ls, b)
		fmt.Fprintf(os.Stderr, "第 %2d 轮：nianbao %7.1f ms  LibreOffice %7.1f ms\n", i+1, ms(a.wall), ms(b.wall))
	}
	mn, ml := median(nb), median(ls)
	fmt.Printf("运行次数             各 %d 次（交替进行）\n", n)
	fmt.Printf("nianbao build        用时中位数 %7.1f ms   峰值内存 中位数 %6.1f MB，最大 %6.1f MB\n", ms(mn), medianRSS(nb), peak(nb))
	fmt.Printf("LibreOffice 转 PDF   用时中位数 %7.1f ms   峰值内存 中位数 %6.1f MB，最大 %6.1f MB\n", ms(ml), medianRSS(ls), peak(ls))
	fmt.Printf("速度比               LibreOffice ÷ nianbao = %.1f\n", float64(ml)/float64(mn))
	return nil
}

// timed runs name with args in dir and measures it.
func timed(dir, name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out []byte
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %v 失败：%w\n%s", name, args, err, out)
	}
	return sample{wall: wall, maxRSS: maxRSS(cmd.ProcessState)}, nil
}

func findDOCX(dir string) (string, error) {
	var found string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".docx" && found == "" {
			found = p
		}
		return err
	})
	if err == nil && found == "" {
		err = fmt.Errorf("nianbao build 没有生成 DOCX（在 %s 中）", dir)
	}
	return found, err
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

func median(s []sample) time.Duration {
	w := make([]time.Duration, len(s))
	for i, x := range s {
		w[i] = x.wall
	}
	slices.Sort(w)
	if len(w)%2 == 1 {
		return w[len(w)/2]
	}
	return (w[len(w)/2-1] + w[len(w)/2]) / 2
}

// peak is the largest maxrss of the runs, in MB.
func peak(s []sample) float64 {
	var m int64
	for _, x := range s {
		m = max(m, x.maxRSS)
	}
	return float64(m) / 1024
}

// medianRSS is the median of the runs' peak memory, in MB.
func medianRSS(s []sample) float64 {
	r := make([]int64, len(s))
	for i, x := range s {
		r[i] = x.maxRSS
	}
	slices.Sort(r)
	return float64(r[len(r)/2]) / 1024
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
