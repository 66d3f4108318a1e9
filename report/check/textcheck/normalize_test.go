package textcheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestChineseNumeral(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"七", 7, true},
		{"十", 10, true},
		{"十七", 17, true},
		{"二十六", 26, true},
		{"一百零五", 105, true},
		{"一百一十", 110, true},
		{"两", 2, true},
		{"两千零一十", 2010, true},
		{"三千一百一十九", 3119, true},
		{"一万二千", 12000, true},
		{"一万零五", 10005, true},
		{"十万", 100000, true},
		{"一百五", 0, false}, // colloquial 150
		{"一万二", 0, false}, // colloquial 12000
		{"一二", 0, false},
		{"零", 0, false}, // 零件 are spare parts
		{"百", 0, false},
		{"十十", 0, false},
		{"一百十一千", 0, false},
		{"万", 0, false},
		{"一万一万", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := chineseNumeral([]rune(tt.in))
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"受理申请3,119件", "受理申请3119件"},
		{"受理申请３，１１９件", "受理申请3119件"},
		{"分别为1,2,3件", "分别为1,2,3件"},
		{"自然人72，商业企业3", "自然人72，商业企业3"},
		{"申请 3119 件", "申请3119件"},
		{"12 34  56", "12 34 56"},
		{"占３．５％", "占3.5%"},
		{"已完成．下一步", "已完成。下一步"},
		{"第一行\r\n第二行", "第一行\n\n第二行"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := normalize(tt.in)
			assert.Equal(t, tt.want, string(n.r))
			assert.Equal(t, tt.in, n.quote(tt.in, 0, len(n.r)), "quoting all of it gives back the original")
		})
	}
}
