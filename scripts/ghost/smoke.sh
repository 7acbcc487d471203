#!/usr/bin/env bash
# Smoke test of the Ghost test harness: starts a site (scripts/ghost/start.sh), reads posts over the Content
# API, registers a webhook (control.mjs) to a tiny listener on loopback and checks that editing a post
# delivers a POST signed with the webhook's secret, stops the site and checks that none of its processes is
# left. Exits non-zero on the first failure. Usage: scripts/ghost/smoke.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

STATE="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-ghost-smoke.XXXXXX")"
HOOKS="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-ghost-hooks.XXXXXX")"
stopped=0
listener=""
cleanup() {
  [ -z "$listener" ] || kill "$listener" 2>/dev/null || true
  [ "$stopped" = 1 ] || "$HERE/stop.sh" "$STATE" || true
  rm -rf "$HOOKS"
}
trap cleanup EXIT
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
# json FILE EXPR: evaluates a JavaScript expression on the decoded file, j (a string is printed as it is).
json() { node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const v = eval(process.argv[2]); console.log(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"; }

"$HERE/start.sh" "$STATE"
# shellcheck source=/dev/null
source "$STATE/env"
F="$STATE/fixtures.json"
for v in GHOST_URL GHOST_CONTENT_KEY GHOST_ADMIN_KEY GHOST_PID GHOST_DIR; do
  [ -n "${!v:-}" ] || fail "$v missing from $STATE/env"
done

# Content API: the six published posts (drafts, scheduled posts and pages are not listed), newest first.
curl -fsS -o "$STATE/b1" "$GHOST_URL/ghost/api/content/posts/?key=$GHOST_CONTENT_KEY&include=tags,authors&formats=html&limit=3"
total="$(json "$STATE/b1" 'j.meta.pagination.total')"
echo "meta.pagination: $(json "$STATE/b1" 'j.meta.pagination')"
[ "$total" = 6 ] || fail "expected 6 published posts, meta.pagination.total says '$total'"
[ "$(json "$STATE/b1" 'j.posts[0].slug')" = "$(json "$F" 'j.posts.cards.slug')" ] || fail "the newest post is not the cards post"
echo "html of $(json "$STATE/b1" 'j.posts[0].slug') (first 300 characters): $(json "$STATE/b1" 'j.posts[0].html.slice(0, 300)')"
code="$(curl -s -o /dev/null -w '%{http_code}' "$GHOST_URL/ghost/api/content/posts/?key=0123456789abcdef01234567")"
[ "$code" = 401 ] || fail "a wrong Content API key answered $code, not 401"
# An image size variant, made by Ghost on its first request.
size="$(json "$STATE/b1" 'j.posts[0].feature_image.replace("/content/images/", "/content/images/size/w600/")')"
[ "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$size")" = "200 image/png" ] || fail "no w600 variant at $size"

# A listener that writes each POST it gets (path, signature header, raw body) as a line of JSON.
python3 -c '
import http.server, json, sys
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[1] + "/hooks.jsonl", "a") as f:
            f.write(json.dumps({"path": self.path, "signature": self.headers.get("X-Ghost-Signature"),
                                "body": body.decode()}) + "\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
with open(sys.argv[1] + "/port.tmp", "w") as f:
    f.write(str(server.server_address[1]))
__import__("os").rename(sys.argv[1] + "/port.tmp", sys.argv[1] + "/port")
server.serve_forever()' "$HOOKS" &
listener=$!
for _ in $(seq 1 100); do [ -s "$HOOKS/port" ] && break; sleep 0.05; done
[ -s "$HOOKS/port" ] || fail "the webhook listener did not start"
SECRET="smoke-$RANDOM$RANDOM"
node "$HERE/control.mjs" "$STATE" webhook post.edited "http://127.0.0.1:$(cat "$HOOKS/port")/hook" "$SECRET"
node "$HERE/control.mjs" "$STATE" edit cards "Tyneford’s new bus network: the final timetable"
for _ in $(seq 1 100); do [ -s "$HOOKS/hooks.jsonl" ] && break; sleep 0.05; done
[ -s "$HOOKS/hooks.jsonl" ] || fail "no webhook delivered within 5 s of the edit"
# X-Ghost-Signature: sha256=<hex>, t=<unix ms>, hex = HMAC-SHA256(secret, raw body followed by t).
node -e '
  const crypto = require("crypto"), [file, secret] = process.argv.slice(1);
  const hook = JSON.parse(require("fs").readFileSync(file, "utf8").split("\n")[0]);
  const m = /^sha256=([0-9a-f]{64}), t=(\d+)$/.exec(hook.signature || "");
  if (!m) { console.error("smoke: FAIL: signature header: " + hook.signature); process.exit(1); }
  const want = crypto.createHmac("sha256", secret).update(hook.body + m[2]).digest("hex");
  if (want !== m[1]) { console.error("smoke: FAIL: the signature does not match the body"); process.exit(1); }
  const {current, previous} = JSON.parse(hook.body).post;
  console.log(`webhook POST ${hook.path}: signature ok (t=${m[2]}), title "${previous.title}" -> "${current.title}"`);
' "$HOOKS/hooks.jsonl" "$SECRET"

# Stop, then check that no live process of Ghost's group is left (zombies, already dead, are not counted).
"$HERE/stop.sh" "$STATE"
stopped=1
[ ! -e "$STATE" ] || fail "$STATE still exists"
left="$(ps -e -o pgid=,stat=,pid=,args= | awk -v g="$GHOST_PID" '$1 == g && $2 !~ /^Z/')"
[ -z "$left" ] || fail "processes left: $left"
echo "smoke: OK"
