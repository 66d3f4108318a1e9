package fontset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/sfnt"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/report/diag"
)

func TestLoadDefaults(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	want := map[Role]struct{ name, file string }{
		Title:    {"FandolSongBold", fonts.SongBold},
		Body:     {"FandolFang", fonts.Fang},
		Heading1: {"FandolHei", fonts.Hei},
		Heading2: {"FandolKai", fonts.Kai},
		Number:   {"FandolSong", fonts.Song},
		Table:    {"FandolFang", fonts.Fang},
		Fallback: {"FandolSong", fonts.Song},
	}
	for r, w := range want {
		t.Run(string(r), func(t *testing.T) {
			f := set.Font(r)
			require.NotNil(t, f)
			assert.Equal(t, r, f.Role)
			assert.Equal(t, w.name, f.Name)
			assert.Equal(t, "内置 "+w.file, f.Source)
			assert.True(t, f.Embedded)
			assert.Equal(t, w.file, Default(r))
			assert.Equal(t, uint32(magicTrueType), binary.BigEndian.Uint32(f.Data))
			assert.Greater(t, f.NumGlyphs(), 10000)
			assert.True(t, strings.HasPrefix(f.Family, "Fandol"), f.Family)
		})
	}
	assert.Len(t, set.Fonts(), 5, "body and table share FandolFang, number and fallback FandolSong")
	for i, r := range []Role{Title, Body, Heading1, Heading2, Number} {
		assert.Same(t, set.Font(r), set.Fonts()[i])
	}
	assert.Same(t, &set.Font(Body).Data[0], &set.Font(Table).Data[0], "roles sharing a font share its bytes")
	assert.Nil(t, set.Font("subtitle"))

	// An empty entry is the default too.
	set2, err := Load(map[Role]string{Body: "  "})
	require.NoError(t, err)
	assert.Equal(t, "FandolFang", set2.Font(Body).Name)
	assert.Same(t, &set.Font(Body).Data[0], &set2.Font(Body).Data[0], "embedded fonts are shared, never copied")
}

// labelRunes are the characters of the string literals of report/stats/labels.go.
func labelRunes(t *testing.T) string {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filepath.Join("..", "..", "stats", "labels.go"), nil, 0)
	require.NoError(t, err)
	seen := map[rune]bool{}
	var out []rune
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			require.NoError(t, err)
			for _, c := range s {
				if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
		return true
	})
	require.Greater(t, len(out), 200, "labels.go has its official labels")
	return string(out)
}

func TestCoverage(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	text := labelRunes(t) + "〔〕“”—…·％（）、，。；：0123456789"
	for _, r := range append(Roles, Fallback) {
		t.Run(string(r), func(t *testing.T) {
			f := set.Font(r)
			var lacks []string
			for _, c := range text {
				if !f.Has(c) {
					lacks = append(lacks, string(c)+" U+"+strings.ToUpper(strconv.FormatInt(int64(c), 16)))
				}
			}
			assert.Empty(t, lacks, "%s (%s) lacks these characters", f.Name, r)
			none, via := set.Missing(r, text)
			assert.Empty(t, none)
			assert.Empty(t, via)
		})
	}
}

