package linebreak

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// measure is the fixed test metric: ASCII advances 8 pt, everything else
// (Han, full-width punctuation, “”…—) 16 pt.
func measure(r rune) float64 {
	if r < utf8.RuneSelf {
		return 8
	}
	return 16
}

func TestBreak(t *testing.T) {
	const url = "http://www.example.gov.cn/xxgk/2024/report.html" // 47 ASCII = 376 pt
	tests := []struct {
		name        string
		text        string
		first, rest float64
		want        []string // line texts; only the final one is Last
	}{
		{"empty", "", 64, 64, nil},
		{"exact multiple", "一二三四五六七八", 64, 64, []string{"一二三四", "五六七八"}},
		{"multiple with remainder", "一二三四五六七八九十", 64, 64, []string{"一二三四", "五六七八", "九十"}},
		{"whole text fits exactly", "一二三四五六七八九十", 160, 160, []string{"一二三四五六七八九十"}},
		{"just under a multiple", "一二三四五六七八九十", 63.9, 63.9, []string{"一二三", "四五六", "七八九", "十"}},

		{"number run kept whole", "全年共受理申请3119件", 128, 128, []string{"全年共受理申请", "3119件"}},
		{"thousands separator kept whole", "受理3,119件", 48, 48, []string{"受理", "3,119", "件"}},
		{"percentage with its comma", "增长率为12.5%，较上年", 112, 112, []string{"增长率为", "12.5%，较上年"}},
		{"phone number", "联系电话：0750-0000000。", 128, 128, []string{"联系电话：", "0750-0000000。"}},
		{"URL that fits a line moves whole", "网址http://x.gov.cn，欢迎访问", 160, 160, []string{"网址", "http://x.gov.cn，欢", "迎访问"}},
		{"break between Han and digits", "一二三2024年", 64, 64, []string{"一二三", "2024年"}},

		{"行首禁则 comma pulls a char back", "一二三四，五六", 64, 64, []string{"一二三", "四，五六"}},
		{"行首禁则 full stop", "一二三四。五六七", 64, 64, []string{"一二三", "四。五六", "七"}},
		{"行首禁则 closing quote", "一二三四”五", 64, 64, []string{"一二三", "四”五"}},
		{"行首禁则 closing quote and full stop pull back", "一二三”。四五", 64, 64, []string{"一二", "三”。四", "五"}},
		{"行首禁则 ASCII closing paren", "一二三四)五", 64, 64, []string{"一二三", "四)五"}},
		{"行首禁则 across a space", "一二三 。四", 64, 64, []string{"一二", "三 。四"}},
		{"行尾禁则 opening quote is pushed", "一二三“四五", 64, 64, []string{"一二三", "“四五"}},
		{"行尾禁则 opening paren is pushed", "一二三（四）五", 64, 64, []string{"一二三", "（四）五"}},
		{"行尾禁则 book title mark", "严格落实《条例》规定", 80, 80, []string{"严格落实", "《条例》规", "定"}},

		{"…… not split", "一二三……四", 64, 64, []string{"一二", "三……四"}},
		{"…… at the end pulls a char", "一二三四……", 64, 64, []string{"一二三", "四……"}},
		{"…… fits exactly", "一二三……四", 80, 80, []string{"一二三……", "四"}},
		{"—— not split", "一二三——四", 64, 64, []string{"一二", "三——四"}},

		{"ASCII words", "hello world foo", 88, 88, []string{"hello world", "foo"}},
		{"ASCII words narrower", "hello world foo", 80, 80, []string{"hello", "world foo"}},
		{"space run dropped at the break", "ab   cd", 24, 24, []string{"ab", "cd"}},
		{"interior spaces kept", "a  b", 80, 80, []string{"a  b"}},
		{"trailing spaces dropped", "ab  ", 80, 80, []string{"ab"}},
		{"indentation kept and glued", "  一二三", 48, 48, []string{"  一二", "三"}},
		{"spaces only", "   ", 80, 80, []string{""}},

		{"long URL split by characters after the text", "详见" + url, 80, 80,
			[]string{"详见http:/", "/www.examp", "le.gov.cn/", "xxgk/2024/", "report.htm", "l"}},
		{"long URL between Han", "见" + url[:20] + "。下", 80, 80,
			[]string{"见http://w", "ww.example", ".g。下"}},
		{"only forbidden characters", "。。。。。。", 48, 48, []string{"。。。", "。。。"}},
		{"forbidden run after text", "一二三四。。。。。。", 64, 64, []string{"一二三四", "。。。。", "。。"}},
		{"unbreakable brackets wider than the line", "（四）", 32, 32, []string{"（四", "）"}},

		{"newline", "一二三\n四五", 160, 160, []string{"一二三", "四五"}},
		{"newline wraps each paragraph", "一二三四五\n六七八", 48, 48, []string{"一二三", "四五", "六七八"}},
		{"trailing newline gives an empty last line", "一二\n", 160, 160, []string{"一二", ""}},
		{"newlines only", "\n\n", 160, 160, []string{"", "", ""}},
		{"spaces before newline dropped", "ab  \n  cd ", 160, 160, []string{"ab", "  cd"}},
		{"newline may be followed by a forbidden char", "一\n。二", 160, 160, []string{"一", "。二"}},

		{"first narrower than rest", "一二三四五六七八九十", 32, 64, []string{"一二", "三四五六", "七八九十"}},
		{"first wider than rest", "一二三四五六七八九十", 80, 48, []string{"一二三四五", "六七八", "九十"}},
		{"first applies to the first paragraph only", "一二三\n四五六", 32, 64, []string{"一二", "三", "四五六"}},
		{"unit wider than first but not rest starts the text", "12345一", 16, 80, []string{"12", "345一"}},

		{"tiny width: one character per line", "字a b", 4, 4, []string{"字", "a", "b"}},
		{"zero width", "一二", 0, 0, []string{"一", "二"}},
		{"negative width", "ab", -5, -5, []string{"a", "b"}},
		{"Han wider than width but ASCII fits", "a字bc", 12, 12, []string{"a", "字", "b", "c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := Break(tc.text, tc.first, tc.rest, measure)
			assert.Equal(t, tc.want, texts(lines))
			checkInvariants(t, tc.text, tc.first, tc.rest, measure, lines)
		})
	}
}

