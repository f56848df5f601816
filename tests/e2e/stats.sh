#!/usr/bin/env bash
# End to end, as a learner would, in 统计: first with no progress (the empty state says what to do
# first, and its button opens the library), then after two drills played through the command line
# (the title counts them, the weekly drill chart is drawn). The window is 1200×800; the checks wait
# on its title and look at its screenshots with ImageMagick.
# usage: stats.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")
source "$here/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts"
shot=$work/shot.png

# Pixels of the palette's accent (the light theme's column colour) in a screenshot.
accent_pixels() {
  convert "$1" -fill black +opaque 'rgb(30,140,70)' -fill white -opaque 'rgb(30,140,70)' -format '%[fx:int(mean*w*h+0.5)]' info:
}
# Colours in the main area (right of the sidebar): a blank or half-drawn frame has a handful.
colours() { convert "$1" -crop 980x740+205+45 +repage -format '%k' info:; }

# 1. A new learner: the empty state, no chart, and the button to the library.
data=$work/empty
"$linli" --data-dir "$data" --view stats --screenshot "$shot" 2>"$work/stderr.txt" &
pid=$!
wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared: $(cat "$work/stderr.txt")"
wait_for_title "$wid" "统计 · 还没有记录 — 邻里 Linli"
xdotool mousemove --window "$wid" 5 795  # no tooltip over the picture
sleep 0.5
shoot_window "$shot" "$artifacts/stats-empty.png"
[ "$(colours "$artifacts/stats-empty.png")" -gt 20 ] || fail "the empty state's screenshot is blank"
[ "$(accent_pixels "$artifacts/stats-empty.png")" = 0 ] || fail "the empty state draws a chart"
click_in "$wid" 253 149  # 去文库读第一篇
wait_for_title "$wid" "邻里 Linli"
close_window "$pid"
wait "$pid" || fail "linli exited with an error: $(cat "$work/stderr.txt")"

# 2. Two drills played through the command line: counted in the title, drawn as a column this week.
data=$work/played
played=$("$linli" --data-dir "$data" drill play drill-committee-resigns --new --choices 3,1,2,1,2,2,3,1,2,1 --json)
grep -q '"rating": "good"' <<<"$played" || fail "the committee drill's sound path did not end 好"
"$linli" --data-dir "$data" drill play drill-waste-room --new --choices 1,1,2 >/dev/null
"$linli" --data-dir "$data" --view stats --screenshot "$shot" 2>"$work/stderr.txt" &
pid=$!
wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared: $(cat "$work/stderr.txt")"
wait_for_title "$wid" "统计 · 学习 1 天 · 演练 2 次 — 邻里 Linli"
xdotool mousemove --window "$wid" 5 795
sleep 0.5
shoot_window "$shot" "$artifacts/stats-drills.png"
[ "$(colours "$artifacts/stats-drills.png")" -gt 20 ] || fail "the statistics' screenshot is blank"
bars=$(accent_pixels "$artifacts/stats-drills.png")
[ "$bars" -gt 300 ] || fail "no drill column drawn ($bars accent pixels)"
close_window "$pid"
wait "$pid" || fail "linli exited with an error: $(cat "$work/stderr.txt")"
echo "e2e: ok — 统计: the empty state and its way to the library; two drills counted and drawn ($bars column pixels)"
