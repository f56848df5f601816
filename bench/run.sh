#!/usr/bin/env bash
# Runs every benchmark and prints the figures against their targets.
#
#   bench/run.sh [BUILD_DIR] [--quick] [--only workshop|cohort|authoring]
#       BUILD_DIR defaults to build; BENCH_QUICK=1 = --quick; --only workshop runs section 4 alone,
#       --only cohort section 5 (bench/cohort_section.sh), --only authoring section 6
#       (bench/authoring_section.sh)
#       (with its own summary); BENCH_SHOTS=DIR keeps a screenshot of the workshop's projector frame.
#
# 1. build/bench/linli_bench_content: synthetic libraries of 100, 1,000 and 10,000 documents
#    (--quick: 100 and 1,000): load + parse, index build, search latency, index size, peak RSS.
# 2. The window under Xvfb (xvfb-run), each figure with a fresh --data-dir: time to the first
#    frame, CPU time per frame in the reader, idle CPU and the app's peak RSS.
# 3. build/bench/linli_bench_store: µs per event of the progress store (import, record()).
# 4. Workshop (issue 11): build/bench/linli_bench_workshop (debrief + export of 8-group workshops
#    on the bundled drills), and the window under Xvfb at 1920×1080 resuming a workshop split
#    into 8 parallel tracks: CPU per projector frame, and idle CPU while its countdown runs.
set -euo pipefail

BUILD=build
QUICK=()
ONLY=
positional=0
while (($#)); do
    case $1 in
        --quick) QUICK=(--quick) ;;
        --only) ONLY=${2:-}; shift ;;
        --only=*) ONLY=${1#--only=} ;;
        -*) echo "run.sh: unknown option $1 (usage: bench/run.sh [BUILD_DIR] [--quick] [--only workshop|cohort|authoring])" >&2; exit 2 ;;
        *) ((positional++ == 0)) || { echo "run.sh: one build folder only" >&2; exit 2; }; BUILD=$1 ;;
    esac
    shift
done
if [[ "${BENCH_QUICK:-0}" == 1 ]]; then QUICK=(--quick); fi
case $ONLY in
    "" | workshop | cohort | authoring) ;;
    *) echo "run.sh: --only takes: workshop, cohort, authoring" >&2; exit 2 ;;
esac

LINLI=$BUILD/app/linli
BENCH=$BUILD/bench/linli_bench_content
BENCH_DRILL=$BUILD/bench/linli_bench_drill
BENCH_SYNC=$BUILD/bench/linli_bench_sync
BENCH_STORE=$BUILD/bench/linli_bench_store
BENCH_WORKSHOP=$BUILD/bench/linli_bench_workshop
GEN_COHORT=$BUILD/bench/linli_gen_cohort
BENCH_AUTHORING=$BUILD/bench/linli_bench_authoring
BENCH_LAYOUT=$BUILD/bench/linli_bench_layout
BENCH_PACK=$BUILD/bench/linli_bench_pack
BENCH_SAVE=$BUILD/bench/linli_bench_save
GEN_AUTHORING=$BUILD/bench/linli_gen_authoring
needed=("$LINLI" "$BENCH" "$BENCH_DRILL" "$BENCH_SYNC" "$BENCH_STORE" "$BENCH_WORKSHOP" "$GEN_COHORT" "$BENCH_AUTHORING" "$BENCH_LAYOUT" "$BENCH_PACK" "$BENCH_SAVE" "$GEN_AUTHORING")
[[ $ONLY == workshop ]] && needed=("$LINLI" "$BENCH_WORKSHOP")
[[ $ONLY == cohort ]] && needed=("$LINLI" "$GEN_COHORT")
[[ $ONLY == authoring ]] && needed=("$LINLI" "$BENCH_AUTHORING" "$BENCH_LAYOUT" "$BENCH_PACK" "$BENCH_SAVE" "$GEN_AUTHORING")
for exe in "${needed[@]}"; do
    [[ -x $exe ]] || { echo "run.sh: $exe not found; build first (cmake --build $BUILD)" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "run.sh: xvfb-run not found (apt install xvfb)" >&2; exit 2; }
XVFB=(xvfb-run -a -s "-screen 0 1280x800x24")

