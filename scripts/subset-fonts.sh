#!/usr/bin/env bash
# How core/fonts/ was made (run once; its output is committed): Noto Sans
# from Debian's fonts-noto-core (SIL Open Font License 1.1, core/fonts/OFL.txt),
# cut down with fontTools to the Latin (with the Sami letters), Greek and
# Cyrillic letters, combining marks, punctuation, currency, letterlike
# symbols, arrows, mathematical operators and U+FFFD, without hinting. The
# name table keeps the names (IDs 1-6), the copyright (0) and the licence's
# address (14), not the licence's text (13, in core/fonts/OFL.txt): every
# PDF embeds it, twice.
# The outlines are then made CFF (scripts/ttf-to-cff.py): a PDF's subsets
# are a fifth smaller so, while the faces grow from about 190 kB to 270 kB
# (CFF has no composite glyphs: an accented letter is drawn whole).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download fonts-noto-core >/dev/null && dpkg-deb -x fonts-noto-core_*.deb x)
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import fontTools' 2>/dev/null || { echo 'needs fontTools (pip install fonttools)' >&2; exit 1; }
for style in Regular Bold Italic BoldItalic; do
    "$PYTHON" -m fontTools.subset "$work/x/usr/share/fonts/truetype/noto/NotoSans-$style.ttf" \
        --unicodes="U+0020-007E,U+00A0-024F,U+0250-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+FB00-FB06,U+FFFD" \
        --no-hinting --desubroutinize --name-IDs='0,1,2,3,4,5,6,14' --name-languages='*' \
        --output-file="$work/NotoSans-$style.ttf"
    "$PYTHON" scripts/ttf-to-cff.py "$work/NotoSans-$style.ttf" "core/fonts/NotoSans-$style.otf"
done
ls -l core/fonts/
