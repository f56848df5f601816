#!/usr/bin/env bash
# End to end, as a learner would: the trainer put a pack next to the cohort's shared file. After
# the window's sync, Home offers it ("培训师发来 2 篇新资料"); 导入 writes its documents into the
# learner's library, and the next start offers it no more (the ledger remembers it).
# usage: pack_handout.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")
source "$here/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts"
shared=$work/share/cohort.linli
data=$work/learner
shot=$work/shot.png
mkdir -p "$work/share"

# The trainer: a pack of two documents, beside the shared file.
"$linli" --data-dir "$work/trainer" --library "$here/../fixtures/good" pack export --out "$work/share/第一周.linlipack" --author 讲师 --title 第一周 alpha beta >/dev/null
"$linli" --data-dir "$work/trainer" sync --shared "$shared" >/dev/null
# The learner syncs with the same file: the window syncs again as it starts.
"$linli" --data-dir "$data" sync --shared "$shared" >/dev/null

shoot() { shoot_window "$shot" "$artifacts/pack-handout-$1.png"; }
click() { click_in "$wid" "$@"; }
wait_for_log() { wait_for_trace "$1" "$2"; }

LINLI_TRACE=1 "$linli" --data-dir "$data" --view home --screenshot "$shot" 2>"$work/stderr.txt" &
pid=$!
wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared: $(cat "$work/stderr.txt")"
wait_for_log "$work/stderr.txt" "packs beside the shared file: 1 new, 2 documents to add"
sleep 0.5
shoot offer
[ ! -e "$data/library/alpha.md" ] || fail "the pack was imported before the learner accepted it"
click 231 169  # 导入
for _ in $(seq 1 50); do [ -f "$data/library/alpha.md" ] && [ -f "$data/library/beta.md" ] && break; sleep 0.2; done
[ -f "$data/library/alpha.md" ] && [ -f "$data/library/beta.md" ] || fail "导入 wrote no documents into the library"
cmp -s "$data/library/alpha.md" "$here/../fixtures/good/alpha.md" || fail "the imported alpha.md differs from the trainer's"
grep -q '"imported"' "$data/packs.json" || fail "the ledger does not record the import"
shoot imported
close_window "$pid"
wait "$pid" || true

# Started again: synced again, the pack is still beside the file, and nothing is offered.
before=$(cat "$data/packs.json")
LINLI_TRACE=1 "$linli" --data-dir "$data" --view home --screenshot "$shot" 2>"$work/stderr2.txt" &
pid=$!
wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared the second time"
wait_for_log "$work/stderr2.txt" "packs beside the shared file: 0 new"
shoot again
close_window "$pid"
wait "$pid" || true
[ "$(cat "$data/packs.json")" = "$before" ] || fail "the ledger changed on the second start"
echo "e2e: pack handout OK"
