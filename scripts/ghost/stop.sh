#!/usr/bin/env bash
# Stops a Ghost started by scripts/ghost/start.sh STATE_DIR (one process group), waits until it is gone, and
# deletes STATE_DIR. Safe on a start that failed halfway, and on one already stopped.
# Usage: scripts/ghost/stop.sh STATE_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
[ -d "$1" ] || exit 0 # already stopped
STATE="$(cd "$1" && pwd)"
# Delete only a folder start.sh made its own.
[ -e "$STATE/.broadsheet-ghost" ] || { echo "$STATE was not made by scripts/ghost/start.sh" >&2; exit 1; }

# start.sh saves the group id the moment it starts Ghost (the env file comes only at the end). The group is
# killed only if one of its processes still names this state folder on its command line (start.sh passes
# --broadsheet-state=STATE/), so a group id since reused by something else is left alone. SIGKILL, not a
# clean shutdown: the database is deleted next anyway, and Ghost takes 1-9 s to stop cleanly.
# Zombies are dead already (whether this machine's init reaps them promptly is not ours to decide).
live_in_group() { ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'; }
ours() { ps -e -o pgid=,args= | awk -v g="$1" -v s="$STATE/" '$1 == g && index($0, s) { found = 1 } END { exit !found }'; }
pgid="$(cat "$STATE/ghost.pgid" 2>/dev/null || true)"
if [[ "$pgid" =~ ^[0-9]+$ ]] && ours "$pgid"; then
  kill -KILL -- "-$pgid" 2>/dev/null || true
  # Not our child: poll until no process of the group is left (a few ms after SIGKILL).
  for _ in $(seq 1 200); do
    live_in_group "$pgid" || break
    sleep 0.05
  done
  ! live_in_group "$pgid" || { echo "processes of group $pgid are still running" >&2; exit 1; }
fi
rm -rf "$STATE"
