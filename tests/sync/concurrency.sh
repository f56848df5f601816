#!/usr/bin/env bash
# 8 processes, each with its own data folder, each alternating a drill play and a sync 100 times
# against one shared file on local disk. Pass: after one more round of syncs every event of every
# store is in the shared file and in every other store (0 lost), and PRAGMA integrity_check is ok.
# usage: concurrency.sh LINLI [PROCESSES] [ROUNDS]
set -euo pipefail
linli=$(realpath "$1")
procs=${2:-8}
rounds=${3:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared="$work/share/cohort.linli"
mkdir -p "$work/share"
fail() { echo "concurrency: FAIL: $*" >&2; exit 1; }

worker() {
  local i=$1 d="$work/d$1" n
  for n in $(seq 1 "$rounds"); do
    "$linli" --data-dir "$d" drill play drill-waste-room --new --choices "$(( (n + i) % 2 + 1 )),1,2" > /dev/null
    rc=0
    "$linli" --data-dir "$d" sync --shared "$shared" > /dev/null 2>> "$work/errors" || rc=$?
    [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] || { echo "worker $i round $n: sync exit $rc" >> "$work/errors"; }
  done
}

start=$(date +%s)
for i in $(seq 1 "$procs"); do worker "$i" & done
wait
for i in $(seq 1 "$procs"); do "$linli" --data-dir "$work/d$i" sync --shared "$shared" > /dev/null || fail "final sync of $i"; done
echo "concurrency: $procs processes x $rounds rounds in $(( $(date +%s) - start )) s"
if grep -v '^$' "$work/errors" | grep -qv 'busy'; then cat "$work/errors" >&2; fail "sync errors"; fi

# Every store's own events, summed, is what the shared file and every store must hold.
total=0
for i in $(seq 1 "$procs"); do
  own=$("$linli" --data-dir "$work/d$i" status --json | sed -n 's/^  "device": "\(.*\)",$/\1/p')
  count=$(sqlite3 "$work/d$i/progress.sqlite" "SELECT count(*) FROM events e JOIN devices d ON d.idx = e.device WHERE d.uuid = '$own'")
  total=$((total + count))
done
shared_count=$("$linli" --data-dir "$work/d1" sync --shared "$shared" --check --json | sed -n 's/^  "shared_events": \([0-9]*\),$/\1/p')
[ "$shared_count" = "$total" ] || fail "the shared file holds $shared_count events, the stores made $total"
for i in $(seq 1 "$procs"); do
  n=$(sqlite3 "$work/d$i/progress.sqlite" "SELECT count(*) FROM events")
  [ "$n" = "$total" ] || fail "store $i holds $n events of $total"
done
ok=$(sqlite3 "file:$shared?mode=ro" "PRAGMA integrity_check")
[ "$ok" = ok ] || fail "integrity_check: $ok"
leftovers=$(ls -A "$work/share" | grep -v '^cohort.linli$' || true)
[ -z "$leftovers" ] || fail "files left beside the shared file: $leftovers"
echo "concurrency: ok — $total events, 0 lost, integrity_check ok"
