package editdist

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRunes(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", -1, 0},
		{"公民", "", -1, 2},
		{"", "自然人", -1, 3},
		{"卫生建康局", "卫生健康局", -1, 1},
		{"县教育局", "县教育体育局", -1, 2},
		{"县民政局", "县财政局", -1, 1},
		{"kitten", "sitting", -1, 3},
		{"kitten", "sitting", 1, 2}, // stopped: limit+1
		{"kitten", "sitting", 3, 3},
		{"甲镇人民政府", "乙镇人民政府", 0, 1},
		{"abc", "abc", 0, 0},
		{"甲", "", 3, 1},
		{"某某县教育局", "某某县教育体育局", 3, 2},
		{"kitten", "sitting", 2, 3},
		{"abc", "xyz", 1, 2},
	} {
		assert.Equal(t, c.want, Runes([]rune(c.a), []rune(c.b), c.limit), "%s / %s (limit %d)", c.a, c.b, c.limit)
		assert.Equal(t, c.want, Runes([]rune(c.b), []rune(c.a), c.limit), "symmetric: %s / %s", c.b, c.a)
	}
}
