#!/usr/bin/env bash
# `linli lint` on the hostile library fails (exit 1) and names file:line:col and the reason of every
# refused image and of the missing linked file; the good documents give nothing.
# usage: lint_hostile.sh LINLI_BINARY
set -euo pipefail
linli=$(realpath "$1")
source "$(dirname "$0")/hostile_library.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "security: FAIL: $*" >&2; exit 1; }
make_hostile_library "$work"

status=0
"$linli" --data-dir "$work/data" --library "$lib" lint "$lib" > "$work/out.txt" 2> "$work/err.txt" || status=$?
[ "$status" -eq 1 ] || fail "lint exited with $status, expected 1: $(cat "$work/err.txt")"

expected=0
expect() {
  expected=$((expected + 1))
  grep -F -- "$lib/$1: error: " "$work/out.txt" | grep -qF -- "$2" || fail "lint did not report '$1: error: ...$2'; it printed:
$(cat "$work/out.txt")"
}
expect traversal.md:9:6 "图片路径不能离开文库文件夹 (image path leaves the library folder): ../../../../../../etc/passwd"
expect encoded-traversal.md:9:6 "图片路径不能离开文库文件夹 (image path leaves the library folder): %2e%2e/"
expect absolute.md:9:6 "图片路径不能是绝对路径，请用相对于文档的路径 (image path is absolute; use a path relative to the document): /etc/shadow"
expect scheme-file.md:9:6 "图片只能引用文库文件夹里的文件，不能用网址或 file: 等协议 (image links must name a file in the library folder, not a URL or a scheme such as file:): file:///etc/passwd"
expect scheme-http.md:9:6 "(image links must name a file in the library folder, not a URL or a scheme such as file:): http://example.org/plan.png"
expect scheme-data.md:9:6 "(image links must name a file in the library folder, not a URL or a scheme such as file:): data:image/png;base64,"
expect symlink.md:9:6 "图片路径上的符号链接指向文库文件夹之外 (a symbolic link on the image path leads outside the library folder): images/escape.png"
expect oversized.md:9:6 "图片文件超过 20 MB (image file is larger than 20 MB): images/huge.png (21.0 MB)"
expect bomb.md:9:6 "图片尺寸超过 8192×8192 像素 (image is larger than 8192×8192 pixels): images/bomb.png (60000×60000)"
expect idat-bomb.md:9:6 "图片数据超出文件头声明的尺寸，可能是解压炸弹 (image data is larger than its header declares, a possible decompression bomb): images/idat-bomb.png"
expect missing.md:9:6 "找不到图片文件 (image file not found): images/no-such-image.png"
expect missing-file-link.md:9:9 "链接的文件不存在 (linked file not found): files/handbook.pdf"
# The gallery: the same, at its own lines.
for at in 11:9 15:9 19:9 21:7 23:7 27:9 31:9 33:9 35:9 39:8; do expect "gallery.md:$at" ""; done

if grep -qF "$lib/good.md" "$work/out.txt"; then fail "lint reported the good image: $(grep -F good.md "$work/out.txt")"; fi
lines=$(grep -c ': error: ' "$work/out.txt" || true)
[ "$lines" -eq "$expected" ] || fail "lint printed $lines errors, expected $expected:
$(cat "$work/out.txt")"
echo "security: ok — lint named all $expected refused images and links"
