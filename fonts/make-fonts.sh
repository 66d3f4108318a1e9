#!/usr/bin/env bash
# Reproduces the TrueType fonts in this folder from Debian's packages:
# the Fandol OpenType fonts of texlive-lang-chinese, converted with
# Debian's fontTools (python3-fonttools, run by /usr/bin/python3: a pyenv
# python on PATH lacks it). Run as root on Debian 12.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -c 'import fontTools' 2>/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-fonttools
}
cd "$work"
apt-get download texlive-lang-chinese
dpkg-deb -x texlive-lang-chinese_*.deb x
src=x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
for f in FandolSong-Bold FandolFang-Regular FandolHei-Regular FandolKai-Regular FandolSong-Regular; do
  echo "converting $f"
  /usr/bin/python3 "$here/otf2ttf.py" "$src/$f.otf" "$here/$f.ttf" &
done
wait
zcat x/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz > "$here/COPYING"
cp x/usr/share/doc/texlive-doc/fonts/fandol/README "$here/README.fandol"
sha256sum "$here"/*.ttf
