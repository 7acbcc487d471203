#!/usr/bin/env bash
# Benchmarks the content API on loopback with wrk and prints figures (it asserts nothing; tests never time).
#   1. an article and a section page from the API, beside the same article JSON served as a static file;
#   2. a section listing at page 1 and at deep pages with 1 000 and with 100 000 articles in the database;
#   3. comments posted per second on loopback, and the count in the database afterwards (none lost);
#   4. scale-out: one instance, two instances behind Varnish (docs/varnish/broadsheet.vcl) with the cache
#      bypassed, the same through a warm cache, and the hit ratio while an article is edited every second;
#   5. with --with-build, how long the run command's install and build steps take when already done.
# Usage: scripts/bench-api.sh [--with-build]. DURATION (default 10s) is the length of each wrk run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

DURATION="${DURATION:-10s}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_TIMEOUT=30s # wrk leaves requests slower than its timeout (default 2s) out of the latencies
SERVER=target/server/broadsheet-server
ARTICLE_PATH=/api/v1/articles/transport/tyneford-bus-franchising-goes-live
SECTION=transport
PAGE_SIZE=12 # the API's default limit (broadsheet_content::limits::DEFAULT_LIMIT)
WITH_BUILD=0
for arg in "$@"; do
  case "$arg" in
    --with-build) WITH_BUILD=1 ;;
    -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- tools and the server binary -------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v varnishd >/dev/null || missing+=(varnish varnish-modules)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
if [ ! -x "$SERVER" ]; then
  log "building the server (cargo build -p broadsheet-server --profile server)"
  cargo build -p broadsheet-server --profile server
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-bench.XXXXXX")"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
cleanup() { stop_server; rm -rf "$TMP"; }
trap cleanup EXIT

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
SUMMARY=()
note() { SUMMARY+=("$1"); printf '%s\n' "$1"; }

# --- 0. the run command, warm (opt-in) ---------------------------------------------------------------------------
if [ "$WITH_BUILD" = 1 ]; then
  for pass in first warm; do
    log "timing scripts/install.sh && scripts/build.sh ($pass pass; output in the build log)"
    t0="$(now)"
    if ! { scripts/install.sh && scripts/build.sh; } >"$TMP/build-$pass.log" 2>&1; then
      tail -n 30 "$TMP/build-$pass.log" >&2
      echo "install or build failed" >&2
      exit 1
    fi
    note "run command, $pass: $(elapsed "$t0") s"
  done
fi

# --- helpers -----------------------------------------------------------------------------------------------------
# start_server DB DIST [more flags]: serves on a free loopback port; sets BASE once /api/v1/sections answers.
start_server() {
  local db="$1" dist="$2"
  shift 2
  local port
  port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  RUST_LOG=warn "$SERVER" serve --addr "127.0.0.1:$port" --db "$db" --content content --dist "$dist" "$@" \
    >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$BASE/api/v1/sections" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$TMP/server.log" >&2
      echo "the server exited before it answered" >&2
      exit 1
    fi
    sleep 0.1
  done
  cat "$TMP/server.log" >&2
  echo "the server did not answer within 30 s" >&2
  exit 1
}

# bench LABEL PATH: one wrk run; prints a table row and keeps it for the summary.
row() { printf '%-44s %9s %10s %10s %10s\n' "$@"; }
header() { row endpoint bytes req/s p50 p99; }
# table TITLE: starts a table, here and in the summary.
table() {
  SUMMARY+=("" "$1" "$(header)")
  printf '%s\n' "$1"
  header
}
WRK_HEADERS=() # extra wrk arguments for every run (-H "name: value")
bench() {
  local label="$1" path="$2" code bytes out rps p50 p99 extra=""
  read -r code bytes < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$BASE$path")
  if [ "$code" != 200 ]; then
    echo "$path answered $code, not 200" >&2
    exit 1
  fi
  out="$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency \
    "${WRK_HEADERS[@]}" "$BASE$path")"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
    extra+="  [$(grep 'Non-2xx or 3xx responses' <<<"$out" | sed 's/^ *//')]"
  fi
  if grep -q 'Socket errors' <<<"$out"; then
    extra+="  [$(grep 'Socket errors' <<<"$out" | sed 's/^ *//')]"
  fi
  SUMMARY+=("$(row "$label" "$bytes" "${rps:-?}" "${p50:-?}" "${p99:-?}")$extra")
  printf '%s\n' "${SUMMARY[-1]}"
}

