// Package textclean is the one policy for user text in every output: the
// report formats, the statistics JSON and the PDF's document properties.
//
// Removed: control characters (tab becomes a space, CR LF and lone CR
// become LF), Unicode noncharacters, and the bidirectional controls
// (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which can make text
// display in an order other than the one stored — a report read by the
// public must show what was written. Invalid UTF-8 becomes U+FFFD.
//
// Kept: characters outside the Basic Multilingual Plane (emoji, rare
// characters of CJK Extension B and later) wherever the format can carry
// them; where it cannot, BMP replaces them by Missing, the same mark the
// PDF body uses for a character no font has.
package textclean

import (
	"strings"
	"unicode"
)

// Missing replaces a character a format cannot carry: 〓 (U+3013), the
// 国标 mark for a character that cannot be set.
const Missing = '〓'

// Clean applies the policy to text that may span lines; newlines stay.
func Clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r', r == '\u2028', r == '\u2029':
			return '\n'
		case r == '\t':
			return ' '
		case Removed(r):
			return -1
		}
		return r
	}, s)
}

// CleanLine is Clean for text that must stay on one line (a name, a table
// cell, a document property): line breaks are dropped, not turned into
// spaces, because Chinese text wraps without them; surrounding space goes.
func CleanLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(Clean(s), "\n", ""))
}

// BMP replaces characters outside the Basic Multilingual Plane by Missing,
// for a format that encodes text as UCS-2 (fpdf's document properties do,
// and turn a four-byte character into garbage).
func BMP(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return Missing
		}
		return r
	}, s)
}

// Removed reports whether the policy removes r (tab, CR and LF aside,
// which Clean maps).
func Removed(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r == '\u200E' || r == '\u200F', r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return true
	}
	return false
}
