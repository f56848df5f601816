#!/usr/bin/env bash
# Files are read only from where they belong, checked at the system-call level. `linli lint` on the
# hostile library, then the window showing its gallery (every hostile image on one page), run under
# strace; neither trace may name /etc/passwd, /etc/shadow or the planted file outside the library
# that images/escape.png links to — not in an open, a stat, a readlink or an access. Positive
# controls make the absence mean something: the symbolic link was looked at, the oversized file was
# measured but never opened, and the window's worker reached the gallery's last image.
# Keeps the window's screenshot (placeholders with their reasons) in ARTIFACT_DIR.
# usage: images_stay_in_library.sh LINLI_BINARY ARTIFACT_DIR [--no-window]
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
mode=${3:-}
here=$(cd "$(dirname "$0")" && pwd)

source "$here/../e2e/lib.sh"
[ "$mode" = --no-window ] && export LINLI_E2E_INNER=1  # lint only: no display needed
E2E_XVFB_ARGS=${E2E_XVFB_ARGS:--screen 0 1280x1700x24} e2e_init "$@"
source "$here/hostile_library.sh"
make_hostile_library "$work"
mkdir -p "$artifacts"
self_test_check_trace "$work"

# ---- lint ----
status=0
run_traced "$work/lint.trace" "$linli" --data-dir "$work/data" --library "$lib" lint "$lib" > "$work/lint.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "lint exited with $status, expected 1: $(cat "$work/lint.txt")"
check_trace "$work/lint.trace" "linli lint"
[ "$(count_calls "$work/lint.trace" readlink "$lib/images/escape.png")" -ge 1 ] || fail "lint never looked at images/escape.png"
[ "$(count_calls "$work/lint.trace" newfstatat "$lib/images/huge.png")" -ge 1 ] || fail "lint never measured images/huge.png"
[ "$(count_calls "$work/lint.trace" openat "$lib/images/huge.png")" -eq 0 ] || fail "lint opened the 21 MB images/huge.png"
[ "$(count_calls "$work/lint.trace" openat "$lib/images/good.png")" -ge 1 ] || fail "lint never read the good image"
echo "security: lint trace clean ($(traced "$work/lint.trace" | wc -l) calls)"

[ "$mode" = --no-window ] && exit 0

# ---- the window ----
# Mesa finds ~/.cache through getpwuid, which reads /etc/passwd: give it its cache folder instead,
# so that any read of /etc/passwd left in the trace is Linli's.
export MESA_SHADER_CACHE_DIR="$work/mesa-cache"
mkdir -p "$work/data/config"
printf 'window_w=1200\nwindow_h=1650\nwelcomed=1\n' > "$work/data/config/settings.ini"
rm -f "$artifacts/hostile-images.png"
run_traced "$work/window.trace" "$linli" --data-dir "$work/data" --library "$lib" --open hostile-gallery --screenshot "$artifacts/hostile-images.png" \
  2> "$work/stderr.txt" &
pid=$!
wid=$(timeout 30 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared"
title=""
for _ in $(seq 1 100); do
  title=$(xdotool getwindowname "$wid")
  case $title in *恶意图片测试页*) break ;; esac
  sleep 0.1
done
case $title in *恶意图片测试页*) ;; *) fail "the window shows '$title', not the gallery" ;; esac
# The worker takes the images in the order the page lays them out: once it has opened the last one
# (the library's load opened it once before), it has been through every hostile one.
for _ in $(seq 1 200); do
  [ "$(count_calls "$work/window.trace" openat "$lib/images/tricolour.png")" -ge 2 ] && break
  sleep 0.1
done
[ "$(count_calls "$work/window.trace" openat "$lib/images/tricolour.png")" -ge 2 ] || fail "the window never decoded the gallery's last image"
xdotool mousemove --window "$wid" 600 300  # an event, so the loop runs and uploads what was decoded
close_window "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || fail "linli exited with $status: $(cat "$work/stderr.txt")"
check_trace "$work/window.trace" "the window"
[ "$(count_calls "$work/window.trace" readlink "$lib/images/escape.png")" -ge 2 ] || fail "the window's worker never looked at images/escape.png"
[ "$(count_calls "$work/window.trace" openat "$lib/images/huge.png")" -eq 0 ] || fail "the window opened the 21 MB images/huge.png"
[ -s "$artifacts/hostile-images.png" ] || fail "no screenshot written"
echo "security: window trace clean ($(traced "$work/window.trace" | wc -l) calls); screenshot in $artifacts/hostile-images.png"
