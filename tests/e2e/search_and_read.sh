#!/usr/bin/env bash
# End to end, as a person would: open Linli in a real window under Xvfb, press Ctrl+K, type a
# Chinese query (LINLI_E2E_QUERY, default 议事), press Enter, and check that the first result's
# document is shown.
# Keeps screenshots of the search popup and of the reader in ARTIFACT_DIR.
# usage: search_and_read.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
query=${LINLI_E2E_QUERY:-议事}

source "$(dirname "$0")/lib.sh"
e2e_init "$@"

mkdir -p "$artifacts"
data=$work
rm -f "$artifacts"/search.png "$artifacts"/reader.png

# What a person should see: the first result the CLI gives for the same query.
expected=$(LC_ALL=C.UTF-8 "$linli" --data-dir "$data" search "$query" --json --limit 1 |
           sed -n 's/^ *"title": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)
[ -n "$expected" ] || fail "the CLI found nothing for '$query'"
# An everyday query must also find the document a learner means (LINLI_E2E_WANT: its title).
if [ -n "${LINLI_E2E_WANT:-}" ] && [ "$expected" != "$LINLI_E2E_WANT" ]; then
  fail "'$query' finds '$expected' first, not '$LINLI_E2E_WANT'"
fi
echo "e2e: expecting '$expected'"

start_window --data-dir "$data" --screenshot "$artifacts/shot.png"
sleep 1
xdotool mousemove --window "$wid" 600 500 click 1
sleep 0.3
search_and_open "$wid" "$query" "$expected — 邻里 Linli" "$artifacts/shot.png" "$artifacts/search.png"
sleep 0.5
close_window "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || fail "linli exited with $status: $(cat "$work/stderr.txt")"
mv "$artifacts/shot.png" "$artifacts/reader.png" || fail "no screenshot written"
if grep -qi 'error' "$work/stderr.txt"; then fail "errors on stderr: $(cat "$work/stderr.txt")"; fi
size=$(stat -c %s "$artifacts/reader.png")
[ "$size" -gt 20000 ] || fail "the screenshot is nearly empty ($size bytes)"
# Opening the document was recorded in the progress store.
"$linli" --data-dir "$data" list > /dev/null
if command -v sqlite3 > /dev/null; then
  opened=$(sqlite3 "$data/progress.sqlite" "SELECT count(*) FROM doc_progress")
  [ "$opened" -ge 1 ] || fail "the progress store recorded nothing"
fi
echo "e2e: ok — '$expected' shown; screenshots in $artifacts"
