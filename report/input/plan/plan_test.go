package plan

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
)

const samplePath = "../../../data/2022-工作要点.toml"

var allDepts = []string{"办公室", "计划财务科", "工程管理科", "技术质量科", "安全监督科"}

func loadSample(t *testing.T) *Plan {
	t.Helper()
	p, err := Load(samplePath)
	require.NoError(t, err)
	return p
}

func task(t *testing.T, p *Plan, id int) Task {
	t.Helper()
	for _, tk := range p.Tasks {
		if tk.ID == id {
			return tk
		}
	}
	t.Fatalf("任务 %d 不存在", id)
	return Task{}
}

func TestSampleHeader(t *testing.T) {
	p := loadSample(t)
	assert.Equal(t, 2022, p.Year)
	assert.Equal(t, "市建管中心2022年政务公开工作要点分工方案", p.Title)
	assert.Equal(t, "江建管〔2022〕39号", p.Document)
	assert.Equal(t, "江门市政府投资工程建设管理中心", p.Org)
	assert.Equal(t, allDepts, p.Departments)
}

// transcribed are the tasks of the seed document (江建管〔2022〕39号): the
// sample plan adds invented 法治 tasks (ids from 101) after them.
func transcribed(p *Plan) []Task {
	var out []Task
	for _, t := range p.Tasks {
		if t.ID <= 30 {
			out = append(out, t)
		}
	}
	return out
}

func TestSampleHasTasks1To30InOrder(t *testing.T) {
	p := loadSample(t)
	tasks := transcribed(p)
	require.Len(t, tasks, 30)
	for i, tk := range tasks {
		assert.Equal(t, i+1, tk.ID)
		assert.NotEmpty(t, tk.Section, "every task of the document feeds the 年报")
	}
}

// The sample's 法治 tasks are invented, say so, and feed only the 法治 report.
func TestSampleLawTasks(t *testing.T) {
	p := loadSample(t)
	var ids []int
	for _, tk := range p.Tasks {
		if tk.ID > 30 {
			ids = append(ids, tk.ID)
			assert.Contains(t, tk.Requirement, "样例，虚构")
			assert.Empty(t, tk.Section)
			assert.Contains(t, LawSections, tk.LawSection)
		}
	}
	assert.Equal(t, []int{101, 102, 103, 104}, ids)
}

func removeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// seedBody is the table part of the source document with the page-break
// <p> tags and all whitespace (including the tab cell separators) removed.
func seedBody(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/seed.txt")
	require.NoError(t, err)
	s := strings.NewReplacer("<p>", "", "</p>", "").Replace(string(b))
	start := strings.Index(s, "工作要求")
	require.GreaterOrEqual(t, start, 0)
	if end := strings.Index(s, "公开方式："); end > start {
		s = s[:end]
	}
	return removeSpace(s[start:])
}

// matchPieces finds needle in hay from byte offset pos as the fewest
// contiguous pieces, greedily taking the longest prefix each time. It
// returns how many pieces were needed and the offset just past the last one.
func matchPieces(hay string, pos int, needle string) (pieces, end int, ok bool) {
	rest := []rune(needle)
	for len(rest) > 0 {
		found := false
		for l := len(rest); l > 0; l-- {
			if i := strings.Index(hay[pos:], string(rest[:l])); i >= 0 {
				pos += i + len(string(rest[:l]))
				rest = rest[l:]
				pieces++
				found = true
				break
			}
		}
		if !found {
			return pieces, pos, false
		}
	}
	return pieces, pos, true
}

