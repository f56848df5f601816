#!/usr/bin/env bash
# End to end: the window's own sync at start. On another device the learner chose the dark theme
# in the window (视图 → 深色主题) and published their progress to a shared file. On this device the
# same learner has chosen that shared file but never synced. Opening the window must bring the other
# device's events in by its start-up sync alone (no CLI sync here), and the window must turn dark:
# the theme follows the learner.
# usage: gui_sync_start.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts" "$work/share"
shared="$work/share/cohort.linli"
shot="$work/shot.png"

# Brightness (0-255) of the window's background, bottom right, where no view draws anything.
brightness() { convert "$1" -format '%[fx:int(255*p{1190,790}.intensity+0.5)]' info: 2> /dev/null; }
# Asks the window for a screenshot (F12) and waits until a complete PNG is there; prints its brightness.
snap() {
  rm -f "$shot"
  xdotool key F12
  local b
  for _ in $(seq 1 50); do
    if [ -s "$shot" ] && b=$(brightness "$shot") && [ -n "$b" ]; then echo "$b"; return 0; fi
    sleep 0.1
  done
  fail "F12 wrote no screenshot"
}
# Clicks at window coordinates X Y, pressing and releasing in separate frames as a hand would.
click() {
  xdotool mousemove --window "$wid" "$1" "$2"
  sleep 0.3
  xdotool mousedown 1
  sleep 0.2
  xdotool mouseup 1
  sleep 0.3
}
meta() { sqlite3 "$work/me/progress.sqlite" "SELECT value FROM meta WHERE key = '$1'"; }

# The other device: a drill played, then in its window the dark theme chosen from the View menu;
# then published.
"$linli" --data-dir "$work/other" drill play drill-waste-room --new --choices 1,1,2 > /dev/null
start_window --data-dir "$work/other" --screenshot "$shot"
xdotool mousemove --window "$wid" 600 400
before=$(snap)
[ "$before" -gt 150 ] || fail "a new window is not light (background brightness $before)"
click 22 14  # 视图
click 35 70  # 深色主题
after=$(snap)
[ "$after" -lt 100 ] || fail "the other device's window did not turn dark from the View menu (brightness $after)"
close_window "$pid"
wait "$pid" || fail "linli (other device) failed: $(cat "$work/stderr.txt")"
theme=$(sqlite3 "$work/other/progress.sqlite" "SELECT payload FROM events WHERE kind = 'setting' AND subject = 'ui.theme'")
case "$theme" in *dark*) ;; *) fail "the other device recorded no dark theme setting ('$theme')" ;; esac
"$linli" --data-dir "$work/other" sync --shared "$shared" > /dev/null
other_events=$(sqlite3 "$work/other/progress.sqlite" "SELECT count(*) FROM events")
other_device=$(sqlite3 "$work/other/progress.sqlite" "SELECT value FROM meta WHERE key = 'device_id'")

# This device: the same learner, the shared file chosen (as 设置与同步 saves it), never synced.
learner=$(sqlite3 "$work/other/progress.sqlite" "SELECT value FROM meta WHERE key = 'learner_id'")
"$linli" --data-dir "$work/me" profile --name 测试学员 --learner "$learner" > /dev/null
sqlite3 "$work/me/progress.sqlite" "INSERT OR REPLACE INTO meta(key, value) VALUES('sync.path', '$shared')"
[ -z "$(meta sync.status)" ] || fail "this device has synced before"
[ "$(sqlite3 "$work/me/progress.sqlite" "SELECT count(*) FROM events WHERE kind = 'setting' AND subject = 'ui.theme'")" = 0 ] ||
  fail "this device already has a theme setting"

start_window --data-dir "$work/me" --screenshot "$shot"
xdotool mousemove --window "$wid" 600 400
# The start-up sync records its status when it ends …
status=""
for _ in $(seq 1 100); do
  status=$(meta sync.status)
  [ -n "$status" ] && break
  sleep 0.2
done
[ "$status" = 0 ] || fail "the window's start-up sync ended with status '$status': $(meta sync.message)"
# … and the window applies the learner's settings it brought in: it turns dark.
shade=255
for _ in $(seq 1 20); do
  shade=$(snap)
  [ "$shade" -lt 100 ] && break
  sleep 0.2
done
cp "$shot" "$artifacts/sync_start.png"
[ "$shade" -lt 100 ] || fail "the window did not turn dark after its start-up sync (brightness $shade; see $artifacts/sync_start.png)"
close_window "$pid"
wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
[ "$(brightness "$shot")" -lt 100 ] || fail "the window's last frame is not dark"

# Every event of the other device is in this device's store.
got=$(sqlite3 "$work/me/progress.sqlite" "SELECT count(*) FROM events e JOIN devices d ON d.idx = e.device WHERE d.uuid = '$other_device'")
[ "$got" = "$other_events" ] || fail "this device holds $got of the other device's $other_events events"
echo "e2e: ok — the window's start-up sync brought in $got events and the dark theme (brightness $before → $shade)"