func TestMissing(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	const emoji, extB = '\U0001F600', '\U00020000'
	for _, r := range Roles {
		none, via := set.Missing(r, "年度报告\n"+string(emoji)+"报告"+string(extB)+string(emoji))
		assert.Equal(t, []rune{emoji, extB}, none, "%s: once each, in order", r)
		assert.Empty(t, via)
	}

	// A character FandolFang lacks and FandolSong has goes to the fallback.
	body, fb := set.Font(Body), set.Font(Fallback)
	var only rune
	for c := rune(0x20); c < 0x10000; c++ {
		if !body.Has(c) && fb.Has(c) {
			only = c
			break
		}
	}
	require.NotZero(t, only)
	none, via := set.Missing(Body, "报告"+string(only))
	assert.Empty(t, none)
	assert.Equal(t, []rune{only}, via)
	assert.Same(t, fb, set.FontFor(Body, only))

	// A user font for heading1 (FandolHei lacks the box-drawing and some
	// other symbols) and a user fallback (a copy of FandolSong).
	hei := writeFont(t, "hei.ttf", mustBytes(t, fonts.Hei))
	song := writeFont(t, "song.ttf", mustBytes(t, fonts.Song))
	set2, err := Load(map[Role]string{Heading1: hei, Fallback: song})
	require.NoError(t, err)
	assert.Equal(t, "hei", set2.Font(Heading1).Name)
	assert.Equal(t, "song", set2.Font(Fallback).Name)
	require.False(t, set2.Font(Heading1).Has('⊕'))
	none, via = set2.Missing(Heading1, "一、⊕"+string(emoji)+"⊕")
	assert.Equal(t, []rune{emoji}, none)
	assert.Equal(t, []rune{'⊕'}, via)
	runs := set2.Runs(Heading1, "一、⊕总体")
	require.Len(t, runs, 3)
	assert.Equal(t, Run{set2.Font(Heading1), "一、"}, runs[0])
	assert.Equal(t, "song", runs[1].Font.Name)
	assert.Equal(t, "⊕", runs[1].Text)
	assert.Equal(t, "总体", runs[2].Text)
	none, via = set2.Missing(Body, "℅")
	assert.Empty(t, none)
	assert.Equal(t, []rune{'℅'}, via, "FandolFang lacks ℅, FandolSong has it")
}

func TestRuns(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	runs := set.Runs(Heading1, "一、总体情况")
	require.Len(t, runs, 1)
	assert.Equal(t, "FandolHei", runs[0].Font.Name)
	assert.Equal(t, "一、总体情况", runs[0].Text)
	assert.Empty(t, set.Runs(Body, ""))
	runs = set.Runs(Body, "报告😀😀\n年")
	assert.Equal(t, []Run{{set.Font(Body), "报告"}, {nil, "😀😀"}, {set.Font(Body), "\n年"}}, runs,
		"characters no font has get no font")
	assert.Nil(t, set.FontFor(Body, '\U00020000'))
}

func TestParseSpec(t *testing.T) {
	tests := []struct {
		spec, path string
		index      int
		has        bool
	}{
		{`C:\Windows\Fonts\simsun.ttc#0`, `C:\Windows\Fonts\simsun.ttc`, 0, true},
		{`C:\Windows\Fonts\simsun.ttc#1`, `C:\Windows\Fonts\simsun.ttc`, 1, true},
		{`C:\Windows\Fonts\simfang.ttf`, `C:\Windows\Fonts\simfang.ttf`, 0, false},
		{`D:\字体#2\方正小标宋简体.ttf`, `D:\字体#2\方正小标宋简体.ttf`, 0, false},
		{`/usr/share/fonts/a.ttc#12`, `/usr/share/fonts/a.ttc`, 12, true},
		{`fonts/a.ttc#`, `fonts/a.ttc#`, 0, false},
		{`fonts/a.ttc#-1`, `fonts/a.ttc#-1`, 0, false},
		{`fonts/a.ttc#1a`, `fonts/a.ttc#1a`, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			p, i, h := parseSpec(tt.spec)
			assert.Equal(t, tt.path, p)
			assert.Equal(t, tt.index, i)
			assert.Equal(t, tt.has, h)
		})
	}
}

