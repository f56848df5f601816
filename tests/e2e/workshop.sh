#!/usr/bin/env bash
# End to end, as a trainer would: a workshop on the waste-room drill (drill-waste-room) for four
# table groups, driven with the keys only. Three screens, one Xvfb each (the script runs itself
# once per part):
#   fullhd  1920x1080, F11 fullscreen: the path that `linli workshop run` takes with the votes in
#           workshop_html.sh — three decisions by the majority, the two-round node (direction, then
#           option), the split into four parallel tracks, every track to its ending; a note marked
#           for the debrief (D) and a minute added (T). Mid-way, on the parallel tracks, the window
#           is killed (kill -9) and started again with --resume-workshop: the same tracks come back
#           with the votes cast before, and a vote only that workshop takes is recorded. Then E to
#           the debrief, E to export it; the export and the store are checked.
#   xga     1024x768 fullscreen: the first decision on a small projector, before and after the reveal;
#           the countdown changes on screen (X grabs) while only the clock is redrawn.
#   two     two Xinerama screens: the audience's window (1024x768) opens on the second, the
#           presenter's controls stay in the main window; F12 keeps both.
# usage: workshop.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")

if [ -z "${LINLI_WS_PART:-}" ]; then
  mkdir -p "$artifacts"
  for f in projector-1080 spread direction parallel resumed debrief debrief-exported projector-768 projector-768-spread \
           presenter presenter-projector; do
    rm -f "$artifacts/workshop-$f.png"
  done
  for part in "fullhd:-screen 0 1920x1080x24" "xga:-screen 0 1024x768x24" \
              "two:-screen 0 1280x800x24 -screen 1 1024x768x24 +xinerama"; do
    began=$SECONDS
    LINLI_WS_PART=${part%%:*} E2E_XVFB_ARGS=${part#*:} bash "$0" "$@" || exit 1
    echo "e2e: workshop part '${part%%:*}' took $((SECONDS - began)) s"
  done
  echo "e2e: ok — workshop on 1920x1080 (two rounds, parallel tracks, resume, debrief exported), 1024x768 and two screens; screenshots in $artifacts"
  exit 0
fi

source "$here/lib.sh"
e2e_init "$@"
data=$work/data
shot=$work/shot.png  # the window's --screenshot file; F12 writes it, each picture is moved away
export HOME=$work/home  # the debrief exports to $HOME/Linli 工作坊/<date> <title>
mkdir -p "$HOME"
drill_title=居民反对建筑垃圾房选址
setup_title="开一场工作坊 — 邻里 Linli"
running_title="开一场工作坊 · $drill_title — 邻里 Linli"

# A PNG written to its end (stb writes it in one go, but the reader may come mid-way).
png_complete() { [ -s "$1" ] && [ "$(tail -c 8 "$1" | head -c 4)" = IEND ]; }
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 "x" $5*16777216 + $6*65536 + $7*256 + $8 }'; }

# F12; keeps the main window's picture as workshop-NAME.png (and, with a second screen, the
# audience's as workshop-NAME-projector.png).
shoot() {
  local name=$1 projector=${2:-}
  rm -f "$shot" "$work/shot-projector.png"
  xdotool key F12
  for _ in $(seq 1 50); do png_complete "$shot" && { [ -z "$projector" ] || png_complete "$work/shot-projector.png"; } && break; sleep 0.1; done
  png_complete "$shot" || fail "F12 wrote no screenshot for $name"
  mv "$shot" "$artifacts/workshop-$name.png"
  if [ -n "$projector" ]; then
    png_complete "$work/shot-projector.png" || fail "F12 wrote no screenshot of the audience's window for $name"
    mv "$work/shot-projector.png" "$artifacts/workshop-$name-projector.png"
  fi
}

wait_for_size() {
  local wid=$1 want=$2 got=""
  for _ in $(seq 1 50); do
    got=$(xdotool getwindowgeometry "$wid" | sed -n 's/^ *Geometry: //p')
    [ "$got" = "$want" ] && return 0
    sleep 0.2
  done
  fail "the window is $got, expected $want"
}

sql() { sqlite3 -cmd '.timeout 3000' "$data/progress.sqlite" "$1"; }
actions() { sql "SELECT count(*) FROM events WHERE kind = 'workshop.action'"; }
last_action() { sql "SELECT payload FROM events WHERE kind = 'workshop.action' ORDER BY hlc DESC LIMIT 1"; }

# Presses KEYS, a short pause between them as a trainer types, and waits until the store holds N
# more workshop actions (a vote, a reveal or a track going on is one each; so are D and T).
press() {
  local n=$1 before want
  shift
  before=$(actions)
  want=$((before + n))
  xdotool key --delay 150 "$@"
  for _ in $(seq 1 50); do [ "$(actions)" -ge "$want" ] && return 0; sleep 0.1; done
  fail "keys '$*' recorded $(($(actions) - before)) workshop actions, expected $n"
}

