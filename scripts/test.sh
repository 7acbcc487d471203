#!/usr/bin/env bash
# Runs every suite: formatting and lints, native unit and integration tests, browser tests (wasm-bindgen-test
# in headless Chromium) and end-to-end tests (Playwright against the real server). Exits non-zero on failure.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
# A clean build gains nothing from incremental compilation's caches, which would double target/ on disk.
export CARGO_INCREMENTAL=0
scripts/install.sh --test
# A clean run takes about 5 GB of target/ (4.8 GB at 245a2f9, 13 GB before the server's tests were one binary); a full disk shows here rather than as a failed write mid-build.
echo "==> disk: $(df -h --output=avail "$ROOT" | tail -1 | tr -d ' ') free"

echo "==> [$(date +%T)] cargo fmt --check"
cargo fmt --all --check
echo "==> [$(date +%T)] clippy (native, then the app for wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p broadsheet --target wasm32-unknown-unknown --features csr -- -D warnings
echo "==> [$(date +%T)] native unit and integration tests"
cargo test --workspace
# The server's suites again on PostgreSQL, beside the contract and browser tests: they mostly wait (on clusters,
# WordPress, Ghost, mail), so the two cores take both. The test binary the run above built is run as it is
# (`--workspace` keeps that run's features); cargo is left free for the browser tests' build.
echo "==> [$(date +%T)] the server's suites again on PostgreSQL, in the background (throwaway clusters on loopback)"
SERVER_TESTS="$(cargo test --workspace --test server --no-run 2>&1 | sed -n 's/^ *Executable .*(\(.*\))$/\1/p')"
[ -x "$SERVER_TESTS" ] || { echo "the server's test binary was not found" >&2; exit 1; }
SERVER_TESTS="$(realpath "$SERVER_TESTS")"
PG_LOG="$(mktemp)"
(cd crates/server && BROADSHEET_TEST_STORE=postgres "$SERVER_TESTS" >"$PG_LOG" 2>&1) &
PG_TESTS=$!
echo "==> [$(date +%T)] the content API against its OpenAPI document (schemathesis, every check)"
scripts/test-contract.sh
echo "==> [$(date +%T)] browser tests (wasm-bindgen-test, headless Chromium)"
cargo test -p broadsheet --target wasm32-unknown-unknown --features csr --test web
echo "==> [$(date +%T)] waiting for the suites on PostgreSQL"
if ! wait "$PG_TESTS"; then
  cat "$PG_LOG"
  echo "the server's suites failed on PostgreSQL (output above)" >&2
  exit 1
fi
grep -E "^test result" "$PG_LOG"
rm -f "$PG_LOG"
echo "==> [$(date +%T)] the release build"
scripts/build.sh
# The budget of the performance issue is 150 KB; the app is over it (docs/performance.md). This ceiling stops it growing unnoticed:
# lower it as the app shrinks, never raise it without a note of what the bytes bought.
# 245 -> 263 KB with the discovery pages (issue 15: topics, authors, search; docs/performance.md says what each took).
# 263 -> 271 KB with the newsletter sign-up form under every article (issue 16; docs/performance.md).
# Issue 25 takes it down lever by lever (docs/performance.md, "The first-visit round"); it never goes up again.
# The ceiling is scripts/bench/sizes.mjs's CEILING_KB.
echo "==> [$(date +%T)] first-visit bytes (against the ceiling)"
node scripts/bench/sizes.mjs dist --gate
echo "==> [$(date +%T)] end-to-end tests (Playwright)"
npx playwright test