func TestTTC(t *testing.T) {
	fang, hei := mustBytes(t, fonts.Fang), mustBytes(t, fonts.Hei)
	ttc := packTTC(t, fang, hei)
	offs, err := ttcFaces(ttc)
	require.NoError(t, err)
	require.Len(t, offs, 2)

	for i, want := range []struct {
		file, family string
		orig         []byte
	}{{fonts.Fang, "FandolFang R", fang}, {fonts.Hei, "FandolHei", hei}} {
		t.Run(want.file, func(t *testing.T) {
			face, err := sliceFace(ttc, offs[i])
			require.NoError(t, err)
			assert.Equal(t, uint32(0xB1B0AFBA), checksum(face), "head.checkSumAdjustment")
			_, list, err := readDir(face, 0)
			require.NoError(t, err)
			for j, tb := range list {
				assert.Zero(t, tb.off%4, "%s aligned", tb.tag)
				sum := binary.BigEndian.Uint32(face[12+16*j+4:])
				data := bytes.Clone(face[tb.off : tb.off+(tb.len+3)&^3])
				if tb.tag == "head" {
					binary.BigEndian.PutUint32(data[8:], 0)
				}
				assert.Equal(t, checksum(data), sum, "%s checksum", tb.tag)
				if j > 0 {
					assert.Less(t, list[j-1].tag, tb.tag, "records sorted")
				}
			}
			sf, err := sfnt.Parse(face)
			require.NoError(t, err)
			fam, err := sf.Name(nil, sfnt.NameIDFamily)
			require.NoError(t, err)
			assert.Equal(t, want.family, fam)
			orig, err := sfnt.Parse(want.orig)
			require.NoError(t, err)
			assert.Equal(t, orig.NumGlyphs(), sf.NumGlyphs())

			m, problem := analyze(face, "", "")
			require.Empty(t, problem)
			e, err := embedded(want.file, want.orig)
			require.NoError(t, err)
			assert.Equal(t, e.m.cw, m.cw, "same widths as the original")

			// fpdf takes the sliced face without a word on stdout.
			var pdfErr error
			out := captureStdout(t, func() {
				pdf := fpdf.New("P", "pt", "A4", "")
				pdf.AddUTF8FontFromBytes("sliced", "", face)
				pdf.AddPage()
				pdf.SetFont("sliced", "", 16)
				pdf.Cell(300, 20, "政府信息公开工作年度报告〔2024〕")
				pdfErr = pdf.Output(io.Discard)
			})
			assert.NoError(t, pdfErr)
			assert.Empty(t, out, "fpdf printed to stdout")
		})
	}

	path := writeFont(t, "pack.ttc", ttc)
	var set *Set
	out := captureStdout(t, func() {
		set, err = Load(map[Role]string{Body: path + "#0", Heading1: path + "#1", Table: path})
	})
	require.NoError(t, err)
	assert.Empty(t, out, "checking fonts with fpdf prints nothing")
	assert.Equal(t, "pack", set.Font(Body).Name)
	assert.Equal(t, "pack", set.Font(Table).Name, "#0 and no index are the same face")
	assert.Equal(t, "pack-1", set.Font(Heading1).Name)
	assert.Equal(t, path+"#1", set.Font(Heading1).Source)
	assert.Equal(t, "FandolHei", set.Font(Heading1).Family)
	assert.False(t, set.Font(Heading1).Embedded)
	assert.Len(t, set.Fonts(), 5, "pack, pack-1, and the embedded title, heading2 and number fonts")
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	fang := mustBytes(t, fonts.Fang)
	ttc := writeFont(t, "pair.ttc", packTTC(t, fang, mustBytes(t, fonts.Kai)))
	ttf := writeFont(t, "fang.ttf", fang)
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	otto := file("junk.otf", append([]byte("OTTO"), bytes.Repeat([]byte{0x5A}, 200)...))
	woff := file("web.woff", append([]byte("wOFF"), make([]byte, 100)...))
	text := file("notes.ttf", []byte("这不是字体文件，只是一段文字。\n"))
	short := file("short.ttf", []byte{0, 1, 0, 0})
	truncated := file("truncated.ttf", fang[:4096])
	noGlyf := file("noglyf.ttf", renameTable(t, fang, "glyf", "xxxx"))
	cffTable := file("cfftable.otf", renameTable(t, fang, "glyf", "CFF "))
	noHmtx := file("nohmtx.ttf", renameTable(t, fang, "hmtx", "xxxx"))
	noUnicode := file("mac.ttf", macOnlyCmap(t, fang))
	restricted := file("restricted.ttf", withFsType(t, fang, 0x0002))
	ottoTTC := file("cff.ttc", packTTC(t, append([]byte("OTTO"), fang[4:]...)))

	tests := []struct {
		name string
		spec map[Role]string
		file string
		want []string
	}{
		{"missing file", map[Role]string{Body: filepath.Join(dir, "simfang.ttf")}, filepath.Join(dir, "simfang.ttf"), []string{"用作正文字体的字体文件不存在"}},
		{"folder", map[Role]string{Title: dir}, dir, []string{"用作标题字体的", "文件夹"}},
		{"text file", map[Role]string{Body: text}, text, []string{"不是字体文件"}},
		{"too short", map[Role]string{Body: short}, short, []string{"不是字体文件"}},
		{"web font", map[Role]string{Body: woff}, woff, []string{"网页字体"}},
		{"CFF magic", map[Role]string{Heading2: otto}, otto, []string{"用作二级标题字体的文件是 CFF 轮廓的 OpenType 字体，PDF 生成程序只能嵌入 TrueType 字体。请改用 .ttf 字体（例如 C:\\Windows\\Fonts\\simkai.ttf），或用 fonts/otf2ttf.py 转换"}},
		{"CFF table", map[Role]string{Body: cffTable}, cffTable, []string{"CFF 轮廓", "simfang.ttf", "otf2ttf.py"}},
		{"CFF face in a collection", map[Role]string{Body: ottoTTC}, ottoTTC, []string{"CFF 轮廓"}},
		{"index out of range", map[Role]string{Number: ttc + "#2"}, ttc, []string{"用作页码字体的字体集合（.ttc）只有 2 个字体，序号 #2 超出范围"}},
		{"index of a single font", map[Role]string{Body: ttf + "#1"}, ttf, []string{"单个字体", "#1"}},
		{"truncated", map[Role]string{Body: truncated}, truncated, []string{"已损坏"}},
		{"no glyf", map[Role]string{Body: noGlyf}, noGlyf, []string{"没有 TrueType 轮廓（glyf 表）"}},
		{"no hmtx", map[Role]string{Body: noHmtx}, noHmtx, []string{"缺少 hmtx 表"}},
		{"no Unicode cmap", map[Role]string{Body: noUnicode}, noUnicode, []string{"没有 Unicode 字符映射表"}},
		{"embedding not allowed", map[Role]string{Body: restricted}, restricted, []string{"授权不允许", "0x0002"}},
		{"shared file names every role", map[Role]string{Body: otto, Table: otto}, otto, []string{"用作正文、表格字体的文件是 CFF"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Load(tt.spec)
			require.Error(t, err)
			assert.Nil(t, set)
			var de diag.Errors
			require.True(t, errors.As(err, &de))
			require.Len(t, de, 1, err.Error())
			assert.Equal(t, tt.file, de[0].Pos.File)
			assert.Equal(t, diag.Error, de[0].Severity)
			for _, w := range tt.want {
				assert.Contains(t, de[0].Text, w)
			}
			assert.True(t, strings.HasPrefix(err.Error(), tt.file+"："), err.Error())
		})
	}

	t.Run("all problems together", func(t *testing.T) {
		_, err := Load(map[Role]string{Body: otto, Title: text, "subtitle": ttf, Fallback: ttc + "#9"})
		var de diag.Errors
		require.True(t, errors.As(err, &de))
		require.Len(t, de, 4, err.Error())
		assert.Contains(t, de[0].Text, "未知的字体用途“subtitle”")
	})
}

