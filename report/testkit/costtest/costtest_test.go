package costtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

var sink []byte

func TestAllocated(t *testing.T) {
	n := Allocated(func() { sink = make([]byte, 8<<20) })
	assert.GreaterOrEqual(t, n, uint64(8<<20))
	assert.Less(t, Allocated(func() {}), uint64(1<<20))
}
