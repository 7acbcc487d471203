# Sourced by the other scripts: the tools the project installs, on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
# The pinned wasm-bindgen version, read from Cargo.toml so there is one place to change it.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$ROOT/Cargo.toml")"
export WASM_BINDGEN_VERSION
# The release wasm's toolchain: a pinned nightly, the one this machine kind ships, so that the standard library is
# built with the app (opt-level "z", LTO across it) and a panic aborts at once, without its message, location or
# formatting code (-Cpanic=immediate-abort): 14.6 KB brotli off the first visit (docs/performance.md, "The
# first-visit round"). Everything else (the server, tests, clippy, `trunk serve`) uses the stable toolchain.
WASM_NIGHTLY="nightly-2026-05-20"
WASM_NIGHTLY_RUSTC="rustc 1.97.0-nightly (e50aa6fba 2026-05-19)"
export WASM_NIGHTLY WASM_NIGHTLY_RUSTC
# wasm_toolchain: the installed toolchain that is the pin (by its dated name, or rustup's `nightly` when that is
# the same build), or nothing.
wasm_toolchain() {
  local t
  for t in "$WASM_NIGHTLY" nightly; do
    # Never rustup's auto-install: a missing toolchain is scripts/install.sh's to install, and says so.
    if [ "$(RUSTUP_AUTO_INSTALL=0 rustc +"$t" -V 2>/dev/null)" = "$WASM_NIGHTLY_RUSTC" ]; then
      echo "$t"
      return
    fi
  done
}
# release_wasm_env: the environment of a release build of the app (Trunk calls cargo with it): the pinned nightly,
# std built from source, panics that abort. Fails when scripts/install.sh has not installed the toolchain.
release_wasm_env() {
  RUSTUP_TOOLCHAIN="$(wasm_toolchain)"
  if [ -z "$RUSTUP_TOOLCHAIN" ]; then
    echo "the release wasm's toolchain ($WASM_NIGHTLY_RUSTC) is missing: run scripts/install.sh" >&2
    return 1
  fi
  export RUSTUP_TOOLCHAIN
  export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
  # std's smaller variants of its algorithms (sorting, integer formatting): 1.0 KB.
  export CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size"
  # Added to .cargo/config.toml's flags for the target, not instead of them (cargo merges the two lists). LLVM's
  # inliner only where a call costs more than the callee (threshold 0 instead of opt-level z's 5): 0.7 KB.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=0"
}
# A free TCP port on loopback, for a server a script starts.
free_port() {
  python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

# backends_vcl PORT...: the backends.vcl docs/varnish/broadsheet.vcl includes, for instances on loopback at these
# ports: the round-robin director `instances` and most read's hash director `readers` (as docs/varnish/backends.vcl).
backends_vcl() {
  local i=0 port adds="" readers=""
  echo "import directors;"
  for port in "$@"; do
    echo "backend instance$i { .host = \"127.0.0.1\"; .port = \"$port\"; .probe = broadsheet_health; }"
    adds+=" instances.add_backend(instance$i);"
    readers+=" readers.add_backend(instance$i, 1.0);"
    i=$((i + 1))
  done
  echo "sub vcl_init { new instances = directors.round_robin();$adds"
  echo "  new readers = directors.hash();$readers }"
}