// TestEmbeddedInFpdf: fpdf reads, subsets and writes every embedded font
// without a word on stdout.
func TestEmbeddedInFpdf(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	for _, f := range set.Fonts() {
		var err error
		out := captureStdout(t, func() { err = trySample(f.Data, f.m) })
		assert.NoError(t, err, f.Name)
		assert.Empty(t, out, f.Name)
	}
}

// TestCorrupt: damaged font files give an error or a checked font, never a
// panic.
func TestCorrupt(t *testing.T) {
	orig := mustBytes(t, fonts.Kai)
	dir, _, err := readDir(orig, 0)
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	regions := []table{{off: 0, len: 12 + 16*len(dir)}, dir["cmap"], dir["head"], dir["hhea"], dir["maxp"], dir["OS/2"], dir["name"]}
	for i := range 28 {
		data := bytes.Clone(orig)
		r := regions[i%len(regions)]
		for range 1 + rng.IntN(8) {
			data[r.off+rng.IntN(min(r.len, 4096))] = byte(rng.Uint32())
		}
		require.NotPanics(t, func() {
			m, problem := analyze(data, "", "")
			if problem == "" {
				_ = captureStdout(t, func() { _ = trySample(data, m) })
			}
		}, "region %d", i%len(regions))
	}
}

func TestRealCFF(t *testing.T) {
	const otf = "/tmp/fontwork/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
	if _, err := os.Stat(otf); err != nil {
		t.Skip("Debian's FandolFang-Regular.otf not unpacked here")
	}
	_, err := Load(map[Role]string{Body: otf})
	require.Error(t, err)
	assert.Contains(t, err.Error(), otf+"：用作正文字体的文件是 CFF 轮廓的 OpenType 字体")
}

