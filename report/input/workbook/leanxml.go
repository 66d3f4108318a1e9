package workbook

import (
	"bytes"
	"unicode/utf8"
)

// xtok is a strict pull scanner for the XML of the parts the lean reader
// reads. It takes only a subset of XML (no comments, CDATA, DOCTYPE, or
// processing instructions but the declaration; ASCII names); whatever is
// outside it sets bad, and the lean reader then leaves the file to excelize.
// Everything it passes, encoding/xml (and so excelize and xlsxsafe) reads
// the same way.
type xtok struct {
	b     []byte
	i     int
	bad   bool
	stack [][]byte
	root  bool
	// elements, strings: as xlsxsafe counts them.
	elements, strings int

	// The current token.
	kind  int
	name  []byte // start or end element (qualified)
	local []byte
	attrs []xattr
	text  []byte // raw text (undecoded)
	empty bool   // a start element that closes itself
}

type xattr struct{ name, local, val []byte }

const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText
)

func (x *xtok) fail() int { x.bad = true; x.kind = tokEOF; return tokEOF }

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// next moves to the next token; a self-closing element gives a start then
// an end token, as encoding/xml does.
func (x *xtok) next() int {
	if x.bad {
		return tokEOF
	}
	if x.kind == tokStart && x.empty {
		x.empty = false
		x.kind = tokEnd
		x.stack = x.stack[:len(x.stack)-1]
		return tokEnd
	}
	if x.i == 0 && bytes.HasPrefix(x.b, []byte("<?xml")) {
		end := bytes.Index(x.b, []byte("?>"))
		if end < 0 || !x.decl(x.b[5:end]) {
			return x.fail()
		}
		x.i = end + 2
	}
	if x.i >= len(x.b) {
		if !x.root || len(x.stack) > 0 {
			return x.fail()
		}
		x.kind = tokEOF
		return tokEOF
	}
	if x.b[x.i] != '<' {
		j := bytes.IndexByte(x.b[x.i:], '<')
		if j < 0 {
			j = len(x.b) - x.i
		}
		t := x.b[x.i : x.i+j]
		x.i += j
		if len(x.stack) == 0 {
			for _, c := range t {
				if !isSpaceByte(c) {
					return x.fail()
				}
			}
		}
		if !validText(t) {
			return x.fail()
		}
		x.kind, x.text = tokText, t
		return tokText
	}
	x.i++
	if x.i >= len(x.b) {
		return x.fail()
	}
	if x.b[x.i] == '/' {
		x.i++
		n := x.nameAt()
		if n == nil {
			return x.fail()
		}
		for x.i < len(x.b) && isSpaceByte(x.b[x.i]) {
			x.i++
		}
		if x.i >= len(x.b) || x.b[x.i] != '>' || len(x.stack) == 0 || !bytes.Equal(x.stack[len(x.stack)-1], n) {
			return x.fail()
		}
		x.i++
		x.stack = x.stack[:len(x.stack)-1]
		x.kind, x.name, x.local = tokEnd, n, localOf(n)
		return tokEnd
	}
	n := x.nameAt()
	if n == nil {
		return x.fail()
	}
	if len(x.stack) == 0 {
		if x.root {
			return x.fail()
		}
		x.root = true
	}
	if len(x.stack) >= 90 {
		return x.fail()
	}
	x.attrs = x.attrs[:0]
	for {
		sp := false
		for x.i < len(x.b) && isSpaceByte(x.b[x.i]) {
			x.i++
			sp = true
		}
		if x.i >= len(x.b) {
			return x.fail()
		}
		c := x.b[x.i]
		if c == '>' {
			x.i++
			x.empty = false
			break
		}
		if c == '/' {
			if x.i+1 >= len(x.b) || x.b[x.i+1] != '>' {
				return x.fail()
			}
			x.i += 2
			x.empty = true
			break
		}
		if !sp {
			return x.fail()
		}
		an := x.nameAt()
		if an == nil {
			return x.fail()
		}
		for x.i < len(x.b) && isSpaceByte(x.b[x.i]) {
			x.i++
		}
		if x.i >= len(x.b) || x.b[x.i] != '=' {
			return x.fail()
		}
		x.i++
		for x.i < len(x.b) && isSpaceByte(x.b[x.i]) {
			x.i++
		}
		if x.i >= len(x.b) || x.b[x.i] != '"' && x.b[x.i] != '\'' {
			return x.fail()
		}
		q := x.b[x.i]
		x.i++
		j := bytes.IndexByte(x.b[x.i:], q)
		if j < 0 {
			return x.fail()
		}
		v := x.b[x.i : x.i+j]
		x.i += j + 1
		if bytes.IndexByte(v, '<') >= 0 || !validText(v) {
			return x.fail()
		}
		x.attrs = append(x.attrs, xattr{an, localOf(an), v})
	}
	x.stack = append(x.stack, n)
	x.elements++
	x.kind, x.name, x.local = tokStart, n, localOf(n)
	if string(x.local) == "si" {
		x.strings++
	}
	return tokStart
}

