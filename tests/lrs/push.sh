#!/usr/bin/env bash
# `linli export xapi --lrs` against a fake LRS (tests/lrs/fake_lrs.py), through the real CLI:
#   every statement of a cohort's shared file stored once, in small batches;
#   a second run sends nothing (the marks in the progress store), and says so;
#   503s are tried again (--fail-first 2) and the push still succeeds;
#   a 401 (--fail-4xx) stops it with exit 1 and the LRS's words;
#   a connection dropped without reply (--drop-after 3) fails the push; the next run sends only
#   the rest, resending just the batch whose reply was lost (409: the LRS had it);
#   a fresh device pushing to an LRS that has everything stores nothing twice.
# Usage: push.sh LINLI_BINARY
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/../fixtures
work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export LINLI_XAPI_RETRY_MS=10  # the retries' first wait: 10 ms instead of 1 s
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1  # libcurl honours http_proxy: not for the fake LRS
lib=(--library "$fixtures/drills" --library "$fixtures/good")

# Starts the fake LRS with a record file and options; sets $url once it says its port. With
# $port set, on that port: the marks are kept per LRS URL, so a restarted LRS must keep its URL.
start_server() {
  local record=$1
  shift
  rm -f "$work/port"
  python3 "$here/fake_lrs.py" --port-file "$work/port" --port "${port:-0}" --record "$record" --key trainer --secret s3cret "$@" &
  server_pid=$!
  for _ in $(seq 1 400); do
    [ -s "$work/port" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the fake LRS did not start"
    sleep 0.025
  done
  [ -s "$work/port" ] || fail "the fake LRS wrote no port"
  url="http://127.0.0.1:$(cat "$work/port")/xapi"
}

# push DATA_DIR [OPTIONS...]: the export, its output in $work/out and $work/err, its exit code in $rc.
push() {
  local data=$1
  shift
  set +e
  "$bin" --data-dir "$data" export xapi --shared "$shared" --lrs "$url" --user trainer --password s3cret "${lib[@]}" "$@" \
    > "$work/out" 2> "$work/err"
  rc=$?
  set -e
  cat "$work/out" "$work/err"
}

# check RECORD WHAT [resent]: the fake LRS's record against the statements --out wrote; unless
# "resent", no statement POSTed twice but those of a batch whose reply was lost.
check() {
  python3 - "$1" "$work/all.json" "$2" "${3:-}" <<'EOF'
import collections, json, sys
record, expected, what = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
want = {s["id"] for s in expected}
stored = record["statements"]
if set(stored) != want:
    sys.exit(f"{what}: the LRS has {len(stored)} statements, {len(set(stored) & want)} of the {len(want)} expected")
by_id = {s["id"]: s for s in expected}
for i, s in stored.items():
    if s != by_id[i]:
        sys.exit(f"{what}: statement {i} differs from the --out export")
# How often each id was POSTed: more than once only when in a batch whose reply was lost.
seen = collections.Counter(i for p in record["posts"] for i in p["ids"])
lost = {i for p in record["posts"] if str(p["status"]).startswith("dropped") for i in p["ids"]}
twice = {i for i, n in seen.items() if n > 1}
if sys.argv[4] != "resent" and not twice <= lost:
    sys.exit(f"{what}: {len(twice - lost)} statements were POSTed twice outside the batch whose reply was lost")
print(f"{what}: {len(stored)} statements stored, {len(record['posts'])} POSTs, {len(twice)} sent again")
EOF
}
posts() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["posts"]))' "$1"; }

# A cohort: four learners on their own devices, each with a profile and 18 plays of a drill (to
# each of its endings), the first also running a workshop; all synced into one shared file.
shared=$work/cohort.linli
cat > "$work/votes.json" <<'EOF'
{"decisions": [{"votes": {"甲组": 1, "乙组": 1}}, {"votes": {"甲组": 1, "乙组": 1}}, {"votes": {"甲组": 1, "乙组": 1}}]}
EOF
for n in 1 2 3 4; do
  d=$work/learner$n
  "$bin" --data-dir "$d" profile --name "学员$n" --cohort "$((n % 2 + 1))班" > /dev/null
  for round in 1 2 3 4 5 6; do
    "$bin" --data-dir "$d" drill play mini --new --choices 1,1,1 "${lib[@]}" > /dev/null  # 好
    "$bin" --data-dir "$d" drill play mini --new --choices 2,1 "${lib[@]}" > /dev/null    # 尚可
    "$bin" --data-dir "$d" drill play mini --new --choices 2,2 "${lib[@]}" > /dev/null    # 糟糕
  done
  if [ "$n" = 1 ]; then
    "$bin" --data-dir "$d" workshop run mini --groups 甲组,乙组 --votes "$work/votes.json" --out "$work/debrief" --save "${lib[@]}" > /dev/null
  fi
  "$bin" --data-dir "$d" sync --shared "$shared" > /dev/null
done
events=$("$bin" --data-dir "$work/learner4" sync --shared "$shared" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["shared_events"])')
[ "$events" -ge 300 ] || fail "only $events events in the shared file"

