package textclean

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want, line string }{
		{"plain", "某某局", "某某局", "某某局"},
		{"controls", "某\x00某\x1b[31m局\x7f", "某某[31m局", "某某[31m局"},
		{"tab and newlines", " 第一行\r\n第二\t行\r第三行\n", " 第一行\n第二 行\n第三行\n", "第一行第二 行第三行"},
		{"bidi overrides", "某\u202E局\u202C\u2066甲\u2069\u200E乙\u200F", "某局甲乙", "某局甲乙"},
		{"noncharacters", "某\uFFFE局\uFDD0", "某局", "某局"},
		{"invalid utf8", "某\xff局", "某\uFFFD局", "某\uFFFD局"},
		{"non-BMP kept", "表情😀与𠀀", "表情😀与𠀀", "表情😀与𠀀"},
		{"line separators", "甲\u2028乙\u2029丙", "甲\n乙\n丙", "甲乙丙"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Clean(tt.in))
			assert.Equal(t, tt.line, CleanLine(tt.in))
		})
	}
}

func TestBMP(t *testing.T) {
	tests := []struct{ in, want string }{
		{"某某局", "某某局"},
		{"表情😀与𠀀字", "表情〓与〓字"},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, BMP(tt.in))
	}
}
