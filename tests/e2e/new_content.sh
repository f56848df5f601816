#!/usr/bin/env bash
# End to end: a document written into the user's folder while the window is open is picked up
# (the folder is watched), its rare characters are baked into the font atlas, it is indexed, and a
# search for one of them finds and opens it. The screenshot shows 鼹 and 龘 drawn, not as boxes.
# usage: new_content.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
source "$(dirname "$0")/lib.sh"
e2e_init "$@"
mkdir -p "$artifacts" "$work/data/library"

start_window --data-dir "$work/data" --screenshot "$artifacts/new-content.png"
sleep 1
cat > "$work/data/library/rare.md" <<'DOC'
---
id: rare-chars
kind: case
title: 鼹鼠巷的龘字招牌
summary: 一篇检验生僻字的新文档。
tags: [测试]
---
鼹鼠巷口挂着一块写着“龘”字的招牌，居民叫它“龘记”。
DOC
sleep 1.5
xdotool mousemove --window "$wid" 700 400 click 1
sleep 0.3
search_and_open "$wid" '龘' "鼹鼠巷的龘字招牌 — 邻里 Linli"
close_window "$pid"
wait "$pid" || fail "linli failed: $(cat "$work/stderr.txt")"
[ -s "$artifacts/new-content.png" ] || fail "no screenshot"
echo "e2e: ok — a document added while running was loaded, indexed and opened"
