package doc

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trace records the kinds it is handed, in order; it fails on a Note
// when failNote is set.
type trace struct {
	got      []string
	failNote bool
}

func (t *trace) Heading(Heading) error     { t.got = append(t.got, "heading"); return nil }
func (t *trace) Paragraph(Paragraph) error { t.got = append(t.got, "paragraph"); return nil }
func (t *trace) List(List) error           { t.got = append(t.got, "list"); return nil }
func (t *trace) Table(*Table) error        { t.got = append(t.got, "table"); return nil }
func (t *trace) Chart(*Chart) error        { t.got = append(t.got, "chart"); return nil }
func (t *trace) Signature(Signature) error { t.got = append(t.got, "signature"); return nil }
func (t *trace) PageBreak(PageBreak) error { t.got = append(t.got, "page break"); return nil }
func (t *trace) Note(Note) error {
	t.got = append(t.got, "note")
	if t.failNote {
		return errors.New("note refused")
	}
	return nil
}

func TestWalk(t *testing.T) {
	blocks := []Block{Heading{}, Paragraph{}, List{}, Note{}, &Table{}, (*Table)(nil), &Chart{}, (*Chart)(nil), Signature{}, PageBreak{}}
	v := &trace{}
	require.NoError(t, Walk(blocks, v))
	assert.Equal(t, []string{"heading", "paragraph", "list", "note", "table", "table", "chart", "chart", "signature", "page break"}, v.got)

	v = &trace{failNote: true}
	err := Walk(blocks, v)
	assert.EqualError(t, err, "block 3: note refused", "stops at the first error, with the block's index")
	assert.Len(t, v.got, 4)

	v = &trace{}
	assert.EqualError(t, Walk([]Block{Paragraph{}, nil, Note{}}, v), "block 1: nil block")
	assert.Equal(t, []string{"paragraph"}, v.got)
}

func TestListLabels(t *testing.T) {
	ordered, plain := List{Ordered: true, Items: []string{"a", "b"}}, List{Items: []string{"a"}}
	assert.Equal(t, "1．", ordered.Label(0))
	assert.Equal(t, "12．", ordered.Label(11))
	assert.Equal(t, "", plain.Label(0), "a 公文 marks no unordered item")
	assert.Equal(t, "2.", ordered.PlainLabel(1))
	assert.Equal(t, "·", plain.PlainLabel(0))
}
