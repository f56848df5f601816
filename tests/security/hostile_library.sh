# Shared by the security scripts: builds the hostile library in a folder. The committed documents
# of tests/fixtures/hostile-images are copied, then what cannot be committed sanely is added:
#   images/escape.png  a symbolic link to a planted file outside the library (a good PNG, so only
#                      the rule keeps it out)
#   images/huge.png    21 MB (sparse)
#   images/bomb.png    a PNG header claiming 60000 × 60000 pixels, with a valid CRC
# usage: source hostile_library.sh; make_hostile_library DIR    (sets lib, outside, secret)
make_hostile_library() {
  local dir=$1 fixtures
  fixtures=$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures/hostile-images" && pwd)
  lib=$dir/library
  outside=$dir/outside
  secret=$outside/linli-outside-secret.png
  mkdir -p "$outside"
  cp -R "$fixtures" "$lib"
  cp "$lib/images/good.png" "$secret"
  ln -s "$secret" "$lib/images/escape.png"
  cp "$lib/images/good.png" "$lib/images/huge.png"
  truncate -s 21M "$lib/images/huge.png"
  # signature, IHDR (60000 × 60000, 8-bit RGBA) with its CRC, IEND
  printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\xea\x60\x00\x00\xea\x60\x08\x06\x00\x00\x00\x80\xd2\x75\x42\x00\x00\x00\x00IEND\xae\x42\x60\x82' \
    > "$lib/images/bomb.png"
}

# Runs a command under strace, one trace file per thread (-ff: no call is split in two by another
# thread's), all of them read together as TRACE.* by traced().
# usage: run_traced TRACE COMMAND...
run_traced() {
  local trace=$1
  shift
  strace -ff -qq -e trace="$trace_calls" -o "$trace" "$@"
}
traced() { cat "$1".* 2> /dev/null || true; }

# Each traced call as "name path", path being the first string argument.
traced_paths() {
  traced "$1" | sed -nE 's/^([0-9]+ +)?([a-z0-9_]+)\(([A-Z_0-9]+, )?"([^"]*)".*/\2 \4/p'
}

# Fails when the trace names /etc/passwd, /etc/shadow (written any way: ../../etc/passwd too) or
# anything in the folder outside the library, in any call: open, stat, readlink, access. The kernel
# follows a symbolic link without naming its target, so images/escape.png itself may only be
# looked at as a link (readlink, lstat): opening or stat-ing it would reach the planted file.
check_trace() {
  local trace=$1 what=$2 bad
  bad=$(traced_paths "$trace" | awk -v out="$outside" '
    { p = substr($0, index($0, " ") + 1) }
    p ~ /(^|\/)etc\/(passwd|shadow)$/ || index(p, out) == 1 || index(p, "linli-outside-secret") { print }')
  bad+=$(traced "$trace" | grep -F "\"$lib/images/escape.png\"" |
         grep -vE '^([0-9]+ +)?(readlink|readlinkat|lstat)\(|AT_SYMLINK_NOFOLLOW' || true)
  if [ -n "$bad" ]; then
    echo "security: FAIL: $what touched files outside the library:" >&2
    echo "$bad" >&2
    exit 1
  fi
}

# The check must be able to fail: a naive reader (cat) of the hostile paths is caught.
self_test_check_trace() {
  local dir=$1 link
  for link in "$lib/images/escape.png" "$lib/../../../../../../etc/passwd"; do
    rm -f "$dir"/naive.trace.*
    run_traced "$dir/naive.trace" cat "$link" > /dev/null 2>&1 || true
    if (check_trace "$dir/naive.trace" "cat" 2> /dev/null); then
      echo "security: FAIL: the trace check missed cat $link" >&2
      exit 1
    fi
  done
}

# How many times the trace shows CALL on exactly PATH.
count_calls() {
  traced_paths "$1" | grep -cxF "$2 $3" || true
}

# The calls the tests trace: every way to open, look at or follow a path.
trace_calls=open,openat,openat2,creat,stat,lstat,newfstatat,statx,readlink,readlinkat,access,faccessat,faccessat2
