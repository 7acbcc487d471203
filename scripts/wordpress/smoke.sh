#!/usr/bin/env bash
# Smoke test of the WordPress test harness: starts a site (scripts/wordpress/start.sh), reads posts over the
# REST API anonymously and with the application password, publishes the scheduled post as WP-Cron would
# (control.php publish-future), stops the site and checks that none of its processes is left.
# Exits non-zero on the first failure. Usage: scripts/wordpress/smoke.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

STATE="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-wp-smoke.XXXXXX")"
stopped=0
cleanup() { [ "$stopped" = 1 ] || "$HERE/stop.sh" "$STATE" || true; }
trap cleanup EXIT
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
# json FILE EXPR: evaluates a PHP expression on the decoded file, $j ("…" is printed as it is).
json() { php -r '$j = json_decode(file_get_contents($argv[1]), true); echo eval("return " . $argv[2] . ";"), "\n";' "$1" "$2"; }

"$HERE/start.sh" "$STATE"
# shellcheck source=/dev/null
source "$STATE/env"
F="$STATE/fixtures.json"
for v in WP_URL WP_USER WP_APP_PASSWORD WP_DIR WP_PHP_PID WP_DB_PID; do
  [ -n "${!v:-}" ] || fail "$v missing from $STATE/env"
done

# Anonymous: the published posts. Of the fixtures, drafts, scheduled and private posts are not listed; the
# password-protected one is (with its content marked protected), and pages never are.
curl -fsS -D "$STATE/h1" -o "$STATE/b1" "$WP_URL/wp-json/wp/v2/posts?per_page=5&_embed=1"
total="$(tr -d '\r' <"$STATE/h1" | sed -n 's/^[Xx]-[Ww][Pp]-[Tt]otal: //p')"
echo "X-WP-Total: $total"
echo "X-WP-TotalPages: $(tr -d '\r' <"$STATE/h1" | sed -n 's/^[Xx]-[Ww][Pp]-[Tt]otal[Pp]ages: //p')"
[ "$total" = 8 ] || fail "expected 8 published posts, X-WP-Total says '$total'"
echo "newest post's title.rendered: $(json "$STATE/b1" '$j[0]["title"]["rendered"]')"
blocks="$(json "$F" '$j["posts"]["blocks"]')"
curl -fsS -o "$STATE/b2" "$WP_URL/wp-json/wp/v2/posts/$blocks?_embed=1"
title="$(json "$STATE/b2" '$j["title"]["rendered"]')"
echo "title.rendered of post $blocks: $title"
[ "$title" = "Tyneford&#8217;s new library &#038; archive opens its doors" ] || fail "unexpected title: $title"
[ "$(json "$STATE/b2" '$j["_embedded"]["wp:featuredmedia"][0]["media_details"]["sizes"]["medium"]["width"] ?? ""')" != "" ] \
  || fail "the featured image of post $blocks has no medium size"
code="$(curl -s -o /dev/null -w '%{http_code}' "$WP_URL/wp-json/wp/v2/posts?status=draft")"
[ "$code" = 400 ] || fail "anonymous status=draft answered $code, not 400"

# With the application password (Basic auth, over plain http thanks to WP_ENVIRONMENT_TYPE=local): drafts.
draft="$(json "$F" '$j["posts"]["draft"]')"
curl -fsS -u "$WP_USER:$WP_APP_PASSWORD" -o "$STATE/b3" "$WP_URL/wp-json/wp/v2/posts?status=draft&context=edit"
drafts="$(json "$STATE/b3" 'implode(",", array_column($j, "id"))')"
echo "status=draft as $WP_USER: $drafts"
[[ ",$drafts," == *",$draft,"* ]] || fail "the draft $draft is not among the drafts ($drafts)"

# WP-Cron's part, by hand: the scheduled post becomes published, with its modified date unchanged.
scheduled="$(json "$F" '$j["posts"]["scheduled"]')"
php "$HERE/control.php" "$WP_DIR" publish-future "$scheduled" >"$STATE/c1"
cat "$STATE/c1"
[ "$(json "$STATE/c1" '$j["status"]')" = publish ] || fail "publish-future did not publish $scheduled"
[ "$(json "$STATE/c1" '$j["modified_gmt"] === $j["modified_gmt_before"] ? "same" : "changed"')" = same ] \
  || fail "publish-future changed post_modified"
code="$(curl -s -o /dev/null -w '%{http_code}' "$WP_URL/wp-json/wp/v2/posts/$scheduled")"
[ "$code" = 200 ] || fail "the published post $scheduled answers $code anonymously"
total="$(curl -fsS -o /dev/null -D - "$WP_URL/wp-json/wp/v2/posts?per_page=1" | tr -d '\r' | sed -n 's/^[Xx]-[Ww][Pp]-[Tt]otal: //p')"
[ "$total" = 9 ] || fail "expected 9 published posts after publish-future, X-WP-Total says '$total'"

# Stop, then check that no live process of either group is left (zombies, already dead, are not counted).
"$HERE/stop.sh" "$STATE"
stopped=1
[ ! -e "$STATE" ] || fail "$STATE still exists"
left="$(ps -e -o pgid=,stat=,pid=,args= | awk -v a="$WP_PHP_PID" -v b="$WP_DB_PID" '($1 == a || $1 == b) && $2 !~ /^Z/')"
[ -z "$left" ] || fail "processes left: $left"
echo "smoke: OK"