func TestBreakWidthsAndLast(t *testing.T) {
	lines := Break("一二 3,119。\n四", 80, 80, measure)
	assert.Equal(t, []Line{
		{Text: "一二", Width: 32},
		{Text: "3,119。", Width: 56},
		{Text: "四", Width: 16, Last: true},
	}, lines)
}

// TestTinyWidthOverflow documents the only allowed overflow: when the measure
// is narrower than one character, that character stands alone on its line.
func TestTinyWidthOverflow(t *testing.T) {
	text := "2024年，全市共受理“申请”3119件……"
	for _, w := range []float64{0, 1, 7.9, 8, 15.9} {
		lines := Break(text, w, w, measure)
		checkInvariants(t, text, w, w, measure, lines)
		for _, l := range lines {
			if l.Width > w {
				assert.Equal(t, 1, utf8.RuneCountInString(l.Text), "width %v: %q", w, l.Text)
			}
		}
	}
	// At 8 pt the ASCII characters fit, the Han characters overflow alone.
	assert.Equal(t, []string{"a", "字", "b"}, texts(Break("a字b", 8, 8, measure)))
}

func TestJustify(t *testing.T) {
	assert.Equal(t, 8.0, Justify(Line{Text: "一二三", Width: 48}, 64))
	assert.Equal(t, 0.0, Justify(Line{Text: "一二三", Width: 48, Last: true}, 64))
	assert.Equal(t, 0.0, Justify(Line{Text: "一", Width: 16}, 64))
	assert.Equal(t, 0.0, Justify(Line{}, 64))
	assert.InDelta(t, 16.0/3, Justify(Line{Text: "ab c", Width: 32}, 48), 1e-12)

	// Justified lines of a real paragraph fill the measure exactly.
	const w = 200
	for _, l := range Break(realText[0], w, w, measure) {
		n := utf8.RuneCountInString(l.Text)
		if l.Last || n < 2 {
			continue
		}
		assert.InDelta(t, w, l.Width+Justify(l, w)*float64(n-1), 1e-9)
	}
}

