#!/usr/bin/env bash
# End to end, as an instructor would, in 编写: create a drill from the template, type a broken link
# and see the problem, fix it, save (the file is on disk, lints clean, and the library shows it),
# open the drill's graph and click a node (the source jumps to its heading), and play it from a
# node. The window is 1200×800; the checks wait on the window's title and on its LINLI_TRACE lines.
# usage: editor.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")
source "$here/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts"
data=$work/data
shot=$work/shot.png
log=$work/stderr.txt
file=$data/library/drill-new.md
export HOME=$work/home  # packs go to $HOME/Linli 资料包
mkdir -p "$HOME"

LINLI_TRACE=1 "$linli" --data-dir "$data" --view editor --screenshot "$shot" 2>"$log" &
pid=$!
wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared: $(cat "$log")"
wait_for_title "$wid" "编写 — 邻里 Linli"

shoot() { shoot_window "$shot" "$artifacts/editor-$1.png"; }
click() { click_in "$wid" "$@"; }
wait_for_log() { wait_for_trace "$log" "$1"; }

# 1. A drill from the template: unsaved, and clean.
click 307 50  # 新建演练
wait_for_title "$wid" "编写 · drill-new.md ● · 0 个错误，0 个警告 — 邻里 Linli"
[ ! -e "$file" ] || fail "the new drill was written before it was saved"
shoot new

# 2. A broken link at the end of the source: the check finds it without a save.
xdotool key ctrl+End
sleep 0.2
xdotool type --delay 40 $'\n\n[x](linli:no-such-doc)'
wait_for_title "$wid" "编写 · drill-new.md ● · 1 个错误，0 个警告 — 邻里 Linli"
shoot broken

# 3. Fixed: the id replaced by a guideline's.
for _ in $(seq 1 12); do xdotool key BackSpace; sleep 0.03; done
xdotool type --delay 40 'pit-formalism)'
wait_for_title "$wid" "编写 · drill-new.md ● · 0 个错误，0 个警告 — 邻里 Linli"

# 4. Saved: on disk, clean for the command line too, and taken into the library alone: the
# folder watcher's report of the write loads nothing.
loads=$(grep -c "library loaded again" "$log" || true)
xdotool key ctrl+s
wait_for_title "$wid" "编写 · drill-new.md · 0 个错误，0 个警告 — 邻里 Linli"
[ -f "$file" ] || fail "Ctrl+S wrote no $file"
grep -q 'linli:pit-formalism' "$file" || fail "the saved file lacks the fixed link"
"$linli" --data-dir "$work/cli" lint "$file" >/dev/null 2>&1 || fail "linli lint finds problems in the saved drill"
wait_for_log "took in drill-new.md alone"
wait_for_log "library change taken in already"
[ "$(grep -c "library loaded again" "$log" || true)" = "$loads" ] || fail "saving one document loaded the whole library"

# 5. In the library: 文库's list names it, and search finds and opens it.
click 40 78  # 文库
sleep 0.5
shoot library
search_and_open "$wid" "新演练" "新演练 — 邻里 Linli"
click 40 174  # back to 编写
wait_for_title "$wid" "编写 · drill-new.md · 0 个错误，0 个警告 — 邻里 Linli"

# 6. The graph; a click on the second node puts the cursor on its heading.
click 500 720  # the problems list: the source lets go of the keyboard
click 842 84   # 结构图
sleep 0.5
shoot graph
visit_line=$(grep -n '{#visit}' "$file" | cut -d: -f1)
click 972 217  # 周二傍晚：敲开三楼的门 (the layout is fixed by the template and the window's size)
wait_for_log "jumped to line $visit_line"

# 7. Played from that node: the cursor is on it.
click 916 84   # 试玩
click 820 130  # 从这里试玩: the starting state
sleep 0.3
shoot play-start
click 800 334  # 开始试玩
wait_for_log "trial play at visit"
shoot play

# 8. 导出资料包: the new drill ticked (filtered by its id), exported, and a pack an import would add.
click 550 50    # 导出资料包…
click 410 238   # 筛选
xdotool type --delay 40 'drill-new'
sleep 0.3
click 266 315   # 新演练 (drill-new), after 进入新社区的头几周 (drill-new-community)
click 275 547   # 导出 (1)
for _ in $(seq 1 50); do ls "$HOME/Linli 资料包/"*.linlipack >/dev/null 2>&1 && break; sleep 0.2; done
pack=$(ls "$HOME/Linli 资料包/"*.linlipack 2>/dev/null | head -n 1)
[ -n "$pack" ] || fail "导出 wrote no pack into ~/Linli 资料包"
shoot pack-export
"$linli" --data-dir "$work/importer" pack import "$pack" --dry-run >"$work/import.txt" 2>&1 || true
grep -q '新增  drill-new' "$work/import.txt" || fail "the exported pack does not add drill-new: $(cat "$work/import.txt")"
click 334 547   # 取消: closes the panel

# 9. Another program changes the saved file: with no edits here, the editor takes it as it is.
printf '\n另一个编辑器加的一行。\n' >>"$file"
wait_for_log "reloaded drill-new.md from disk"
on_disk=$(md5sum <"$file")

# 10. A resident's phone number typed at the end: a warning, and 替换为化名/×× takes it out.
click 480 300  # into the source, then to its end: the other program's line
xdotool key ctrl+End
sleep 0.2
xdotool type --delay 40 ' 13812345678'
wait_for_title "$wid" "编写 · drill-new.md ● · 0 个错误，1 个警告 — 邻里 Linli"
shoot private
click 264 716  # 替换为化名/××, under the one warning
wait_for_title "$wid" "编写 · drill-new.md ● · 0 个错误，0 个警告 — 邻里 Linli"

# 11. One more unsaved edit, then Ctrl+Q: the window asks instead of closing; 不保存 closes it.
click 480 300
xdotool key ctrl+End
sleep 0.2
xdotool type --delay 40 'x'
wait_for_title "$wid" "编写 · drill-new.md ● · 0 个错误，0 个警告 — 邻里 Linli"
xdotool key ctrl+q
wait_for_log "asks: unsaved edits"
sleep 0.5
shoot guard
kill -0 "$pid" 2>/dev/null || fail "Ctrl+Q closed the window with unsaved edits"
click 577 438  # 不保存
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && fail "不保存 did not close the window"
wait "$pid" || true
[ "$(md5sum <"$file")" = "$on_disk" ] || fail "the file changed: the discarded edit was saved"
echo "e2e: editor OK"
