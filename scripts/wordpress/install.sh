#!/usr/bin/env bash
# Installs what the WordPress content-source tests need (scripts/wordpress/start.sh): PHP 8.2 with the
# extensions WordPress uses, MariaDB's server and client, and Debian's WordPress 6.1 unpacked into
# $ROOT/.cache/wordpress (not in git). Called by scripts/install.sh --test; idempotent and quick when done.
#
# Why not `apt-get install wordpress`: the package depends on `apache2 | httpd` and php-fpm, so apt would
# pull in a web server (it picked yaws and Erlang) that the tests never use; they serve with `php -S`.
# Instead the package and the four it links into (its theme, getid3 and two JavaScript libraries) are
# downloaded and unpacked together into one private folder, where Debian's relative symlinks resolve.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
log() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

WP_CACHE="$ROOT/.cache/wordpress"
WP_PACKAGES=(wordpress wordpress-theme-twentytwentythree php-getid3 libjs-cropper libjs-underscore)

# PHP without Apache (php8.2-cli, not php8.2: that one recommends libapache2-mod-php) and MariaDB without
# its service scripts (the -core packages: no systemd unit, no debconf, no server started by apt).
have_all() {
  [ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db >/dev/null && command -v mariadb >/dev/null \
    && command -v php >/dev/null || return 1
  local mods m
  mods="$(php -m)"
  for m in mysqli gd dom mbstring curl; do grep -qix "$m" <<<"$mods" || return 1; done
}
if ! have_all; then
  log "installing PHP 8.2 (cli) and MariaDB from Debian, without a web server"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends \
    php8.2-cli php8.2-mysql php8.2-gd php8.2-xml php8.2-mbstring php8.2-curl \
    mariadb-server-core mariadb-client-core
fi

# The unpacked packages are kept with the version they came from, so a new Debian release of the package (a
# security update, say) is unpacked again on the next run. Beside them, tree/ is WordPress ready to copy:
# symlinks resolved (they point into the other four packages, or to system files), without Debian's
# wp-config.php (it reads /etc/wordpress/config-HOST.php and answers 404 without one; start.sh writes its
# own) and without .htaccess (a link to /etc/wordpress/htaccess, absent here; php -S ignores it anyway).
want="$(apt-cache policy wordpress | sed -n 's/^ *Candidate: //p')"
if [ -z "$want" ] || [ "$want" = "(none)" ]; then
  echo "the Debian package wordpress is not available (apt-get update?)" >&2
  exit 1
fi
if [ "$(cat "$WP_CACHE/VERSION" 2>/dev/null)" != "$want" ] \
   || [ ! -f "$WP_CACHE/tree/wp-includes/version.php" ]; then
  log "unpacking WordPress $want (Debian) into .cache/wordpress"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-wp-debs.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  # apt drops root to the _apt user to download: it must be able to write the folder.
  chmod 0777 "$tmp"
  (cd "$tmp" && apt-get download -q "${WP_PACKAGES[@]}" >/dev/null)
  mkdir -p "$tmp/root"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$tmp/root"; done
  src="$tmp/root/usr/share/wordpress"
  rm -f "$src/.htaccess" "$src/wp-config.php"
  # The CA bundle is a link to the system's; requests to the outside are blocked in tests anyway.
  [ -e "$src/wp-includes/certificates/ca-bundle.crt" ] || rm -f "$src/wp-includes/certificates/ca-bundle.crt"
  cp -rL "$src" "$tmp/root/tree"
  mkdir -p "$tmp/root/tree/wp-content/uploads"
  # start.sh hard-links this tree's files into each run's copy: read-only, so that a stray write to a run's
  # copy fails (for anyone but root) instead of changing every later run.
  find "$tmp/root/tree" -type f -exec chmod a-w {} +
  printf '%s\n' "$want" >"$tmp/root/VERSION"
  # Replace the cached tree in one step, so an interrupted run never leaves half a tree behind.
  mkdir -p "$(dirname "$WP_CACHE")"
  rm -rf "$WP_CACHE.old"
  [ -d "$WP_CACHE" ] && mv "$WP_CACHE" "$WP_CACHE.old"
  mv "$tmp/root" "$WP_CACHE"
  rm -rf "$WP_CACHE.old"
fi
