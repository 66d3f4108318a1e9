package doc

import "fmt"

// Visitor has one method per block kind. Every renderer, and every check
// that looks at blocks, implements it in full rather than switching on
// the block's type: a new block kind adds a method here, and then nothing
// compiles until each of them says what it does with the new kind, so no
// output can drop it silently. There is deliberately no no-op base to
// embed, which would bring that silence back.
type Visitor interface {
	Heading(Heading) error
	Paragraph(Paragraph) error
	List(List) error
	Note(Note) error
	// Table may be given a nil table (a nil *Table in Blocks); the visitor
	// decides whether that is nothing or an error.
	Table(*Table) error
	// Chart, like Table, may be given a nil chart.
	Chart(*Chart) error
	Signature(Signature) error
	PageBreak(PageBreak) error
}

// Accept calls the Visitor method of the block's kind.
func (b Heading) Accept(v Visitor) error   { return v.Heading(b) }
func (b Paragraph) Accept(v Visitor) error { return v.Paragraph(b) }
func (b List) Accept(v Visitor) error      { return v.List(b) }
func (b Note) Accept(v Visitor) error      { return v.Note(b) }
func (b *Table) Accept(v Visitor) error    { return v.Table(b) }
func (b Signature) Accept(v Visitor) error { return v.Signature(b) }
func (b PageBreak) Accept(v Visitor) error { return v.PageBreak(b) }

// Walk visits blocks in order and stops at the first error, which it
// returns with the block's index. A nil block is an error: it is no kind
// of block, and skipping it would be the silent drop Visitor exists to
// prevent.
func Walk(blocks []Block, v Visitor) error {
	for i, b := range blocks {
		if b == nil {
			return fmt.Errorf("block %d: nil block", i)
		}
		if err := b.Accept(v); err != nil {
			return fmt.Errorf("block %d: %w", i, err)
		}
	}
	return nil
}