// TestAdvance checks Advance and Width against fpdf's GetStringWidth.
func TestAdvance(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	const sample = "二〇二四年度政府信息公开工作年度报告（2024年）：“三安全一稳定”〔2021〕30号—…·％ ABCxyz 12.5ก"
	for _, f := range set.Fonts() {
		require.False(t, f.Has('ก'), "a character the font lacks counts fpdf's missing width")
		for _, size := range []float64{22, 16, 14, 10.5} {
			pdf := fpdf.New("P", "pt", "A4", "")
			_, err := set.AddTo(pdf, map[string][]rune{f.Name: []rune(sample)})
			require.NoError(t, err)
			pdf.SetFont(f.Name, "", size)
			want := pdf.GetStringWidth(sample)
			require.NoError(t, pdf.Error())
			sum := 0.0
			for _, c := range sample {
				sum += f.Advance(c, size)
			}
			assert.InDelta(t, want, sum, 0.01, "%s at %g pt", f.Name, size)
			assert.InDelta(t, want, f.Width(sample, size), 1e-9, "%s at %g pt", f.Name, size)
		}
		assert.InDelta(t, 16.0, f.Advance('年', 16), 1e-9, "%s: Han characters are 1 em", f.Name)
	}
}

// TestConcurrentLoad: documents built concurrently from the shared font
// bytes do not race (run with -race): fpdf only gets subsets cut from them.
func TestConcurrentLoad(t *testing.T) {
	var wg sync.WaitGroup
	sets := make([]*Set, 3)
	for i := range sets {
		wg.Go(func() {
			s, err := Load(nil)
			assert.NoError(t, err)
			sets[i] = s
			pdf := fpdf.New("P", "pt", "A4", "")
			_, err = s.AddTo(pdf, map[string][]rune{s.Font(Body).Name: []rune("年度报告")})
			assert.NoError(t, err)
			pdf.AddPage()
			pdf.SetFont(s.Font(Body).Name, "", 16)
			pdf.Cell(100, 20, "年度报告")
			assert.NoError(t, pdf.Output(io.Discard))
		})
	}
	wg.Wait()
	assert.Same(t, &sets[0].Font(Body).Data[0], &sets[1].Font(Body).Data[0])
}

