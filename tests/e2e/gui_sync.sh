#!/usr/bin/env bash
# End to end: the window syncs. A learner chose a shared file (saved by a first `linli sync`);
# another device has progress in it. The window must bring that progress in at start, show the
# sync in its status line, and publish what the learner reads before the window closes.
# usage: gui_sync.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts" "$work/share"
shared="$work/share/cohort.linli"

# The other device: a finished drill, published.
"$linli" --data-dir "$work/other" drill play drill-waste-room --choices 1,1,1,1,1,1,1,1,1,1,1,1 > /dev/null
"$linli" --data-dir "$work/other" sync --shared "$shared" > /dev/null
other_events=$(sqlite3 "$work/other/progress.sqlite" "SELECT count(*) FROM events")
# This device chose the shared file before, and is the same learner.
learner=$("$linli" --data-dir "$work/other" profile --json | sed -n 's/^  "learner": "\(.*\)",\{0,1\}$/\1/p')
"$linli" --data-dir "$work/me" profile --name 测试学员 --learner "$learner" > /dev/null
"$linli" --data-dir "$work/me" sync --shared "$shared" > /dev/null
sqlite3 "$work/me/progress.sqlite" "DELETE FROM meta WHERE key LIKE 'sync.%' AND key != 'sync.path'"

start_window --data-dir "$work/me" --open pit-read-intentions --screenshot "$artifacts/sync.png"
sleep 2
close_window "$pid"
wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"

# The window's own reading is in the shared file now (it synced on exit) …
mine=$(sqlite3 "$work/me/progress.sqlite" "SELECT count(*) FROM events e JOIN devices d ON d.idx = e.device
        WHERE d.uuid = (SELECT value FROM meta WHERE key = 'device_id') AND e.kind = 'doc.opened' AND e.subject = 'pit-read-intentions'")
[ "$mine" -ge 1 ] || fail "the window did not record opening the document"
"$linli" --data-dir "$work/other" sync --shared "$shared" > /dev/null
seen=$(sqlite3 "$work/other/progress.sqlite" "SELECT count(*) FROM events WHERE kind = 'doc.opened' AND subject = 'pit-read-intentions'")
[ "$seen" -ge 1 ] || fail "the other device did not receive the window's progress"
# … and the window recorded a successful sync.
status=$(sqlite3 "$work/me/progress.sqlite" "SELECT value FROM meta WHERE key = 'sync.status'")
[ "$status" = 0 ] || fail "the window's last sync status is '$status'"
echo "e2e: ok — the window synced at start and on exit ($other_events events from the other device)"
