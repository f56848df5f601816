#!/usr/bin/env bash
# How much of SharedSnapshot::validate() (sync/src/shared_file.cpp) each shared-file fuzzer reaches:
# builds both with clang's source coverage, fuzzes each for SECONDS from the same seeds (seeds.sh),
# replays each final corpus once (-runs=0) and prints llvm-cov's regions, lines and branches of
# validate() and of the whole file, plain vs sealed.
# usage: bash tests/fuzz/coverage.sh [SECONDS] [BUILD_DIR] [KEEP_DIR]   (defaults: 60, build-fuzz-cov)
# KEEP_DIR keeps the corpora and profiles, e.g. for
#   llvm-cov-14 show BUILD_DIR/tests/linli_fuzz_shared_sealed -instr-profile=KEEP_DIR/sealed.profdata \
#     -name-regex='SharedSnapshot8validate' -show-branches=count
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=${2:-build-fuzz-cov}
keep=${3:-}
cov="-fprofile-instr-generate -fcoverage-mapping"
CC=clang CXX=clang++ cmake -S . -B "$build" -DLINLI_FUZZ=ON -DLINLI_BUILD_GUI=OFF -DLINLI_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS="$cov" -DCMAKE_CXX_FLAGS="$cov" -DCMAKE_EXE_LINKER_FLAGS="-fprofile-instr-generate" > /dev/null
cmake --build "$build" -j "$(nproc)" --target linli_fuzz_shared linli_fuzz_shared_sealed linli > /dev/null
if [ -n "$keep" ]; then
  work=$(realpath -m "$keep"); rm -rf "$work"; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
export LLVM_PROFILE_FILE="$work/unused-%p.profraw"  # the CLI and the fuzzing runs: not counted
bash tests/fuzz/seeds.sh "$build/app/linli" "$work/seeds"
for mode in plain sealed; do
  bin=$build/tests/linli_fuzz_shared; [ "$mode" = sealed ] && bin=${bin}_sealed
  mkdir -p "$work/corpus-$mode"
  "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 "$work/corpus-$mode" "$work/seeds" \
    > "$work/fuzz-$mode.log" 2>&1 || { cat "$work/fuzz-$mode.log"; exit 1; }
  # Every input of the final corpus (and the seeds), once.
  LLVM_PROFILE_FILE="$work/$mode.profraw" "$bin" -runs=0 -max_len=65536 "$work/corpus-$mode" "$work/seeds" > "$work/replay-$mode.log" 2>&1
  llvm-profdata-14 merge -sparse "$work/$mode.profraw" -o "$work/$mode.profdata"
  echo "$mode: $(ls "$work/corpus-$mode" | wc -l) corpus inputs after ${seconds} s, $(grep -E '^Done [0-9]+ runs' "$work/fuzz-$mode.log")"
  # Columns: regions, missed, %, lines, missed, %, branches, missed, %.
  llvm-cov-14 report "$bin" -instr-profile="$work/$mode.profdata" -show-functions sync/src/shared_file.cpp |
    awk '$1 ~ /^_ZN5linli14SharedSnapshot8validate/ || $1 == "TOTAL" {
           n = NF; what = $1 == "TOTAL" ? "shared_file.cpp" : "validate()"
           printf "  %-16s regions %d/%d  lines %d/%d  branches %d/%d\n", what,
                  $(n-8) - $(n-7), $(n-8), $(n-5) - $(n-4), $(n-5), $(n-2) - $(n-1), $(n-2) }'
done
