#!/bin/sh
# Writes the service worker of one build: lists the app shell in DIR (the files Trunk emitted, hashed names
# included), derives the build id from their contents, and fills the template public/sw.js into DIR/sw.js. It
# also stamps the id into DIR/index.html (<meta name="broadsheet-build">), so a page knows which build it runs.
# Trunk runs it after every build (post_build hook, DIR = $TRUNK_STAGING_DIR); `scripts/sw-precache.sh dist`
# runs it by hand. POSIX sh, no other tools than find, sort, sha256sum and sed.
set -eu
dir="${1:-${TRUNK_STAGING_DIR:?give the build folder}}"
root="$(cd "$(dirname "$0")/.." && pwd)"
template="$root/public/sw.js"
cd "$dir"

# The shell: everything the first visit needs. Not the worker itself, the partner loader, editors' preview style,
# the server's form pages' style (those pages need the network anyway) or install screenshots.
files="$(find . -type f ! -name sw.js ! -name embed.js ! -name preview.css ! -name forms.css ! -name robots.txt ! -path './screenshots/*' \
  ! -path './icons/icon*' ! -name 'apple-touch-icon.png' ! -name '*.map' | sed 's|^\./|/|' | LC_ALL=C sort)"
# The build id: a hash over the files' contents (index.html without its previous stamp).
build="$(for f in $files; do
  if [ "$f" = /index.html ]; then sed 's|<meta name="broadsheet-build" content="[^"]*">||' "./$f" | sha256sum
  else sha256sum < "./$f"; fi
done | sha256sum | cut -c1-16)"
list="$(for f in $files; do printf "'%s'," "$f"; done | sed 's/,$//')"

sed -e "s|__BUILD__|$build|" -e "s|/\* PRECACHE \*/|$list|" "$template" > sw.js
sed -i "s|<meta name=\"broadsheet-build\" content=\"[^\"]*\">|<meta name=\"broadsheet-build\" content=\"$build\">|" index.html
bytes="$(for f in $files; do wc -c < "./$f"; done | awk '{s+=$1} END {print s}')"
echo "sw-precache: build $build, $(echo "$files" | wc -l) files, $bytes bytes precached"
