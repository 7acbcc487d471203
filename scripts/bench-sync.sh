#!/usr/bin/env bash
# Benchmarks syncing a WordPress site (issue 27's figures) and prints them; it asserts nothing.
#   1. a first sync of POSTS posts (default 10,000): time, the server's peak memory, requests to WordPress;
#   2. an incremental sync after 10 posts were edited: the same figures;
#   3. the server binary's size.
# A real WordPress on loopback (scripts/wordpress/start.sh), filled by scripts/wordpress/bulk.php.
# Usage: scripts/bench-sync.sh      POSTS=1000 for a quicker run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

POSTS="${POSTS:-10000}"
SERVER="${SERVER:-target/server/broadsheet-server}"
[ -x "$SERVER" ] || cargo build -p broadsheet-server --profile server

TMP="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-bench-sync.XXXXXX")"
cleanup() { scripts/wordpress/stop.sh "$TMP/wp" >/dev/null 2>&1 || true; rm -rf "$TMP"; }
trap cleanup EXIT
scripts/wordpress/start.sh "$TMP/wp" >/dev/null
# shellcheck source=/dev/null
source "$TMP/wp/env"
echo "==> adding $POSTS posts to WordPress (not timed as part of the sync)"
php scripts/wordpress/bulk.php "$WP_DIR" "$POSTS"
printf 'fallback = "workforce"\n[sections]\nnews = "housing"\npolitics = "finance"\narts-culture = "education"\n' \
  >"$TMP/mapping.toml"
RUST_LOG=warn "$SERVER" import --db "$TMP/site.db" --content content >/dev/null

# sync LABEL: one sync, timed; prints seconds, peak memory and the requests the sync says it sent.
sync() {
  local line requests
  /usr/bin/time -f '%e %M' -o "$TMP/time" "$SERVER" sync wordpress "$WP_URL" --db "$TMP/site.db" \
    --content content --user "$WP_USER" --app-password "$WP_APP_PASSWORD" --mapping "$TMP/mapping.toml" \
    2>"$TMP/sync.log" >"$TMP/sync.out"
  line="$(tail -n 1 "$TMP/sync.out")"
  requests="$(sed -n 's/.* \([0-9]*\) requests$/\1/p' <<<"$line")"
  read -r secs kb <"$TMP/time"
  printf '%-34s %8s s %6s MB peak %6s requests   (%s)\n' "$1" "$secs" "$((kb / 1024))" "$requests" \
    "${line#*: }"
}
echo "==> figures (this machine: $(nproc) cores, WordPress under php -S with 4 workers on the same cores)"
sync "first sync, $POSTS posts"
for id in $(seq 100 10 190); do
  php scripts/wordpress/control.php "$WP_DIR" edit "$id" "Edited headline $id" >/dev/null
done
sync "incremental sync, 10 edited"
sync "incremental sync, nothing changed"
echo "server binary: $(stat -c %s "$SERVER" | awk '{ printf "%.1f MB", $1 / 1048576 }') ($SERVER)"
