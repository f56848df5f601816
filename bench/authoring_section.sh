# 6. Authoring (issue 13), sourced by bench/run.sh:
#    a. live lint of a drill after a keystroke (linli_bench_authoring: every bundled drill, 440–600
#       lines, directly and through the editor's LintWorker);
#    b. an editor frame with a 2,000-line document, the caret walking through it (--frame-stats);
#    c. graph layout of a 100-node drill (linli_bench_layout), and a graph frame panned through it;
#    d. pack export and import of 50 documents with images (linli_bench_pack);
#    e. a save into a 10,000-document library, taken in alone (linli_bench_save).
# authoring_section prints the details and sets the au_* figures; authoring_rows prints the rows.

authoring_section() {
    echo "## Authoring: live lint, the editor, the drill graph, packs"
    echo
    local AD out line
    new_tmp AD
    out=$("$BENCH_AUTHORING")
    echo "$out"
    au_lint=$(sed -n 's/^live lint of a bundled drill after a keystroke, the slowest: \([0-9.]*\) ms.*/\1/p' <<<"$out")
    au_lint_worker=$(sed -n 's/.*(through the worker \([0-9.]*\) ms;.*/\1/p' <<<"$out")

    "$GEN_AUTHORING" --out "$AD/lib"
    out=$("${XVFB[@]}" "$LINLI" --data-dir "$AD/editor" --library "$AD/lib" --view editor --open long-guide --frame-stats 300 2>&1) || { echo "$out" >&2; exit 1; }
    line=$(grep -m1 '^frames:' <<<"$out") || { echo "run.sh: no 'frames:' line for the editor in:" >&2; echo "$out" >&2; exit 1; }
    echo "editor, 2,000 lines: $line"
    read -r au_ed_p50 au_ed_p99 au_ed_max < <(sed -E 's/.*p50: ([0-9.]+) ms +p99: ([0-9.]+) ms +max: ([0-9.]+) ms.*/\1 \2 \3/' <<<"$line")

    out=$("$BENCH_LAYOUT")
    echo "$out"
    au_layout=$(sed -n 's/^graph layout, 100 nodes: \([0-9.]*\) ms.*/\1/p' <<<"$out")
    mkdir -p "$AD/graph/config"
    printf 'editor_pane=graph\n' >"$AD/graph/config/settings.ini"  # 编写 opens on its graph
    out=$("${XVFB[@]}" "$LINLI" --data-dir "$AD/graph" --library "$AD/lib" --view editor --open bench-drill --frame-stats 300 2>&1) || { echo "$out" >&2; exit 1; }
    line=$(grep -m1 '^frames:' <<<"$out") || { echo "run.sh: no 'frames:' line for the graph in:" >&2; echo "$out" >&2; exit 1; }
    echo "drill graph, 100 nodes: $line"
    read -r au_gr_p50 au_gr_p99 au_gr_max < <(sed -E 's/.*p50: ([0-9.]+) ms +p99: ([0-9.]+) ms +max: ([0-9.]+) ms.*/\1 \2 \3/' <<<"$line")

    out=$("$BENCH_PACK")
    echo "$out"
    au_export=$(sed -n 's/^pack export, 50 documents with images: \([0-9.]*\) ms.*/\1/p' <<<"$out")
    au_import=$(sed -n 's/^pack import, 50 documents with images: \([0-9.]*\) ms.*/\1/p' <<<"$out")

    out=$("$BENCH_SAVE")
    echo "$out"
    read -r au_save au_save_index au_save_load < <(sed -E 's/.*taken in alone: ([0-9.]+) ms; the search index.s update: ([0-9.]+) ms.*through its cache: ([0-9.]+) ms.*/\1 \2 \3/' <<<"$out")
    echo
}

authoring_rows() {
    echo "| authoring: live lint of a drill after a keystroke (the slowest bundled drill, 440–600 lines) | $au_lint ms (through the worker $au_lint_worker ms)$(over "$au_lint" 30) | ≤ 30 ms, off the UI thread |"
    echo "| authoring: editor frame, 2,000-line document, the caret walking through it (UI thread CPU, p99 of 300) | $au_ed_p99 ms (p50 $au_ed_p50 ms, max $au_ed_max ms)$(over "$au_ed_p99" 2) | ≤ 2 ms |"
    echo "| authoring: graph layout of a 100-node drill | $au_layout ms$(over "$au_layout" 20) | ≤ 20 ms |"
    echo "| authoring: graph frame, 100 nodes panned through (p99 of 300) | $au_gr_p99 ms (p50 $au_gr_p50 ms, max $au_gr_max ms)$(over "$au_gr_p99" 2) | ≤ 2 ms |"
    echo "| authoring: a save into 10,000 documents, taken in alone (UI thread) / the search index's update (worker) | $au_save / $au_save_index ms (a load of the library: $au_save_load ms) | only that document reloaded |"
    echo "| authoring: pack export / import, 50 documents with images | $au_export / $au_import ms$(over "$au_export" 1000)$(over "$au_import" 1000) | ≤ 1 s each |"
}
