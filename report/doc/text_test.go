package doc

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClean(t *testing.T) {
	assert.Equal(t, "a\nb c", Clean("a\r\nb\tc\x7f\u0085\uFDD0\uFFFE\U0001FFFF"))
	assert.Equal(t, "\uFFFD", Clean("\xff"))
	assert.Equal(t, "年报😀", Clean("年报😀\x00"))
}

func TestValidScope(t *testing.T) {
	for s, want := range map[string]string{"col": "col", "rowgroup": "rowgroup", `row" onclick="x`: "", "": ""} {
		assert.Equal(t, want, Cell{Scope: s}.ValidScope(), s)
	}
}
