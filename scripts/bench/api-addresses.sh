# Sourced by scripts/bench-api-compare.sh and scripts/bench-api-instructions.sh: the addresses both compare two
# server builds on (demo content). PATHS: API answers; with a built app in $DIST (default dist/, holding
# index.html) the first-paint HTML of an article and of the front page too.
PATHS=(
  /api/v1/articles/transport/tyneford-bus-franchising-goes-live
  "/api/v1/sections/transport?page=1"
  "/api/v1/search?q=bus+franchising"
  /api/v1/front
)
DIST="${DIST:-dist}"
if [ -f "$DIST/index.html" ]; then
  PATHS+=(/transport/tyneford-bus-franchising-goes-live /)
fi
