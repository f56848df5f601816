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
