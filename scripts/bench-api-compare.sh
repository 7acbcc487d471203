#!/usr/bin/env bash
# Compares two builds of the server on the same API reads, rounds interleaved (A, B, A, B, …) so that whatever
# else the machine does falls on both alike, and prints medians. It asserts nothing (tests never time).
#
# Two figures per address: requests per second (wrk -t1 -c8), and the server's CPU time per request, read from
# /proc/PID/stat around each run. On a shared 2-core machine the first moves by ±25 % from run to run; the second
# is the cost of an answer and moves far less, so it is the one to judge a change by.
#
# Usage: scripts/bench-api-compare.sh BEFORE_BINARY AFTER_BINARY
#   e.g. git worktree add /tmp/before <commit> && (cd /tmp/before && cargo build -p broadsheet-server
#        --profile server) && cp /tmp/before/target/server/broadsheet-server /tmp/before.bin, then the same here.
# ROUNDS (default 5) and DURATION (default 5s) set the length. Both builds import the demo content themselves.
# With a built app (DIST, default dist/, holding index.html), first-paint HTML is measured too
# (scripts/bench/api-addresses.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

[ $# = 2 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
BINARIES=("$1" "$2")
LABELS=(before after)
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-5s}"
source "$ROOT/scripts/bench/api-addresses.sh"
for b in "${BINARIES[@]}"; do [ -x "$b" ] || { echo "not an executable: $b" >&2; exit 1; }; done
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk; scripts/bench-api.sh installs it)" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-compare.XXXXXX")"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
TICKS="$(getconf CLK_TCK)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, in clock ticks

# run LABEL BINARY: one round of every address; appends "label path rps us_per_request" to $TMP/rows.
run() {
  local label="$1" bin="$2" dir="$TMP/$1" port path out n t0 t1
  rm -rf "$dir" && mkdir -p "$dir/dist"
  [ -f "$DIST/index.html" ] && cp "$DIST/index.html" "$dir/dist/"
  port="$(free_port)"
  RUST_LOG=warn "$bin" serve --addr "127.0.0.1:$port" --db "$dir/db.sqlite" --content content \
    --dist "$dir/dist" >"$dir/log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/sections" 2>/dev/null && break
    sleep 0.1
  done
  for path in "${PATHS[@]}"; do
    wrk -t1 -c4 -d1s "http://127.0.0.1:$port$path" >/dev/null # warm the caches and the pool
    t0="$(cpu_ticks "$SERVER_PID")"
    out="$(wrk -t1 -c8 -d"$DURATION" "http://127.0.0.1:$port$path")"
    t1="$(cpu_ticks "$SERVER_PID")"
    n="$(awk '/requests in/ { print $1 }' <<<"$out")"
    awk -v l="$label" -v p="$path" -v n="$n" -v d="${DURATION%s}" -v t=$((t1 - t0)) -v hz="$TICKS" \
      'BEGIN { printf "%s %s %.0f %.1f\n", l, p, n / d, t / hz * 1e6 / n }' >>"$TMP/rows"
  done
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

for round in $(seq 1 "$ROUNDS"); do
  printf '==> round %s of %s\n' "$round" "$ROUNDS" >&2
  for i in 0 1; do run "${LABELS[$i]}" "${BINARIES[$i]}"; done
done

echo "== medians of $ROUNDS interleaved rounds, wrk -t1 -c8 -d$DURATION, demo content =="
python3 - "$TMP/rows" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
paths = list(dict.fromkeys(r[1] for r in rows))
med = lambda label, path, col: statistics.median(float(r[col]) for r in rows if r[0] == label and r[1] == path)
print(f"{'address':<62} {'req/s before':>12} {'after':>8} {'change':>7}   {'CPU µs/req before':>17} {'after':>7} {'change':>7}")
for p in paths:
    rb, ra, cb, ca = med("before", p, 2), med("after", p, 2), med("before", p, 3), med("after", p, 3)
    print(f"{p:<62} {rb:>12.0f} {ra:>8.0f} {100 * (ra / rb - 1):>+6.1f}%   {cb:>17.1f} {ca:>7.1f} {100 * (ca / cb - 1):>+6.1f}%")
PY
