package disclosure

import (
	"testing"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/testkit/sample"
)

// sampleInput loads the shipped sample as build does.
func sampleInput(t testing.TB) compose.Input { return sample.Input(t) }
