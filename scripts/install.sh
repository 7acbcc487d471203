#!/usr/bin/env bash
# Installs what Broadsheet needs to build it; with --test, what its tests need too.
# Idempotent: each step checks first, so a second run takes seconds.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
log() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) is required: https://rustup.rs" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]; then
  log "installing trunk 0.21.14 (about 7 minutes, once per machine)"
  cargo install --locked trunk@0.21.14
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once per machine)"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  cargo install --force wasm-bindgen-cli@"$WASM_BINDGEN_VERSION"
fi
# The release wasm's pinned nightly (env.sh, `release_wasm_env`) with the standard library's source and the wasm
# target, and the source's dependencies fetched (Trunk builds offline).
if [ -z "$(wasm_toolchain)" ]; then
  log "installing $WASM_NIGHTLY (the release wasm's toolchain)"
  rustup toolchain install "$WASM_NIGHTLY" --profile minimal -c rust-src -t wasm32-unknown-unknown
fi
WASM_TOOLCHAIN="$(wasm_toolchain)"
if [ -z "$WASM_TOOLCHAIN" ]; then
  echo "$WASM_NIGHTLY is not $WASM_NIGHTLY_RUSTC: the pin in scripts/env.sh needs both to name one build" >&2
  exit 1
fi
if ! rustup +"$WASM_TOOLCHAIN" component list --installed | grep -q '^rust-src' \
   || ! rustup +"$WASM_TOOLCHAIN" target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust-src and the wasm32 target to $WASM_TOOLCHAIN"
  rustup +"$WASM_TOOLCHAIN" component add rust-src
  rustup +"$WASM_TOOLCHAIN" target add wasm32-unknown-unknown
fi
STD_MANIFEST="$(rustc +"$WASM_TOOLCHAIN" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
if ! cargo +"$WASM_TOOLCHAIN" metadata --offline --format-version 1 --manifest-path "$STD_MANIFEST" >/dev/null 2>&1; then
  log "fetching the standard library's dependencies"
  cargo +"$WASM_TOOLCHAIN" fetch --manifest-path "$STD_MANIFEST"
fi
if ! command -v npm >/dev/null; then
  log "installing Node.js and npm"
  as_root apt-get update -q && as_root apt-get install -y -q nodejs npm
fi
# npm packages: wasm-opt (binaryen) and esbuild (minifying) for release builds, Playwright and axe for tests.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (binaryen, esbuild, Playwright, axe)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium chromium-driver
  fi
  # The PostgreSQL store's tests start throwaway clusters of Debian's PostgreSQL 15 (crates/server/tests/server/common),
  # one of them over TLS with a certificate made by openssl.
  if [ ! -x /usr/lib/postgresql/15/bin/initdb ] || ! command -v psql >/dev/null || ! command -v openssl >/dev/null; then
    log "installing PostgreSQL 15 and openssl from Debian"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql openssl
  fi
  # The cache tests' Varnish with the xkey module (crates/server/tests/server/varnish.rs runs docs/varnish/broadsheet.vcl).
  if [ ! -x /usr/sbin/varnishd ] || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then
    log "installing Varnish and varnish-modules (xkey) from Debian"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q varnish varnish-modules
  fi
  # The newsletter tests' SMTP relay on loopback (crates/server/tests/server/smtp_sink.py), on Debian's own Python.
  if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
    log "installing aiosmtpd (python3-aiosmtpd) from Debian"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q python3-aiosmtpd
  fi
  # The WordPress content source's tests run a real WordPress 6.1 on loopback (scripts/wordpress/start.sh): PHP
  # and MariaDB from Debian without a web server, and Debian's WordPress unpacked into .cache/wordpress.
  "$ROOT/scripts/wordpress/install.sh"
  # The Ghost content source's tests run a real Ghost 5.130.6 on loopback (scripts/ghost/start.sh): Ghost from
  # the npm registry with its production dependencies, installed into .cache/ghost on Debian's Node.
  "$ROOT/scripts/ghost/install.sh"
  # The content API's contract test (scripts/test-contract.sh): schemathesis, pinned, in a virtual environment
  # of Debian's Python (python3-venv).
  SCHEMATHESIS_VERSION="4.32.5"
  if [ "$("$ROOT/.venv-contract/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
    if ! /usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null; then
      log "installing python3-venv from Debian"
      as_root apt-get update -q
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q python3-venv
    fi
    log "installing schemathesis $SCHEMATHESIS_VERSION (the API contract test)"
    rm -rf "$ROOT/.venv-contract"
    /usr/bin/python3 -m venv "$ROOT/.venv-contract"
    "$ROOT/.venv-contract/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
  fi
fi