func TestDetailsAreVerbatimFromSeed(t *testing.T) {
	p := loadSample(t)
	seed := seedBody(t)

	// The brief's check: "N." + detail for every task, whitespace removed,
	// is a rune subsequence of the seed, each task after the previous one.
	t.Run("subsequence", func(t *testing.T) {
		hay := []rune(seed)
		pos := 0
		for _, tk := range transcribed(p) {
			for _, r := range removeSpace(strconv.Itoa(tk.ID) + "." + tk.Detail) {
				for pos < len(hay) && hay[pos] != r {
					pos++
				}
				require.Less(t, pos, len(hay), "任务 %d 的字符 %q 在原文中找不到", tk.ID, r)
				pos++
			}
		}
	})

	// Whitespace is ignored above, so check separately that every space in
	// a detail is the seed's own (e.g. "要求, 综合"), not one added at a join.
	t.Run("spaces", func(t *testing.T) {
		b, err := os.ReadFile("testdata/seed.txt")
		require.NoError(t, err)
		raw := strings.NewReplacer("<p>", "", "</p>", "").Replace(string(b))
		for _, tk := range transcribed(p) {
			rs := []rune(tk.Detail)
			for i, r := range rs {
				if unicode.IsSpace(r) {
					window := string(rs[max(0, i-2):min(len(rs), i+3)])
					assert.Contains(t, raw, window, "任务 %d 第 %d 个字处的空白不在原文中", tk.ID, i+1)
				}
			}
		}
	})

	// A subsequence allows dropped characters; this stricter check requires
	// each detail to be one contiguous run of the seed, or two where a page
	// break split the cell, and to end where the seed's cell ends.
	splitByPage := map[int]bool{5: true, 21: true, 27: true}
	pos := 0
	for _, tk := range transcribed(p) {
		t.Run(strconv.Itoa(tk.ID), func(t *testing.T) {
			needle := removeSpace(strconv.Itoa(tk.ID) + "." + tk.Detail)
			pieces, end, ok := matchPieces(seed, pos, needle)
			require.True(t, ok, "任务 %d 的具体要求与原文不符", tk.ID)
			want := 1
			if splitByPage[tk.ID] {
				want = 2
			}
			assert.Equal(t, want, pieces, "任务 %d 在原文中分成了 %d 段", tk.ID, pieces)
			next := seed[end:]
			boundary := strings.HasPrefix(next, "办公室") || strings.HasPrefix(next, "各科室") ||
				strings.HasPrefix(next, "(") || strings.HasPrefix(next, strconv.Itoa(tk.ID+1)+".")
			assert.True(t, boundary, "任务 %d 的具体要求没有抄完，原文接着是 %q", tk.ID, string([]rune(next)[:min(10, len([]rune(next)))]))
			pos = end
		})
	}
}

func TestNoDebris(t *testing.T) {
	p := loadSample(t)
	for _, tk := range p.Tasks {
		for field, s := range map[string]string{"detail": tk.Detail, "task": tk.Task, "requirement": tk.Requirement} {
			assert.NotContains(t, s, "<", "任务 %d %s", tk.ID, field)
			assert.NotContains(t, s, ">", "任务 %d %s", tk.ID, field)
			assert.NotContains(t, s, "\t", "任务 %d %s", tk.ID, field)
			assert.NotContains(t, s, "\n", "任务 %d %s", tk.ID, field)
		}
		assert.True(t, strings.HasSuffix(tk.Detail, "。"), "任务 %d", tk.ID)
		assert.False(t, strings.HasPrefix(tk.Detail, strconv.Itoa(tk.ID)), "任务 %d 的编号没有去掉", tk.ID)
		assert.NotContains(t, tk.Task, "(", "任务 %d 应使用全角括号", tk.ID)
		assert.NotContains(t, tk.Task, "） ", "任务 %d", tk.ID)
		assert.NotEmpty(t, tk.Requirement, "任务 %d", tk.ID)
	}
}

