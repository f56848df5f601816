#!/usr/bin/env bash
# End to end, as a person would: a drill in 考核 (exam) mode. The cover offers the mode (preset by
# the drill's `mode: exam`); Enter starts; the number keys answer each scene with no feedback page
# between (two key presses reach the ending, which practice mode would stop at the first feedback);
# the debrief shows the rating the play earned (a rating rule: 尚可 after the 违背 choice), the
# conditional sentence about the mistake, and walks back through every step with its feedback.
# usage: exam_drill.sh LINLI_BINARY ARTIFACT_DIR FIXTURES_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
fixtures=$(realpath "$3")

source "$(dirname "$0")/lib.sh"
e2e_init "$@"

mkdir -p "$artifacts"
data=$work
rm -f "$artifacts/exam-cover.png" "$artifacts/exam-debrief.png" "$artifacts/shot.png"

start_window --data-dir "$data/gui" --library "$fixtures/drills" --library "$fixtures/good" --open conditional \
  --screenshot "$artifacts/shot.png"
wait_for_title "$wid" "条件文本演练 — 邻里 Linli"
xdotool mousemove --window "$wid" 700 400 click 1
sleep 0.3
xdotool key F12
for _ in $(seq 1 30); do [ -f "$artifacts/shot.png" ] && break; sleep 0.1; done
mv "$artifacts/shot.png" "$artifacts/exam-cover.png" || fail "F12 wrote no screenshot of the cover"

xdotool key Return  # ▶ 开始演练
sleep 0.5
xdotool key 1       # 替居民把停车方案定下来 (违背): no feedback page in exam mode
sleep 0.4
xdotool key 1       # 请居民分组讨论方案
wait_for_title "$wid" "条件文本演练 · 结局：方案通过 — 邻里 Linli"
sleep 0.5
close_window "$pid"
wait "$pid" || fail "linli exited with an error: $(cat "$work/stderr.txt")"
mv "$artifacts/shot.png" "$artifacts/exam-debrief.png" || fail "no screenshot of the debrief"
if grep -qi 'error' "$work/stderr.txt"; then fail "errors on stderr: $(cat "$work/stderr.txt")"; fi

# The stored attempt carries the rating the play earned, not the ending's default.
stored=$(sqlite3 "$data/gui/progress.sqlite" "SELECT ending || '|' || rating FROM drill_attempts WHERE finished_at > 0")
[ "$stored" = "end|fair" ] || fail "stored attempt '$stored', expected 'end|fair'"
choices=$(sqlite3 "$data/gui/progress.sqlite" "SELECT count(*) FROM drill_choices")
[ "$choices" = 2 ] || fail "$choices choices stored, expected 2"
echo "e2e: ok — exam mode, rated 尚可 by its rule; debrief in $artifacts/exam-debrief.png"
