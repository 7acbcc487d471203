#!/usr/bin/env bash
# Installs what the Ghost content-source tests need (scripts/ghost/start.sh): Ghost 5.130.6, the last 5.x,
# from the npm registry with its production dependencies, into $ROOT/.cache/ghost (not in git). Called by
# scripts/install.sh --test; idempotent: a no-op in milliseconds when that version is there, a fresh install
# (about 1.5 minutes, ~170 MiB downloaded, 555 MB on disk) when it is absent or another version.
#
# Why not `npm install ghost@5.130.6`: Ghost's package.json names a `file:` tarball of its own
# (components/tryghost-i18n-*.tgz) that only resolves inside the unpacked package, which is how Ghost's own
# installer (ghost-cli) uses it. So the package is packed, unpacked, and its dependencies installed in place
# with yarn 1, following Ghost's own yarn.lock (the versions Ghost was released and tested with).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
log() { printf '==> %s\n' "$*"; }

GHOST_VERSION=5.130.6
YARN_VERSION=1.22.22
GHOST_CACHE="$ROOT/.cache/ghost"

# Ghost 5.130 runs on Node 18, 20 or 22 (its package.json's engines); Ghost 6 would need 22. Debian's node
# (scripts/install.sh installs it) is 20 here.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js and npm are required: scripts/install.sh" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
case "$node_major" in
  18 | 20 | 22) ;;
  *) echo "Ghost $GHOST_VERSION needs Node 18, 20 or 22, not $(node --version)" >&2; exit 1 ;;
esac
# sqlite3 and re2 have no prebuilt binary for every platform and are compiled by node-gyp (~40 s).
for tool in python3 make g++; do
  command -v "$tool" >/dev/null || { echo "$tool is required to build Ghost's sqlite3 and re2" >&2; exit 1; }
done

# The installed version is kept with the tree (and with the Node major the native modules were built for),
# so a change of either installs again. Snapshots of set-up databases (start.sh) live beside the tree and go
# with it.
want="$GHOST_VERSION node$node_major"
if [ "$(cat "$GHOST_CACHE/VERSION" 2>/dev/null)" = "$want" ] && [ -f "$GHOST_CACHE/tree/index.js" ] \
   && [ -d "$GHOST_CACHE/tree/node_modules/sqlite3" ]; then
  exit 0
fi

log "installing Ghost $GHOST_VERSION into .cache/ghost (about 1.5 minutes, once per machine)"
mkdir -p "$ROOT/.cache"
tmp="$(mktemp -d "$ROOT/.cache/ghost-install.XXXXXX")" # on the same file system, so the last mv is a rename
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "ghost@$GHOST_VERSION" >/dev/null)
mkdir -p "$tmp/root"
tar -xzf "$tmp/ghost-$GHOST_VERSION.tgz" -C "$tmp/root"
mv "$tmp/root/package" "$tmp/root/tree"
# yarn 1 resolves devDependencies even with --production, and one of Ghost's is a GitHub tarball, which
# cannot be fetched here; the tests need none of them.
node -e '
  const fs = require("fs"), f = process.argv[1];
  const p = JSON.parse(fs.readFileSync(f, "utf8"));
  delete p.devDependencies;
  fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' "$tmp/root/tree/package.json"
# The Node headers ship in /usr/include/node with Debian's nodejs; without this node-gyp tries to download
# them (and fails offline). The yarn cache (~790 MB) goes with $tmp. nice: others build on this machine.
(
  cd "$tmp/root/tree"
  export npm_config_nodedir=/usr
  nice -n 10 npm exec --yes --package="yarn@$YARN_VERSION" -- \
    yarn install --production --non-interactive --silent --no-progress --cache-folder "$tmp/yarn-cache"
) >"$tmp/yarn.log" 2>&1 || { tail -n 40 "$tmp/yarn.log" >&2; echo "yarn install failed" >&2; exit 1; }
# Proof that the native modules load with this node, before the tree is kept.
(cd "$tmp/root/tree" && node -e 'require("sqlite3"); require("re2"); require("sharp")') \
  || { echo "Ghost's native modules (sqlite3, re2, sharp) do not load" >&2; exit 1; }
printf '%s\n' "$want" >"$tmp/root/VERSION"
# Replace the cached install in one step, so an interrupted run never leaves half a tree behind.
rm -rf "$GHOST_CACHE.old"
[ -d "$GHOST_CACHE" ] && mv "$GHOST_CACHE" "$GHOST_CACHE.old"
mv "$tmp/root" "$GHOST_CACHE"
rm -rf "$GHOST_CACHE.old"
log "Ghost $GHOST_VERSION installed ($(du -sh "$GHOST_CACHE" | cut -f1))"
