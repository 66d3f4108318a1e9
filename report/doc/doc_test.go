package doc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDraftBanner(t *testing.T) {
	for _, tt := range []struct {
		note, want string
	}{
		{"", "草稿"},
		{"  ", "草稿"},
		{"不得公开发布。检查完成：0 个错误", "【草稿】不得公开发布。检查完成：0 个错误"},
		{"草稿，不得公开发布。", "【草稿】不得公开发布。"},
		{"【草稿】草稿：不得公开发布。", "【草稿】不得公开发布。"},
		{"（草稿）", "草稿"},
		{"本草稿不得公开发布。", "本草稿不得公开发布。"},
		{"检查未通过\n2 项错误", "【草稿】检查未通过\n2 项错误"},
	} {
		got := Meta{Draft: true, DraftNote: tt.note}.DraftBanner()
		assert.Equal(t, tt.want, got, tt.note)
		assert.Equal(t, 1, strings.Count(got, DraftMark), "草稿 once: %q", got)
	}
	assert.Empty(t, Meta{DraftNote: "不得公开发布"}.DraftBanner())
}

func TestMarked(t *testing.T) {
	assert.Equal(t, "标题（草稿）", Meta{Draft: true}.Marked("标题"))
	assert.Equal(t, "标题", Meta{}.Marked("标题"))
	assert.Equal(t, "", Meta{Draft: true}.Marked(""))
}
