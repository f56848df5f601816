#!/usr/bin/env bash
# Runs the shared-file fuzzer for SECONDS, starting from real shared files the CLI writes.
# usage: run.sh FUZZER LINLI SECONDS
set -euo pipefail
fuzzer=$1 linli=$2 seconds=${3:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/share"
"$linli" --data-dir "$work/d" drill play drill-waste-room --new --choices 1,1,2 > /dev/null
"$linli" --data-dir "$work/d" sync --shared "$work/share/s.linli" > /dev/null
cp "$work/share/s.linli" "$work/corpus/seed-small"
printf 'SQLite format 3\0' > "$work/corpus/seed-header"
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=1024 "$work/corpus" 2>&1 | tail -n 5