json_field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

if [ "${SCALE_ONLY:-0}" != 1 ]; then # SCALE_ONLY=1 runs part 4 alone
# --- 1. article and section from the API, and the same article JSON as a static file ---------------------------
log "article, section and static file, demo content (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$DURATION)"
mkdir -p "$TMP/demo-dist/bench"
# The built app's index.html, when there is one, so the article's first paint (the server's HTML) is measured too.
[ -f dist/index.html ] && cp dist/index.html "$TMP/demo-dist/index.html"
start_server "$TMP/demo.db" "$TMP/demo-dist"
# The file is written after the start: the server reads files in its dist folder on every request.
curl -fsS "$BASE$ARTICLE_PATH" -o "$TMP/demo-dist/bench/article.json"
if ! curl -fsS "$BASE/bench/article.json" | cmp -s - "$TMP/demo-dist/bench/article.json"; then
  echo "the static file is not served byte for byte" >&2
  exit 1
fi
table "demo content ($(sqlite3 "$TMP/demo.db" 'SELECT COUNT(*) FROM articles') articles), DURATION=$DURATION:"
bench "article (API)" "$ARTICLE_PATH"
if [ -f "$TMP/demo-dist/index.html" ]; then
  bench "article page (first-paint HTML)" "${ARTICLE_PATH#/api/v1/articles}"
fi
bench "section $SECTION page 1 (API)" "/api/v1/sections/$SECTION?page=1"
bench "same article JSON as a static file" "/bench/article.json"
stop_server

# --- 2. section listing with 1 000 and 100 000 articles -----------------------------------------------------------
# make_db TOTAL: imports the demo content into a fresh database, then adds generated articles to one section
# until the database holds TOTAL. Generated rows have no source, so an import would keep them; the server is
# started with --no-import all the same.
make_db() {
  local total="$1" db="$TMP/bench-$1.db" have add t0
  rm -f "$db" "$db-wal" "$db-shm"
  RUST_LOG=warn "$SERVER" import --db "$db" --content content >/dev/null
  have="$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles')"
  add=$((total - have))
  t0="$(now)"
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA busy_timeout = 5000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $add)
INSERT INTO articles (section_id, slug, kind, headline, standfirst, byline_name, byline_role, published,
                      updated, featured, comments_open, image_json, body_json, source, body_text)
SELECT t.section_id, printf('bench-%06d', n.i), 'news', printf('Generated article %d', n.i),
       'A generated article for the listing benchmark.', 'Bench Writer', NULL,
       strftime('%Y-%m-%dT%H:%M:%SZ', '2026-04-30T23:00:00', printf('-%d seconds', n.i * 3037)),
       NULL, 0, 1, t.image_json, t.body_json, NULL,
       'Councils weigh bus franchising against enhanced partnerships as budgets tighten.'
FROM n, (SELECT a.section_id, a.image_json, a.body_json FROM articles a JOIN sections s ON s.id = a.section_id
         WHERE s.slug = '$SECTION' AND a.slug = 'tyneford-bus-franchising-goes-live') t;
-- Searchable like imported ones (the triggers index them): the headline, standfirst and a body that shares words
-- with the demo's.
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  >&2 printf '    %s: %d imported + %d generated in %s s, %s MB\n' "$db" "$have" "$add" "$(elapsed "$t0")" \
    "$(du -m "$db" | cut -f1)"
  DB="$db"
}

