#!/usr/bin/env bash
# Starts a real, throwaway WordPress 6.1 on loopback for the WordPress content-source tests: a fresh MariaDB
# (its own datadir, socket and port) and a fresh copy of WordPress served by `php -S`, both under STATE_DIR,
# then installs the site and its fixtures (scripts/wordpress/setup.php). Nothing outside STATE_DIR is written
# but, once per MariaDB version, a pristine datadir in .cache/mariadb to copy.
#
# Usage: scripts/wordpress/start.sh STATE_DIR     (stop and clean up with scripts/wordpress/stop.sh STATE_DIR)
# Writes, when the site answers:
#   STATE_DIR/env            shell-sourceable: WP_URL, WP_USER, WP_APP_PASSWORD, WP_DIR, WP_PHP_PID, WP_DB_PID
#                            (the two PIDs are process-group leaders: stop with kill -- -PID)
#   STATE_DIR/fixtures.json  setup.php's one-line JSON: the application password and the fixtures' ids
# On failure it prints the logs, stops whatever it had started and exits non-zero.
# Needs scripts/install.sh --test (PHP, MariaDB and the unpacked WordPress in .cache/wordpress).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WP_TREE="$ROOT/.cache/wordpress/tree"
MARIADBD=/usr/sbin/mariadbd

