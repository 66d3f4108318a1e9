package fontset

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"regexp"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/nianbao/nianbao/fonts"
)

const subsetSample = "江门市政府投资工程建设管理中心2022年政府信息公开工作年度报告（一）“三”〔2021〕30号—…·％ ABCxyz 12.5"

// sameGlyphs checks that every character of text has in sub exactly the
// outline and advance it has in orig.
func sameGlyphs(t *testing.T, orig, sub []byte, text string) {
	t.Helper()
	of, err := sfnt.Parse(orig)
	require.NoError(t, err)
	sf, err := sfnt.Parse(sub)
	require.NoError(t, err, "x/image/font/sfnt parses the subset")
	var ob, sb sfnt.Buffer
	ppem := fixed.Int26_6(of.UnitsPerEm())
	for _, c := range text {
		og, err := of.GlyphIndex(&ob, c)
		require.NoError(t, err)
		sg, err := sf.GlyphIndex(&sb, c)
		require.NoError(t, err)
		if og == 0 {
			assert.Zero(t, sg, "%q is not in the font", c)
			continue
		}
		require.NotZero(t, sg, "%q is in the subset", c)
		oseg, err := of.LoadGlyph(&ob, og, ppem, nil)
		require.NoError(t, err)
		oseg = append(sfnt.Segments{}, oseg...) // the buffer is reused
		sseg, err := sf.LoadGlyph(&sb, sg, ppem, nil)
		require.NoError(t, err)
		assert.Equal(t, oseg, append(sfnt.Segments{}, sseg...), "outline of %q", c)
		oa, err := of.GlyphAdvance(&ob, og, ppem, font.HintingNone)
		require.NoError(t, err)
		sa, err := sf.GlyphAdvance(&sb, sg, ppem, font.HintingNone)
		require.NoError(t, err)
		assert.Equal(t, oa, sa, "advance of %q", c)
	}
}

func TestSubsetEmbedded(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	for _, f := range set.Fonts() {
		t.Run(f.Name, func(t *testing.T) {
			sub, tag := f.Subset([]rune(subsetSample))
			assert.Regexp(t, regexp.MustCompile(`^[A-Z]{6}$`), tag)
			assert.Less(t, len(sub), len(f.Data)/20, "a few glyphs of thousands")
			sameGlyphs(t, f.Data, sub, subsetSample)

			// The subset passes the same checks as a user's font, fpdf's own
			// reading included, with the widths of the whole font.
			m, problem := analyze(sub, "", "")
			require.Empty(t, problem)
			for _, c := range subsetSample + " " {
				assert.Equal(t, f.m.width(c), m.width(c), "width of %q", c)
			}
			assert.Equal(t, f.m.missing, m.missing, ".notdef width")
			out := captureStdout(t, func() { err = trySample(sub, m) })
			assert.NoError(t, err)
			assert.Empty(t, out, "fpdf printed to stdout")

			// Deterministic: same characters in any order, same bytes.
			again, tag2 := f.Subset([]rune("。" + subsetSample + "江江"))
			other, _ := f.Subset([]rune(subsetSample))
			assert.Equal(t, sub, other)
			assert.Equal(t, tag, subsetTag(sub))
			assert.NotEqual(t, tag, tag2, "another subset, another tag")
			sameGlyphs(t, f.Data, again, "。"+subsetSample)
		})
	}
}

// The checksums of a subset are right: every table's, and the whole file
// sums to 0xB1B0AFBA.
func TestSubsetChecksums(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	sub, _ := set.Font(Body).Subset([]rune(subsetSample))
	_, list, err := readDir(sub, 0)
	require.NoError(t, err)
	for i, tb := range list {
		want := binary.BigEndian.Uint32(sub[12+16*i+4:])
		data := bytes.Clone(sub[tb.off : tb.off+(tb.len+3)&^3])
		if tb.tag == "head" {
			binary.BigEndian.PutUint32(data[8:], 0)
		}
		assert.Equal(t, want, checksum(data), tb.tag)
		assert.Zero(t, tb.off%4, "%s aligned", tb.tag)
	}
	assert.Equal(t, uint32(0xB1B0AFBA), checksum(sub))
	var tags []string
	for _, tb := range list {
		tags = append(tags, tb.tag)
	}
	assert.Equal(t, []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}, tags)
}

