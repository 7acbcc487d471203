#!/bin/sh
# Trunk's post_build hook (Trunk.toml), in the build's staging folder ($TRUNK_STAGING_DIR): on a release build, the
# scripts and style sheets minified (scripts/minify.mjs: esbuild, integrity hashes updated); then, on every build,
# the service worker written over the final files (scripts/sw-precache.sh), and on a release build minified too.
set -eu
dir="${TRUNK_STAGING_DIR:?run by Trunk, or set TRUNK_STAGING_DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${TRUNK_PROFILE:-}" = release ]; then
  files="$(cd "$dir" && find . -type f \( -name '*.js' -o -name '*.css' \) ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)"
  # shellcheck disable=SC2086 # file names are Trunk's: no spaces
  node "$root/scripts/minify.mjs" "$dir" $files
fi
sh "$root/scripts/sw-precache.sh" "$dir"
# The worker once its list is written: 6.9 KB of it was comments (the template keeps them for readers).
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node "$root/scripts/minify.mjs" "$dir" sw.js
fi
