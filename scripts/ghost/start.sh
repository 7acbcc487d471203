#!/usr/bin/env bash
# Starts a real, throwaway Ghost 5.130.6 on loopback for the Ghost content-source tests: its own content
# folder and SQLite database under STATE_DIR, on a free port; sets the site up over the Admin API (owner,
# title), makes a custom integration for its Content and Admin API keys, and creates the fixtures
# (scripts/ghost/setup.mjs). Nothing outside STATE_DIR is written but, once per Ghost install and version of
# these scripts, a snapshot in .cache/ghost/snapshots of the database and images with the fixtures that do not
# depend on the time, to copy: a start from it takes ~4 s on this 2-core machine, from nothing ~7-10 s.
#
# Usage: scripts/ghost/start.sh STATE_DIR     (stop and clean up with scripts/ghost/stop.sh STATE_DIR)
# Writes, when the site answers:
#   STATE_DIR/env            shell-sourceable: GHOST_URL, GHOST_CONTENT_KEY, GHOST_ADMIN_KEY (id:secret),
#                            GHOST_PID (a process-group leader: stop with kill -- -PID), GHOST_DIR (the Ghost
#                            install), GHOST_CONTENT_DIR and GHOST_DB (this run's content folder and database)
#   STATE_DIR/fixtures.json  setup.mjs's one-line JSON: posts, pages, tags, authors and images by name, and
#                            the integration's id
# On failure it prints the logs, stops whatever it had started and exits non-zero.
# Needs scripts/install.sh --test (Ghost in .cache/ghost).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
GHOST_DIR="$ROOT/.cache/ghost/tree"

[ $# -eq 1 ] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
for tool in node curl setsid; do
  command -v "$tool" >/dev/null || { echo "$tool is required: scripts/install.sh --test" >&2; exit 1; }
done
[ -f "$GHOST_DIR/index.js" ] || { echo "Ghost is required: scripts/install.sh --test" >&2; exit 1; }

mkdir -p "$1"
STATE="$(cd "$1" && pwd)"
# Refuse a folder in use: stop.sh deletes the whole folder, so it must be one this script made its own.
if [ -n "$(ls -A "$STATE")" ]; then
  echo "$STATE is not empty (already running? scripts/ghost/stop.sh $STATE)" >&2
  exit 1
fi
# The mark stop.sh checks before it deletes anything.
touch "$STATE/.broadsheet-ghost"

started="$(date +%s%N)"
since() { awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
on_exit() {
  local rc=$?
  [ "$rc" = 0 ] && return
  echo "Ghost did not start (exit $rc) after $(since) s; logs from $STATE:" >&2
  for log in ghost.log setup.log; do
    [ -s "$STATE/$log" ] && { echo "--- $log" >&2; tail -n 30 "$STATE/$log" >&2; }
  done
  # Kill what was started and remove the folder, so a failed start leaves nothing behind.
  "$HERE/stop.sh" "$STATE" >&2 || true
}
trap on_exit EXIT

# A free loopback port (the kernel's pick, released just before Ghost binds it).
PORT="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
  console.log(s.address().port); s.close(); });')"
GHOST_URL="http://127.0.0.1:$PORT"
GHOST_CONTENT_DIR="$STATE/content"
GHOST_DB="$STATE/ghost.db"
# The owner's sign-in: fixed, as it lives in the cached snapshot; the site only ever listens on loopback.
OWNER_NAME="Eleanor Marsh"
OWNER_EMAIL="owner@tyneford.test"
OWNER_PASSWORD="Tyneford-Courier-1894"

# A fresh content folder (themes, routes.yaml, empty images/) copied from the package: 2 MB, so a real
# copy, as Ghost writes uploads and image sizes into it.
cp -a "$GHOST_DIR/content" "$GHOST_CONTENT_DIR"
mkdir -p "$STATE/url-cache"

