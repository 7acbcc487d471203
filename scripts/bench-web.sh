#!/usr/bin/env bash
# The reader app's benchmark: builds the release app (unless --no-build), serves it on loopback with the demo
# content, and prints
#   - the bytes of each first-visit file, raw, gzip and brotli, and the total (budget: 150 KB brotli);
#   - Lighthouse 12, mobile defaults, median of 3 runs: front page, a section, an article, and the floor (a static
#     HTML page of that same article with the same CSS, served by the same server), with article LCP / floor LCP;
#   - client-side navigation, click on a teaser to h1 painted, cold and warm (median, p95 of 50);
#   - wasm memory and JS heap after 10 and 200 navigations;
#   - long main-thread tasks at 4x CPU slowdown on the article, the front page and a section, and what fills them;
#   - a partner widget's bytes and time to size, the installable app's precache and offline figures;
#   - screenshots in target/bench/.
# A benchmark, not a test: figures vary on a shared machine, so it prints medians. RUNS=5 for more runs.
# Usage: scripts/bench-web.sh [--no-build] [--quick]   (--quick: sizes, Lighthouse and navigation only)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
build=1 quick=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --quick) quick=1 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
scripts/install.sh --test
if [ "$build" = 1 ] || [ ! -f dist/index.html ] || [ ! -x target/server/broadsheet-server ]; then
  scripts/build.sh
fi
out="$ROOT/target/bench"
mkdir -p "$out"
article=/transport/tyneford-bus-franchising-goes-live
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)'), $(date -u +%FT%TZ)"

echo "== first visit: bytes of each file"
node scripts/bench/sizes.mjs dist

tmp="$(mktemp -d)"
cp -r dist "$tmp/dist"
port="$(free_port)"
start_server() {
  target/server/broadsheet-server serve --addr "127.0.0.1:$port" --db "$tmp/bench.db" --content content \
    --dist "$tmp/dist" >/dev/null 2>"$tmp/server.log" &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/v1/sections" >/dev/null && return; sleep 0.1; done
  echo "server did not start" >&2; exit 1
}
server=""
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
start_server
base="http://127.0.0.1:$port"

# The floor: the app's own rendering of the article, saved as a static page next to the app's files.
node scripts/bench/static-floor.mjs "$base" "$article" "$tmp/dist/static-article.html"

echo "== Lighthouse 12, mobile defaults, median of ${RUNS:-3}"
node scripts/bench/lighthouse-median.mjs "$base" "$out" "${RUNS:-3}" \
  front=/ section=/housing article="$article" static=/static-article.html

echo "== client-side navigation and memory (API on loopback)"
node scripts/bench/navigation.mjs "$base"

[ "$quick" = 1 ] && exit 0

echo "== long main-thread tasks at 4x CPU slowdown (what Lighthouse's TBT adds up): article, front page, section"
for path in "$article" / /housing; do node scripts/bench/tasks.mjs "$base" "$path" 4 40; done

echo "== partner widget (one widget on a page of another origin, cold)"
node scripts/bench/widget.mjs "$base"

echo "== installable app (precache, saved article offline, app window and offline page screenshots)"
node scripts/bench/pwa.mjs "$out"

echo "== screenshots"
node scripts/bench/screenshots.mjs "$base" "$out"
