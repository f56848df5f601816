#!/usr/bin/env bash
# Chinese through a real input method (issue 13): fcitx5 with its pinyin engine, reached over XIM
# as GLFW 3.3 reaches it, types into 编写's editor. A new drill, "nihao" typed at its end (the
# candidate window is kept as a picture of the whole screen), space takes the first candidate 你好
# and a comma becomes the full-width ，; Ctrl+S, and the saved file ends with 你好， and holds no
# "nihao". fcitx5 runs with its own HOME, XDG folders and D-Bus session, so a desktop's own
# fcitx5 and its settings are never touched.
# Skipped without fcitx5, unless LINLI_REQUIRE_FCITX5 is set. Needs fcitx5 and fcitx5-pinyin.
# usage: ime.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")
source "$here/lib.sh"
if ! command -v fcitx5 >/dev/null 2>&1; then
  [ -z "${LINLI_REQUIRE_FCITX5:-}" ] || fail "fcitx5 is not installed (apt-get install fcitx5 fcitx5-pinyin)"
  echo "e2e: ime skipped: fcitx5 is not installed (apt-get install fcitx5 fcitx5-pinyin)"
  exit 0
fi
[ -f /usr/share/fcitx5/inputmethod/pinyin.conf ] ||
  fail "fcitx5 has no pinyin input method: apt-get install fcitx5-pinyin"
e2e_init "$@"
mkdir -p "$artifacts"
rm -f "$artifacts/ime-candidates.png" "$artifacts/ime-typed.png"
data=$work/data
shot=$work/shot.png
file=$data/library/drill-new.md
flog=$work/fcitx5.txt

fcitx_pid="" dbus_pid=""
stop_ime() {
  [ -z "$fcitx_pid" ] || { kill "$fcitx_pid" 2>/dev/null || true; wait "$fcitx_pid" 2>/dev/null || true; }
  [ -z "$dbus_pid" ] || { kill "$dbus_pid" 2>/dev/null || true; wait "$dbus_pid" 2>/dev/null || true; }
}
trap 'stop_ime; rm -rf "$work"' EXIT
fail_ime() { fail "$*; fcitx5 said: $(tail -n 5 "$flog" 2>/dev/null | tr '\n' ' ')"; }

# A home of its own: fcitx5 reads its profile from there and writes its pinyin history there.
export HOME=$work/home
export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share XDG_CACHE_HOME=$HOME/.cache
export XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_CONFIG_HOME/fcitx5" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# One group, English keyboard and pinyin; active from the start, so no Ctrl+Space is needed.
cat > "$XDG_CONFIG_HOME/fcitx5/profile" <<'EOF'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
EOF
cat > "$XDG_CONFIG_HOME/fcitx5/config" <<'EOF'
[Behavior]
ActiveByDefault=True
ShareInputState=No
EOF
# XIM hands committed text over in the client's locale: in "C" it is dropped on the way (GLFW
# takes LC_CTYPE from the environment only when the program left it "C"), so a UTF-8 one.
unset LC_ALL
export LC_CTYPE=C.UTF-8

# A D-Bus session of its own (fcitx5 asks the session bus whether it already runs); without
# dbus-daemon, fcitx5 runs without its D-Bus addon, which XIM does not need.
unset DBUS_SESSION_BUS_ADDRESS
fcitx_args=()
if command -v dbus-daemon >/dev/null 2>&1 && [ -f /usr/share/dbus-1/session.conf ]; then
  dbus-daemon --session --nofork --address="unix:path=$work/bus" 2>"$work/dbus.txt" &
  dbus_pid=$!
  for _ in $(seq 1 50); do [ -S "$work/bus" ] && break; sleep 0.1; done
  [ -S "$work/bus" ] || fail "dbus-daemon did not start: $(cat "$work/dbus.txt")"
  export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/bus
else
  fcitx_args=(--disable dbus)
fi
fcitx5 "${fcitx_args[@]}" >"$flog" 2>&1 &
fcitx_pid=$!
# Ready when its XIM server is announced on the root window.
for _ in $(seq 1 100); do
  xprop -root XIM_SERVERS 2>/dev/null | grep -q '@server=fcitx' && break
  kill -0 "$fcitx_pid" 2>/dev/null || fail_ime "fcitx5 exited"
  sleep 0.1
done
xprop -root XIM_SERVERS 2>/dev/null | grep -q '@server=fcitx' || fail_ime "fcitx5 announced no XIM server"

export XMODIFIERS=@im=fcitx
# The window starts in the "C" locale, as from a bare session: it sets its own character type to
# UTF-8 (use_utf8_ctype in app.cpp), or the committed text would be dropped.
LC_CTYPE=C start_window --data-dir "$data" --view editor --screenshot "$shot"
wait_for_title "$wid" "编写 — 邻里 Linli"

click() { click_in "$wid" "$@"; }
candidates_shown() { xdotool search --onlyvisible --name '^Fcitx5 Input Window$' >/dev/null 2>&1; }

click 307 50  # 新建演练
wait_for_title "$wid" "编写 · drill-new.md ● · 0 个错误，0 个警告 — 邻里 Linli"
xdotool key ctrl+End
sleep 0.2
xdotool key Return  # no composition yet: the key goes through the input method to the editor
sleep 0.2

# Pinyin: the letters stay in the input method, which shows its candidates.
xdotool type --delay 150 nihao
for _ in $(seq 1 50); do candidates_shown && break; sleep 0.1; done
candidates_shown || fail_ime "typing nihao showed no candidate window: the window did not reach fcitx5 over XIM, or pinyin is not active"
sleep 0.3
# The candidates are a window of the input method's own: only a picture of the screen shows them.
if command -v import >/dev/null 2>&1; then
  import -window root "$artifacts/ime-candidates.png" || true
fi
xdotool key space  # the first candidate
for _ in $(seq 1 50); do candidates_shown || break; sleep 0.1; done
candidates_shown && fail_ime "space left the candidate window open"
xdotool type --delay 150 ,  # pinyin's punctuation: the full-width comma, committed at once
sleep 0.5
rm -f "$shot"
xdotool key F12
for _ in $(seq 1 50); do png_complete "$shot" && break; sleep 0.1; done
png_complete "$shot" && cp "$shot" "$artifacts/ime-typed.png"

xdotool key ctrl+s
wait_for_title "$wid" "编写 · drill-new.md · 0 个错误，0 个警告 — 邻里 Linli"
[ -f "$file" ] || fail "Ctrl+S wrote no $file"
last=$(tail -n 1 "$file")
[ "$last" = "你好，" ] || fail "the saved drill ends with '$last', expected '你好，' (committed through XIM)"
! grep -q nihao "$file" || fail "the pinyin letters reached the editor as well"

close_window "$pid"
wait "$pid" || true
echo "e2e: ime OK"