func TestHeadings(t *testing.T) {
	const (
		req2 = "二、围绕服务中心工作、助力经济社会平稳健康发展深化重点领域信息公开"
		req3 = "三、推动重大政策解读提质增效，优化政策咨询服务"
		req5 = "五、坚持全市一盘棋, 强化工作指导监督"
		t3_1 = "（一）围绕省委“1+1+9”工作部署加大重大政策解读力度。"
	)
	p := loadSample(t)
	tests := []struct {
		id          int
		requirement string
		task        string
	}{
		{1, "一、优化政务公开工作基础", "（一）持续推进基层政务公开标准化规范化。"},
		{4, req2, "（一）持续做好疫情防控信息公开。"},
		{5, req2, "（二）围绕扩大有效投资、推动国家重大发展战略落地落实加强信息公开。"},
		{6, req2, "（三）推进公共企事业单位信息公开。"},
		{8, req3, t3_1},
		{9, req3, t3_1},
		{10, req3, t3_1},
		{12, req3, "（二）优化政策咨询服务。"},
		{19, "四、优化政务公开平台建设", "（二）加强政府网站重点领域栏目建设。"},
		{22, "四、优化政务公开平台建设", "（三）严格落实政府信息公开保密审查要求。"},
		{24, req5, ""},
		{30, req5, ""},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.id), func(t *testing.T) {
			tk := task(t, p, tc.id)
			assert.Equal(t, tc.requirement, tk.Requirement)
			assert.Equal(t, tc.task, tk.Task)
		})
	}
}

func TestPageSplitDetails(t *testing.T) {
	p := loadSample(t)
	assert.Equal(t, "聚焦推进基础设施项目建设、加快研发创新、战略性新兴产业集群建设、数字经济、贸易高质量发展等方面，加大对工作成效的宣传解读力度，及时回应社会关注。", task(t, p, 5).Detail)
	assert.True(t, strings.HasSuffix(task(t, p, 21).Detail, "已废止文件的明确标识。"))
	assert.Equal(t, "加强政务公开工作经验总结, 积极向国务院办公厅《政务公开工作交流》刊物投稿。", task(t, p, 27).Detail)
	// Half-width ", " is the seed's own spacing and must survive.
	assert.Contains(t, task(t, p, 22).Detail, "准确把握不同类型公开要求, 综合考虑")
	assert.Contains(t, task(t, p, 28).Detail, "建立本系统 2022 年政务公开")
}

func TestDepartmentsAndDeadlines(t *testing.T) {
	p := loadSample(t)
	tests := []struct {
		id      int
		lead    []string
		assist  []string
		due     string // "" = no deadline
		section string
	}{
		{1, []string{"办公室"}, []string{"各科室"}, "", "主动公开"},
		{2, []string{"办公室"}, []string{"各科室"}, "", "依申请公开"},
		{3, []string{"办公室"}, []string{}, "", "监督保障"},
		{7, allDepts, []string{}, "", "主动公开"},
		{15, []string{"办公室"}, []string{"各科室"}, "", "政府信息公开平台建设"},
		{18, []string{"办公室"}, []string{"各科室"}, "2022-12-31", "政府信息公开平台建设"},
		{20, []string{"办公室"}, []string{"各科室"}, "", "政府信息管理"},
		{23, allDepts, []string{}, "", "政府信息管理"},
		{24, []string{"办公室"}, []string{"各科室"}, "2022-12-31", "监督保障"},
		{25, []string{"办公室"}, []string{}, "2022-12-31", "监督保障"},
		{29, []string{"办公室"}, []string{"各科室"}, "2023-01-31", "监督保障"},
		{30, []string{"办公室"}, []string{"各科室"}, "2023-03-01", "监督保障"},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.id), func(t *testing.T) {
			tk := task(t, p, tc.id)
			assert.Equal(t, tc.lead, tk.Lead)
			assert.Equal(t, tc.assist, tk.Assist)
			assert.Equal(t, tc.section, tk.Section)
			if tc.due == "" {
				assert.Nil(t, tk.Due)
			} else if assert.NotNil(t, tk.Due) {
				assert.Equal(t, tc.due, tk.Due.String())
			}
		})
	}
}

func TestOnlyFiveTasksHaveDeadlines(t *testing.T) {
	var ids []int
	for _, tk := range transcribed(loadSample(t)) {
		if tk.Due != nil {
			ids = append(ids, tk.ID)
		}
	}
	assert.Equal(t, []int{18, 24, 25, 29, 30}, ids)
}

