package fonts

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBytes(t *testing.T) {
	require.Len(t, Names(), 5)
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			a, err := Bytes(name)
			require.NoError(t, err)
			require.Greater(t, len(a), 1<<20)
			assert.Equal(t, uint32(0x00010000), binary.BigEndian.Uint32(a), "TrueType magic")
			b, err := Bytes(name)
			require.NoError(t, err)
			a[0] = 0xFF
			assert.Equal(t, byte(0), b[0], "each call returns its own copy")
		})
	}
	_, err := Bytes("simsun.ttc")
	assert.Error(t, err)
}

func TestNamesIsACopy(t *testing.T) {
	n := Names()
	n[0] = "x"
	assert.Equal(t, SongBold, Names()[0])
}
