// Package fontset holds the fonts of one printable document, by role: the
// free Fandol fonts embedded in nianbao (package fonts) unless the user names
// a font file of their own for a role.
//
// Every font is checked here before the PDF renderer sees it, because
// go-pdf/fpdf prints load errors to stdout and carries on: it must be a
// single-face TrueType (glyf) font with a Unicode cmap of format 4 (the only
// subtable fpdf reads, so only characters of the Basic Multilingual Plane can
// be set). One face of a TrueType collection (.ttc) is sliced out into a
// standalone font; CFF OpenType fonts are refused with a clear message.
//
// The bytes of the embedded fonts are shared by every Set of the process and
// must only be read; fpdf writes into fonts it is given, so AddTo hands it
// a fresh subset of each font (Font.Subset) and never the shared bytes.
// Documents built concurrently, each with its own fpdf document, do not
// share any byte fpdf sees.
package fontset

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"github.com/nianbao/nianbao/fonts"
	"github.com/nianbao/nianbao/report/diag"
)

// Role is what a font is used for in the document.
type Role string

// Roles of fonts in a document (GB/T 9704).
const (
	Title    Role = "title"    // 标题：2号小标宋（方正小标宋简体）
	Body     Role = "body"     // 正文、三四级标题：3号仿宋
	Heading1 Role = "heading1" // 一级标题“一、”：3号黑体
	Heading2 Role = "heading2" // 二级标题“（一）”：3号楷体
	Number   Role = "number"   // 页码：4号半角宋体
	Table    Role = "table"    // 表格：仿宋
	Fallback Role = "fallback" // 备用：其他字体缺的字用它显示
)

// Roles are the roles the renderer sets text in (Fallback is not one of
// them: it only stands in for characters another role's font lacks).
var Roles = []Role{Title, Body, Heading1, Heading2, Number, Table}

var allRoles = []Role{Title, Body, Heading1, Heading2, Number, Table, Fallback}

var roleLabels = map[Role]string{
	Title: "标题", Body: "正文", Heading1: "一级标题", Heading2: "二级标题",
	Number: "页码", Table: "表格", Fallback: "备用",
}

// Label is the role's Chinese name: 标题、正文、一级标题…
func (r Role) Label() string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// defaults: the embedded font of each role.
var defaults = map[Role]string{
	Title: fonts.SongBold, Body: fonts.Fang, Heading1: fonts.Hei, Heading2: fonts.Kai,
	Number: fonts.Song, Table: fonts.Fang, Fallback: fonts.Song,
}

// PDF family names of the embedded fonts.
var embeddedNames = map[string]string{
	fonts.SongBold: "FandolSongBold", fonts.Fang: "FandolFang", fonts.Hei: "FandolHei",
	fonts.Kai: "FandolKai", fonts.Song: "FandolSong",
}

// examples of TrueType fonts a Windows user has, for messages.
var examples = map[Role]string{
	Heading1: `C:\Windows\Fonts\simhei.ttf`,
	Heading2: `C:\Windows\Fonts\simkai.ttf`,
}

func example(r Role) string {
	if e, ok := examples[r]; ok {
		return e
	}
	return `C:\Windows\Fonts\simfang.ttf`
}

// Default is the embedded font file of a role (a name from package fonts).
func Default(r Role) string { return defaults[r] }

// Font is one role's font.
type Font struct {
	Role Role
	// Name is the PDF font family name to register with fpdf: ASCII, unique
	// within the Set (roles sharing a font share the name), e.g. "FandolFang".
	Name string
	// Source says where the font comes from, for messages: "内置
	// FandolFang-Regular.ttf" or the user's path as written, e.g.
	// `C:\Windows\Fonts\simsun.ttc#0`.
	Source string
	// Data is the whole single-face TrueType font. Roles sharing a font
	// share Data, and so do all Sets for an embedded font: only read it;
	// never hand it to fpdf (which writes into fonts), use Subset.
	Data []byte
	// Family is the font's own family name (name table), e.g. "FandolFang".
	Family string
	// Embedded is true for the fonts built into nianbao.
	Embedded bool

	m   *metrics
	cut *subsetter // nil when the font cannot be subset (it is then copied whole)
}

// Has tells whether the font can show r. Only characters of the Basic
// Multilingual Plane (up to U+FFFF) can: fpdf reads only the cmap format 4.
func (f *Font) Has(r rune) bool {
	return f != nil && r >= 0 && r < 0x10000 && f.m.cw[r] != 0
}

