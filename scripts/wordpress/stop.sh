#!/usr/bin/env bash
# Stops a WordPress started by scripts/wordpress/start.sh STATE_DIR (its php -S and its MariaDB, each a
# process group), waits until they are gone, and deletes STATE_DIR. Safe on a start that failed halfway, and
# on one already stopped.
# Usage: scripts/wordpress/stop.sh STATE_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
[ -d "$1" ] || exit 0 # already stopped
STATE="$(cd "$1" && pwd)"
# Delete only a folder start.sh made its own.
[ -e "$STATE/.broadsheet-wordpress" ] || { echo "$STATE was not made by scripts/wordpress/start.sh" >&2; exit 1; }

# start.sh saves each group id the moment it starts the server (the env file comes only at the end). A group is
# killed only if one of its processes still names this state folder on its command line, so a group id that
# has since been reused by something else is left alone. SIGKILL, not a clean shutdown: the database is
# deleted next anyway, and MariaDB's clean shutdown costs a second or more.
# Zombies are dead already (whether this machine's init reaps them promptly is not ours to decide).
live_in_group() { ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'; }
ours() { ps -e -o pgid=,args= | awk -v g="$1" -v s="$STATE/" '$1 == g && index($0, s) { found = 1 } END { exit !found }'; }
groups=()
for f in php.pgid db.pgid; do
  pgid="$(cat "$STATE/$f" 2>/dev/null || true)"
  [[ "$pgid" =~ ^[0-9]+$ ]] || continue
  if ours "$pgid"; then
    kill -KILL -- "-$pgid" 2>/dev/null || true
    groups+=("$pgid")
  fi
done
# They are not our children: poll until no process of either group is left (a few ms after SIGKILL).
for _ in $(seq 1 200); do
  alive=0
  for pgid in "${groups[@]}"; do live_in_group "$pgid" && alive=1; done
  [ "$alive" = 0 ] && break
  sleep 0.05
done
[ "$alive" = 0 ] || { echo "processes of groups ${groups[*]} are still running" >&2; exit 1; }
rm -rf "$STATE"