# lib.sh's start_window, saying why when no window appears (e.g. the binary being relinked).
open_window() {
  "$linli" "$@" 2> "$work/stderr.txt" &
  pid=$!
  wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared: $(cat "$work/stderr.txt")"
}

# Starts the workshop set up by --view workshop --open: Enter.
start_workshop() {
  wait_for_title "$wid" "$setup_title"
  sleep 0.5
  xdotool key Return  # 开始工作坊
  wait_for_title "$wid" "$running_title"
}

case $LINLI_WS_PART in
fullhd)
  # A first session on this laptop: the window is left on 首页 below, so --resume-workshop must
  # resume from a window that opens on Home (its first frame is the library's snapshot).
  open_window --data-dir "$data" --view workshop --open drill-waste-room --screenshot "$shot"
  start_workshop
  [ "$(sql "SELECT count(*) FROM events WHERE kind = 'workshop.started'")" = 1 ] || fail "no workshop.started event in the store"
  xdotool key F11
  wait_for_size "$wid" 1920x1080

  # Decision 1 (start): 第1组 3, 第2组 3, 第3组 2, 第4组 3. The projector shows who voted, not what.
  press 4 1 3 2 3 3 2 4 3
  shoot projector-1080
  press 1 r
  shoot spread
  press 1 m                        # → visit
  # Decision 2 (visit): all 1 but 第4组 3; marked to discuss at the debrief.
  press 4 1 1 2 1 3 1 4 3
  press 1 r
  press 1 d
  press 1 m                        # → objector
  # Decision 3 (objector): all 2; a minute more first.
  press 1 t
  press 4 1 2 2 2 3 2 4 2
  press 2 r m                      # → reframe, the two-round node
  # Decision 4, round 1 (the direction): 第1组 2, 第2组 2, 第3组 1, 第4组 2.
  press 4 1 2 2 2 3 1 4 2
  press 1 r
  shoot direction
  press 1 m                        # direction 2: 重设议题
  # Round 2 (the options within it): 1, 2, 2, 1 — a tie; each group goes its own way (P).
  press 4 1 1 2 2 3 2 4 1
  press 1 r
  press 1 p
  # Four tracks at 'designer': three groups vote, then the laptop dies.
  press 3 1 1 2 1 3 2
  before_kill=$(actions)
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true

  open_window --data-dir "$data" --resume-workshop --screenshot "$shot"
  wait_for_title "$wid" "$running_title"
  sleep 0.5
  xdotool key F11
  wait_for_size "$wid" 1920x1080
  shoot resumed
  # 第4组's vote goes to the fourth track, numbered after the actions before the kill: only the
  # resumed workshop, split in four, takes it.
  press 1 4 1
  last=$(last_action)
  [ "$last" = "{\"a\":\"vote\",\"g\":3,\"n\":$before_kill,\"t\":3,\"v\":1}" ] || fail "after the resume 4 1 recorded $last"
  # The three votes from before the kill count: the reveal shows all four tracks' spreads.
  press 4 r
  shoot parallel
  press 4 m                        # → round-one
  press 4 1 1 2 1 3 1 4 2
  press 8 r m                      # → round-two
  press 4 1 1 2 1 3 1 4 1
  press 8 r m                      # 第3组 ends (ending-garden); the others → owners-vote
  press 3 1 1 2 1 4 1
  press 6 r m                      # 第4组 ends; 第1组, 第2组 → manage
  press 2 1 3 2 1
  press 4 r m                      # 第1组 → ending-good, 第2组 → ending-garden

  sleep 0.3
  xdotool key e                    # 进入复盘: leaves fullscreen
  wait_for_size "$wid" 1200x800
  sleep 0.5
  shoot debrief
  xdotool key e                    # 导出复盘
  folder=""
  for _ in $(seq 1 50); do
    folder=$(find "$HOME/Linli 工作坊" -mindepth 1 -maxdepth 1 -type d -name "* $drill_title" 2>/dev/null | head -n 1)
    [ -n "$folder" ] && [ -s "$folder/debrief.md" ] && [ -s "$folder/debrief.html" ] && png_complete "$folder/spread.png" && break
    sleep 0.1
  done
  [ -n "$folder" ] || fail "E in the debrief exported nothing under $HOME/Linli 工作坊"
  for f in debrief.md debrief.html spread.png; do [ -s "$folder/$f" ] || fail "the export has no $f"; done
  sleep 0.3
  shoot debrief-exported
  close_window "$pid"
  wait "$pid" || fail "linli exited with an error: $(cat "$work/stderr.txt")"
  if grep -qi 'error' "$work/stderr.txt"; then fail "errors on stderr: $(cat "$work/stderr.txt")"; fi

  # Each group's ending as `linli workshop run` gives it for the same votes (workshop_html.sh).
  md=$folder/debrief.md
  endings=$(awk '/^### / { g = $2 } /^结局 Ending：/ { print g " " $0 }' "$md")
  expected="第1组 结局 Ending：结局：空地成了大家的花园（好）
