#!/usr/bin/env bash
# Benchmarks search on SQLite and on PostgreSQL at 100 000 and 1 000 000 articles: the demo content plus a generated
# archive (scripts/bench/archive.py: Zipf-like vocabulary, recurring names and places, 20 years of dates), indexed
# by `broadsheet-server search reindex` (how long it takes and the index's size are printed), then served with
# --search-index and measured with wrk on loopback, one class of query at a time: a broad word, two broad words, a
# rare word, a person's name, a phrase, an exclusion, an OR, the last word typed as 1, 2 and 3 letters, a 12-word
# query, the broad word sorted by date, filtered to a section and at page 20; then an article and a section's first
# page (as scripts/bench-stores.sh), and the broad word again while an import writes one changed article every
# second. Each row: requests per second, p50, p99, the query's matches and wrk's errors. It asserts nothing.
# PostgreSQL is a throwaway cluster in a temporary folder (Debian's PostgreSQL 15, run as the postgres user).
# Usage: scripts/bench-search.sh. SIZES (default "100000 1000000") are the stores' totals of articles; DURATION
# (default 8s) is the length of each wrk run. 1 000 000 articles take ~10 GB of disk per store, one store at a time.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

SIZES="${SIZES:-100000 1000000}"
DURATION="${DURATION:-8s}"
SERVER=target/server/broadsheet-server
ARCHIVE=scripts/bench/archive.py
PG=/usr/lib/postgresql/15/bin
ARTICLE=/api/v1/articles/transport/tyneford-bus-franchising-goes-live
SECTION=/api/v1/sections/transport?page=1
FILTER_SECTION=housing # a demo section; the archive spreads its articles over every section
# The article the writer changes: its standfirst, one import a second, over a copy of content/.
EDITED=articles/transport/tyneford-bus-franchising-goes-live.md

