#!/usr/bin/env bash
# End to end, as a person would: open a bundled drill, start it with Enter, answer every scene with
# the number keys until an ending, and screenshot the debrief. The choices follow the path that
# `linli drill play --choices` takes, so the window and the engine must agree on the ending.
# usage: play_drill.sh LINLI_BINARY ARTIFACT_DIR [DRILL_ID]
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
drill=${3:-drill-committee-resigns}

source "$(dirname "$0")/lib.sh"
e2e_init "$@"

mkdir -p "$artifacts"
data=$work
rm -f "$artifacts/debrief.png" "$artifacts/cover.png"

# Always the first shown choice: ask the engine (with a throw-away store) where that leads.
choices=$(printf '1,%.0s' $(seq 1 60))
played=$("$linli" --data-dir "$data/cli" drill play "$drill" --choices "$choices" --json)
ending=$(sed -n 's/^  "node": "\(.*\)",\{0,1\}$/\1/p' <<< "$played" | tail -n 1)
title=$(sed -n 's/^  "rating": "\(.*\)",\{0,1\}$/\1/p' <<< "$played")
[ -n "$ending" ] || fail "the engine did not reach an ending for $drill"
echo "e2e: the engine ends at '$ending' ($title)"

start_window --data-dir "$data/gui" --open "$drill" --screenshot "$artifacts/shot.png"
sleep 1
xdotool mousemove --window "$wid" 700 400 click 1
sleep 0.3
# The drill opens on its cover: nothing is played (or stored) until the learner starts it.
xdotool key F12
for _ in $(seq 1 30); do [ -f "$artifacts/shot.png" ] && break; sleep 0.1; done
mv "$artifacts/shot.png" "$artifacts/cover.png" || fail "F12 wrote no screenshot of the cover"
started=$(sqlite3 "$data/gui/progress.sqlite" "SELECT count(*) FROM events WHERE kind = 'drill.started'")
[ "$started" = 0 ] || fail "opening the cover started an attempt"
xdotool key Return  # ▶ 开始演练
sleep 0.5
name=""
for _ in $(seq 1 60); do
  name=$(xdotool getwindowname "$wid")
  case "$name" in *结局*) break ;; esac
  xdotool key 1
  sleep 0.25
  xdotool key Return  # past the feedback
  sleep 0.25
done
case "$name" in *结局*) ;; *) fail "no ending reached; the window says '$name'" ;; esac
sleep 0.5
close_window "$pid"
wait "$pid" || fail "linli exited with an error: $(cat "$work/stderr.txt")"
mv "$artifacts/shot.png" "$artifacts/debrief.png" || fail "no screenshot written"
if grep -qi 'error' "$work/stderr.txt"; then fail "errors on stderr: $(cat "$work/stderr.txt")"; fi

# The window's attempt was stored, finished, at the same ending the engine reached.
stored=$(sqlite3 "$data/gui/progress.sqlite" "SELECT ending || '|' || rating FROM drill_attempts WHERE finished_at > 0")
[ "$stored" = "$ending|$title" ] || fail "stored attempt '$stored', expected '$ending|$title'"
echo "e2e: ok — '$name'; debrief in $artifacts/debrief.png"
