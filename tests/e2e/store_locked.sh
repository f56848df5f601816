#!/usr/bin/env bash
# End to end: another process holds an exclusive lock on the progress store for 10 s while the
# learner opens a document, starts a drill and takes a choice, and enlarges the text. The window
# must keep drawing (no frame from wake-up to screen over 100 ms, atlas rebakes aside), say that
# progress cannot be saved just now, and once the lock is gone every one of those events must be
# in the store.
# usage: store_locked.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts"
rm -f "$artifacts"/store-locked*.png
data=$work/data
store=$data/progress.sqlite
query=议事
"$linli" --data-dir "$data" profile --name 测试学员 > /dev/null  # not a first run: no welcome page
# The document the window's search will open first: the CLI's first result for the same query.
hit=$("$linli" --data-dir "$data" search "$query" --json --limit 1)
doc=$(sed -n 's/^ *"id": "\(.*\)",\{0,1\}$/\1/p' <<< "$hit" | head -n 1)
doc_title=$(sed -n 's/^ *"title": "\(.*\)",\{0,1\}$/\1/p' <<< "$hit" | head -n 1)
[ -n "$doc" ] && [ -n "$doc_title" ] || fail "the CLI found nothing for $query"
count() { sqlite3 -cmd ".timeout 2000" "$store" "$1"; }

export LINLI_TRACE=1
start_window --data-dir "$data" --screenshot "$artifacts/store-locked.png"
sleep 1

# The lock: an exclusive transaction held by another process for 10 s, and on until the actions
# below are done.
( printf 'BEGIN EXCLUSIVE;\nINSERT INTO meta(key, value) VALUES("lock-test", "1");\n'; sleep 10
  while [ ! -e "$work/release" ]; do sleep 0.1; done; printf 'ROLLBACK;\n' ) | sqlite3 "$store" &
locker=$!
for _ in $(seq 1 50); do
  if ! sqlite3 "$store" "BEGIN IMMEDIATE; ROLLBACK;" 2> /dev/null; then break; fi
  sleep 0.1
done
sqlite3 "$store" "BEGIN IMMEDIATE; ROLLBACK;" 2> /dev/null && fail "the lock was not taken"
locked_at=$(date +%s)

# Open a document through the search …
xdotool mousemove --window "$wid" 600 400 click 1
search_and_open "$wid" "$query" "$doc_title — 邻里 Linli"
# … start the drill and take a choice …
search_and_open "$wid" "业委会集体辞职怎么办" "业委会集体辞职怎么办 — 邻里 Linli"
xdotool key Return   # ▶ 开始演练
sleep 0.5
xdotool key 1        # the first choice
sleep 0.5
# … and change a setting that follows the learner.
xdotool key ctrl+equal
sleep 1
xdotool key F12      # the status line says progress is waiting
sleep 0.5
sqlite3 "$store" "BEGIN IMMEDIATE; ROLLBACK;" 2> /dev/null && fail "the lock was gone before the actions finished"
[ "$(count "SELECT count(*) FROM events WHERE kind = 'drill.choice'")" = 0 ] || fail "a choice was written through the lock?"
for _ in $(seq 1 30); do [ -f "$artifacts/store-locked.png" ] && break; sleep 0.1; done
cp "$artifacts/store-locked.png" "$artifacts/store-locked-during.png" || fail "F12 wrote no screenshot"

touch "$work/release"
wait "$locker" || true
held=$(( $(date +%s) - locked_at ))
[ "$held" -ge 10 ] || fail "the lock was held only $held s"
# After the release every event lands: poll, do not guess.
for _ in $(seq 1 100); do
  opened=$(count "SELECT count(*) FROM events WHERE kind = 'doc.opened' AND subject = '$doc'")
  started=$(count "SELECT count(*) FROM events WHERE kind = 'drill.started'")
  chose=$(count "SELECT count(*) FROM events WHERE kind = 'drill.choice'")
  size=$(count "SELECT count(*) FROM events WHERE kind = 'setting' AND subject = 'ui.text_size'")
  [ "$opened" -ge 1 ] && [ "$started" -ge 1 ] && [ "$chose" -ge 1 ] && [ "$size" -ge 1 ] && break
  sleep 0.1
done
[ "$opened" -ge 1 ] || fail "opening $doc was lost"
[ "$started" -ge 1 ] || fail "the drill attempt was lost"
[ "$chose" -ge 1 ] || fail "the drill choice was lost"
[ "$size" -ge 1 ] || fail "the text size setting was lost"
[ "$(count "SELECT count(*) FROM meta WHERE key = 'lock-test'")" = 0 ] || fail "the locker's rolled-back row is there"

close_window "$pid"
wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
longest=$(sed -n 's/^trace: longest frame \([0-9.]*\) ms$/\1/p' "$work/stderr.txt")
[ -n "$longest" ] || fail "no frame report: $(cat "$work/stderr.txt")"
awk -v l="$longest" 'BEGIN { exit !(l < 100) }' || fail "a frame took $longest ms while the store was locked"
echo "e2e: ok — window responsive through a 10 s store lock (longest frame $longest ms); every event saved after it"