// Advance is the advance width of r in points at size pt, as fpdf computes
// it (the font's hmtx advance rounded to 1/1000 em; fpdf's missing width for
// a character the font lacks).
func (f *Font) Advance(r rune, size float64) float64 {
	return float64(f.m.width(r)) * size / 1000
}

// Width is the width of s in points at size pt, exactly as fpdf's
// GetStringWidth computes it with the unit "pt" (sum of 1/1000 em, scaled).
func (f *Font) Width(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		w += f.m.width(r)
	}
	return float64(w) * size / 1000
}

// NumGlyphs is the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.m.numGlyphs }

// Set is the fonts of one document.
type Set struct {
	byRole   map[Role]*Font
	distinct []*Font
}

// Load builds the fonts of a document. spec maps a role to a user's font
// file: a path to a .ttf, or to a .ttc collection with a face index
// "path#N" (default 0), e.g. `C:\Windows\Fonts\simsun.ttc#0`; only '#'
// separates the index. Relative paths are taken as they are (resolve them
// against the config's folder first). Every role without an entry (or with
// an empty one) gets its embedded Fandol font; Fallback defaults to
// FandolSong-Regular. All problems are reported together as diag.Errors.
func Load(spec map[Role]string) (*Set, error) {
	var errs diag.Errors
	var unknown []string
	for r := range spec {
		if _, ok := roleLabels[r]; !ok {
			unknown = append(unknown, string(r))
		}
	}
	sort.Strings(unknown)
	for _, u := range unknown {
		errs = append(errs, diag.Errorf(diag.Pos{}, "未知的字体用途“%s”，可用的有：title（标题）、body（正文）、heading1（一级标题）、heading2（二级标题）、number（页码）、table（表格）、fallback（备用）", u)...)
	}

	// Group the roles by font source, so that each file is read once.
	type source struct {
		key, user string
		roles     []Role
		font      *Font
	}
	var sources []*source
	byKey := map[string]*source{}
	for _, r := range allRoles {
		user := strings.TrimSpace(spec[r])
		key := "embedded:" + defaults[r]
		if user != "" {
			path, index, _ := parseSpec(user) // "a.ttc" and "a.ttc#0" are one face
			key = "file:" + path + "#" + strconv.Itoa(index)
		}
		s := byKey[key]
		if s == nil {
			s = &source{key: key, user: user}
			byKey[key] = s
			sources = append(sources, s)
		}
		s.roles = append(s.roles, r)
	}

	used := map[string]bool{} // lower-case family names taken (fpdf keys are case-insensitive)
	for _, s := range sources {
		var f *Font
		if s.user == "" {
			file := defaults[s.roles[0]]
			data, err := fonts.Shared(file)
			if err != nil {
				return nil, err
			}
			e, err := embedded(file, data)
			if err != nil {
				return nil, err
			}
			f = &Font{Name: embeddedNames[file], Source: "内置 " + file, Data: data, Family: e.m.family, Embedded: true, m: e.m, cut: e.cut}
		} else {
			var problem diag.Errors
			f, problem = loadUser(s.user, s.roles)
			if problem != nil {
				errs = append(errs, problem...)
				continue
			}
		}
		f.Name = uniqueName(f.Name, used)
		s.font = f
	}
	if len(errs) > 0 {
		return nil, errs
	}
	set := &Set{byRole: map[Role]*Font{}}
	for _, s := range sources {
		for _, r := range s.roles {
			f := *s.font
			f.Role = r
			set.byRole[r] = &f
		}
		set.distinct = append(set.distinct, set.byRole[s.roles[0]])
	}
	return set, nil
}

func uniqueName(name string, used map[string]bool) string {
	n := name
	for i := 2; used[strings.ToLower(n)]; i++ {
		n = fmt.Sprintf("%s-%d", name, i)
	}
	used[strings.ToLower(n)] = true
	return n
}

// Font is the font of role r (nil for an unknown role).
func (s *Set) Font(r Role) *Font { return s.byRole[r] }

// Fonts are the distinct fonts of the set (roles sharing a font give one
// entry, the Font of the first role), each to be registered once with fpdf
// under its Name.
func (s *Set) Fonts() []*Font {
	out := make([]*Font, len(s.distinct))
	copy(out, s.distinct)
	return out
}