func BenchmarkLoad(b *testing.B) {
	if _, err := Load(nil); err != nil { // parse once
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCold is the first Load of a process: copying and measuring
// the five embedded fonts.
func BenchmarkLoadCold(b *testing.B) {
	for b.Loop() {
		for name := range embFonts {
			embFonts[name] = &embeddedFont{}
		}
		if _, err := Load(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadUser is a Load with one user .ttf: reading, checking and
// fpdf's trial run.
func BenchmarkLoadUser(b *testing.B) {
	data, err := fonts.Bytes(fonts.Hei)
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "hei.ttf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(map[Role]string{Heading1: p}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseEmbedded is the one-time work of the first Load, per font.
func BenchmarkParseEmbedded(b *testing.B) {
	data, err := fonts.Bytes(fonts.Fang)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, p := analyze(data, "", ""); p != "" {
			b.Fatal(p)
		}
	}
}

func BenchmarkHas(b *testing.B) {
	set, err := Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	f := set.Font(Body)
	text := []rune("二〇二四年度政府信息公开工作年度报告😀")
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		if f.Has(text[i%len(text)]) {
			n++
		}
	}
	_ = n
}

func BenchmarkMissing(b *testing.B) {
	set, err := Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("本机关严格落实《中华人民共和国政府信息公开条例》，2024年共收到申请3119件。", 10)
	for b.Loop() {
		set.Missing(Body, text)
	}
}

// helpers

func mustBytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fonts.Bytes(name)
	require.NoError(t, err)
	return b
}

func writeFont(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// packTTC packs single fonts into a TrueType collection (ttcf 1.0), each
// font with its own copy of its tables.
func packTTC(t *testing.T, faces ...[]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	head := make([]byte, 12+4*len(faces))
	copy(head, "ttcf")
	binary.BigEndian.PutUint16(head[4:], 1)
	binary.BigEndian.PutUint32(head[8:], uint32(len(faces)))
	out.Write(head)
	for i, face := range faces {
		_, list, err := readDir(face, 0)
		require.NoError(t, err)
		start := out.Len()
		binary.BigEndian.PutUint32(out.Bytes()[12+4*i:], uint32(start))
		dir := make([]byte, 12+16*len(list))
		copy(dir, face[:12])
		pos := start + len(dir)
		for j, tb := range list {
			r := dir[12+16*j:]
			copy(r, face[12+16*j:12+16*j+8]) // tag and checksum
			binary.BigEndian.PutUint32(r[8:], uint32(pos))
			binary.BigEndian.PutUint32(r[12:], uint32(tb.len))
			pos += (tb.len + 3) &^ 3
		}
		out.Write(dir)
		for _, tb := range list {
			out.Write(face[tb.off : tb.off+tb.len])
			out.Write(make([]byte, (4-tb.len%4)%4))
		}
	}
	return out.Bytes()
}

// renameTable changes a table's tag in the directory of a copy of font.
func renameTable(t *testing.T, font []byte, from, to string) []byte {
	t.Helper()
	out := bytes.Clone(font)
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := range n {
		r := out[12+16*i:]
		if string(r[:4]) == from {
			copy(r, to)
			return out
		}
	}
	t.Fatalf("no %s table", from)
	return nil
}

// macOnlyCmap turns every cmap encoding record into Macintosh Roman.
func macOnlyCmap(t *testing.T, font []byte) []byte {
	t.Helper()
	out := bytes.Clone(font)
	dir, _, err := readDir(out, 0)
	require.NoError(t, err)
	c := dir["cmap"].off
	n := int(binary.BigEndian.Uint16(out[c+2:]))
	for i := range n {
		binary.BigEndian.PutUint16(out[c+4+8*i:], 1)
		binary.BigEndian.PutUint16(out[c+4+8*i+2:], 0)
	}
	return out
}

func withFsType(t *testing.T, font []byte, fs uint16) []byte {
	t.Helper()
	out := bytes.Clone(font)
	dir, _, err := readDir(out, 0)
	require.NoError(t, err)
	binary.BigEndian.PutUint16(out[dir["OS/2"].off+8:], fs)
	return out
}

// captureStdout runs fn with os.Stdout redirected and returns what it printed.
func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stdout = old }()
	fn()
	os.Stdout = old
	require.NoError(t, w.Close())
	return <-done
}
