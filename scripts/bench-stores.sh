#!/usr/bin/env bash
# Benchmarks the API on SQLite and on PostgreSQL side by side, on loopback with wrk, at 1 000 and 100 000
# articles: an article, a section's first page and a search, each as requests per second and p99. It prints
# figures and asserts nothing. PostgreSQL is a throwaway cluster in a temporary folder (Debian's PostgreSQL 15,
# run as the postgres user), stopped at the end.
# Usage: scripts/bench-stores.sh. DURATION (default 8s) is the length of each wrk run; SIZES (default "1000 100000")
# the archives' sizes; SERVER (default target/server/broadsheet-server) the server binary, to compare two builds.
# Each row is wrk at saturation (32 connections: p99 is then mostly the wait in line), then, for the article and
# the section, oha at each of RATES (default "250 500 1000") requests per second, latency corrected (an open loop,
# as wrk2: a slow answer does not slow the offered rate), which compares the stores' latency at the same load.
# oha: `cargo install oha` (skipped with a note when it is missing).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

DURATION="${DURATION:-8s}"
SERVER="${SERVER:-target/server/broadsheet-server}"
SIZES="${SIZES:-1000 100000}"
PG=/usr/lib/postgresql/15/bin
ARTICLE=/api/v1/articles/transport/tyneford-bus-franchising-goes-live
SECTION=/api/v1/sections/transport?page=1
SEARCH="/api/v1/search?q=bus+franchising"
RATES="${RATES:-250 500 1000}"

log() { printf '==> %s\n' "$*"; }
for tool in wrk curl psql sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is required (scripts/bench-api.sh installs wrk and sqlite3)" >&2; exit 1; }
done
[ -x "$PG/initdb" ] || { echo "PostgreSQL 15 is required: scripts/install.sh --test" >&2; exit 1; }
[ -x "$SERVER" ] || cargo build -p broadsheet-server --profile server

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-stores.XXXXXX")"
chown postgres:postgres "$TMP"
PGPORT="$(free_port)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  runuser -u postgres -- "$PG/pg_ctl" -D "$TMP/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
runuser -u postgres -- "$PG/initdb" -A trust -U postgres --locale=C.UTF-8 -E UTF8 -D "$TMP/pg" >/dev/null
runuser -u postgres -- "$PG/pg_ctl" -D "$TMP/pg" -l "$TMP/pg.log" -w \
  -o "-p $PGPORT -k $TMP -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" start >/dev/null
psql_do() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

# serve FLAGS…: starts the server on a free port over the store the flags name; sets BASE.
serve() {
  local port
  port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  RUST_LOG=warn "$SERVER" serve --addr "127.0.0.1:$port" --content content --dist "$TMP" --no-import "$@" \
    >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$BASE/api/v1/health" 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$TMP/server.log" >&2
  exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
row() { printf '%-12s %-9s %-10s %-10s %9s %10s %10s\n' "$@"; }
measure() {
  local store="$1" n="$2" label="$3" path="$4" out rate
  out="$(wrk -t2 -c32 -d"$DURATION" --timeout 30s --latency "$BASE$path")"
  row "$store" "$n" "$label" saturated "$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")" \
    "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  [ "$label" = search ] || ! command -v oha >/dev/null && return 0
  for rate in $RATES; do
    out="$(oha -z "$DURATION" -q "$rate" --latency-correction -c 32 --no-tui --output-format json "$BASE$path")"
    row "$store" "$n" "$label" "at $rate/s" $(python3 -c 'import json, sys
d = json.load(sys.stdin); p = d["latencyPercentiles"]
print("%.0f %.2fms %.2fms" % (d["summary"]["requestsPerSec"], p["p50"] * 1000, p["p99"] * 1000))' <<<"$out")
  done
}

# Generated articles: copies of the transport section's bus franchising story, an hour apart going back, each
# searchable like an imported one.
GENERATE_SQLITE="
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :add)
INSERT INTO articles (section_id, slug, kind, headline, standfirst, byline_name, published, featured,
                      comments_open, image_json, body_json, body_text)
SELECT a.section_id, 'bench-' || n.i, 'news', 'Generated article ' || n.i, a.standfirst, 'Bench Writer',
       strftime('%Y-%m-%dT%H:%M:%SZ', '2026-04-30T23:00:00', '-' || n.i || ' hours'), 0, 1, a.image_json, a.body_json,
       'Councils weigh bus franchising against enhanced partnerships.'
FROM n, articles a WHERE a.slug = 'tyneford-bus-franchising-goes-live';"
GENERATE_PG="
INSERT INTO articles (section_id, slug, kind, headline, standfirst, byline_name, published, featured,
                      comments_open, image_json, body_json, body_text)
SELECT a.section_id, 'bench-' || n.i, 'news', 'Generated article ' || n.i, a.standfirst, 'Bench Writer',
       to_char(timestamp '2026-04-30 23:00:00' - n.i * interval '1 hour', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 0, 1,
       a.image_json, a.body_json, 'Councils weigh bus franchising against enhanced partnerships.'
FROM generate_series(1, :add) n(i), articles a WHERE a.slug = 'tyneford-bus-franchising-goes-live';
ANALYZE;"

command -v oha >/dev/null || echo "oha is not installed (cargo install oha): the fixed-rate rows are left out"
echo
row store articles request load req/s p50 p99
for total in $SIZES; do
  # SQLite
  db="$TMP/bench-$total.db"
  RUST_LOG=warn "$SERVER" import --db "$db" --content content >/dev/null
  have="$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles')"
  sqlite3 "$db" >/dev/null "PRAGMA busy_timeout = 5000; BEGIN; ${GENERATE_SQLITE//:add/$((total - have))} COMMIT;"
  serve --db "$db"
  for r in article:$ARTICLE section:$SECTION search:$SEARCH; do measure sqlite "$total" "${r%%:*}" "${r#*:}"; done
  stop
  # PostgreSQL
  psql_do -d postgres -c "CREATE DATABASE bench_$total"
  url="postgres://postgres@127.0.0.1:$PGPORT/bench_$total"
  RUST_LOG=warn "$SERVER" import --database-url "$url" --content content >/dev/null
  psql_do -d "bench_$total" -c "${GENERATE_PG//:add/$((total - have))}"
  serve --database-url "$url"
  for r in article:$ARTICLE section:$SECTION search:$SEARCH; do measure postgres "$total" "${r%%:*}" "${r#*:}"; done
  stop
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); wrk, the server and PostgreSQL share $(nproc) cores"
