#!/usr/bin/env bash
# Live blogs through the shipped VCL (docs/varnish/broadsheet.vcl): READERS (default 1000) simulated readers poll
# the demo blog's changes as the app does while an editor posts every 10 s, for DURATION seconds (default 60), against two
# instances behind Varnish. Prints the readers' requests per second, the requests that reached the instances, and
# how long each post took to reach each reader (scripts/bench/live-readers.py). It asserts nothing.
# Usage: scripts/bench-live.sh   (READERS=… DURATION=… to change the load)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

READERS="${READERS:-1000}"
SECONDS_RUN="${DURATION:-60}"
SERVER=target/server/broadsheet-server
TOKEN=bench-editor-token
BLOG=/finance/budget-night-live
for tool in varnishd varnishstat python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is required (scripts/install.sh installs it)" >&2; exit 1; }
done
[ -x "$SERVER" ] || cargo build -p broadsheet-server --profile server

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-live.XXXXXX")"
PIDS=()
cleanup() {
  [ -f "$TMP/varnish.pid" ] && kill "$(cat "$TMP/varnish.pid")" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

VARNISH_PORT="$(free_port)"
PORTS=()
mkdir -p "$TMP/dist"
printf '<!doctype html><title>Broadsheet</title>\n' >"$TMP/dist/index.html"
for i in 0 1; do
  port="$(free_port)"
  RUST_LOG=warn "$SERVER" serve --addr "127.0.0.1:$port" --db "$TMP/live.db" --content content --dist "$TMP/dist" \
    --moderation-token "$TOKEN" --purge-url "xkey+http://127.0.0.1:$VARNISH_PORT/" >"$TMP/instance$i.log" 2>&1 &
  PIDS+=($!)
  PORTS+=("$port")
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null && break
    sleep 0.1
  done
done
mkdir -p "$TMP/vcl"
cp docs/varnish/broadsheet.vcl "$TMP/vcl/"
backends_vcl "${PORTS[@]}" >"$TMP/vcl/backends.vcl"
varnishd -j none -n "$TMP/varnish" -a "127.0.0.1:$VARNISH_PORT" -f "$TMP/vcl/broadsheet.vcl" \
  -p vcl_path="$TMP/vcl" -s malloc,128m -T none -P "$TMP/varnish.pid"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$VARNISH_PORT/api/v1/health" 2>/dev/null && break
  sleep 0.2
done
echo "==> $READERS readers polling $BLOG for $SECONDS_RUN s through Varnish (two instances)"
python3 ${LR:-scripts/bench/live-readers.py} "http://127.0.0.1:$VARNISH_PORT" "http://127.0.0.1:${PORTS[0]}" "$BLOG" \
  "$TOKEN" "$TMP/varnish" "$READERS" "$SECONDS_RUN"