# The snapshot: the database and the uploaded images right after the site's set-up and setup.mjs's base
# stage (migrations, Ghost's own fixtures, the owner and the title, tags, staff, images; no integration, no
# posts), so every run still gets its own API keys and posts dated from now. Keyed by the install and by the
# scripts that make it (this one, setup.mjs, admin.mjs), so an edit to any of them makes a new one; a new
# install of .cache/ghost drops them with the tree.
SNAPSHOTS="$ROOT/.cache/ghost/snapshots"
SNAPSHOT="$SNAPSHOTS/$(cat "$ROOT/.cache/ghost/VERSION" "$HERE/start.sh" "$HERE/setup.mjs" "$HERE/admin.mjs" | md5sum | cut -c1-12)"
if [ -f "$SNAPSHOT/ghost.db" ]; then
  cp "$SNAPSHOT/ghost.db" "$GHOST_DB"
  cp -a "$SNAPSHOT/images/." "$GHOST_CONTENT_DIR/images/"
  cp "$SNAPSHOT/base.json" "$STATE/base.json"
  fresh=0
else
  fresh=1
fi

# Ghost's configuration, all from the environment (nconf, "__" for nesting), none from files:
# - NODE_ENV=test: webhooks are sent once, without Ghost's 5 retries (WebhookTrigger: none when NODE_ENV
#   starts with "test"), and the background jobs that would reach outside (update check, ActivityPub, email
#   analytics) are not started. Not "testing": that name loads Ghost's config.testing.json, whose paths
#   point into Ghost's own test folder, absent from the npm package. With "test" the URL service reads its
#   cache from paths:urlCache, so that must be set (an empty folder).
# - privacy:useTinfoil: no Gravatar look-ups for the staff's emails, no update check, no RPC pings.
# - mail:transport=stub: invitations "sent" into nothing (setup.mjs reads their tokens from the database).
# - security:staffDeviceVerification=false: the owner signs in without an emailed code.
ghost_env=(
  NODE_ENV=test
  url="$GHOST_URL" server__host=127.0.0.1 server__port="$PORT"
  database__client=sqlite3 database__connection__filename="$GHOST_DB" database__useNullAsDefault=true
  paths__contentPath="$GHOST_CONTENT_DIR" paths__urlCache="$STATE/url-cache"
  privacy__useTinfoil=true privacy__useUpdateCheck=false
  mail__transport=stub mail__from=courier@tyneford.test
  security__staffDeviceVerification=false
  logging__level=warn logging__transports='["stdout"]'
)

# Its own session (setsid), so its own process group, whose id is its PID: stop.sh kills the group. The group
# id is saved at once, so a start that fails halfway can still be cleaned up. Ghost runs from its package
# folder (env -C), as Ghost's own installer runs it. --broadsheet-state is for stop.sh: an argument Ghost
# ignores that tells this Ghost, on its command line, from a process that later got the same id.
setsid env -C "$GHOST_DIR" "${ghost_env[@]}" node index.js --broadsheet-state="$STATE/" \
  </dev/null >"$STATE/ghost.log" 2>&1 &
GHOST_PID=$!
disown # its end is stop.sh's business, not a job of this shell to report
echo "$GHOST_PID" >"$STATE/ghost.pgid"

# Ghost answers 503 until its database is migrated and its services are up: 3-6 s on an empty database,
# ~2 s on the snapshot (measured on 2 cores).
code=000
for _ in $(seq 1 600); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$GHOST_URL/ghost/api/admin/site/" || true)"
  [ "$code" = 200 ] && break
  kill -0 "$GHOST_PID" 2>/dev/null || { echo "Ghost exited" >&2; exit 1; }
  sleep 0.05
done
booted="$(since)"
[ "$code" = 200 ] || { echo "GET $GHOST_URL/ghost/api/admin/site/ still answers $code" >&2; exit 1; }

# The Admin API wants an Origin (its CSRF check) on session requests. api() prints the body, fails on
# anything but 2xx.
api() {
  local method="$1" path="$2" data="${3:-}" out
  out="$(curl -sS -X "$method" -b "$STATE/cookies" -c "$STATE/cookies" -H "Origin: $GHOST_URL" \
    -H 'Content-Type: application/json' ${data:+--data-binary "$data"} -w '\n%{http_code}' \
    "$GHOST_URL/ghost/api/admin/$path")"
  case "${out##*$'\n'}" in
    2??) printf '%s\n' "${out%$'\n'*}" ;;
    *) echo "$method $path answered ${out##*$'\n'}: ${out%$'\n'*}" >&2; return 1 ;;
  esac
}
json_str() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }

