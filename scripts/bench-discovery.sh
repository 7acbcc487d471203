#!/usr/bin/env bash
# Prints search latency (p50/p99 of 30 runs per query) and sitemap build time and memory with 1 000 and 100 000
# articles in the database (crates/server/examples/bench_discovery.rs). It asserts nothing; tests never time.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
cargo run --quiet --profile server -p broadsheet-server --example bench_discovery
