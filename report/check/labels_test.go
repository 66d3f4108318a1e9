package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/nianbao/nianbao/report/stats"
)

// TestShortLabels pins each short form in messages to the official label
// it is cut from: a changed label changes the message, never silently
// leaves a retyped one behind.
func TestShortLabels(t *testing.T) {
	tests := []struct {
		got, want, from string
	}{
		{shortNew, "一、本年新收", rowNew},
		{shortCarriedIn, "二、上年结转", rowCarriedIn},
		{shortCarriedOut, "四、结转下年度", rowCarriedOut},
		{rowTotal, "（七）总计", rowTotal},
		{issued, "本年制发", stats.LabelIssued},
		{repealed, "本年废止", stats.LabelRepealed},
		{inForce, "现行有效", stats.LabelInForce},
		{feeNotices, "本年发出收费通知", stats.LabelFeeNotices},
		{noFeeShort, "逾期未按收费通知要求缴纳费用", noFeeRow},
		{feeAmount, "收费金额", stats.LabelFeeAmount},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got)
		assert.True(t, strings.Contains(tt.from, tt.got), "%q is part of the official %q", tt.got, tt.from)
	}
	assert.Equal(t, "三、（七）总计", shortTotal)
	assert.Equal(t, "（一）至（六）", outcomeRange)
	assert.Equal(t, "（三）至（六）", groupRange)
	assert.Equal(t, "结果维持、结果纠正、其他结果、尚未审结", appealParts("、"))
	assert.Equal(t, "总计", appealTotal)
	assert.Equal(t, "本年新收", unnumbered(shortNew))
	assert.Equal(t, "制发", unyear(issued))
	assert.Equal(t, "处罚", unadmin(stats.LabelPunishment))
}
