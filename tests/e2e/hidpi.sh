#!/usr/bin/env bash
# End to end on a HiDPI screen: with Xft.dpi 192 (content scale 2) the window opens at twice the
# size with twice the text size, and lays out the same.
# usage: hidpi.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
# -noreset: otherwise the X server forgets the resource below when xprop disconnects.
export E2E_XVFB_ARGS="-screen 0 2560x1700x24 -noreset"
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts"
xprop -root -format RESOURCE_MANAGER 8s -set RESOURCE_MANAGER "$(printf 'Xft.dpi:\t192\n')"

start_window --data-dir "$work/data" --open case-tang-poetry --screenshot "$artifacts/hidpi.png"
sleep 1.5
close_window "$pid"
wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
# The PNG's width and height (big-endian at bytes 16-23): the 1200x800 window at scale 2.
read -r w h < <(od -An -tu1 -j16 -N8 "$artifacts/hidpi.png" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
[ "$w" = 2400 ] && [ "$h" = 1600 ] || fail "the window is ${w}x${h}, expected 2400x1600 at content scale 2"
echo "e2e: ok — content scale 2: a 2400x1600 window"