if [ "$fresh" = 1 ]; then
  # The set-up form of Ghost Admin, over HTTP: the owner and the site title. Then the fixtures that do not
  # depend on the time (setup.mjs base; its last stdout line is the JSON).
  api POST authentication/setup/ "{\"setup\": [{\"name\": $(json_str "$OWNER_NAME"), \"email\": \"$OWNER_EMAIL\",
    \"password\": \"$OWNER_PASSWORD\", \"blogTitle\": $(json_str 'Tyneford Courier (Ghost)')}]}" >/dev/null
  GHOST_URL="$GHOST_URL" GHOST_OWNER_EMAIL="$OWNER_EMAIL" GHOST_OWNER_PASSWORD="$OWNER_PASSWORD" \
    GHOST_DB="$GHOST_DB" GHOST_DIR="$GHOST_DIR" node "$HERE/setup.mjs" base >"$STATE/base.out" 2>"$STATE/setup.log"
  tail -n 1 "$STATE/base.out" >"$STATE/base.json"
  # Snapshot it for the next runs, in a temporary folder renamed at the end, so a reader never sees half of
  # one (two starts that both made one: the second rename fails, and its copy goes). VACUUM INTO writes a
  # consistent copy of the database while Ghost keeps running (with Ghost's own sqlite3).
  mkdir -p "$SNAPSHOTS"
  tmp="$SNAPSHOT.$$.tmp"
  rm -rf "$tmp"
  mkdir "$tmp"
  (cd "$GHOST_DIR" && node -e '
    const sqlite3 = require("sqlite3"), [db, to] = process.argv.slice(1);
    const d = new sqlite3.Database(db, sqlite3.OPEN_READONLY, (e) => { if (e) throw e; });
    d.run("VACUUM INTO ?", [to], (e) => { if (e) throw e; d.close(); });' "$GHOST_DB" "$tmp/ghost.db")
  cp -a "$GHOST_CONTENT_DIR/images" "$tmp/images"
  cp "$STATE/base.json" "$tmp/base.json"
  if mv -T "$tmp" "$SNAPSHOT" 2>/dev/null; then
    # Those of earlier versions of the scripts (not temporary folders: another start may be writing one).
    find "$SNAPSHOTS" -mindepth 1 -maxdepth 1 ! -name "$(basename "$SNAPSHOT")" ! -name '*.tmp' \
      -exec rm -rf {} +
  else
    rm -rf "$tmp"
  fi
fi

# Signed in as the owner (a session cookie), a custom integration: its Content API key and its Admin API key
# (Ghost answers the latter as "id:secret", the form the JWT is made from).
api POST session/ "{\"username\": \"$OWNER_EMAIL\", \"password\": \"$OWNER_PASSWORD\"}" >/dev/null
# express-session answers before its store has saved the new session: a request right after can find none
# (403). Wait until the session is there.
for _ in $(seq 1 100); do
  api GET users/me/ >/dev/null 2>&1 && break
  sleep 0.02
done
api POST 'integrations/?include=api_keys' '{"integrations": [{"name": "Broadsheet tests"}]}' >"$STATE/integration.json"
read -r INTEGRATION_ID GHOST_CONTENT_KEY GHOST_ADMIN_KEY < <(node -e '
  const [i] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).integrations;
  const key = (type) => i.api_keys.find((k) => k.type === type).secret;
  console.log(i.id, key("content"), key("admin"));' "$STATE/integration.json")

# The posts, made by the integration (setup.mjs posts; its last stdout line is the JSON).
GHOST_URL="$GHOST_URL" GHOST_ADMIN_KEY="$GHOST_ADMIN_KEY" GHOST_CONTENT_KEY="$GHOST_CONTENT_KEY" \
  GHOST_INTEGRATION_ID="$INTEGRATION_ID" node "$HERE/setup.mjs" posts "$STATE/base.json" >"$STATE/setup.out" 2>>"$STATE/setup.log"
tail -n 1 "$STATE/setup.out" >"$STATE/fixtures.json"

# %q leaves plain values as they are and quotes the rest, so the file stays sourceable.
for var in GHOST_URL GHOST_CONTENT_KEY GHOST_ADMIN_KEY GHOST_PID GHOST_DIR GHOST_CONTENT_DIR GHOST_DB; do
  printf '%s=%q\n' "$var" "${!var}"
done >"$STATE/env.tmp"
mv "$STATE/env.tmp" "$STATE/env" # whole or absent, for whoever polls for it
echo "Ghost $GHOST_URL ready in $(since) s (up in $booted s from $([ "$fresh" = 1 ] && echo 'an empty database, snapshot made' \
  || echo 'the snapshot'); state in $STATE)"
