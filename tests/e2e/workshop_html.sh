#!/usr/bin/env bash
# The workshop without a window: `linli workshop run` plays a scripted workshop on the waste-room
# drill (the votes workshop.sh casts with the keys: three decisions by the majority, the two-round
# node, the split into four parallel tracks, each to its ending) and writes the debrief; its HTML is
# printed by headless Chromium to an A4 PDF and shot as a PNG. Then the script's mistakes: an option
# that does not exist, a file that is not JSON (exit 2, said in Chinese), and a script that stops
# before the endings (the debrief says so).
# Without chromium the HTML part is skipped, unless LINLI_REQUIRE_CHROMIUM is set (CI installs it).
# usage: workshop_html.sh LINLI_BINARY ARTIFACT_DIR
set -euo pipefail
linli=$(realpath "$1")
artifacts=$(realpath -m "$2")
fail() { echo "e2e: FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
rm -f "$artifacts/workshop-debrief-html.png" "$artifacts/workshop-debrief.pdf"

cat > "$work/votes.json" <<'EOF'
{"decisions": [
 {"votes": {"第1组": 3, "第2组": 3, "第3组": 2, "第4组": 3}, "continue": "majority"},
 {"votes": {"第1组": 1, "第2组": 1, "第3组": 1, "第4组": 3}, "continue": "majority"},
 {"votes": {"第1组": 2, "第2组": 2, "第3组": 2, "第4组": 2}, "continue": "majority"},
 {"direction": {"第1组": 2, "第2组": 2, "第3组": 1, "第4组": 2}, "votes": {"第1组": 1, "第2组": 2, "第3组": 2, "第4组": 1}, "continue": "parallel"},
 {"votes": {"第1组": 1, "第2组": 1, "第3组": 2, "第4组": 1}},
 {"votes": {"第1组": 1, "第2组": 1, "第3组": 1, "第4组": 2}},
 {"votes": {"第1组": 1, "第2组": 1, "第3组": 1, "第4组": 1}},
 {"votes": {"第1组": 1, "第2组": 1, "第3组": 1, "第4组": 1}},
 {"votes": {"第1组": 3, "第2组": 1, "第3组": 2, "第4组": 3}}
]}
EOF
# Says something in Chinese (any CJK ideograph), whatever the locale grep would run in.
has_chinese() { python3 -c 'import re, sys; sys.exit(not re.search("[\u4e00-\u9fff]", open(sys.argv[1], encoding="utf-8").read()))' "$1"; }
run() { "$linli" --data-dir "$work/data" workshop run drill-waste-room "$@"; }

# ---- The whole workshop: finished, four groups with ratings, the endings workshop.sh expects.
run --votes "$work/votes.json" --out "$work/full" --json > "$work/full.json" || fail "workshop run failed (exit $?)"
python3 - "$work/full.json" <<'EOF' || fail "workshop run --json: $(cat "$work/full.json")"
import json, sys
out = json.load(open(sys.argv[1]))
assert out["finished"] is True, "finished is not true"
groups = {g["group"]: g for g in out["groups"]}
assert sorted(groups) == ["第1组", "第2组", "第3组", "第4组"], f"groups {sorted(groups)}"
for g in groups.values():
    assert g["finished"] and g["rating"] in ("good", "fair", "bad"), f"{g['group']}: {g['rating']}"
got = {n: (g["ending"], g["rating"]) for n, g in groups.items()}
want = {"第1组": ("ending-good", "good"), "第2组": ("ending-garden", "fair"),
        "第3组": ("ending-garden", "fair"), "第4组": ("ending-garden", "fair")}
assert got == want, f"endings {got}"
assert "把\"要不要\"换成\"怎么用\"" in out["splits"], f"splits {out['splits']}"
EOF
grep -q '"finished": true' "$work/full.json" || fail "the JSON does not say \"finished\": true"
for f in debrief.md debrief.html spread.png; do [ -s "$work/full/$f" ] || fail "workshop run wrote no $f"; done

# ---- Mistakes in the votes file: exit 2, a Chinese message, nothing else.
python3 - "$work/votes.json" "$work/nine.json" <<'EOF'
import json, sys
script = json.load(open(sys.argv[1]))
script["decisions"][0]["votes"]["第2组"] = 9
json.dump(script, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
rc=0
run --votes "$work/nine.json" --out "$work/nine" > /dev/null 2> "$work/nine.err" || rc=$?
[ "$rc" = 2 ] || fail "a vote for option 9 exited $rc, expected 2"
has_chinese "$work/nine.err" || fail "a vote for option 9 said no Chinese: $(cat "$work/nine.err")"
echo "e2e: option 9: $(cat "$work/nine.err")"

printf '{"decisions": [ {"votes": {"第1组": 3,' > "$work/broken.json"
rc=0
run --votes "$work/broken.json" --out "$work/broken" > /dev/null 2> "$work/broken.err" || rc=$?
[ "$rc" = 2 ] || fail "a votes file that is not JSON exited $rc, expected 2"
has_chinese "$work/broken.err" || fail "a votes file that is not JSON said no Chinese: $(cat "$work/broken.err")"
echo "e2e: not JSON: $(cat "$work/broken.err")"

# ---- Stopped after two decisions: not finished, and the debrief says so.
python3 - "$work/votes.json" "$work/early.json" <<'EOF'
import json, sys
script = json.load(open(sys.argv[1]))
script["decisions"] = script["decisions"][:2]
json.dump(script, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
run --votes "$work/early.json" --out "$work/early" --json > "$work/early.json.out" || fail "workshop run of two decisions failed"
grep -q '"finished": false' "$work/early.json.out" || fail "two decisions: the JSON does not say \"finished\": false"
grep -q '结局之前' "$work/early/debrief.md" || fail "two decisions: debrief.md does not say it stopped before an ending (结局之前)"

# ---- The HTML debrief in a browser: an A4 PDF, a PNG with something on it.
if ! command -v chromium > /dev/null; then
  if [ -n "${LINLI_REQUIRE_CHROMIUM:-}" ]; then fail "chromium is not installed (LINLI_REQUIRE_CHROMIUM is set)"; fi
  echo "e2e: SKIP: chromium is not installed: the debrief's HTML is not printed (the CLI checks passed)"
  exit 0
fi
command -v pdfinfo > /dev/null || fail "pdfinfo (poppler-utils) is not installed"
html="file://$work/full/debrief.html"
browser() { chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/chromium" "$@" > "$work/chromium.log" 2>&1; }
browser --screenshot="$artifacts/workshop-debrief-html.png" --window-size=1240,1754 "$html" ||
  fail "chromium could not shoot the debrief: $(tail -n 5 "$work/chromium.log")"
browser --print-to-pdf="$artifacts/workshop-debrief.pdf" "$html" ||
  fail "chromium could not print the debrief: $(tail -n 5 "$work/chromium.log")"

info=$(pdfinfo "$artifacts/workshop-debrief.pdf") || fail "pdfinfo cannot read the PDF"
pages=$(sed -n 's/^Pages: *//p' <<< "$info")
size=$(sed -n 's/^Page size: *//p' <<< "$info")
[ "${pages:-0}" -ge 1 ] || fail "the PDF has ${pages:-no} pages"
awk '{ exit !($1 >= 594.5 && $1 <= 595.5 && $3 >= 841.5 && $3 <= 842.5) }' <<< "$size" ||
  fail "the PDF's page is $size, expected A4 (595 x 842 pts)"

# Not blank: distinct colours, from the PNG decoded with zlib (no ImageMagick needed).
read -r w h colours < <(python3 - "$artifacts/workshop-debrief-html.png" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, []
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat.append(body)
    pos += 12 + n
assert depth == 8 and ctype in (2, 6) and interlace == 0, f"colour type {ctype}, depth {depth}, interlace {interlace}"
bpp = 3 if ctype == 2 else 4
stride = w * bpp
raw = zlib.decompress(b"".join(idat))
prev, seen = bytearray(stride), set()
for y in range(h):  # undo each row's filter (PNG spec, 9.2), sample every 7th row's pixels
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
    elif f == 2:
        line = bytearray((a + b) & 255 for a, b in zip(line, prev))
    elif f == 3:
        for i in range(stride): line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
    elif f == 4:
        for i in range(stride):
            a, b, c = (line[i - bpp] if i >= bpp else 0), prev[i], (prev[i - bpp] if i >= bpp else 0)
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 7 == 0:
        seen.update(bytes(line[i:i + bpp]) for i in range(0, stride, bpp))
    prev = line
print(w, h, len(seen))
EOF
) || fail "cannot decode $artifacts/workshop-debrief-html.png"
[ "${w}x$h" = 1240x1754 ] || fail "the PNG is ${w}x${h}, expected 1240x1754"
[ "$colours" -ge 16 ] || fail "the PNG of the debrief looks blank: $colours colours"
echo "e2e: ok — workshop run finished (4 groups rated), mistakes exit 2; debrief.html prints to $pages A4 pages ($size); the PNG has $colours colours"