func TestExpand(t *testing.T) {
	p := loadSample(t)
	assert.Equal(t, allDepts, p.Expand([]string{"各科室"}))
	assert.Equal(t, allDepts, p.Expand([]string{"办公室", "各科室"}))
	assert.Equal(t, []string{"办公室"}, p.Expand([]string{"办公室"}))
}

// lineOf is the 1-based line of the first occurrence of sub.
func lineOf(t *testing.T, text, sub string) int {
	t.Helper()
	i := strings.Index(text, sub)
	require.GreaterOrEqual(t, i, 0, "找不到 %q", sub)
	return strings.Count(text[:i], "\n") + 1
}

func TestErrors(t *testing.T) {
	b, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	sample := string(b)
	const name = "2022-工作要点.toml"

	tests := []struct {
		name string
		old  string // replaced once in the sample
		new  string
		mark string // text whose line the error must name; "" = no line check
		last bool   // take mark's last occurrence instead of its first
		want []string
	}{
		{
			name: "task 里拼错的键", old: "section = \"依申请公开\"", new: "secton = \"依申请公开\"", mark: "secton",
			want: []string{"任务 2：未知的键“secton”，请检查拼写（可用的键：id、requirement、task、detail、lead、assist、due、section、law_section）"},
		},
		{
			name: "顶层拼错的键", old: "org = ", new: "orgn = \"x\"\norg = ", mark: "orgn",
			want: []string{"：未知的键“orgn”，请检查拼写（可用的键：year、title、document、org、departments、task）"},
		},
		{
			name: "序号重复", old: "id = 2\n", new: "id = 1\n", mark: "[[task]]\nid = 1\n", last: true,
			want: []string{"任务 1：序号 1 与第"},
		},
		{
			name: "科室名称带换行", old: "departments = [\"办公室\",", new: "departments = [\"办公室\", \"宣传科\\n= 伪造的标题\",", mark: "departments = [",
			want: []string{"departments 中的科室名称“宣传科␊= 伪造的标题”不能为空，也不能有换行或控制字符"},
		},
		{
			name: "机关名称带换行", old: "org = \"江门市", new: "org = \"\\n# 伪造\\n江门市", mark: "org = ",
			want: []string{"org 只能写一行文字"},
		},
		{
			name: "标题带换行", old: "title = \"市建管中心", new: "title = \"\\n= 伪造\\n市建管中心", mark: "title = ",
			want: []string{"title 只能写一行文字"},
		},
		{
			name: "任务名称带换行", old: "task = \"（一）持续推进", new: "task = \"\\n# 伪造\\n（一）持续推进",
			want: []string{"任务 1：task 只能写一行文字"},
		},
		{
			name: "具体要求带控制字符", old: "id = 1\n", new: "id = 1\ndetail = \"\\u0007\"\n",
			want: []string{"detail"},
		},
		{
			name: "序号为 0", old: "id = 3\n", new: "id = 0\n",
			want: []string{"第 3 个任务：序号 id 必须是正整数，现在是 0"},
		},
		{
			name: "无效栏目", old: "section = \"依申请公开\"", new: "section = \"年报\"",
			want: []string{"任务 2：年报栏目 section“年报”无效，只能是：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障"},
		},
		{
			name: "牵头科室为空", old: "lead = [\"办公室\"]\nassist = []\nsection = \"监督保障\"", new: "lead = []\nassist = []\nsection = \"监督保障\"",
			want: []string{"任务 3：牵头科室 lead 不能为空"},
		},
		{
			name: "科室不在名单中", old: "对外发声。\"\nlead = [\"办公室\"]", new: "对外发声。\"\nlead = [\"财务科\"]",
			want: []string{"任务 4：lead 中的科室“财务科”不在 departments 名单"},
		},
		{
			name: "TOML 语法错误", old: "id = 5\n", new: "id = = 5\n", mark: "id = = 5",
			want: []string{"第 101 行：等号后面的值"},
		},
		{
			name: "无效日期", old: "due = 2022-12-31\nsection = \"政府信息公开平台建设\"", new: "due = \"2022-13-01\"\nsection = \"政府信息公开平台建设\"", mark: "due = \"2022-13-01\"",
			want: []string{"第 18 个任务：完成时限“2022-13-01”不是有效日期"},
		},
		{
			// The library would name the line of the last task's id.
			name: "任务中值的类型不对", old: "id = 5\n", new: "id = \"5\"\n", mark: "id = \"5\"",
			want: []string{"第 5 个任务：“id”的值类型不对：应为整数，文件中写的是带英文双引号的文字"},
		},
		{
			name: "顶层值的类型不对", old: "year = 2022", new: "year = \"2022\"", mark: "year = ",
			want: []string{"：“year”的值类型不对：应为整数"},
		},
		{
			name: "带引号的日期也接受", old: "due = 2023-01-31", new: "due = \"2023-01-31\"",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, sample, tc.old)
			text := strings.Replace(sample, tc.old, tc.new, 1)
			p, err := Parse(name, []byte(text))
			if len(tc.want) == 0 {
				require.NoError(t, err)
				assert.NotNil(t, p)
				return
			}
			require.Error(t, err)
			assert.Nil(t, p)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, name), msg)
			for _, w := range tc.want {
				assert.Contains(t, msg, w)
			}
			if tc.mark != "" {
				line := lineOf(t, text, tc.mark)
				if at := strings.LastIndex(text, tc.mark); tc.last {
					line = strings.Count(text[:at], "\n") + 1
				}
				assert.Contains(t, msg, name+" 第 "+strconv.Itoa(line)+" 行", msg)
			}
		})
	}
}

