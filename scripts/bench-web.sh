#!/usr/bin/env bash
# Measures the reader app as a visitor gets it: brotli bytes of the release build, Lighthouse 12 (mobile defaults,
# headless Chromium) on the front page and an article, a partner widget's bytes and time to size, and screenshots at 375 and 1280 px in target/bench/.
# A benchmark, not a test: it prints figures and fails only if something cannot run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh --test
[ -f dist/index.html ] && [ -x target/server/broadsheet-server ] || scripts/build.sh
out="$ROOT/target/bench"
mkdir -p "$out"

echo "== release build, bytes"
node scripts/bench/sizes.mjs dist

tmp="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
target/server/broadsheet-server serve --addr "127.0.0.1:$port" --db "$tmp/bench.db" --content content --dist dist \
  >/dev/null 2>"$tmp/server.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/v1/sections" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"

echo "== API answers for the front page (brotli, as the browser fetches them)"
for path in /api/v1/front /api/v1/rails /api/v1/sections; do
  curl -s -o /dev/null -H 'Accept-Encoding: br' -w "$path %{size_download} bytes\n" "$base$path"
done

echo "== Lighthouse 12, mobile defaults"
flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run"
for name in front article; do
  path=/; [ "$name" = article ] && path=/transport/tyneford-bus-franchising-goes-live
  lighthouse "$base$path" --quiet --output=json --output-path="$out/$name.json" \
    --chrome-flags="$flags" --only-categories=performance,accessibility,best-practices,seo
done
node scripts/bench/lighthouse-summary.mjs "$out/front.json" "$out/article.json"

echo "== partner widget (one widget on a page of another origin, cold)"
node scripts/bench/widget.mjs "$base"

echo "== installable app (precache, saved article offline, app window and offline page screenshots)"
node scripts/bench/pwa.mjs "$out"

echo "== screenshots"
node scripts/bench/screenshots.mjs "$base" "$out"
