#!/usr/bin/env bash
# End to end, as a trainer would: the 班级看板 on a generated shared file of 200 learners (their
# activity over the last 110 days). Sort by the status column both ways (the colours of the
# status cells on screen tell which learners come first), filter by a cohort (the title names it
# and the count the CLI's report gives), open a learner's timeline and a drill's item analysis,
# then export the report anonymised and check it.
# usage: dashboard.sh LINLI_BINARY LINLI_GEN_COHORT ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
gen=$(realpath "$2")
artifacts=$(realpath -m "$3")
here=$(dirname "$(realpath "$0")")
source "$here/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts"
data=$work/data
shot=$work/shot.png
export HOME=$work/home  # the export goes to $HOME/Linli 报告/<time>
mkdir -p "$HOME"
cohort=城南街道2026春

"$gen" --out "$work/cohort.linli" --learners 200 --attempts 10 --seed 3 --start $(($(date +%s) - 110 * 86400)) --days 110 >/dev/null
# This device syncs with it: the dashboard opens on the file set for sync.
"$linli" --data-dir "$data" sync --shared "$work/cohort.linli" >/dev/null
count() {  # count JSON_FILE EXPR: learners, quiet or a name
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); l=r["learners"]
print({"learners": len(l), "quiet": sum(x["quiet"] for x in l), "name": (l[0].get("name") or "")}[sys.argv[2]])' "$1" "$2"
}
"$linli" --data-dir "$data" report --format json --out "$work/all.json"
"$linli" --data-dir "$data" report --format json --cohort "$cohort" --out "$work/cohort.json"
total=$(count "$work/all.json" learners)
quiet=$(count "$work/all.json" quiet)
in_cohort=$(count "$work/cohort.json" learners)
[ "$total" = 200 ] || fail "the CLI's report has $total learners, expected 200"
[ "$quiet" -ge 12 ] || fail "only $quiet quiet learners: too few to fill the table's first rows"

"$linli" --data-dir "$data" --view dashboard --screenshot "$shot" 2>"$work/stderr.txt" &
pid=$!
wid=$(timeout 20 xdotool search --sync --name 'Linli' | head -n 1) || fail "no window appeared: $(cat "$work/stderr.txt")"
wait_for_title "$wid" "班级看板 · 全部 · 200 位学员 — 邻里 Linli"

png_complete() { [ -s "$1" ] && [ "$(tail -c 8 "$1" | head -c 4)" = IEND ]; }
shoot() {  # F12; keeps the picture as dashboard-NAME.png
  rm -f "$shot"
  xdotool key F12
  for _ in $(seq 1 50); do png_complete "$shot" && break; sleep 0.1; done
  png_complete "$shot" || fail "F12 wrote no screenshot for $1"
  cp "$shot" "$artifacts/dashboard-$1.png"
}
# ImGui 1.86 reads the mouse once a frame: a press and its release must not fall in one frame.
click() {
  xdotool mousemove --window "$wid" "$1" "$2"
  sleep 0.2
  xdotool mousedown 1
  sleep 0.15
  xdotool mouseup 1
  sleep 0.5
}
# The status cells of the first ten rows (x 966-1044, y 254-474 at 1200×800): "red green" pixels.
status_colours() {
  convert "$1" -crop 78x220+966+254 +repage txt:- |
    awk -F'[(),]' 'NR > 1 { r = $3; g = $4; b = $5; if (r > 150 && g < 110 && b < 110) red++; if (g > 110 && r < 110 && b < 110) green++ }
                   END { print red + 0, green + 0 }'
}

shoot learners
read -r red green < <(status_colours "$artifacts/dashboard-learners.png")
[ "$green" -gt 0 ] || fail "no 在学 (green) status in the first rows sorted by name"
click 1004 242  # 状态: ascending, the active first
shoot sorted-active
read -r red green < <(status_colours "$artifacts/dashboard-sorted-active.png")
[ "$red" = 0 ] && [ "$green" -gt 0 ] || fail "sorted by status ascending, the first rows show red $red, green $green pixels"
click 1004 242  # again: descending, the quiet first
shoot sorted-quiet
read -r red green < <(status_colours "$artifacts/dashboard-sorted-quiet.png")
[ "$red" -gt 0 ] && [ "$green" = 0 ] || fail "sorted by status descending, the first rows show red $red, green $green pixels"

click 300 143   # the cohort
click 288 221   # 城南街道2026春 (the cohorts are listed sorted: 城北, 城南, 新城)
wait_for_title "$wid" "班级看板 · $cohort · $in_cohort 位学员 — 邻里 Linli"
click 300 264   # the first learner: the timeline beside the table
sleep 1
shoot timeline
click 281 176   # 演练分析
title=$(xdotool getwindowname "$wid")
case $title in "班级看板 · $cohort · $in_cohort 位学员 · 《"*"》 — 邻里 Linli") ;; *) fail "the drill analysis shows the title '$title'" ;; esac
shoot drills
# 在结构图上看: the button after the summary line, found by its colour (the summary's width varies).
graph_x=$(convert "$artifacts/dashboard-drills.png" -crop 600x1+600+204 +repage txt:- |
  awk -F'[(),:]' 'NR > 1 && $4 == 170 && $5 == 204 && $6 == 244 { x = $1; if (!first) first = x; last = x } END { if (first) print 600 + int((first + last) / 2) }')
[ -n "$graph_x" ] || fail "no 在结构图上看 button beside the drill's summary"
click "$graph_x" 210
for _ in $(seq 1 50); do case $(xdotool getwindowname "$wid") in "编写 · drill-"*) break ;; esac; sleep 0.2; done
case $(xdotool getwindowname "$wid") in "编写 · drill-"*".md"*) ;; *) fail "在结构图上看 opened '$(xdotool getwindowname "$wid")', not the drill in 编写" ;; esac
sleep 1
shoot overlay
click 40 150    # back to 班级看板
click 338 176   # 每周
shoot weeks

click 833 143   # 匿名
click 916 143   # 导出报告
folder=""
for _ in $(seq 1 50); do
  folder=$(find "$HOME/Linli 报告" -mindepth 1 -maxdepth 1 -type d -name '*匿名' 2>/dev/null | head -n 1)
  [ -n "$folder" ] && [ -s "$folder/weeks.csv" ] && break
  sleep 0.1
done
[ -n "$folder" ] || fail "导出报告 wrote no folder under $HOME/Linli 报告"
for f in report.md report.json learners.csv items.csv endings.csv pitfalls.csv weeks.csv; do [ -s "$folder/$f" ] || fail "the export lacks $f"; done
[ "$(count "$folder/report.json" learners)" = "$in_cohort" ] || fail "the exported report has $(count "$folder/report.json" learners) learners, expected $in_cohort"
name=$(count "$work/cohort.json" name)
[ -n "$name" ] || fail "the CLI's report names nobody"
if grep -q "$name" "$folder/report.json" "$folder/report.md" "$folder/learners.csv"; then fail "the anonymised export names $name"; fi
grep -q '学员-' "$folder/learners.csv" || fail "the anonymised learners.csv has no pseudonyms"
close_window "$pid"
wait "$pid" || fail "linli exited with an error: $(cat "$work/stderr.txt")"
echo "e2e: ok — dashboard of 200 learners: sorted both ways, $in_cohort in $cohort, timeline, drill analysis, weeks, anonymised export in $folder"
