# Sourced by the other scripts: the tools the project installs, on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
# The pinned wasm-bindgen version, read from Cargo.toml so there is one place to change it.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$ROOT/Cargo.toml")"
export WASM_BINDGEN_VERSION
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
