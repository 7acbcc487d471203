#!/usr/bin/env bash
# Builds the release app into dist/ (Trunk, wasm-opt -Oz) and the server into target/server/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
echo "==> building the app (trunk build --release, $WASM_NIGHTLY_RUSTC)"
# In a subshell: the nightly's environment is the wasm's alone, not the server's build below.
(release_wasm_env && trunk build --release)
echo "==> building the server"
cargo build -p broadsheet-server --profile server