for total in 1000 100000; do
  log "section listing with $total articles"
  make_db "$total"
  start_server "$DB" "$TMP/demo-dist" --no-import
  count="$(sqlite3 "$DB" 'SELECT COUNT(*) FROM articles')"
  pages="$(curl -fsS "$BASE/api/v1/sections/$SECTION?page=1" | json_field '["meta"]["pages"]')"
  deep=$((pages < 500 ? pages : 500))
  table "$count articles ($SECTION: $pages pages of $PAGE_SIZE), DURATION=$DURATION:"
  bench "article (API)" "$ARTICLE_PATH"
  bench "search \"bus franchising\" (API)" "/api/v1/search?q=bus+franchising"
  bench "section $SECTION page 1" "/api/v1/sections/$SECTION?page=1"
  bench "section $SECTION page $deep" "/api/v1/sections/$SECTION?page=$deep"
  if [ "$pages" -gt "$deep" ]; then
    bench "section $SECTION page $pages (last)" "/api/v1/sections/$SECTION?page=$pages"
  fi
  stop_server
  rm -f "$DB" "$DB-wal" "$DB-shm"
done

# --- 3. comments posted per second, and none lost ---------------------------------------------------------------
log "posting comments (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$DURATION, every post different)"
start_server "$TMP/posts.db" "$TMP/demo-dist" --comment-limit 100000000
out="$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency \
  -s scripts/bench/post-comment.lua "$BASE$ARTICLE_PATH/comments")"
stop_server # stops cleanly, so every answered post is on disk
sent="$(awk '/requests in/ { print $1 }' <<<"$out")"
failed="$(awk '/Non-2xx or 3xx responses/ { print $NF }' <<<"$out")"
stored="$(sqlite3 "$TMP/posts.db" "SELECT COUNT(*) FROM comments WHERE author = 'Bench poster'")"
rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
note ""
note "comment posts, DURATION=$DURATION: $rps posts/s, p99 $p99; answered $sent (non-2xx: ${failed:-0}),"
note "  stored $stored (at least the answered ones: $([ "$stored" -ge "$((sent - ${failed:-0}))" ] && echo yes || echo NO, some were lost))"

fi

# --- 4. scale-out: instances behind Varnish ----------------------------------------------------------------------
log "scale-out: one instance, two behind Varnish (bypassed, then warm), hit ratio while editing"
mkdir -p "$TMP/demo-dist"
if [ -f dist/index.html ] && [ ! -f "$TMP/demo-dist/index.html" ]; then cp dist/index.html "$TMP/demo-dist/"; fi
cp -r content "$TMP/content"
VARNISH_PORT="$(free_port)"
PURGE="xkey+http://127.0.0.1:$VARNISH_PORT/"
INSTANCE_PIDS=()
INSTANCE_PORTS=()
for i in 1 2; do
  port="$(free_port)"
  RUST_LOG=warn "$SERVER" serve --addr "127.0.0.1:$port" --db "$TMP/scale.db" --content "$TMP/content" \
    --dist "$TMP/demo-dist" --purge-url "$PURGE" >"$TMP/instance$i.log" 2>&1 &
  INSTANCE_PIDS+=($!)
  INSTANCE_PORTS+=("$port")
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null && break
    sleep 0.1
  done
done
mkdir -p "$TMP/vcl"
cp docs/varnish/broadsheet.vcl "$TMP/vcl/"
backends_vcl "${INSTANCE_PORTS[@]}" >"$TMP/vcl/backends.vcl"
# The shipped VCL, and for the benchmark alone a header that passes every request to the instances.
cat >"$TMP/vcl/bench.vcl" <<'VCL'
vcl 4.1;
include "broadsheet.vcl";
sub vcl_recv {
    if (req.http.x-bench-bypass) {
        return (pass);
    }
}
VCL
varnishd -j none -n "$TMP/varnish" -a "127.0.0.1:$VARNISH_PORT" -f "$TMP/vcl/bench.vcl" \
  -p vcl_path="$TMP/vcl" -s malloc,256m -T none -P "$TMP/varnish.pid"
stop_scale() {
  [ -f "$TMP/varnish.pid" ] && kill "$(cat "$TMP/varnish.pid")" 2>/dev/null || true
  for pid in "${INSTANCE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -f "$TMP/varnish.pid"
}
trap 'stop_scale; cleanup' EXIT
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$VARNISH_PORT/api/v1/health" 2>/dev/null && break
  sleep 0.2
