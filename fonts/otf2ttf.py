#!/usr/bin/env python3
"""Convert a CFF-based OpenType font to TrueType (glyf) outlines.

go-pdf/fpdf embeds only TrueType fonts; the Fandol fonts ship as CFF
OpenType. Cubic curves are approximated by quadratic ones (fontTools cu2qu)
within 1 font unit. Adapted from the fontTools otf2ttf snippet (MIT).

usage: otf2ttf.py IN.otf OUT.ttf
"""
import sys

from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

MAX_ERR = 1.0


def otf_to_ttf(font):
    assert font.sfntVersion == "OTTO", "not a CFF OpenType font"
    order = font.getGlyphOrder()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    glyph_set = font.getGlyphSet()
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf[name] = pen.glyph()
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        len(g.components if hasattr(g, "components") else []) for g in glyf.glyphs.values()
    )
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def main():
    src, dst = sys.argv[1], sys.argv[2]
    font = TTFont(src)
    otf_to_ttf(font)
    # Fixed timestamps: the same input gives the same bytes.
    font["head"].created = font["head"].modified = 0
    font.save(dst, reorderTables=True)


if __name__ == "__main__":
    main()
