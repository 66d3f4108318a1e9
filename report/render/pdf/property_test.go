package pdf

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Document properties follow the shared text policy and mark what UCS-2
// cannot carry with the same 〓 as the body.
func TestProperty(t *testing.T) {
	tests := []struct{ in, want string }{
		{"江门市政府投资工程建设管理中心", "江门市政府投资工程建设管理中心"},
		{"某\x00某\x1b局\n报告", "某某局报告"},
		{"某\u202E局\u2066甲\u2069", "某局甲"},
		{"表情😀与𠀀字", "表情〓与〓字"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, property(tt.in), "%q", tt.in)
	}
}