done
SEARCH_PATH="/api/v1/search?q=bus+franchising"
SECTION_PATH="/api/v1/sections/$SECTION?page=1"
BASE="http://127.0.0.1:${INSTANCE_PORTS[0]}"
table "one instance, direct, DURATION=$DURATION:"
bench "article (API)" "$ARTICLE_PATH"
bench "section $SECTION page 1 (API)" "$SECTION_PATH"
bench "search (API)" "$SEARCH_PATH"
BASE="http://127.0.0.1:$VARNISH_PORT"
WRK_HEADERS=(-H "x-bench-bypass: 1")
table "two instances behind Varnish, cache bypassed, DURATION=$DURATION:"
bench "article (API)" "$ARTICLE_PATH"
bench "section $SECTION page 1 (API)" "$SECTION_PATH"
bench "search (API)" "$SEARCH_PATH"
WRK_HEADERS=()
table "through Varnish, warm cache, DURATION=$DURATION:"
bench "article (API)" "$ARTICLE_PATH"
if [ -f "$TMP/demo-dist/index.html" ]; then
  bench "article page (first-paint HTML)" "${ARTICLE_PATH#/api/v1/articles}"
fi
bench "section $SECTION page 1 (API)" "$SECTION_PATH"
bench "search (API)" "$SEARCH_PATH"

# Readers read every article (API and page), the sections and the front page while an editor changes one
# article's headline and imports it every second; the imports purge what changed.
# Pages written as HTML only with a built index.html (scripts/build.sh); without one they are not the site's.
if [ -f "$TMP/demo-dist/index.html" ]; then
  sqlite3 "$TMP/scale.db" "SELECT '/' || s.slug || '/' || a.slug FROM articles a JOIN sections s ON s.id = a.section_id
    UNION ALL SELECT '/' || slug FROM sections UNION ALL SELECT '/' UNION ALL SELECT '/latest'" >"$TMP/paths.txt"
else
  : >"$TMP/paths.txt"
fi
sqlite3 "$TMP/scale.db" "SELECT '/api/v1/articles/' || s.slug || '/' || a.slug FROM articles a
  JOIN sections s ON s.id = a.section_id UNION ALL SELECT '/api/v1/sections/' || slug FROM sections" >>"$TMP/paths.txt"
printf '/api/v1/front\n/api/v1/rails\n' >>"$TMP/paths.txt"
EDITED="$TMP/content/articles/housing/damp-and-mould-inspections-find-failures.md"
counter() { varnishstat -n "$TMP/varnish" -1 -f "MAIN.$1" | awk '{ print $2 }'; }
hits0="$(counter cache_hit)" misses0="$(counter cache_miss)"
( for n in $(seq 1 "${DURATION%s}"); do
    sed -i "s/^headline = .*/headline = \"Damp and mould inspections, edit $n\"/" "$EDITED"
    RUST_LOG=warn "$SERVER" import --db "$TMP/scale.db" --content "$TMP/content" --purge-url "$PURGE" >/dev/null
    sleep 1
  done ) &
EDITOR_PID=$!
out="$(PATHS_FILE="$TMP/paths.txt" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$DURATION" --timeout "$WRK_TIMEOUT" \
  --latency -s scripts/bench/paths.lua "$BASE")"
wait "$EDITOR_PID" || true
hits="$(($(counter cache_hit) - hits0))" misses="$(($(counter cache_miss) - misses0))"
rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
note ""
note "through Varnish, $(wc -l <"$TMP/paths.txt") addresses in turn, one article edited and imported every second:"
note "  $rps req/s, p99 $p99; hit ratio $(awk -v h="$hits" -v m="$misses" 'BEGIN { printf "%.1f %%", 100 * h / (h + m) }') ($hits hits, $misses misses)"
stop_scale

# --- summary -----------------------------------------------------------------------------------------------------
echo
echo "== summary: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS on loopback, server and wrk sharing $(nproc) cores =="
echo "load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg) (other work skews every figure)"
printf '%s\n' "${SUMMARY[@]}"
