# Shared by the end-to-end scripts: re-runs the calling script inside Xvfb, and gives it a
# work folder removed on exit and a fail() that explains itself.
# usage (first lines of a script): source "$(dirname "$0")/lib.sh"; e2e_init "$@"
e2e_init() {
  if [ "${LINLI_E2E_INNER:-}" != 1 ]; then
    exec xvfb-run -a -s "${E2E_XVFB_ARGS:--screen 0 1280x800x24}" env LINLI_E2E_INNER=1 bash "$0" "$@"
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}

fail() { echo "e2e: FAIL: $*" >&2; exit 1; }

# Closes the window with Ctrl+Q and waits for the process; fails if it will not close.
close_window() {
  local pid=$1
  xdotool key ctrl+q
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill "$pid"; fail "Ctrl+Q did not close the window"; fi
}

# Waits up to 10 s for the window's title to become WANT; fails naming what it shows instead.
wait_for_title() {
  local wid=$1 want=$2 title=""
  for _ in $(seq 1 50); do
    title=$(xdotool getwindowname "$wid")
    [ "$title" = "$want" ] && return 0
    sleep 0.2
  done
  fail "window shows '$title', expected '$want'"
}

# Searches with Ctrl+K for QUERY and opens the first result, until the window's title is WANT:
# xdotool sometimes loses the first character it types after remapping a key for a Chinese
# character, so a person's retry is allowed, three times at most. With SHOT_FROM and SHOT_TO (the
# window's --screenshot file and where to keep it), the popup with its results is kept too (F12).
search_and_open() {
  local wid=$1 query=$2 want=$3 shot_from=${4:-} shot_to=${5:-} title=""
  for _ in 1 2 3; do
    xdotool key ctrl+k
    sleep 0.5
    xdotool type --delay 120 "$query"
    sleep 1
    if [ -n "$shot_from" ]; then
      xdotool key F12
      for _ in $(seq 1 25); do [ -f "$shot_from" ] && break; sleep 0.1; done
      [ -f "$shot_from" ] && mv "$shot_from" "$shot_to"
    fi
    xdotool key Return
    for _ in $(seq 1 25); do
      title=$(xdotool getwindowname "$wid")
      [ "$title" = "$want" ] && return 0
      sleep 0.2
    done
    xdotool key Escape
  done
  fail "searching '$query' shows '$title', expected '$want'"
}

# Starts the window with the given arguments (stderr to $work/stderr.txt) and waits for it;
# sets pid and wid.
start_window() {
  "$linli" "$@" 2> "$work/stderr.txt" &
  pid=$!
  wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared"
}

# Whether a PNG is written whole (the window writes its screenshot while the test waits for it).
png_complete() { [ -s "$1" ] && [ "$(tail -c 8 "$1" | head -c 4)" = IEND ]; }

# F12 in the window started with --screenshot SHOT; keeps the picture as DEST.
shoot_window() {
  local shot=$1 dest=$2
  rm -f "$shot"
  xdotool key F12
  for _ in $(seq 1 50); do png_complete "$shot" && break; sleep 0.1; done
  png_complete "$shot" || fail "F12 wrote no screenshot for $(basename "$dest")"
  cp "$shot" "$dest"
}

# A click at X Y of window WID. ImGui 1.86 reads the mouse once a frame: a press and its release
# must not fall in one frame.
click_in() {
  xdotool mousemove --window "$1" "$2" "$3"
  sleep 0.2
  xdotool mousedown 1
  sleep 0.15
  xdotool mouseup 1
  sleep 0.4
}

# Waits up to 15 s for a line matching PATTERN in the window's LINLI_TRACE output (FILE).
wait_for_trace() {
  local file=$1 pattern=$2
  for _ in $(seq 1 75); do grep -q -- "$pattern" "$file" && return 0; sleep 0.2; done
  fail "no '$pattern' in the window's trace: $(grep 'trace:' "$file" | tail -n 5)"
}
