package plan

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
)

func FuzzParse(f *testing.F) {
	sample, err := os.ReadFile("../../../data/2022-工作要点.toml")
	require.NoError(f, err)
	f.Add(sample)
	f.Add([]byte("year = 2022\n[[task]]\nid = 1\nsection = \"主动公开\"\nlead = [\"办公室\"]\n"))
	f.Add([]byte("[[task]]\nid = \"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("plan.toml", data)
		if err == nil {
			require.NotNil(t, p)
			return
		}
		var de diag.Errors
		require.ErrorAs(t, err, &de)
		for _, m := range de {
			require.NotEmpty(t, m.Text)
			require.Equal(t, "plan.toml", m.Pos.File)
		}
	})
}

func TestEmptyTemplateParses(t *testing.T) {
	p, err := Parse("工作要点.toml", []byte(EmptyTemplate(`某"局"`, 2025)))
	require.NoError(t, err)
	require.Equal(t, 2025, p.Year)
	require.Equal(t, `某"局"`, p.Org)
	require.Empty(t, p.Tasks)
}