// AddTo registers every font of the set with a document
// (AddUTF8FontFromBytes, style ""), so that SetFont(f.Name, "", size) works.
// Each font is first cut down to the characters chars[f.Name] (see
// Font.Subset): fpdf then parses a font of a few hundred glyphs, not of
// thousands, and never sees the shared bytes of the embedded fonts, which
// it would write into. A character set in a font must be in its chars, or
// fpdf shows .notdef. AddTo returns each font's subset tag by Name ("" for
// a font added whole, see Subset), to put into the PDF font names.
func (s *Set) AddTo(pdf *fpdf.Fpdf, chars map[string][]rune) (map[string]string, error) {
	tags := make(map[string]string, len(s.distinct))
	for _, f := range s.distinct {
		data, tag := f.Subset(chars[f.Name])
		pdf.AddUTF8FontFromBytes(f.Name, "", data)
		tags[f.Name] = tag
	}
	return tags, pdf.Error()
}

// Subset returns the font cut down to .notdef, the space and the glyphs of
// chars (with the components of composite glyphs), as a new standalone
// TrueType font owned by the caller, and its subset tag: six capital
// letters derived from the subset's bytes, so the same characters of the
// same font always give the same bytes and tag. Characters the font lacks
// are left out. A user's font the subsetter cannot read (fpdf can) comes
// back whole, copied, with an empty tag.
func (f *Font) Subset(chars []rune) (data []byte, tag string) {
	if f.cut != nil {
		cs := make([]rune, 0, len(chars)+1)
		cs = append(cs, ' ')
		cs = append(cs, chars...)
		if sub, err := f.cut.cut(cs); err == nil {
			if f.Embedded {
				// A one-shot build reads each font once: let its pages go
				// (release_linux.go). A process that renders again keeps them
				// mapped rather than fault them back in for every document.
				f.cut.released.Do(func() { releaseEmbedded(f.Data) })
			}
			return sub, subsetTag(sub)
		}
	}
	return slices.Clone(f.Data), ""
}

// Missing reports, for text to be set in role r, the characters neither r's
// font nor the fallback font can show (none), and those r's font lacks but
// the fallback has (viaFallback: the renderer sets them in the fallback
// font). Each character is reported once, in order of first appearance;
// control characters (line breaks, tabs) are not set and not reported.
//
// Never hand the none characters to fpdf: v0.12.0 panics (index out of
// range) on any character above U+FFFF, and shows nothing for the others.
func (s *Set) Missing(r Role, text string) (none, viaFallback []rune) {
	f, fb := s.byRole[r], s.byRole[Fallback]
	seen := map[rune]bool{}
	for _, c := range text {
		if seen[c] || unicode.IsControl(c) {
			continue
		}
		seen[c] = true
		switch {
		case f.Has(c):
		case fb.Has(c):
			viaFallback = append(viaFallback, c)
		default:
			none = append(none, c)
		}
	}
	return none, viaFallback
}

// FontFor is the font to set c in for role r: r's font if it has c (or c is
// a control character), else the fallback if that has it, else nil.
func (s *Set) FontFor(r Role, c rune) *Font {
	f := s.byRole[r]
	if f.Has(c) || unicode.IsControl(c) {
		return f
	}
	if fb := s.byRole[Fallback]; fb.Has(c) {
		return fb
	}
	return nil
}

// Run is a stretch of text set in one font. Font is nil for characters no
// font of the set has (see Missing): they must not be handed to fpdf.
type Run struct {
	Font *Font
	Text string
}

// Runs splits text for role r into runs of one font each (see FontFor).
func (s *Set) Runs(r Role, text string) []Run {
	var runs []Run
	start := 0
	var cur *Font
	for i, c := range text {
		f := s.FontFor(r, c)
		if i > 0 && !sameFont(f, cur) {
			runs = append(runs, Run{cur, text[start:i]})
			start = i
		}
		cur = f
	}
	if start < len(text) {
		runs = append(runs, Run{cur, text[start:]})
	}
	return runs
}

func sameFont(a, b *Font) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Name == b.Name
}

// parseSpec splits "path#N" into the path and face index. Only a '#'
// followed by digits to the end separates an index: Windows paths keep
// their ':' and '\'.
func parseSpec(spec string) (path string, index int, hasIndex bool) {
	i := strings.LastIndexByte(spec, '#')
	if i < 0 || i == len(spec)-1 {
		return spec, 0, false
	}
	digits := spec[i+1:]
	for _, c := range digits {
		if c < '0' || c > '9' {
			return spec, 0, false
		}
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return spec, 0, false
	}
	return spec[:i], n, true
}