[ $# -eq 1 ] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
for tool in php mariadb mariadb-install-db curl setsid flock; do
  command -v "$tool" >/dev/null || { echo "$tool is required: scripts/install.sh --test" >&2; exit 1; }
done
[ -x "$MARIADBD" ] && [ -f "$WP_TREE/wp-load.php" ] \
  || { echo "MariaDB and WordPress are required: scripts/install.sh --test" >&2; exit 1; }

mkdir -p "$1"
STATE="$(cd "$1" && pwd)"
# Refuse a folder in use: stop.sh deletes the whole folder, so it must be one this script made its own.
if [ -n "$(ls -A "$STATE")" ]; then
  echo "$STATE is not empty (already running? scripts/wordpress/stop.sh $STATE)" >&2
  exit 1
fi
# The mark stop.sh checks before it deletes anything.
touch "$STATE/.broadsheet-wordpress"

started="$(date +%s%N)"
since() { awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
on_exit() {
  local rc=$?
  [ "$rc" = 0 ] && return
  echo "WordPress did not start (exit $rc) after $(since) s; logs from $STATE:" >&2
  for log in db.log php.log setup.log wp-errors.log; do
    [ -s "$STATE/$log" ] && { echo "--- $log" >&2; tail -n 30 "$STATE/$log" >&2; }
  done
  # Kill what was started and remove the folder, so a failed start leaves nothing behind.
  "$HERE/stop.sh" "$STATE" >&2 || true
}
trap on_exit EXIT

# Two free loopback ports (both held until both are known, so they differ) and the database password.
read -r DB_PORT WP_PORT DB_PASSWORD < <(php -r '
  $a = stream_socket_server("tcp://127.0.0.1:0"); $b = stream_socket_server("tcp://127.0.0.1:0");
  echo parse_url("tcp://" . stream_socket_get_name($a, false), PHP_URL_PORT), " ",
       parse_url("tcp://" . stream_socket_get_name($b, false), PHP_URL_PORT), " ", bin2hex(random_bytes(12)), "\n";')
WP_URL="http://127.0.0.1:$WP_PORT"
WP_DIR="$STATE/wordpress"
SOCK="$STATE/db.sock"
ME="$(id -un)" # mariadbd refuses to run as root unless told --user=root; as anyone else it is that user

# A fresh datadir is a copy of a pristine one (mariadb-install-db's output, nothing else), made once per
# MariaDB version in .cache/mariadb: 0.07 s instead of the 0.7-1.3 s mariadb-install-db takes each time.
# A small redo log keeps the copy small (26 MB instead of 114); the server must be started with the same size.
# --no-defaults: ignore /etc/mysql (Debian's config points at the system datadir and socket).
DB_TEMPLATE="$ROOT/.cache/mariadb/$("$MARIADBD" --version | md5sum | cut -c1-12)"
DB_OPTS=(--no-defaults --user="$ME" --innodb-log-file-size=8M)
if [ ! -d "$DB_TEMPLATE" ]; then
  mkdir -p "$(dirname "$DB_TEMPLATE")"
  # One maker at a time (two mariadb-install-db side by side fail); the others wait, then find it made.
  exec {lock}>"$DB_TEMPLATE.lock"
  flock "$lock"
  if [ ! -d "$DB_TEMPLATE" ]; then
    rm -rf "$DB_TEMPLATE.tmp"
    mariadb-install-db "${DB_OPTS[@]}" --datadir="$DB_TEMPLATE.tmp" --auth-root-authentication-method=normal \
      --skip-test-db --skip-name-resolve >"$STATE/db.log" 2>&1
    mv -T "$DB_TEMPLATE.tmp" "$DB_TEMPLATE"
  fi
  exec {lock}>&-
fi
cp -a "$DB_TEMPLATE" "$STATE/db"

# Each server gets its own session (setsid) and so its own process group, whose id is its PID: stop.sh kills
# the group (php -S forks its workers into it). The group ids are saved at once, so a start that fails
# halfway can still be cleaned up. Durability is traded for speed: the data dies with the run.
setsid "$MARIADBD" "${DB_OPTS[@]}" --datadir="$STATE/db" --socket="$SOCK" --port="$DB_PORT" \
  --bind-address=127.0.0.1 --pid-file="$STATE/db.pid" --skip-log-bin --skip-name-resolve \
  --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=64M \
  </dev/null >>"$STATE/db.log" 2>&1 &
WP_DB_PID=$!
disown # its end is stop.sh's business, not a job of this shell to report
echo "$WP_DB_PID" >"$STATE/db.pgid"

# WordPress, while MariaDB starts: hard links to the cached tree (0.04 s; a real copy of its 60 MB takes
# 0.25 s on an idle disk and seconds on a busy one), a real copy if .cache is on another file system.
# Nothing writes to WordPress's own files in place: updates, plugin installs and the file editor are off
# (wp-config.php below), and new files (wp-config.php, router.php, uploads) are new inodes in this copy.
cp -al "$WP_TREE" "$WP_DIR" 2>/dev/null || { rm -rf "$WP_DIR"; cp -a "$WP_TREE" "$WP_DIR"; }

# Our own wp-config.php (Debian's reads /etc/wordpress/config-HOST.php). WP_ENVIRONMENT_TYPE=local is what
# lets application passwords work over plain http (otherwise requests are silently anonymous). Outgoing
# HTTP is blocked (oEmbed, update checks), WP-Cron never runs by itself (tests publish scheduled posts with
# control.php), and PHP errors and warnings go to a log, never into the JSON answers. (Not WP_DEBUG: on
# PHP 8.2, WordPress 6.1 logs a dozen deprecation notices on every request.)
keys="$(php -r 'foreach (["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
  "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"] as $k) printf("define(\"%s\", \"%s\");\n", $k,
  bin2hex(random_bytes(24)));')"
cat >"$WP_DIR/wp-config.php" <<PHP
<?php
// Written by scripts/wordpress/start.sh for one test run.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wp');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', '127.0.0.1:$DB_PORT');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$keys
\$table_prefix = 'wp_';
define('WP_HOME', '$WP_URL');
define('WP_SITEURL', '$WP_URL');
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_EDIT', true);
define('DISALLOW_FILE_MODS', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', false);
ini_set('display_errors', '0');
ini_set('log_errors', '1');
ini_set('error_log', '$STATE/wp-errors.log');
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
PHP

# php -S knows nothing of rewrites: without a router, pretty permalinks and any path whose last segment has a
# dot (/2025/06/14/a.b/) answer 404. Existing files (assets, wp-admin/*.php) are served as they are.
cat >"$WP_DIR/router.php" <<'PHP'
<?php
// Router for php -S, written by scripts/wordpress/start.sh: what Apache's WordPress rewrite rules do.
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$file = __DIR__ . $path;
if ($path !== '/' && strpos($path, '..') === false
    && (is_file($file) || (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')))) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = __DIR__ . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require __DIR__ . '/index.php';
PHP
mkdir -p "$WP_DIR/wp-content/uploads"

# Workers: the built-in server is single-threaded otherwise, and a test that fetches while it pages
# through posts would wait on itself.
PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$WP_PORT" -t "$WP_DIR" "$WP_DIR/router.php" \
  </dev/null >"$STATE/php.log" 2>&1 &
WP_PHP_PID=$!
disown
echo "$WP_PHP_PID" >"$STATE/php.pgid"

# MariaDB answers on its socket ~0.1 s after start; then the database and WordPress's user. (No separate
# wait for php -S: it is up long before the setup below is done, and its answer is checked after.)
for _ in $(seq 1 200); do
  mariadb --no-defaults -uroot --socket="$SOCK" -e 'SELECT 1' >/dev/null 2>&1 && break
  kill -0 "$WP_DB_PID" 2>/dev/null || { echo "mariadbd exited" >&2; exit 1; }
  sleep 0.05
done
mariadb --no-defaults -uroot --socket="$SOCK" <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wp'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wp'@'127.0.0.1';
SQL

# Install the site and its fixtures with php-cli (no browser, no wp-cli); the last stdout line is the JSON.
php "$HERE/setup.php" "$WP_DIR" >"$STATE/setup.out" 2>"$STATE/setup.log"
tail -n 1 "$STATE/setup.out" >"$STATE/fixtures.json"
read -r WP_USER WP_APP_PASSWORD < <(php -r '
  $f = json_decode(file_get_contents($argv[1]), true) or exit(1);
  echo $f["user"], " ", $f["app_password"], "\n";' "$STATE/fixtures.json")

# php -S has had the whole setup to start; the REST API's index must now answer 200.
for _ in $(seq 1 200); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$WP_URL/wp-json/" || true)"
  [ "$code" = 200 ] && break
  kill -0 "$WP_PHP_PID" 2>/dev/null || { echo "php -S exited" >&2; exit 1; }
  sleep 0.05
done
[ "$code" = 200 ] || { echo "GET $WP_URL/wp-json/ answered $code after setup" >&2; exit 1; }

# %q leaves plain values as they are and quotes the rest, so the file stays sourceable.
for var in WP_URL WP_USER WP_APP_PASSWORD WP_DIR WP_PHP_PID WP_DB_PID; do
  printf '%s=%q\n' "$var" "${!var}"
done >"$STATE/env.tmp"
mv "$STATE/env.tmp" "$STATE/env" # whole or absent, for whoever polls for it
echo "WordPress $WP_URL ready in $(since) s (state in $STATE)"
