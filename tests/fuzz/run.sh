#!/usr/bin/env bash
# Runs both shared-file fuzzers for SECONDS each, starting from real shared files the CLI writes
# (seeds.sh): the plain one (bytes as they are: header and page checksums) and the sealed one
# (re-sealed checksums: SQLite, the schema and the row checks).
# usage: run.sh FUZZER LINLI SECONDS [SEALED_FUZZER]   (SEALED_FUZZER: linli_fuzz_shared_sealed beside FUZZER)
set -euo pipefail
fuzzer=$1 linli=$2 seconds=${3:-60}
sealed=${4:-$(dirname "$fuzzer")/linli_fuzz_shared_sealed}
[ -x "$sealed" ] || { echo "run.sh: no sealed fuzzer at $sealed (build target linli_fuzz_shared_sealed)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$(dirname "$0")/seeds.sh" "$linli" "$work/seeds"
for mode in plain sealed; do
  bin=$fuzzer; [ "$mode" = sealed ] && bin=$sealed
  mkdir -p "$work/corpus-$mode"
  echo "fuzz.shared_file ($mode, ${seconds} s):"
  # A crash writes its input to ./crash-* and fails the run with the whole report.
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
       "$work/corpus-$mode" "$work/seeds" > "$work/$mode.log" 2>&1; then
    cat "$work/$mode.log"
    echo "fuzz.shared_file ($mode): FAILED" >&2
    exit 1
  fi
  grep -E '^#[0-9]+' "$work/$mode.log" | tail -n 1  # executions, coverage, corpus at the end
  grep -E '^Done [0-9]+ runs' "$work/$mode.log" || true
done
