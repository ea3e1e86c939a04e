"""Turns a subset TrueType face into the same face with CFF outlines.

Part of scripts/subset-fonts.sh. Why: the PDFs embed subsets of these
faces, and a CFF subset is about a fifth smaller than the same glyphs in
TrueType outlines once compressed (the seed's minutes, 1.6 kB in 31 kB),
which is what brought the minutes under WeasyPrint's file (issue 30). The
metrics, character map and layout tables are kept as they are; each pair
of quadratic curves is merged into a cubic within one font unit (of 1000),
the conversion fontTools' own ttf2otf snippet makes.
"""

import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.qu2cuPen import Qu2CuPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

TOLERANCE = 1.0
TRUETYPE_ONLY = ["glyf", "loca", "cvt ", "fpgm", "prep", "gasp", "hdmx", "LTSH"]


def convert(source: str, target: str) -> None:
    font = TTFont(source)
    glyphs = font.getGlyphSet()
    hmtx = font["hmtx"]
    charstrings = {}
    for name in font.getGlyphOrder():
        pen = T2CharStringPen(hmtx[name][0], glyphs)
        # TrueType contours run clockwise, CFF's counter-clockwise.
        glyphs[name].draw(Qu2CuPen(pen, max_err=TOLERANCE, all_cubic=True, reverse_direction=True))
        charstrings[name] = pen.getCharString()
    for table in TRUETYPE_ONLY:
        if table in font:
            del font[table]
    names = font["name"]
    builder = FontBuilder(font=font)
    builder.isTTF = False
    builder.setupCFF(
        names.getDebugName(6),
        {"FullName": names.getDebugName(4), "FamilyName": names.getDebugName(1), "Weight": names.getDebugName(2)},
        charstrings,
        {},
    )
    builder.setupMaxp()
    font.sfntVersion = "OTTO"
    font["post"].formatType = 3.0
    font.save(target)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