# What should arrive: the statements as --out writes them.
"$bin" --data-dir "$work/trainer" export xapi --shared "$shared" --out "$work/all.json" "${lib[@]}"
total=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/all.json")
echo "$events events, $total statements"
[ "$total" -ge 300 ] || fail "only $total statements"

# The fake LRS itself refuses what an LRS refuses: a statement without a verb.
start_server "$work/strict.json"
status=$(python3 - "$url" <<'EOF'
import base64, json, sys, urllib.request, urllib.error
req = urllib.request.Request(sys.argv[1] + "/statements", method="POST",
    data=json.dumps([{"id": "01234567-89ab-5def-8123-456789abcdef", "actor": {"account": {"homePage": "https://x", "name": "a"}},
                      "object": {"id": "https://x/a"}, "timestamp": "2026-01-01T00:00:00.000Z"}]).encode(),
    headers={"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json",
             "Authorization": "Basic " + base64.b64encode(b"trainer:s3cret").decode()})
try:
    urllib.request.urlopen(req)
    print(200)
except urllib.error.HTTPError as e:
    print(e.code)
EOF
)
[ "$status" = 400 ] || fail "the fake LRS took a statement without a verb ($status)"
stop_server

echo "== every statement, once, in batches of 50"
start_server "$work/lrs.json"
push "$work/trainer" --batch 50
[ "$rc" = 0 ] || fail "push exited $rc"
grep -q "已发送 $total 条，跳过 0 条（之前已发送） · sent $total statements, skipped 0 sent before" "$work/out" || fail "summary"
check "$work/lrs.json" "first push"
# Batches of at most 50 (an event's statements stay together, so some hold 49), each taken.
python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["posts"]; sys.exit(not all(x["status"] == 200 and 0 < len(x["ids"]) <= 50 for x in p) or len(p) < 8)' \
  "$work/lrs.json" || fail "expected batches of at most 50, each stored"

echo "== again: nothing new to send"
before=$(posts "$work/lrs.json")
push "$work/trainer" --batch 50
[ "$rc" = 0 ] || fail "second push exited $rc"
grep -q "已发送 0 条，跳过 $total 条（之前已发送） · sent 0 statements, skipped $total sent before" "$work/out" || fail "second summary"
[ "$(posts "$work/lrs.json")" = "$before" ] || fail "the second push POSTed again"
stop_server

echo "== another device, an LRS that has everything: 409s, nothing stored twice"
start_server "$work/lrs.json"
push "$work/trainer-new" --batch 100
[ "$rc" = 0 ] || fail "push to a full LRS exited $rc"
grep -q "已发送 $total 条，其中 $total 条 LRS 原已存有" "$work/out" || fail "409 summary"
check "$work/lrs.json" "full LRS" resent
stop_server

echo "== 503 twice: tried again, and through"
start_server "$work/lrs-retry.json" --fail-first 2
push "$work/trainer-retry" --batch 64
[ "$rc" = 0 ] || fail "push with 503s exited $rc"
check "$work/lrs-retry.json" "after 503s"
python3 -c 'import json,sys; s=[p["status"] for p in json.load(open(sys.argv[1]))["posts"]]; sys.exit(s[:3] != [503, 503, 200])' "$work/lrs-retry.json" \
  || fail "expected 503, 503, then 200"
stop_server

echo "== 401: stops with exit 1 and the LRS's words"
start_server "$work/lrs-401.json" --fail-4xx
push "$work/trainer-401" --batch 50
[ "$rc" = 1 ] || fail "push refused with 401 exited $rc"
grep -q "LRS 拒绝了这批语句（HTTP 401）：.*credentials refused.* · the LRS refused the statements (HTTP 401)" "$work/err" || fail "401 message"
[ "$(posts "$work/lrs-401.json")" = 1 ] || fail "a 4xx was tried again"
stop_server

echo "== the connection dropped after 3 batches: fails; the next run sends the rest"
start_server "$work/lrs-drop.json" --drop-after 3
push "$work/trainer-drop" --batch 50
[ "$rc" = 1 ] || fail "push with a dropped connection exited $rc"
grep -q "试了 5 次仍未发出.*the next run resumes here" "$work/err" || fail "drop message"
stop_server
# What the LRS took before the drop (3 batches), and the batch whose reply was lost.
read -r taken lost < <(python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["posts"]
print(sum(len(x["ids"]) for x in p if x["status"] == 200), len(next(x for x in p if str(x["status"]).startswith("dropped"))["ids"]))' "$work/lrs-drop.json")
grep -q "已发送 $taken 条" "$work/out" || fail "expected $taken sent before the drop"
port=${url#http://127.0.0.1:}
port=${port%/xapi}
start_server "$work/lrs-drop.json"  # the same LRS, back on its port, answering again
push "$work/trainer-drop" --batch 50
[ "$rc" = 0 ] || fail "push after the drop exited $rc"
rest=$((total - taken))
grep -q "已发送 $rest 条，其中 $lost 条 LRS 原已存有，跳过 $taken 条（之前已发送）" "$work/out" || fail "resume summary"
check "$work/lrs-drop.json" "after the drop"
stop_server
echo "ok"