func TestClassOf(t *testing.T) {
	for _, r := range "一龥〇中文あアㄅ가　２Ａ、。（）“”……——·《》" {
		assert.NotZero(t, classOf(r)&clsCJK, "%q should be CJK", r)
	}
	for _, r := range "aZ09.,%-/:()é\tА\uFFFD😀" {
		assert.Zero(t, classOf(r)&clsCJK, "%q should not be CJK", r)
	}
	for _, r := range noStartChars {
		assert.NotZero(t, classOf(r)&clsNoStart, "%q", r)
	}
	for _, r := range noEndChars {
		assert.NotZero(t, classOf(r)&clsNoEnd, "%q", r)
	}
}

func texts(lines []Line) []string {
	if lines == nil {
		return nil
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

// The test oracle's 禁则 sets, written out independently of the
// implementation: the spec's lists plus the same-kind extras the package
// documents.
const (
	noStartChars = "。，、；：？！）》〕】」』”’…—％·.,;:?!)]}%" + "〉〗〙〛］｝｣．｡､―⋯‥⸺⸻・"
	noEndChars   = "（《〔【「『“‘([{" + "〈〖〘〚［｛｢"
)

// oracleLegal reports whether 禁则 allows a break between a and b (a space
// run between them or not).
func oracleLegal(a, b rune) bool {
	return !strings.ContainsRune(noEndChars, a) && !strings.ContainsRune(noStartChars, b)
}

func oracleCJK(r rune) bool {
	return isCJK(r) || strings.ContainsRune(noStartChars+noEndChars, r) && r >= utf8.RuneSelf
}

// opp is a legal break: the line ends at end, the next starts at next (they
// differ when a space run between them is dropped).
type opp struct{ end, next int }

// oracleOpps lists the legal breaks of paragraph p (no '\n', no trailing
// spaces) in order.
func oracleOpps(p string) []opp {
	var opps []opp
	prev := rune(-1) // previous non-space rune; none within the indentation
	spaceAt := -1    // start of the space run after prev
	for off, r := range p {
		if r == ' ' {
			if prev >= 0 && spaceAt < 0 {
				spaceAt = off
			}
			continue
		}
		switch {
		case prev < 0: // first word, glued to the indentation
		case spaceAt >= 0:
			if oracleLegal(prev, r) {
				opps = append(opps, opp{spaceAt, off})
			}
		case (oracleCJK(prev) || oracleCJK(r)) && oracleLegal(prev, r):
			opps = append(opps, opp{off, off})
		}
		prev, spaceAt = r, -1
	}
	return opps
}

func sum(s string, m Measure) float64 {
	w := 0.0
	for _, r := range s {
		w += m(r)
	}
	return w
}

func oracleLimit(w float64) float64 { return max(w, 0) + tolerance }

// checkInvariants checks lines against text:
//
//  1. the line texts are the text in order, minus '\n' and minus space runs
//     at line ends (the whole run at a space break, trailing spaces of a
//     paragraph); a line begins or ends with a space only inside the
//     paragraph's indentation; empty lines only for empty paragraphs;
//  2. every break inside a paragraph is a legal opportunity (no 禁则
//     violation, no split ASCII run), unless unavoidable: the unit that holds
//     it is wider than rest (or starts the text and is wider than first), and
//     the split is greedy; legal breaks are greedy too (the line could not
//     reach the next opportunity);
//  3. no line is wider than its measure unless it holds a single character;
//  4. Width is the sum of m over the line's runes; exactly the final line is Last.
func checkInvariants(t testing.TB, text string, first, rest float64, m Measure, lines []Line) {
	t.Helper()
	if text == "" {
		require.Nil(t, lines)
		return
	}
	require.NotEmpty(t, lines)
	for k, l := range lines {
		require.Equal(t, k == len(lines)-1, l.Last, "Last of line %d %q", k, l.Text)
		require.Equal(t, sum(l.Text, m), l.Width, "Width of line %d %q", k, l.Text)
	}
	limFirst, limRest := oracleLimit(first), oracleLimit(rest)
	li := 0
	for pi, raw := range strings.Split(text, "\n") {
		p := strings.TrimRight(raw, " ")
		require.Less(t, li, len(lines), "too few lines: paragraph %d %q has none", pi, p)
		if p == "" {
			require.Empty(t, lines[li].Text, "line %d of an empty paragraph", li)
			li++
			continue
		}
		indent := len(p) - len(strings.TrimLeft(p, " "))
		opps := oracleOpps(p)
		for pos := 0; pos < len(p); li++ {
			require.Less(t, li, len(lines), "too few lines: %q not placed", p[pos:])
			l := lines[li]
			lim := limRest
			if li == 0 {
				lim = limFirst
			}
			// 1. text
			require.NotEmpty(t, l.Text, "line %d", li)
			require.True(t, strings.HasPrefix(p[pos:], l.Text), "line %d %q is not next in %q", li, l.Text, p[pos:])
			start, end := pos, pos+len(l.Text)
			if l.Text[0] == ' ' {
				require.Less(t, start, indent, "line %d %q starts with a space", li, l.Text)
			}
			if l.Text[len(l.Text)-1] == ' ' {
				require.LessOrEqual(t, end, indent, "line %d %q ends with a space", li, l.Text)
			}
			next := end
			if end > indent {
				for next < len(p) && p[next] == ' ' {
					next++
				}
			}
			pos = next

			// 3. width
			if utf8.RuneCountInString(l.Text) > 1 {
				require.LessOrEqual(t, l.Width, lim, "line %d %q too wide", li, l.Text)
			}
			if next == len(p) {
				continue // paragraph end
			}

			// 2. break
			nr, _ := utf8.DecodeRuneInString(p[next:])
			grown := sum(p[start:next], m) + m(nr)
			i := slices.IndexFunc(opps, func(o opp) bool { return o.end >= end })
			if i >= 0 && opps[i] == (opp{end, next}) {
				// Legal break: greedy, the line could not reach the next opportunity.
				reach := len(p)
				if i+1 < len(opps) {
					reach = opps[i+1].end
				}
				require.Greater(t, sum(p[start:reach], m), lim,
					"line %d %q broken early: %q would fit", li, l.Text, p[start:reach])
				continue
			}
			// Violation: the unit holding it must be too wide for any line,
			// and the split greedy.
			ustart, uend := 0, len(p)
			if i >= 0 {
				uend = opps[i].end
			}
			for _, o := range opps {
				if o.next <= end {
					ustart = o.next
				}
			}
			uw := sum(p[ustart:uend], m)
			tooWide := uw > limRest || pi == 0 && ustart == 0 && uw > limFirst
			require.True(t, tooWide, "line %d %q / %q: avoidable break inside unit %q",
				li, l.Text, p[next:], p[ustart:uend])
			require.Greater(t, grown, lim, "line %d %q: split inside %q is not greedy", li, l.Text, p[ustart:uend])
		}
	}
	require.Equal(t, len(lines), li, "more lines than text")
}

// realText are sentences of published reports (report/check/testdata) and
// edge strings, used as fuzz seeds and benchmark material.
var realText = []string{
	"2024年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大和二十届二中、三中全会精神，按照党中央国务院、省委省政府决策部署和市委工作要求，严格落实《中华人民共和国政府信息公开条例》各项规定，圆满完成了各项任务。……2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复。",
	"对照上级新要求和公众新期待，还有一些需要加强和改进的地方。主要表现在：一是政策解读质量仍需提升，个别单位政策解读内容简单、形式单一；二是政务公开队伍建设还需进一步加强，个别单位存在人员配备不足、兼职多、流动性过快的问题。",
	"2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。",
	"2021年，我区以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神……（一）主动公开方面。……全年主动公开我区各级单位政府信息2645条……（二）依申请公开方面。……本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
	"（一）存在的主要问题:政策解读形式不够丰富，未能充分运用数字化、图表图解等方式通俗易懂地解读政策文件。",
	"2022年全区共主动公开政府信息14571条。一是做好规范性文件公开。设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。",
	"本报告电子版可在“中国·平潭”门户网站（http://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202202/t20220208_80613.htm）下载。如对本报告有疑问，请联系：0591-24360000，行政事业性收费96171.6万元，同比增长12.5%。",
	"他说：“要——坚持‘公开为常态、不公开为例外’。”其余略……",
	"（一）主动公开政府信息情况 2023年，我局严格审签程序，全力做好政府信息公开工作。\n（二）依申请公开情况\n",
}

var edgeText = []string{
	"", " ", "\n", "\n\n", "  \n ", "。。。。。。", "（（（（（（", "））））", "……——……", "“”“”",
	"a b c", "  indented", "trailing   ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"http://www.example.gov.cn/a/very/long/path/that/never/fits/on/any/line/index.html",
	"\xff\xfe中\x80", "a\r\nb", "3,119.5%", "一 。 二 （ 三", "( ( ( a ) ) )", "字\t字",
}

func FuzzBreak(f *testing.F) {
	for i, s := range append(slices.Clone(realText), edgeText...) {
		f.Add(s, uint8(i*37), uint8(i*53))
		f.Add(s, uint8(3), uint8(200))
	}
	f.Fuzz(func(t *testing.T, text string, a, b uint8) {
		first, rest := fuzzWidth(a), fuzzWidth(b)
		lines := Break(text, first, rest, measure)
		checkInvariants(t, text, first, rest, measure, lines)

		// The same bytes spelled in an alphabet of the characters that
		// matter, which random bytes (mostly invalid UTF-8) rarely form.
		dense := alphabetText(text)
		lines = Break(dense, first, rest, measure)
		checkInvariants(t, dense, first, rest, measure, lines)
	})
}

// alphabet holds the characters the rules distinguish: Han, 行首禁则 (CJK
// and ASCII), 行尾禁则, the …/— pairs, ASCII letters and digits with their
// connectors, spaces and '\n'.
var alphabet = []rune("字文。，、：”’）》…—％·“‘（《a1.,%-/:)( \n　")

func alphabetText(s string) string {
	rs := make([]rune, len(s))
	for i := range len(s) {
		rs[i] = alphabet[int(s[i])%len(alphabet)]
	}
	return string(rs)
}

// fuzzWidth maps v to a measure: 0…31 give tiny widths 0…15.5 pt (narrower
// than a Han character, some narrower than ASCII), 32…255 span 16…400 pt.
func fuzzWidth(v uint8) float64 {
	if v < 32 {
		return float64(v) / 2
	}
	return 16 + float64(v-32)*384/223
}

// benchText is about 6,000 characters: the real sentences repeated.
var benchText = func() string {
	var sb strings.Builder
	for utf8.RuneCountInString(sb.String()) < 6000 {
		for _, s := range realText {
			sb.WriteString(strings.ReplaceAll(s, "\n", ""))
		}
	}
	return sb.String()
}()

func BenchmarkBreak(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Break(benchText, 416, 448, measure)
	}
}