func TestValidationErrorNamesTaskBlockLine(t *testing.T) {
	b, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	text := strings.Replace(string(b), "section = \"依申请公开\"", "section = \"年报\"", 1)
	_, err = Parse("x.toml", []byte(text))
	require.Error(t, err)
	line := lineOf(t, text, "[[task]]\nid = 2\n")
	assert.Contains(t, err.Error(), "x.toml 第 "+strconv.Itoa(line)+" 行：任务 2")
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "没有.toml"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "找不到工作要点计划文件")
}

func TestSeedCopied(t *testing.T) {
	b, err := os.ReadFile("testdata/seed.txt")
	require.NoError(t, err)
	assert.Contains(t, string(b), "江建管〔2022〕39号")
}

// Errors are positioned where they are found: the file, the line and the
// task in the message, never read back from a formatted string, so a
// message with brackets and colons of its own keeps its text.
func TestErrorsArePositioned(t *testing.T) {
	b, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	text := strings.Replace(string(b), "section = \"依申请公开\"", "section = \"（年报）：x\"", 1)
	text = strings.Replace(text, "year = 2022", "year = \"2022\"", 1)
	_, err = Parse("x.toml", []byte(text))
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	require.Len(t, de, 1, "a type error stops before validation")
	assert.Equal(t, diag.Pos{File: "x.toml", Line: lineOf(t, text, "year = ")}, de[0].Pos)
	assert.Equal(t, "“year”的值类型不对：应为整数，文件中写的是带英文双引号的文字", de[0].Text)

	text = strings.Replace(text, "year = \"2022\"", "year = 2022", 1)
	_, err = Parse("x.toml", []byte(text))
	require.ErrorAs(t, err, &de)
	require.Len(t, de, 1)
	assert.Equal(t, diag.Pos{File: "x.toml", Line: lineOf(t, text, "[[task]]\nid = 2\n")}, de[0].Pos)
	assert.True(t, strings.HasPrefix(de[0].Text, "任务 2：年报栏目 section“（年报）：x”无效"), de[0].Text)
	assert.Equal(t, diag.Error, de[0].Severity)
}