// Composite glyphs (DejaVu's accented letters) keep their components,
// renumbered.
func TestSubsetComposite(t *testing.T) {
	const path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("DejaVu Sans not installed")
	}
	cut, err := newSubsetter(data)
	require.NoError(t, err)
	const text = "éÅçñÿ Ǻ"
	composite := 0
	for _, c := range text {
		g, err := cut.glyph(cut.glyphID(c))
		require.NoError(t, err)
		if len(g) > 2 && int16(binary.BigEndian.Uint16(g)) < 0 {
			composite++
		}
	}
	require.Positive(t, composite, "the sample has composite glyphs")
	sub, err := cut.cut([]rune(text))
	require.NoError(t, err)
	sameGlyphs(t, data, sub, text)
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("dv", "", sub)
	pdf.AddPage()
	pdf.SetFont("dv", "", 12)
	pdf.Cell(100, 20, text)
	assert.NoError(t, pdf.Output(io.Discard))
}

// Subsetting only reads the shared embedded bytes.
func TestSubsetLeavesSharedBytes(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	for _, f := range set.Fonts() {
		before := subsetTag(f.Data) + subsetTag(f.Data[len(f.Data)/2:])
		sub, _ := f.Subset([]rune(subsetSample))
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("x", "", sub)
		pdf.AddPage()
		pdf.SetFont("x", "", 12)
		pdf.Cell(100, 20, subsetSample)
		require.NoError(t, pdf.Output(io.Discard))
		assert.Equal(t, before, subsetTag(f.Data)+subsetTag(f.Data[len(f.Data)/2:]), f.Name)
		want, err := fonts.Bytes(f.Source[len("内置 "):])
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, f.Data), "%s unchanged", f.Name)
	}
}

func BenchmarkSubset(b *testing.B) {
	set, err := Load(nil)
	if err != nil {
		b.Fatal(err)
	}
	f := set.Font(Body)
	chars := []rune(subsetSample)
	for c := rune(0x4E00); len(chars) < 700; c += 29 {
		if f.Has(c) {
			chars = append(chars, c)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		sub, _ := f.Subset(chars)
		b.ReportMetric(float64(len(sub))/1024, "KB/font")
	}
}

// Releasing the pages of a font only ever drops pages that come back
// unchanged from the executable: memory on the heap is left alone, and the
// embedded bytes read the same afterwards.
func TestReleaseEmbedded(t *testing.T) {
	heap := bytes.Repeat([]byte{7}, 1<<16)
	releaseEmbedded(heap)
	assert.Equal(t, bytes.Repeat([]byte{7}, 1<<16), heap, "anonymous memory is not zeroed")
	shared, err := fonts.Shared(fonts.Kai)
	require.NoError(t, err)
	releaseEmbedded(shared)
	orig, err := fonts.Bytes(fonts.Kai)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(orig, shared))
}

// A user's font (here one face sliced out of a collection) is cut the same
// way; its bytes are the user's own copy and stay as read.
func TestSubsetUserFont(t *testing.T) {
	hei := mustBytes(t, fonts.Hei)
	path := writeFont(t, "pair.ttc", packTTC(t, mustBytes(t, fonts.Fang), hei))
	set, err := Load(map[Role]string{Body: path + "#1"})
	require.NoError(t, err)
	f := set.Font(Body)
	require.False(t, f.Embedded)
	before := bytes.Clone(f.Data)
	sub, tag := f.Subset([]rune(subsetSample))
	assert.Regexp(t, `^[A-Z]{6}$`, tag)
	sameGlyphs(t, f.Data, sub, subsetSample)
	assert.Equal(t, before, f.Data)
}

// A font the subsetter cannot read but fpdf can is handed over whole, as
// a copy, without a tag.
func TestSubsetFallsBackToCopy(t *testing.T) {
	set, err := Load(nil)
	require.NoError(t, err)
	f := *set.Font(Body)
	f.cut = nil
	data, tag := f.Subset([]rune("年"))
	assert.Empty(t, tag)
	assert.Equal(t, len(f.Data), len(data))
	assert.NotSame(t, &f.Data[0], &data[0], "a copy, never the shared bytes")
}
