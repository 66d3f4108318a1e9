package xlsxsafe

import "bytes"

// Counts is what Open's guards count in one part: a reader that skips
// excelize (workbook's lean reader) adds them up over the parts and asks
// Within, so that it refuses nothing Open passes and passes nothing Open
// refuses.
type Counts struct {
	Elements, Strings, Extent int
	// Bad is set when the part would make Open refuse the file on its own:
	// it does not unpack, or it is a worksheet whose XML is incomplete.
	Bad bool
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Elements += o.Elements
	c.Strings += o.Strings
	c.Extent += o.Extent
	c.Bad = c.Bad || o.Bad
}

// Measure counts one unpacked part as Open's scan does; isSheet says
// whether Open takes it for a worksheet (where incomplete XML is refused).
func Measure(part []byte, isSheet bool, lim Limits) Counts {
	s := &scan{lim: lim.withDefaults()}
	res := s.part(bytes.NewReader(part))
	return Counts{Elements: s.elements, Strings: s.strings, Extent: s.extent, Bad: res.readErr || isSheet && !res.wellFormed}
}

// Within tells whether counts summed over every part pass lim.
func (c Counts) Within(lim Limits) bool {
	lim = lim.withDefaults()
	return !c.Bad && c.Extent <= lim.MaxExtent && c.Strings <= lim.MaxSharedStrings && c.Elements <= lim.MaxElements
}

// WithDefaults is lim with every zero field set from Default.
func (l Limits) WithDefaults() Limits { return l.withDefaults() }