log() { printf '==> %s\n' "$*"; }
for tool in wrk curl psql sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required (scripts/bench-api.sh installs wrk and sqlite3)" >&2; exit 1; }
done
[ -x "$PG/initdb" ] || { echo "PostgreSQL 15 is required: scripts/install.sh --test" >&2; exit 1; }
[ -x "$SERVER" ] || cargo build -p broadsheet-server --profile server

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-search.XXXXXX")"
chown postgres:postgres "$TMP"
PGPORT="$(free_port)"
SERVER_PID=""
WRITER_PID=""
stop_writer() { touch "$TMP/stop"; wait "$WRITER_PID" 2>/dev/null || true; WRITER_PID=""; }
cleanup() {
  [ -n "$WRITER_PID" ] && stop_writer
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  runuser -u postgres -- "$PG/pg_ctl" -D "$TMP/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
runuser -u postgres -- "$PG/initdb" -A trust -U postgres --locale=C.UTF-8 -E UTF8 -D "$TMP/pg" >/dev/null
runuser -u postgres -- "$PG/pg_ctl" -D "$TMP/pg" -l "$TMP/pg.log" -w \
  -o "-p $PGPORT -k $TMP -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" start >/dev/null
psql_do() { psql -X -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
cp -r content "$TMP/content"

# serve FLAGS…: starts the server on a free port over the store the flags name; sets BASE.
serve() {
  local port
  port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  RUST_LOG=warn "$SERVER" serve --addr "127.0.0.1:$port" --content content --dist "$TMP" --no-import "$@" \
    >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$BASE/api/v1/health" 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$TMP/server.log" >&2
  exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
# The queries, in words the archive holds (its fixed vocabulary): class TAB query.
QUERIES="$(python3 "$ARCHIVE" --queries)"
CLASSES=() PATHS=()
while IFS=$'\t' read -r class query; do
  CLASSES+=("$class")
  PATHS+=("/api/v1/search?q=$(urlencode "$query")")
  [ "$class" = broad ] && BROAD="/api/v1/search?q=$(urlencode "$query")"
done <<<"$QUERIES"
CLASSES+=(date-sorted section-filtered deep-page)
PATHS+=("$BROAD&sort=date" "$BROAD&section=$FILTER_SECTION" "$BROAD&page=20")

ROWS=()
row() { printf '%-9s %-8s %-17s %8s %9s %9s %8s %7s\n' "$@"; }
# Waits for the requests a slow run left queued in the server (they hold its database connections and would be
# answered 503 or slow down the next run): until a health check answers at once.
settle() {
  local answer
  for _ in $(seq 1 600); do
    answer="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 60 "$BASE/api/v1/health" || true)"
    awk '$1 == 200 && $2 < 0.2 { ok = 1 } END { exit !ok }' <<<"$answer" && return 0
    sleep 0.2
  done
}
# measure STORE SIZE CLASS PATH: one wrk run; a search's matches are its answer's counts by section, summed. A run that completed
# no request (each took longer than DURATION) shows no latencies.
measure() {
  local store="$1" size="$2" class="$3" path="$4" out matches=- code completed line
  settle
  if [[ "$path" == /api/v1/search* ]]; then
    code="$(curl -s -o "$TMP/answer.json" -w '%{http_code}' --max-time 120 "$BASE$path" || true)"
    if [ "$code" = 200 ]; then
      # Every match, by section (meta.total stops where the pages do, at 1,000).
      matches="$(python3 -c 'import json, sys; print(sum(s["count"] for s in json.load(open(sys.argv[1]))["search"]["sections"]))' "$TMP/answer.json")"
    else
      matches="http-$code"
    fi
    settle
  fi
  out="$(wrk -t2 -c16 -d"$DURATION" --timeout 30s --latency "$BASE$path")"
  completed="$(awk '/ requests in / { print $1 }' <<<"$out")"
  line="$(row "$store" "$size" "$class" "$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")" \
    "$( [ "$completed" = 0 ] && echo - || awk '$1 == "50%" { print $2 }' <<<"$out")" \
    "$( [ "$completed" = 0 ] && echo - || awk '$1 == "99%" { print $2 }' <<<"$out")" "$matches" \
    "$(awk '/^ *Non-2xx/ { n += $NF } /Socket errors/ { n += $NF } END { print n + 0 }' <<<"$out")")"
  echo "$line"
  ROWS+=("$line")
}

# bench STORE SIZE FLAGS…: builds the search index of the imported and loaded store the flags name, serves it and
# measures every class of query, the reads, and the broad query while an import writes every second.
bench() {
  local store="$1" size="$2" index="$TMP/index" t0 t1 line
  shift 2
  rm -rf "$index"
  t0="$(date +%s.%N)"
  RUST_LOG=warn "$SERVER" search reindex "$@" --search-index "$index" >"$TMP/reindex.log" 2>&1 ||
    { cat "$TMP/reindex.log" >&2; exit 1; }
  t1="$(date +%s.%N)"
  line="reindex $store $size: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s,"
  line+=" index $(du -sh "$index" | cut -f1)"
  echo "$line"
  NOTES+=("$line")
  serve "$@" --search-index "$index"
  row store size class req/s p50 p99 matches errors
  for i in "${!CLASSES[@]}"; do measure "$store" "$size" "${CLASSES[$i]}" "${PATHS[$i]}"; done
  measure "$store" "$size" article "$ARTICLE"
  measure "$store" "$size" section "$SECTION"
  # Broad while writing: each pass changes the standfirst and imports the copy, which writes that one article.
  rm -f "$TMP/stop"
  echo 0 >"$TMP/writes"
  (
    n=0
    while [ ! -e "$TMP/stop" ]; do
      n=$((n + 1))
      sed -i "s/^standfirst = .*/standfirst = \"Edit $n of this standfirst, imported while readers search.\"/" \
        "$TMP/content/$EDITED"
      RUST_LOG=warn "$SERVER" import "$@" --content "$TMP/content" >/dev/null || echo "writer: import $n failed" >&2
      echo "$n" >"$TMP/writes"
      sleep 1
    done
  ) &
  WRITER_PID=$!
  measure "$store" "$size" broad+writes "$BROAD"
  stop_writer
  line="broad+writes $store $size: $(cat "$TMP/writes") imports of one changed article during the run"
  echo "$line"
  NOTES+=("$line")
  stop
  rm -rf "$index"
}

NOTES=()
log "wrk -t2 -c16 -d$DURATION per row; sizes: $SIZES"
for size in $SIZES; do
  # SQLite
  db="$TMP/search-$size.db"
  log "sqlite $size: import, archive"
  RUST_LOG=warn "$SERVER" import --db "$db" --content content >/dev/null
  have="$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles')"
  python3 "$ARCHIVE" --count "$((size - have))" --sqlite "$db"
  bench sqlite "$size" --db "$db"
  rm -f "$db" "$db"-*
  # PostgreSQL
  log "postgres $size: import, archive"
  psql_do -d postgres -c "CREATE DATABASE search_$size"
  url="postgres://postgres@127.0.0.1:$PGPORT/search_$size"
  RUST_LOG=warn "$SERVER" import --database-url "$url" --content content >/dev/null
  have="$(psql_do -d "search_$size" -Atc 'SELECT COUNT(*) FROM articles')"
  python3 "$ARCHIVE" --count "$((size - have))" --postgres-url "$url"
  bench postgres "$size" --database-url "$url"
  psql_do -d postgres -c "DROP DATABASE search_$size"
done

echo
row store size class req/s p50 p99 matches errors
printf '%s\n' "${ROWS[@]}"
echo
printf '%s\n' "${NOTES[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); wrk, the server and PostgreSQL share $(nproc) cores"
