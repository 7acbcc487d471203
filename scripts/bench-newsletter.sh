#!/usr/bin/env bash
# Prints how long a weekly edition takes to build and to send to N confirmed subscribers (default 10 000) through
# an SMTP relay on loopback (the tests' aiosmtpd sink, counting without keeping), and the database's size after.
# It asserts nothing; tests never time. Usage: scripts/bench-newsletter.sh [N]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
N="${1:-10000}"
cargo build --quiet --profile server -p broadsheet-server
BIN="$ROOT/target/server/broadsheet-server"
WORK="$(mktemp -d)"
trap 'kill "${SINK_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
DB="$WORK/bench.db"
"$BIN" --db "$DB" --content content import > /dev/null
/usr/bin/python3 - "$DB" "$N" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
with c:
    for i in range(n):
        cur = c.execute("INSERT INTO subscribers (email, email_key, state, manage_nonce, signed_up, confirmed) "
                        "VALUES (?, ?, 'confirmed', 'bench', 0, 0)", (f"reader{i}@example.org",) * 2)
        c.execute("INSERT INTO subscriptions (subscriber_id, edition) VALUES (?, 'weekly')", (cur.lastrowid,))
PY
PORT="$(free_port)"
mkfifo "$WORK/stdin"
/usr/bin/python3 crates/server/tests/server/smtp_sink.py --port "$PORT" --dir "$WORK" --discard < "$WORK/stdin" > "$WORK/sink.out" &
SINK_PID=$!
exec 3> "$WORK/stdin"
until grep -q ready "$WORK/sink.out" 2>/dev/null; do sleep 0.1; done

echo "== newsletter: the weekly edition of 2026-11-27 to $N confirmed subscribers, relay on loopback"
"$BIN" --db "$DB" --mail-outbox "$WORK/outbox" newsletter send --edition weekly --date 2026-11-27 --dry-run
start=$(date +%s.%N)
"$BIN" --db "$DB" --smtp-url "smtp://127.0.0.1:$PORT" newsletter send --edition weekly --date 2026-11-27
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$N" 'BEGIN { t = e - s; printf "send: %.1f s wall, %.0f messages/s\n", t, n / t }'
echo "database after: $(du -h "$DB" | cut -f1) ($(du -h "$DB-wal" 2>/dev/null | cut -f1 || echo 0) WAL)"
