#!/usr/bin/env bash
# The README's quick start. On a fresh Debian 12 machine:
#   bash .ci/quickstart.sh run    installs what is missing, builds, and starts the app
#   bash .ci/quickstart.sh test   installs what is missing, builds, and runs every test
# BUILD_DIR (default: build) chooses the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
build=${BUILD_DIR:-build}

packages=(
  build-essential cmake pkg-config
  libimgui-dev libglfw3-dev libgl-dev libfreetype-dev libfontconfig-dev libstb-dev
  libsqlite3-dev libcmark-dev libyaml-cpp-dev zlib1g-dev nlohmann-json3-dev libcli11-dev libfmt-dev catch2
  libopencc-dev unicode-data bzip2
  libssl-dev libcurl4-openssl-dev libarchive-dev
  fonts-noto-cjk
  xdg-utils
)
# Tests also drive the real window under Xvfb with software OpenGL.
# The fuzzer needs clang with its libFuzzer and sanitizer runtimes. The exported HTML is opened in
# headless Chromium, and its PDF's page size read with pdfinfo. The xAPI push is tested against a
# fake LRS in Python. Chinese is typed through a real input method (fcitx5 with pinyin, over XIM).
[ "$mode" = test ] && packages+=(xvfb xauth xdotool x11-utils libgl1-mesa-dri sqlite3 imagemagick strace clang libclang-rt-14-dev
  chromium poppler-utils python3 fcitx5 fcitx5-pinyin)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLINLI_BUILD_TESTS=$([ "$mode" = test ] && echo ON || echo OFF)
cmake --build "$build" -j "$(nproc)"

case "$mode" in
  run) exec "$build/app/linli" ;;
  test)
    # The shared-file fuzzer, with ASan and UBSan, briefly (FUZZ_SECONDS; longer by hand).
    CC=clang CXX=clang++ cmake -S . -B "$build-fuzz" -DLINLI_FUZZ=ON -DLINLI_BUILD_GUI=OFF -DLINLI_BUILD_BENCH=OFF > /dev/null
    cmake --build "$build-fuzz" -j "$(nproc)" --target linli_fuzz_shared linli
    bash tests/fuzz/run.sh "$build-fuzz/tests/linli_fuzz_shared" "$build-fuzz/app/linli" "${FUZZ_SECONDS:-30}"
    # Every other test, last, so its summary closes the run.
    cd "$build" && ctest --output-on-failure
    ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
