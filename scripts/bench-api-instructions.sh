#!/usr/bin/env bash
# Compares two builds of the server by the instructions each answer costs: every address asked 100 times over one
# connection, the server running under Valgrind's callgrind, its counters zeroed before and dumped after. Unlike
# requests per second or CPU time, an instruction count does not move with what else the machine runs, so two
# builds can be compared to within a fraction of a percent on a shared machine. It asserts nothing.
#
# Usage: scripts/bench-api-instructions.sh BEFORE_BINARY AFTER_BINARY (built as scripts/bench-api-compare.sh says)
# REQUESTS (default 100) sets the count per address; the addresses and DIST are scripts/bench/api-addresses.sh's.
# Installs Debian's valgrind when it is missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

log() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
[ $# = 2 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
if ! command -v callgrind_control >/dev/null; then
  log "installing valgrind from Debian"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind
fi
REQUESTS="${REQUESTS:-100}"
source "$ROOT/scripts/bench/api-addresses.sh"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-instructions.XXXXXX")"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

# ask URL N: N requests for URL over one connection (curl reuses it for repeated URLs).
ask() {
  local args=() i
  for i in $(seq 1 "$2"); do args+=(-o /dev/null "$1"); done
  curl -fsS "${args[@]}"
}

# run LABEL BINARY: appends "label path instructions_per_request" to $TMP/rows.
run() {
  local label="$1" bin="$2" dir="$TMP/$1" port path n before
  mkdir -p "$dir/dist"
  [ -f "$DIST/index.html" ] && cp "$DIST/index.html" "$dir/dist/"
  port="$(free_port)"
  RUST_LOG=warn valgrind --tool=callgrind --callgrind-out-file="$dir/cg" "$bin" serve --addr "127.0.0.1:$port" \
    --db "$dir/db.sqlite" --content content --dist "$dir/dist" >"$dir/log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/sections" 2>/dev/null && break
    sleep 0.5
  done
  for path in "${PATHS[@]}"; do
    ask "http://127.0.0.1:$port$path" 10 # warm the statement cache and the pool
    callgrind_control -z "$SERVER_PID" >/dev/null 2>&1
    ask "http://127.0.0.1:$port$path" "$REQUESTS"
    before="$(find "$dir" -name 'cg*' | wc -l)"
    callgrind_control -d "$SERVER_PID" >/dev/null 2>&1
    [ "$(find "$dir" -name 'cg*' | wc -l)" -gt "$before" ] || { echo "no dump for $path" >&2; exit 1; }
    n="$(ls -t "$dir"/cg* | head -1)"
    awk -v l="$label" -v p="$path" -v r="$REQUESTS" '/^(summary|totals):/ { print l, p, $2 / r; exit }' "$n" >>"$TMP/rows"
  done
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

for b in "$1" "$2"; do [ -x "$b" ] || { echo "not an executable: $b" >&2; exit 1; }; done
run before "$1"
run after "$2"
echo "== instructions per request (callgrind, $REQUESTS requests an address, demo content) =="
python3 - "$TMP/rows" <<'PY'
import sys
rows = {(r[0], r[1]): float(r[2]) for r in (l.split() for l in open(sys.argv[1]))}
print(f"{'address':<62} {'before':>12} {'after':>12} {'change':>7}")
for p in dict.fromkeys(k[1] for k in rows):
    b, a = rows[("before", p)], rows[("after", p)]
    print(f"{p:<62} {b:>12,.0f} {a:>12,.0f} {100 * (a / b - 1):>+6.1f}%")
PY
