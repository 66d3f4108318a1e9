package stats

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The JSON carries the organisation's name under the same policy as the
// report: no control characters, no bidi overrides, non-BMP kept.
func TestExportJSONCleansOrg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"平潭综合实验区", "平潭综合实验区"},
		{"某\x00某\x07局\r\n", "某某局"},
		{"某\u202E局\u200F", "某局"},
		{"𠀀字局😀", "𠀀字局😀"},
	}
	for _, tt := range tests {
		b, err := ExportJSON(ExportMeta{Org: tt.in, Year: 2022}, &Stats{})
		require.NoError(t, err)
		var e Export
		require.NoError(t, json.Unmarshal(b, &e))
		assert.Equal(t, tt.want, e.Org, "%q", tt.in)
	}
}
