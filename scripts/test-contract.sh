#!/usr/bin/env bash
# The content API against its OpenAPI document: schemathesis (every check, property-based requests) against the
# real server on a loopback port, over a fresh database with the demo content, editors' requests authorised by a
# test token. Needs the server built (target/debug/broadsheet-server, which `cargo test --workspace` builds) and
# schemathesis (scripts/install.sh --test puts it in .venv-contract). Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
SERVER="${SERVER:-target/debug/broadsheet-server}"
ST="$ROOT/.venv-contract/bin/schemathesis"
TMP="$(mktemp -d)"
PORT="$(free_port)"
TOKEN="contract-test-token"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
mkdir -p "$TMP/dist"
printf '<!doctype html><html><head><title>Broadsheet</title></head><body></body></html>\n' >"$TMP/dist/index.html"
# Generated comments and sign-ups are many: the rate limits would answer 429 to most of them.
"$SERVER" serve --addr "127.0.0.1:$PORT" --db "$TMP/contract.db" --content content --dist "$TMP/dist" \
  --moderation-token "$TOKEN" --mail-outbox "$TMP/outbox" --comment-limit 1000000 >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  grep -q "Broadsheet is ready" "$TMP/server.log" && break
  kill -0 "$PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done
"$ST" --config-file tests/contract/schemathesis.toml run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --url "http://127.0.0.1:$PORT" --checks all --header "Authorization: Bearer $TOKEN" --no-color