TMPS=()
new_tmp() {  # a fresh folder, removed on exit; its path goes into the named variable
    local d
    d=$(mktemp -d /tmp/linli-bench-run-XXXXXX)
    TMPS+=("$d")
    printf -v "$1" '%s' "$d"
}
cleanup() { [[ ${#TMPS[@]} -eq 0 ]] || rm -rf "${TMPS[@]}"; }
trap cleanup EXIT

# "value target" -> " (over target)" when value > target.
over() { awk -v v="$1" -v t="$2" 'BEGIN { if (v + 0 > t + 0) printf " **(over target)**" }'; }

# ---------------------------------------------------------------------------------------------
# 4. Workshop (issue 11), as functions: the full run calls them after the window figures, and
#    --only workshop alone. workshop_section prints the details and sets the ws_* figures that
#    workshop_rows prints as summary rows.
WS_DRILL=drill-waste-room
WS_TITLE=居民反对建筑垃圾房选址  # its title: the window's title while the workshop runs
WS_GROUPS=第1组,第2组,第3组,第4组,第5组,第6组,第7组,第8组

workshop_section() {
    echo "## Workshop: debrief export, projector frame with 8 parallel tracks, idle during a countdown"
    echo

    # a. make_debrief + export_debrief of an 8-group workshop split into 8 tracks, every bundled drill.
    local src runs=20 parts=3
    src=$(cd "$(dirname "$0")/.." && pwd)
    [[ ${#QUICK[@]} -gt 0 ]] && runs=5 parts=1
    ws_bench=$("$BENCH_WORKSHOP" --source "$src" --runs "$runs" --parts "$parts")
    echo "$ws_bench"
    echo
    ws_runs=$runs
    read -r ws_export_drill ws_export < <(sed -n 's/^worst drill: \([^,]*\), debrief + export median \([0-9.]*\) ms.*/\1 \2/p' <<<"$ws_bench")
    # The first table's drill rows (10 cells): column 6 make_debrief, 7 export_debrief, 8 both, "p50 / max".
    ws_worst_col() {  # ws_worst_col COLUMN: "p50 drill" of the drill with the largest median
        awk -F'|' -v c="$1" 'NF == 11 && $2 ~ /^ (drill-|bench-drill)/ { split($c, a, "/"); v = a[1] + 0; d = $2; gsub(/ /, "", d)
            if (!n++ || v > m) { m = v; w = d } } END { printf "%.1f %s\n", m, w }' <<<"$ws_bench"
    }
    read -r ws_make ws_make_drill < <(ws_worst_col 6)
    read -r ws_exp ws_exp_drill < <(ws_worst_col 7)

    # b. The projector frame: drill-waste-room with 8 groups, split into 8 parallel tracks at the
    #    first decision (votes 1,2,3,1,2,3,1,2, continue parallel) and saved there; the window
    #    resumes it at 1920×1080 (a projector; on one screen the stage and the trainer's bar) and
    #    draws 300 frames without idling.
    local WS WD WD2 out line
    new_tmp WS
    cat >"$WS/votes.json" <<'EOF'
{"decisions": [{"votes": {"第1组": 1, "第2组": 2, "第3组": 3, "第4组": 1, "第5组": 2, "第6组": 3, "第7组": 1, "第8组": 2}, "continue": "parallel"}]}
EOF
    ws_save() {  # ws_save DIR: a fresh data folder holding the saved workshop, its window set to 1920×1080
        "$LINLI" --data-dir "$1" workshop run "$WS_DRILL" --groups "$WS_GROUPS" --votes "$WS/votes.json" --out "$1/out" --save >/dev/null
        mkdir -p "$1/config"
        printf 'window_x=0\nwindow_y=0\nwindow_w=1920\nwindow_h=1080\nwelcomed=1\n' >"$1/config/settings.ini"
        ws_saved_at=$(date +%s)
    }
    new_tmp WD
    new_tmp WD2
    ws_save "$WD"
    cp -a "$WD/." "$WD2/"  # for c: the folder as saved, no window's caches or settings in it
    cat >"$WS/frames.sh" <<'EOF'
#!/usr/bin/env bash
# frames.sh LINLI DATA TITLE [SHOT]: --frame-stats 300 of the resumed workshop, and whether the
# window's title showed it running (xdotool; "unchecked" without it).
set -uo pipefail
out=$(mktemp)
"$1" --data-dir "$2" --resume-workshop --frame-stats 300 ${4:+--screenshot "$4"} >"$out" 2>&1 &
pid=$!
resumed=unchecked
if command -v xdotool >/dev/null; then
    resumed=no
    for _ in $(seq 1 150); do
        xdotool search --name "$3" >/dev/null 2>&1 && { resumed=yes; break; }
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
fi
wait "$pid"
rc=$?
cat "$out"
rm -f "$out"
echo "resumed: $resumed"
exit $rc
EOF
    local shot=
    if [[ -n ${BENCH_SHOTS:-} ]]; then mkdir -p "$BENCH_SHOTS" && shot=$(cd "$BENCH_SHOTS" && pwd)/workshop-projector.png; fi
    out=$(xvfb-run -a -s "-screen 0 1920x1080x24" bash "$WS/frames.sh" "$LINLI" "$WD" "$WS_TITLE" ${shot:+"$shot"} 2>&1) || { echo "$out" >&2; exit 1; }
    line=$(grep -m1 '^frames:' <<<"$out") || { echo "run.sh: no 'frames:' line for the projector in:" >&2; echo "$out" >&2; exit 1; }
    ws_resumed=$(sed -n 's/^resumed: //p' <<<"$out")
    [[ $ws_resumed != no ]] || { echo "run.sh: the window did not resume the workshop:" >&2; echo "$out" >&2; exit 1; }
    echo "projector, 8 tracks, 1920×1080: $line (the workshop resumed: $ws_resumed)"
    grep -m1 '^window system' <<<"$out" | sed 's/^/projector, apart: /' || true
    [[ -n $shot ]] && echo "projector screenshot: $shot"
    read -r ws_first ws_p50 ws_p99 ws_max < <(sed -E 's/.*first \(layout\): ([0-9.]+) ms +p50: ([0-9.]+) ms +p99: ([0-9.]+) ms +max: ([0-9.]+) ms.*/\1 \2 \3 \4/' <<<"$line")

    # c. Idle during the countdown: a copy of the folder as saved (the countdown runs 3 minutes
    #    from the save: a fresh save if that copy is getting old), the window resumes it; once the
    #    window is up and its search index in, 2 s, then utime+stime over 10 s, per thread. Then,
    #    with strace, the UI thread's waits (glfwWaitEventsTimeout's ppoll: one per redraw) over 5 s.
    if (($(date +%s) - ws_saved_at > 100)); then
        new_tmp WD2
        ws_save "$WD2"
    fi
    cat >"$WS/idle.sh" <<'EOF'
#!/usr/bin/env bash
# idle.sh LINLI DATA TITLE: prints "idle TICKS SECONDS CLK_TCK UI_TICKS LLVMPIPE_TICKS WAITS WAIT_SECONDS RESUMED"
set -euo pipefail
log=$(mktemp)
LINLI_TRACE=1 "$1" --data-dir "$2" --resume-workshop >/dev/null 2>"$log" &
pid=$!
alive() { kill -0 "$pid" 2>/dev/null || { echo "linli exited:" >&2; cat "$log" >&2; exit 1; }; }
wait_for() {  # wait_for TRACE_STEP: up to 30 s
    for _ in $(seq 1 300); do grep -q "trace: $1" "$log" && return 0; alive; sleep 0.1; done
    echo "no '$1' after 30 s" >&2; cat "$log" >&2; exit 1
}
wait_for "first frame"
resumed=unchecked
if command -v xdotool >/dev/null; then
    resumed=no
    for _ in $(seq 1 50); do xdotool search --name "$3" >/dev/null 2>&1 && { resumed=yes; break; }; alive; sleep 0.2; done
fi
wait_for "search index ready"
sleep 2
alive
# utime + stime (fields 14, 15) per thread: "all ui llvmpipe" in clock ticks
ticks() {
    local all=0 ui=0 lp=0 t s f comm n
    for t in /proc/"$pid"/task/*; do
        s=$(<"$t/stat") || continue
        comm=${s#*(}; comm=${comm%)*}
        read -r -a f <<<"${s##*) }"
        n=$((f[11] + f[12]))
        all=$((all + n))
        [[ ${t##*/} == "$pid" ]] && ui=$n
        [[ $comm == llvmpipe* ]] && lp=$((lp + n))
    done
    echo "$all $ui $lp"
}
read -r a0 u0 l0 < <(ticks); s0=$(date +%s.%N)
sleep 10
read -r a1 u1 l1 < <(ticks); s1=$(date +%s.%N)
alive
waits=-1 wait_s=0
if command -v strace >/dev/null; then
    trace=$(mktemp)
    w0=$(date +%s.%N)
    timeout -s INT 5 strace -qq -e trace=ppoll,poll -o "$trace" -p "$pid" 2>/dev/null || true
    wait_s=$(awk -v a="$w0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    # glfw's waits are the ppolls with a timeout (or none) on the X connection and its pipes;
    # xcb's own polls during a frame are plain poll() calls.
    waits=$(grep -c '^ppoll(' "$trace" || true)
    [[ -s $trace ]] || waits=-1  # strace could not attach
    rm -f "$trace"
fi
kill -TERM "$pid"
wait "$pid" || true
grep -m1 'rendered whole' "$log" >&2 || true
rm -f "$log"
echo "idle $((a1 - a0)) $(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }') $(getconf CLK_TCK) $((u1 - u0)) $((l1 - l0)) $waits $wait_s $resumed"
EOF
    out=$(xvfb-run -a -s "-screen 0 1920x1080x24" bash "$WS/idle.sh" "$LINLI" "$WD2" "$WS_TITLE" 2>&1) || { echo "$out" >&2; exit 1; }
    local ticks secs clk ui lp resumed left
    line=$(grep -m1 '^idle ' <<<"$out") || { echo "run.sh: no 'idle' line from the countdown run in:" >&2; echo "$out" >&2; exit 1; }
    read -r _ ticks secs clk ui lp ws_waits ws_wait_s resumed <<<"$line"
    ws_whole=$(sed -n 's/^trace: \([0-9]*\) frames, \([0-9]*\) rendered whole, \([0-9]*\) shown by their clock alone$/\1 in all, \2 rendered whole, \3 shown by redrawing the clock alone/p' <<<"$out")
    [[ $resumed != no ]] || { echo "run.sh: the window did not resume the workshop for the idle run" >&2; exit 1; }
    left=$((180 - ($(date +%s) - ws_saved_at)))
    pct() { awk -v t="$1" -v s="$secs" -v h="$clk" 'BEGIN { printf "%.2f", 100 * t / h / s }'; }
    ws_idle=$(pct "$ticks")
    ws_idle_ui=$(pct "$ui")
    ws_idle_lp=$(pct "$lp")
    ws_idle_other=$(pct $((ticks - ui - lp)))
    echo "idle during the countdown: $ticks ticks of 1/$clk s in $secs s = $ws_idle % of one core" \
        "(UI thread $ws_idle_ui %, llvmpipe's threads $ws_idle_lp %, others $ws_idle_other %; the workshop resumed: $resumed;" \
        "about $left s of the countdown left at the end)"
    echo "frames: ${ws_whole:-not counted}"
    ws_redraws="not counted (no strace)"
    if ((ws_waits >= 0)); then
        ws_redraws="$(awk -v n="$ws_waits" -v s="$ws_wait_s" 'BEGIN { printf "%.1f", n / s }') redraws/s"
        echo "redraws: $ws_waits waits of the UI thread in glfwWaitEventsTimeout over $ws_wait_s s (strace), each followed by one frame"
    fi
    echo
}

workshop_rows() {
    echo "| workshop: debrief export, worst drill (median of $ws_runs make_debrief + export_debrief; 8 groups on 8 tracks) | $ws_export ms ($ws_export_drill; alone: make_debrief $ws_make ms ($ws_make_drill), export_debrief $ws_exp ms ($ws_exp_drill))$(over "$ws_export" 200) | ≤ 200 ms |"
    echo "| workshop: projector frame, 8 parallel tracks at 1920×1080, UI thread CPU (p99 of 300) | $ws_p99 ms (p50 $ws_p50 ms, max $ws_max ms, first $ws_first ms)$(over "$ws_p99" 2) | ≤ 2 ms |"
    echo "| workshop: idle during a countdown (10 s, all threads) | $ws_idle % of one core (UI thread $ws_idle_ui %, llvmpipe $ws_idle_lp %; $ws_redraws)$(over "$ws_idle" 1) | ≤ 1 %: redraw once a second |"
}

source "$(dirname "$0")/cohort_section.sh"
source "$(dirname "$0")/authoring_section.sh"
if [[ $ONLY == authoring ]]; then
    authoring_section
    echo "## Summary"
    echo
    echo "| measure | value | target |"
    echo "|---|---|---|"
    authoring_rows
    exit 0
fi
if [[ $ONLY == cohort ]]; then
    cohort_section
    echo "## Summary"
    echo
    echo "| measure | value | target |"
    echo "|---|---|---|"
    cohort_rows
    exit 0
fi

if [[ $ONLY == workshop ]]; then
    workshop_section
    echo "## Summary"
    echo
    echo "| measure | value | target |"
    echo "|---|---|---|"
    workshop_rows
    exit 0
fi

# ---------------------------------------------------------------------------------------------
echo "## Content: synthetic libraries"
echo
content=$("$BENCH" ${QUICK[@]+"${QUICK[@]}"})
echo "$content"
echo

search_value="not measured (no 10,000-document run; drop --quick)"
if row=$(grep -E '^\| 10000 \| [0-9]' <<<"$content" | head -n 1) && [[ -n $row ]]; then
    # Cells 5-8 are "p50 / p99" for queries of 1-4 characters.
    read -r worst detail < <(awk -F'|' '{
        worst = 0; detail = ""
        for (i = 5; i <= 8; ++i) {
            split($i, a, "/"); p99 = a[2] + 0
            detail = detail (i > 5 ? ", " : "") "q" (i - 4) " " sprintf("%.2f", p99)
            if (p99 > worst) worst = p99
        }
        printf "%.2f %s\n", worst, detail
    }' <<<"$row")
    search_value="$worst ms worst ($detail ms)$(over "$worst" 5)"
    index_mb=$(awk -F'|' '{ print $9 + 0 }' <<<"$row")
    warm_ms=$(awk -F'|' '{ print $11 + 0 }' <<<"$row")
    cold_ms=$(awk -F'|' '{ print $3 + 0 }' <<<"$row")
    title_ms=$(awk -F'|' '{ print $12 + 0 }' <<<"$row")
    update_cell=$(awk -F'|' '{ gsub(/^ +| +$/, "", $13); print $13 }' <<<"$row")
    update_ms=$(awk -F'|' '{ split($13, a, "/"); print a[1] + 0 }' <<<"$row")
    reload_ms=$(awk -F'|' '{ print $14 + 0 }' <<<"$row")
    index_value="$index_mb MB$(over "$index_mb" 30)"
fi
kinds_value="not measured (no 10,000-document run)"
if row=$(grep -E '^\| 10000 \| all kinds' <<<"$content") && [[ -n $row ]]; then
    kinds_p99=$(awk -F'|' '{ print $5 + 0 }' <<<"$row")
    kinds_value="$kinds_p99 ms (8 characters, two words, traditional, pinyin, initials and 1–4 characters)$(over "$kinds_p99" 5)"
fi

# ---------------------------------------------------------------------------------------------
echo "## Drills: a generated drill of 1,000 nodes, and the grading audit of the bundled drills"
echo
SRC=$(cd "$(dirname "$0")/.." && pwd)
drill_out=$("$BENCH_DRILL" --nodes 1000 --runs 5 --library "$SRC/content/guidelines" --library "$SRC/cases/library")
echo "$drill_out"
echo
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The generated drill's rows: column 7 is validate + paths, column 5 the audit alone.
drill_ms=$(grep -E '^\| 1[0-9]{3} ' <<<"$drill_out" | awk -F'|' '{ print $7 + 0 }' | median)
audit_big_ms=$(grep -E '^\| 1[0-9]{3} ' <<<"$drill_out" | awk -F'|' '{ print $5 + 0 }' | median)
# The bundled drills' rows ("| 8 | ms | states | findings |"): column 3.
audit_ms=$(grep -E '^\| [0-9] \|' <<<"$drill_out" | awk -F'|' '{ print $3 + 0 }' | median)

# ---------------------------------------------------------------------------------------------
echo "## Sync: shared files of 10,000 to 1,000,000 events from 200 learners"
echo
sync_sizes=10000,100000,1000000
[[ ${#QUICK[@]} -gt 0 ]] && sync_sizes=10000,100000
sync_out=$("$BENCH_SYNC" --sizes "$sync_sizes")
echo "$sync_out"
echo
sync_cell() {  # sync_cell EVENTS COLUMN
    awk -F'|' -v n="$1" -v c="$2" '$2 + 0 == n { gsub(/ /, "", $c); print $c }' <<<"$sync_out"
}

# ---------------------------------------------------------------------------------------------
echo "## Progress store: µs per event"
echo
store_out=$("$BENCH_STORE")
echo "$store_out"
echo
store_cell() {  # store_cell MEASURE COLUMN (3: µs CPU, 4: µs wall) of the row whose first cell is MEASURE
    awk -F'|' -v m="$1" -v c="$2" '{ name = $2; gsub(/^ +| +$/, "", name) } name == m { gsub(/ /, "", $c); print $c }' <<<"$store_out"
}

# ---------------------------------------------------------------------------------------------
echo "## Window (Xvfb)"
echo

# a. First frame: 7 runs on one data folder; run 1 warms the file cache, runs 2-7 count.
#    LINLI_TRACE=1 makes the app print when each start-up step finished; their medians are shown.
new_tmp D
new_tmp T
times=()
for i in 1 2 3 4 5 6 7; do
    out=$(LINLI_TRACE=1 "${XVFB[@]}" "$LINLI" --data-dir "$D" --exit-after-first-frame 2>&1) || { echo "$out" >&2; exit 1; }
    ms=$(sed -n 's/.*first frame: \([0-9.]*\) ms.*/\1/p' <<<"$out" | head -n1)
    [[ -n $ms ]] || { echo "run.sh: no 'first frame' line in:" >&2; echo "$out" >&2; exit 1; }
    times+=("$ms")
    if ((i > 1)); then grep '^trace: ' <<<"$out" >>"$T/trace" || true; fi
done
echo "first frame, runs 1-7: ${times[*]} ms"
read -r ff_median ff_max < <(printf '%s\n' "${times[@]:1}" | sort -g | awk '
    { v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f\n", m, v[NR] }')
echo "first frame: median $ff_median ms, max $ff_max ms (runs 2-7)"
if [[ -s $T/trace ]]; then
    # "trace: <step> <ms> ms  rss <MB> MB", ms since process start: the median per step over runs 2-7.
    echo "start-up steps, median ms since process start (runs 2-7):"
    awk '/ ms  rss / {
        line = $0; sub(/ ms  rss .*$/, "", line)
        ms = line; sub(/^.* /, "", ms)
        step = line; sub(/^trace: +/, "", step); sub(/ +[0-9.]+$/, "", step)
        if (!(step in n)) order[++steps] = step
        v[step, ++n[step]] = ms
    } END {
        for (s = 1; s <= steps; ++s) {
            st = order[s]; k = n[st]
            for (i = 1; i <= k; ++i) a[i] = v[st, i] + 0
            for (i = 2; i <= k; ++i) for (j = i; j > 1 && a[j - 1] > a[j]; --j) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            m = k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
            printf "  %-24s %7.1f ms\n", st, m
        }
    }' "$T/trace"
fi

# b. Reader frame CPU: 300 frames scrolling through the longest bundled document.
new_tmp D
out=$("${XVFB[@]}" "$LINLI" --data-dir "$D" --open pit-know-stakeholders --frame-stats 300 2>&1) || { echo "$out" >&2; exit 1; }
frames=$(grep -m1 '^frames:' <<<"$out") || { echo "run.sh: no 'frames:' line in:" >&2; echo "$out" >&2; exit 1; }
echo "reader: $frames"
grep -m1 '^window system' <<<"$out" | sed 's/^/reader, apart: /' || true
read -r fr_first fr_p50 fr_p99 fr_max < <(sed -E 's/.*first \(layout\): ([0-9.]+) ms +p50: ([0-9.]+) ms +p99: ([0-9.]+) ms +max: ([0-9.]+) ms.*/\1 \2 \3 \4/' <<<"$frames")

# b2. Frame CPU of the other heavy views, 300 frames each once the index is in: the drill debrief
#     with its chart (the committee drill played with its first choices), the search popup with 30
#     results, and the library view over a synthetic library (10,000 documents; --quick: 1,000).
lib_size=10000
[[ ${#QUICK[@]} -gt 0 ]] && lib_size=1000
kept=$("$BENCH" --sizes "$lib_size" --queries 1 --keep 2>&1 >/dev/null | sed -n 's/^bench: kept //p' | head -n1)
[[ -d $kept/docs ]] || { echo "run.sh: the content benchmark kept no library" >&2; exit 1; }
TMPS+=("$kept")
frame_p99() {  # frame_p99 LABEL ARGS...: prints "p99 p50 max" of 300 frames
    local label=$1 data out line
    shift
    new_tmp data
    out=$("${XVFB[@]}" "$LINLI" --data-dir "$data" "$@" --frame-stats 300 2>&1) || { echo "$out" >&2; exit 1; }
    line=$(grep -m1 '^frames:' <<<"$out") || { echo "run.sh: no 'frames:' line for $label in:" >&2; echo "$out" >&2; exit 1; }
    echo "$label: $line" >&2
    grep -m1 '^window system' <<<"$out" | sed "s/^/$label, apart: /" >&2 || true
    sed -E 's/.*p50: ([0-9.]+) ms +p99: ([0-9.]+) ms +max: ([0-9.]+) ms.*/\2 \1 \3/' <<<"$line"
}
read -r db_p99 db_p50 db_max < <(frame_p99 "drill debrief" --open drill-committee-resigns --drill-choices "$(printf '1,%.0s' $(seq 1 60))")
read -r sp_p99 sp_p50 sp_max < <(frame_p99 "search popup" --library "$kept/docs" --view home --search 居民)
read -r lv_p99 lv_p50 lv_max < <(frame_p99 "library view" --library "$kept/docs" --view library)

# b3. `linli search` over the same library, warm: a first call fills the library cache and builds
#     the index; the median of five more, wall time (they find both by stat alone).
new_tmp cli_data
"$LINLI" --data-dir "$cli_data" --library "$kept/docs" search 物业 --limit 5 > /dev/null
cli_runs=()
for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$LINLI" --data-dir "$cli_data" --library "$kept/docs" search 居民 议事 --limit 5 > /dev/null
    cli_runs+=($(( ($(date +%s%N) - t0) / 1000000 )))
done
cli_ms=$(printf '%s\n' "${cli_runs[@]}" | sort -n | sed -n 3p)
echo "linli search, warm, $lib_size docs: runs ${cli_runs[*]} ms"

# b4. The window over the same library: content on screen (the first frame, on Home) warm, and
#     the peak RSS once the search index is in, cold (no caches: every file parsed, the index
#     built) and warm (the second start).
new_tmp big_data
new_tmp big_s
mkdir -p "$big_data/config"
printf 'view=home\nwelcomed=1\n' >"$big_data/config/settings.ini"
cat >"$big_s/rss.sh" <<'EOF'
#!/usr/bin/env bash
# rss.sh LINLI DATA LIBRARY: starts the window, waits for its search index, prints VmHWM in kB.
set -euo pipefail
log=$(mktemp)
LINLI_TRACE=1 "$1" --data-dir "$2" --library "$3" >/dev/null 2>"$log" &
pid=$!
for _ in $(seq 1 600); do
    grep -q "search index ready" "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
grep -q "search index ready" "$log" || { echo "no search index after 60 s" >&2; exit 1; }
awk '/^VmHWM:/ { print "hwm", $2 }' "/proc/$pid/status"
kill -TERM "$pid"
wait "$pid" || true
rm -f "$log"
EOF
big_cold=$("${XVFB[@]}" bash "$big_s/rss.sh" "$LINLI" "$big_data" "$kept/docs" 2>&1 | awk '/^hwm/ { print $2 }')
big_warm=$("${XVFB[@]}" bash "$big_s/rss.sh" "$LINLI" "$big_data" "$kept/docs" 2>&1 | awk '/^hwm/ { print $2 }')
big_ff=()
for _ in 1 2 3 4 5; do
    out=$("${XVFB[@]}" "$LINLI" --data-dir "$big_data" --library "$kept/docs" --exit-after-first-frame 2>&1) || { echo "$out" >&2; exit 1; }
    big_ff+=("$(sed -n 's/.*first frame: \([0-9.]*\) ms.*/\1/p' <<<"$out" | head -n1)")
done
big_ff_median=$(printf '%s\n' "${big_ff[@]}" | sort -g | sed -n 3p)
echo "window over $lib_size docs: first frame on Home, warm, runs ${big_ff[*]} ms; peak RSS cold ${big_cold:-?} kB, warm ${big_warm:-?} kB"

# c, d. Idle CPU over 10 s after 3 s to settle, and the app's peak RSS, in one Xvfb session.
new_tmp D
new_tmp S
cat >"$S/idle.sh" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
"$1" --data-dir "$2" >/dev/null 2>&1 &
pid=$!
ticks() {  # utime + stime (fields 14 and 15 of /proc/PID/stat), all threads, in clock ticks
    local s f
    s=$(<"/proc/$pid/stat")
    read -r -a f <<<"${s##*) }"  # fields from 3 on: the command name may hold spaces
    echo $((f[11] + f[12]))
}
sleep 3
kill -0 "$pid" 2>/dev/null || { echo "linli exited during start-up" >&2; exit 1; }
t0=$(ticks); s0=$(date +%s.%N)
sleep 10
t1=$(ticks); s1=$(date +%s.%N)
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status")
file=$(awk '/^RssFile:/ { print $2 }' "/proc/$pid/status")
kill -TERM "$pid"
wait "$pid" || true
echo "idle $((t1 - t0)) $(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }') $(getconf CLK_TCK) $hwm $anon $file"
EOF
out=$("${XVFB[@]}" bash "$S/idle.sh" "$LINLI" "$D" 2>&1) || { echo "$out" >&2; exit 1; }
read -r _ idle_ticks idle_secs clk_tck hwm_kb anon_kb file_kb < <(grep -m1 '^idle ' <<<"$out")
idle_pct=$(awk -v t="$idle_ticks" -v s="$idle_secs" -v h="$clk_tck" 'BEGIN { printf "%.2f", 100 * t / h / s }')
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rss_mb=$(mb "$hwm_kb")
echo "idle: $idle_ticks ticks of 1/$clk_tck s in ${idle_secs} s = $idle_pct % of one core"
echo "app memory after 13 s: peak RSS (VmHWM) $rss_mb MB; now anonymous $(mb "$anon_kb") MB, file-backed $(mb "$file_kb") MB (mapped fonts, libraries)"
echo

workshop_section
cohort_section
authoring_section

# ---------------------------------------------------------------------------------------------
echo "## Summary"
echo
echo "| measure | value | target |"
echo "|---|---|---|"
echo "| first frame (median of runs 2-7) | $ff_median ms (max $ff_max ms; cold run 1: ${times[0]} ms)$(over "$ff_median" 150) | ≤ 150 ms |"
echo "| search p99 at 10,000 docs | $search_value | ≤ 5 ms |"
echo "| search p99 at 10,000 docs, every query kind | $kinds_value | ≤ 5 ms |"
echo "| search index size at 10,000 docs of ~2 KB | ${index_value:-not measured} | ≤ 30 MB |"
echo "| linli search, warm, $lib_size docs (median of 5, wall) | $cli_ms ms$(over "$cli_ms" 50) | ≤ 50 ms |"
echo "| search usable after a cold start, 10,000 docs: the titles-only index built first (the full one after it) | ${title_ms:-?} ms after the library is loaded$(over "${title_ms:-0}" 1000) | ≤ 1 s |"
echo "| search index update after editing one document at 10,000 docs (median / max of 5; -1: the edit was not found) | ${update_cell:-not measured} ms$(over "${update_ms:-0}" 50) | ≤ 50 ms |"
echo "| library reload after that edit at 10,000 docs (one file parsed again) | ${reload_ms:-not measured} ms | — |"
echo "| library load at 10,000 docs from the library cache (cold parse: ${cold_ms:-?} ms) | ${warm_ms:-not measured} ms | a step to the first frame ≤ 150 ms |"
echo "| content on screen (first frame, Home), warm, $lib_size docs (median of 5) | $big_ff_median ms$(over "$big_ff_median" 150) | ≤ 150 ms |"
echo "| peak RSS of the window, $lib_size docs, once the index is in: cold / warm | $(mb "${big_cold:-0}") / $(mb "${big_warm:-0}") MB$(over "$(mb "${big_cold:-0}")" 170)$(over "$(mb "${big_warm:-0}")" 160) | ≤ 170 / ≤ 160 MB |"
echo "| reader frame CPU (p99 of 300 frames) | $fr_p99 ms (p50 $fr_p50 ms, max $fr_max ms, first frame with layout $fr_first ms)$(over "$fr_p99" 1) | ≤ 1 ms |"
echo "| drill debrief with its chart, frame CPU (p99 of 300) | $db_p99 ms (p50 $db_p50 ms, max $db_max ms)$(over "$db_p99" 1) | ≤ 1 ms |"
echo "| search popup with 30 results at $lib_size docs, frame CPU (p99 of 300) | $sp_p99 ms (p50 $sp_p50 ms, max $sp_max ms)$(over "$sp_p99" 1) | ≤ 1 ms |"
echo "| library view at $lib_size docs, frame CPU (p99 of 300) | $lv_p99 ms (p50 $lv_p50 ms, max $lv_max ms)$(over "$lv_p99" 1) | ≤ 1 ms |"
echo "| idle CPU (10 s) | $idle_pct % of one core$(over "$idle_pct" 0.5) | ≤ 0.5 % |"
echo "| peak RSS of the app (idle run) | $rss_mb MB$(over "$rss_mb" 150) | ≤ 150 MB |"
echo "| drill of 1,000 nodes: validate + enumerate paths (median of 5) | $drill_ms ms$(over "$drill_ms" 50) | ≤ 50 ms |"
echo "| grading audit of the bundled drills together (median of 5) | $audit_ms ms$(over "$audit_ms" 100) | ≤ 100 ms |"
echo "| grading audit of the 1,001-node drill (median of 5) | $audit_big_ms ms$(over "$audit_big_ms" 50) | ≤ 50 ms |"
s100k=$(sync_cell 100000 4)
echo "| sync, 100,000 events | $s100k ms$(over "$s100k" 1000) | ≤ 1 s |"
if s1m=$(sync_cell 1000000 4) && [[ -n $s1m ]]; then
    echo "| sync, 1,000,000 events (incremental, 50 new: $(sync_cell 1000000 5) ms) | $s1m ms$(over "$s1m" 5000) | ≤ 5 s |"
fi
echo "| sync time per 1,000 events (10k / 100k / 1M) | $(sync_cell 10000 6) / $(sync_cell 100000 6) / $(sync_cell 1000000 6) ms | linear |"
rss_sync=$(awk -F'|' 'NR > 2 { gsub(/ /, "", $7); if ($7 + 0 > m) m = $7 + 0 } END { print m }' <<<"$sync_out")
echo "| sync peak RSS (largest) | $rss_sync MB$(over "$rss_sync" 200) | ≤ 200 MB |"
imp=$(store_cell import 3)
echo "| import: µs per own-learner event (100,000 from a shared file, CPU) | $imp µs (wall $(store_cell import 4) µs)$(over "$imp" 3) | ≤ 3 µs |"
rec=$(store_cell record 3)
echo "| record(): µs per event (one call, one commit, CPU) | $rec µs (wall $(store_cell record 4) µs; 1,000 per transaction $(store_cell "record (1000 per transaction)" 3) µs)$(over "$rec" 100) | ≤ 100 µs |"
workshop_rows
cohort_rows
authoring_rows
