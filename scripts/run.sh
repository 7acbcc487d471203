#!/usr/bin/env bash
# Installs what is missing, builds the app (release) and the server, and serves both with the demo content on
# http://127.0.0.1:8080 (override with BROADSHEET_ADDR). The database is created on first start.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh
scripts/build.sh
exec target/server/broadsheet-server serve \
  --addr "${BROADSHEET_ADDR:-127.0.0.1:8080}" \
  --db "${BROADSHEET_DB:-broadsheet.db}" \
  --content "${BROADSHEET_CONTENT:-content}" \
  --dist "${BROADSHEET_DIST:-dist}"