// decl accepts the XML declaration's version 1.0 and UTF-8 encoding only.
func (x *xtok) decl(b []byte) bool {
	if !bytes.Contains(b, []byte(`version="1.0"`)) || bytes.ContainsAny(b, "<>?") {
		return false
	}
	return !bytes.Contains(b, []byte("encoding")) || bytes.Contains(bytes.ToUpper(b), []byte(`ENCODING="UTF-8"`))
}

// nameAt reads an ASCII name of at most one colon, not at either end.
func (x *xtok) nameAt() []byte {
	start := x.i
	colons := 0
	for x.i < len(x.b) {
		c := x.b[x.i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' ||
			x.i > start && (c >= '0' && c <= '9' || c == '-' || c == '.' || c == ':')
		if !ok {
			break
		}
		if c == ':' {
			colons++
		}
		x.i++
	}
	n := x.b[start:x.i]
	if len(n) == 0 || colons > 1 || n[len(n)-1] == ':' {
		return nil
	}
	return n
}

func localOf(n []byte) []byte {
	if i := bytes.IndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

func (x *xtok) attr(local string) ([]byte, bool) {
	for _, a := range x.attrs {
		if string(a.local) == local {
			return a.val, true
		}
	}
	return nil, false
}

// validText accepts valid UTF-8 of XML characters with only the five
// named entities and decimal or hex character references.
func validText(t []byte) bool {
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c == '&':
			j := bytes.IndexByte(t[i:], ';')
			if j < 0 {
				return false
			}
			if _, ok := entity(t[i+1 : i+j]); !ok {
				return false
			}
			i += j + 1
		case c < 0x80:
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
		default:
			r, n := utf8.DecodeRune(t[i:])
			if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r <= 0xDFFF {
				return false
			}
			i += n
		}
	}
	return true
}

func entity(e []byte) (rune, bool) {
	switch string(e) {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(e) < 2 || e[0] != '#' || len(e) > 9 {
		return 0, false
	}
	var r rune
	if e[1] == 'x' {
		if len(e) < 3 {
			return 0, false
		}
		for _, c := range e[2:] {
			switch {
			case c >= '0' && c <= '9':
				r = r*16 + rune(c-'0')
			case c >= 'a' && c <= 'f':
				r = r*16 + rune(c-'a'+10)
			case c >= 'A' && c <= 'F':
				r = r*16 + rune(c-'A'+10)
			default:
				return 0, false
			}
		}
	} else {
		for _, c := range e[1:] {
			if c < '0' || c > '9' {
				return 0, false
			}
			r = r*10 + rune(c-'0')
		}
	}
	if r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
		return r, true
	}
	return 0, false
}

// decode is text t as encoding/xml gives it: entities replaced, line ends
// folded to \n.
func decode(t []byte) string {
	if bytes.IndexByte(t, '&') < 0 && bytes.IndexByte(t, '\r') < 0 {
		return string(t)
	}
	var b []byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch c {
		case '&':
			j := bytes.IndexByte(t[i:], ';')
			r, _ := entity(t[i+1 : i+j])
			b = utf8.AppendRune(b, r)
			i += j
		case '\r':
			b = append(b, '\n')
			if i+1 < len(t) && t[i+1] == '\n' {
				i++
			}
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// first moves to the first token that is not white space.
func (x *xtok) first() int {
	k := x.next()
	for k == tokText {
		k = x.next()
	}
	return k
}

// skip reads to the end of the element just started.
func (x *xtok) skip() {
	depth := 1
	for depth > 0 {
		switch x.next() {
		case tokStart:
			depth++
		case tokEnd:
			depth--
		case tokEOF:
			x.bad = true
			return
		}
	}
}
