#!/usr/bin/env bash
# How much of SharedSnapshot::validate() (sync/src/shared_file.cpp) each shared-file fuzzer reaches:
# builds both with clang's source coverage, fuzzes each for SECONDS from the same seeds (seeds.sh),
# replays each final corpus once (-runs=0) and prints llvm-cov's regions, lines and branches of
# validate() and of the whole file, plain vs sealed.
# usage: bash tests/fuzz/coverage.sh [SECONDS] [BUILD_DIR]     (defaults: 60, build-fuzz-cov)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=${2:-build-fuzz-cov}
cov="-fprofile-instr-generate -fcoverage-mapping"
CC=clang CXX=clang++ cmake -S . -B "$build" -DLINLI_FUZZ=ON -DLINLI_BUILD_GUI=OFF -DLINLI_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS="$cov" -DCMAKE_CXX_FLAGS="$cov" -DCMAKE_EXE_LINKER_FLAGS="-fprofile-instr-generate" > /dev/null
cmake --build "$build" -j "$(nproc)" --target linli_fuzz_shared linli_fuzz_shared_sealed linli > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
  echo "== $mode: $(ls "$work/corpus-$mode" | wc -l) corpus inputs after ${seconds} s; $(grep -o 'cov: [0-9]* ft: [0-9]*' "$work/fuzz-$mode.log" | tail -n 1)"
  llvm-cov-14 report "$bin" -instr-profile="$work/$mode.profdata" -show-functions -Xdemangler=c++filt \
    sync/src/shared_file.cpp | grep -E '^Name|validate|^TOTAL'
done
