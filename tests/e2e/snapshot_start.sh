#!/usr/bin/env bash
# End to end: the window's second start on Home draws its first frame from the last load's
# snapshot and loads the library after it. A document edited between the two starts shows its new
# title once that load is in: search finds the new title and opens it (the screenshot).
# usage: snapshot_start.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts" "$work/data/config" "$work/lib"
printf 'view=home\nwelcomed=1\n' > "$work/data/config/settings.ini"
doc() {  # doc TITLE
  printf -- '---\nid: edited-doc\nkind: case\ntitle: %s\nsummary: 开两次窗口之间改过的文档。\nupdated: 2099-01-01\n---\n正文写着议事会的事。\n' "$1" > "$work/lib/edited.md"
}
doc "改名之前的标题"

# First start: no snapshot yet, so the library loads before the first frame (and is saved).
LINLI_TRACE=1 start_window --data-dir "$work/data" --library "$work/lib"
wait_for_title "$wid" "邻里 Linli"
close_window "$pid"
wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
grep -q "trace: first frame" "$work/stderr.txt" || fail "no trace from the first start"
grep -q "library loaded again" "$work/stderr.txt" && fail "the first start had no snapshot to start from"

doc "改名之后的标题"
# Second start: the snapshot first, the load after the first frame.
LINLI_TRACE=1 start_window --data-dir "$work/data" --library "$work/lib" --screenshot "$artifacts/snapshot-home.png"
for _ in $(seq 1 50); do grep -q "library loaded again" "$work/stderr.txt" && break; sleep 0.2; done
grep -q "library loaded again" "$work/stderr.txt" || fail "the library was not loaded after the first frame: $(cat "$work/stderr.txt")"
first=$(grep -n "trace: first frame" "$work/stderr.txt" | cut -d: -f1)
again=$(grep -n "trace: library loaded again" "$work/stderr.txt" | cut -d: -f1)
[ "$first" -lt "$again" ] || fail "the load came before the first frame"
xdotool mousemove --window "$wid" 700 400 click 1
sleep 0.3
search_and_open "$wid" '改名之后' "改名之后的标题 — 邻里 Linli"
close_window "$pid"
wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
[ -s "$artifacts/snapshot-home.png" ] || fail "no screenshot"
echo "e2e: ok — the second start drew its first frame from the snapshot and loaded the edited library after it"
