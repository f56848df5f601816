#!/usr/bin/env bash
# 200 runs, each killed with SIGKILL at a random moment during a sync. Pass: the shared file always
# opens and validates; after one more sync nothing is missing; leftover temp files are cleaned up.
# usage: crash.sh LINLI [RUNS]
set -euo pipefail
linli=$(realpath "$1")
runs=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared="$work/share/cohort.linli"
mkdir -p "$work/share"
fail() { echo "crash: FAIL: $*" >&2; exit 1; }

# Two devices; a few hundred events so that a sync takes long enough to be interrupted.
for d in a b; do
  for n in $(seq 1 15); do "$linli" --data-dir "$work/$d" drill play drill-committee-resigns --new --choices 1,2,1,1,2 > /dev/null; done
done
"$linli" --data-dir "$work/a" sync --shared "$shared" > /dev/null
# How long a sync runs here, so that the kills land inside one.
t0=$(date +%s%N)
for _ in 1 2 3; do "$linli" --data-dir "$work/b" sync --shared "$shared" > /dev/null; done
window_ms=$(( ($(date +%s%N) - t0) / 3000000 ))
[ "$window_ms" -ge 2 ] || window_ms=2
echo "crash: a sync takes about $window_ms ms"
killed_mid=0
for run in $(seq 1 "$runs"); do
  d=$([ $((run % 2)) = 0 ] && echo a || echo b)
  "$linli" --data-dir "$work/$d" drill play drill-waste-room --new --choices 1,1 > /dev/null
  "$linli" --data-dir "$work/$d" sync --shared "$shared" > /dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % window_ms)))"
  if kill -9 "$pid" 2>/dev/null; then killed_mid=$((killed_mid + 1)); fi
  wait "$pid" 2>/dev/null || true
  # Whatever happened, the shared file is whole: the old version or the new one.
  "$linli" --data-dir "$work/check" sync --shared "$shared" --check > /dev/null ||
    fail "run $run: the shared file does not validate"
done
echo "crash: $runs runs, $killed_mid killed while running"
for d in a b a; do "$linli" --data-dir "$work/$d" sync --shared "$shared" > /dev/null || fail "the sync after the crashes failed"; done
na=$(sqlite3 "$work/a/progress.sqlite" "SELECT count(*) FROM events")
nb=$(sqlite3 "$work/b/progress.sqlite" "SELECT count(*) FROM events")
ns=$("$linli" --data-dir "$work/check" sync --shared "$shared" --check --json | sed -n 's/^  "shared_events": \([0-9]*\),$/\1/p')
[ "$na" = "$nb" ] && [ "$na" = "$ns" ] || fail "events: a $na, b $nb, shared $ns"
leftovers=$(ls -A "$work/share" | grep -v '^cohort.linli$' || true)
[ -z "$leftovers" ] || fail "left over beside the shared file: $leftovers"
echo "crash: ok — $ns events everywhere, no temp files left"