// who begins a message about the font of roles: "用作正文、表格字体的".
func who(roles []Role) string {
	labels := make([]string, len(roles))
	for i, r := range roles {
		labels[i] = r.Label()
	}
	return "用作" + strings.Join(labels, "、") + "字体的"
}

// loadUser reads, slices and checks a user's font file.
func loadUser(spec string, roles []Role) (*Font, diag.Errors) {
	path, index, hasIndex := parseSpec(spec)
	pos := diag.Pos{File: path}
	w, ex := who(roles), example(roles[0])
	fail := func(format string, args ...any) (*Font, diag.Errors) {
		return nil, diag.Errorf(pos, format, args...)
	}
	st, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		return fail("%s字体文件不存在", w)
	case err != nil:
		return fail("%s字体文件无法读取：%v", w, err)
	case st.IsDir():
		return fail("%s字体文件是一个文件夹，不是字体文件", w)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail("%s字体文件无法读取：%v", w, err)
	}
	magic, _ := u32(data, 0)
	switch magic {
	case magicTTCF:
		faces, err := ttcFaces(data)
		if err != nil {
			return fail("%s字体集合（.ttc）已损坏", w)
		}
		if index >= len(faces) {
			return fail("%s字体集合（.ttc）只有 %d 个字体，序号 #%d 超出范围（序号从 0 开始，例如 %s#0）", w, len(faces), index, path)
		}
		if m, _ := u32(data, faces[index]); m == magicOTTO {
			return fail("%s", cffMessage(w, ex))
		}
		data, err = sliceFace(data, faces[index])
		if err != nil {
			return fail("%s字体集合（.ttc）已损坏（第 %d 个字体的表超出文件范围）", w, index)
		}
	case magicWOFF, magicWOFF2:
		return fail("%s文件是网页字体（WOFF），PDF 生成程序只能嵌入 TrueType 字体。请改用 .ttf 字体（例如 %s）", w, ex)
	case magicOTTO:
		return fail("%s", cffMessage(w, ex))
	case magicTrueType, magicTrue:
		if hasIndex && index != 0 {
			return fail("%s文件是单个字体，不是字体集合（.ttc），不能选第 #%d 个字体：去掉“#%d”", w, index, index)
		}
	default:
		return fail("%s文件不是字体文件：只能使用 TrueType 字体（.ttf）或字体集合（.ttc）", w)
	}
	m, problem := analyze(data, w, ex)
	if problem != "" {
		return fail("%s", problem)
	}
	if err := trySample(data, m); err != nil {
		return fail("%s字体不能被 PDF 生成程序使用：%v", w, err)
	}
	cut, _ := newSubsetter(data) // nil: the font goes to fpdf whole
	return &Font{Name: userName(path, index, m), Source: spec, Data: data, Family: m.family, m: m, cut: cut}, nil
}

// userName derives an ASCII PDF family name from the file name (or the
// font's PostScript name when the file name has no ASCII letters).
func userName(path string, index int, m *metrics) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	name := asciiName(base)
	if name == "" {
		name = asciiName(m.psName)
	}
	if name == "" {
		name = "UserFont"
	}
	if index > 0 {
		name += "-" + strconv.Itoa(index)
	}
	return name
}

func asciiName(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' || c == '_') {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// The embedded fonts are parsed and measured once per process (analysis
// only reads the shared bytes and keeps none of them), and so is the table
// directory the subsetter cuts from.
type embeddedFont struct {
	once sync.Once
	m    *metrics
	cut  *subsetter
	err  error
}

var embFonts = func() map[string]*embeddedFont {
	m := map[string]*embeddedFont{}
	for _, name := range fonts.Names() {
		m[name] = &embeddedFont{}
	}
	return m
}()

// embedded returns the metrics and subsetter of an embedded font; data is
// its shared bytes, which must only be read.
func embedded(file string, data []byte) (*embeddedFont, error) {
	e := embFonts[file]
	e.once.Do(func() {
		m, problem := analyze(data, "内置字体 "+file+" 的", example(Body))
		if problem != "" {
			e.err = fmt.Errorf("fontset: %s", problem)
			return
		}
		e.m = m
		cut, err := newSubsetter(data)
		if err != nil {
			e.err = fmt.Errorf("fontset: 内置字体 %s 无法裁剪：%w", file, err)
			return
		}
		e.cut = cut
	})
	return e, e.err
}
