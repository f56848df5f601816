#!/usr/bin/env bash
# Writes a seed corpus of real shared files for the shared-file fuzzers, made with the CLI: one
# learner's profile only; a played drill; three devices (two learners) merged into one file; and
# hostile variants of them.
# usage: seeds.sh LINLI OUT_DIR
set -euo pipefail
linli=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/share"
learner_of() { sqlite3 "$1/progress.sqlite" "SELECT value FROM meta WHERE key = 'learner_id'"; }

"$linli" --data-dir "$work/a" profile --name 测试学员 --cohort 一期 > /dev/null
"$linli" --data-dir "$work/a" sync --shared "$work/share/profile.linli" > /dev/null
cp "$work/share/profile.linli" "$out/seed-profile"

"$linli" --data-dir "$work/b" drill play drill-waste-room --new --choices 1,1,2 > /dev/null
"$linli" --data-dir "$work/b" sync --shared "$work/share/cohort.linli" > /dev/null
cp "$work/share/cohort.linli" "$out/seed-small"

# The same learner on a second device, and another learner, into the same file.
"$linli" --data-dir "$work/c" profile --learner "$(learner_of "$work/b")" > /dev/null
"$linli" --data-dir "$work/c" drill play drill-committee-resigns --new --choices 1,2,1,2,1,2 > /dev/null
"$linli" --data-dir "$work/c" sync --shared "$work/share/cohort.linli" > /dev/null
"$linli" --data-dir "$work/a" sync --shared "$work/share/cohort.linli" > /dev/null
cp "$work/share/cohort.linli" "$out/seed-devices"

printf 'SQLite format 3\0' > "$out/seed-header"

# Hostile variants, edited with sqlite3: their checksums no longer match, so the plain fuzzer sees
# damaged files; the sealed one re-seals them and reaches the refusals validate() makes.
hostile() {
  cp "$out/seed-small" "$out/seed-$1"
  sqlite3 "$out/seed-$1" "$2"
}
hostile newer "UPDATE linli_sync SET value = '2' WHERE key = 'version'"
hostile no-magic "ALTER TABLE linli_sync RENAME TO settings"
hostile index "CREATE INDEX by_kind ON events(kind)"
hostile trigger "CREATE TRIGGER t AFTER INSERT ON learners BEGIN DELETE FROM events; END"
hostile extra-table "CREATE TABLE extra(x)"
hostile impossible "UPDATE events SET hlc = -1 WHERE seq = 1"
hostile orphan "UPDATE events SET device = 99 WHERE seq = 1"
hostile too-large "UPDATE events SET payload = json_quote(hex(zeroblob(2100))) WHERE seq = 1"
hostile bad-grade "UPDATE events SET kind = 'review.graded', payload = '{\"g\":9,\"doc\":\"d\"}' WHERE seq = 1"
hostile bad-undo "UPDATE events SET kind = 'review.undone', payload = '{\"device\":\"x\",\"seq\":-1}' WHERE seq = 1"
hostile bad-note "UPDATE events SET kind = 'note.put', payload = '{\"doc\":\"d\",\"block\":-1,\"quote\":\"q\",\"text\":\"\",\"color\":\"y\"}' WHERE seq = 1"