第2组 结局 Ending：结局：花园建了，手续或人心没齐（尚可）
第3组 结局 Ending：结局：花园建了，手续或人心没齐（尚可）
第4组 结局 Ending：结局：花园建了，手续或人心没齐（尚可）"
  [ "$endings" = "$expected" ] || fail "debrief.md gives the endings
$endings
expected
$expected"
  for g in 第1组 第2组 第3组 第4组; do grep -q "^### $g\$" "$md" || fail "debrief.md does not name $g"; done
  grep -Eq '（(好|尚可|糟糕)）' "$md" || fail "debrief.md names no rating"
  grep -q '复盘时讨论' "$md" || fail "debrief.md lacks the note marked with D"
  [ "$(sql "SELECT count(*) FROM events WHERE kind = 'workshop.started'")" = 1 ] || fail "expected one workshop.started event"
  # Exported, the workshop is closed: it is not offered for resuming again.
  [ "$(sql "SELECT count(*) FROM events WHERE kind = 'workshop.closed'")" = 1 ] || fail "the exported workshop was not closed"
  n=$(actions)
  [ "$n" -ge 10 ] || fail "only $n workshop.action events in the store"
  echo "e2e: fullhd ok — $n workshop actions, resumed after kill -9, debrief exported to $folder"
  ;;

xga)
  export LINLI_TRACE=1  # at exit: how many frames were shown by redrawing the clock alone
  open_window --data-dir "$data" --view workshop --open drill-waste-room --screenshot "$shot"
  start_workshop
  xdotool key F11
  wait_for_size "$wid" 1024x768
  press 4 1 3 2 3 3 2 4 3
  shoot projector-768
  # What the screen shows while the countdown runs (an X grab, not the window's own picture): the
  # clock changes there each second although only its few pixels are redrawn, and the rest equals
  # the whole frame the window renders for F12.
  sleep 1
  import -window root "$work/x1.png"
  sleep 1.6
  import -window root "$work/x2.png"
  shoot projector-768-whole
  changed() { convert "$1" "$2" -compose difference -composite -colorspace gray -threshold 0 -format '%[fx:round(mean*w*h)]' info:; }
  ticked=$(changed "$work/x1.png" "$work/x2.png")
  [ "$ticked" -gt 0 ] || fail "the countdown did not change on screen in 1.6 s"
  [ "$ticked" -lt 7800 ] || fail "$ticked pixels changed on screen in 1.6 s while only the clock runs (1 % is 7864)"
  off=$(changed "$work/x2.png" "$artifacts/workshop-projector-768-whole.png")
  [ "$off" -lt 7800 ] || fail "the screen differs from the window's whole frame in $off pixels (more than the clock)"
  rm -f "$artifacts/workshop-projector-768-whole.png"
  press 1 r
  shoot projector-768-spread
  close_window "$pid"
  wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
  partial=$(sed -n 's/^trace: .* rendered whole, \([0-9]*\) shown by their clock alone$/\1/p' "$work/stderr.txt")
  [ "${partial:-0}" -gt 0 ] || fail "no frame was shown by redrawing the clock alone: $(grep 'rendered whole' "$work/stderr.txt")"
  for f in projector-768 projector-768-spread; do
    [ "$(png_size "$artifacts/workshop-$f.png")" = 1024x768 ] || fail "workshop-$f.png is $(png_size "$artifacts/workshop-$f.png"), expected 1024x768"
  done
  echo "e2e: xga ok — the first decision fullscreen at 1024x768, before and after the reveal; $ticked pixels changed on screen as the clock ran ($partial frames showed the clock alone), $off off the whole frame"
  ;;

two)
  open_window --data-dir "$data" --view workshop --open drill-waste-room --screenshot "$shot"
  start_workshop
  projector=$(timeout 10 xdotool search --sync --name '^邻里 Linli · 投影 Projector$' | head -n 1) ||
    fail "no window '邻里 Linli · 投影 Projector' opened on the second screen"
  size=$(xdotool getwindowgeometry "$projector" | sed -n 's/^ *Geometry: //p')
  [ "$size" = 1024x768 ] || fail "the audience's window is $size, expected 1024x768 (the second screen)"
  xdotool windowfocus "$wid"  # the trainer types on the laptop
  press 4 1 3 2 3 3 2 4 3
  press 1 r
  shoot presenter projector
  close_window "$pid"
  wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
  [ "$(png_size "$artifacts/workshop-presenter-projector.png")" = 1024x768 ] ||
    fail "workshop-presenter-projector.png is $(png_size "$artifacts/workshop-presenter-projector.png"), expected 1024x768"
  echo "e2e: two ok — the audience's window on the second screen, the controls on the first"
  ;;
esac
