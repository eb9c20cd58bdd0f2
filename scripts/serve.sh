#!/usr/bin/env bash
# Build the release app with trunk and serve dist/ on localhost.
#
#   bash scripts/serve.sh                 # http://127.0.0.1:8080/
#   PORT=9000 bash scripts/serve.sh
#   bash scripts/serve.sh --base /bia/    # serve under a sub-path (public_url is "./")
#   bash scripts/serve.sh --no-build      # serve the existing dist/
#
# We serve with tests/e2e/static-server.mjs (the same server the browser tests use)
# rather than `trunk serve`, so what you see is exactly what is tested.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${PORT:-8080}"
BASE="/"
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --base) BASE="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$BASE" in /*) ;; *) BASE="/$BASE" ;; esac
case "$BASE" in */) ;; *) BASE="$BASE/" ;; esac

bash scripts/setup.sh
# shellcheck source=scripts/env.sh
. scripts/env.sh
unset RUSTFLAGS # would replace the wasm32 rustflags in .cargo/config.toml

if [ "$BUILD" = 1 ]; then
  trunk build --release
fi
[ -f dist/index.html ] || { echo "serve.sh: dist/index.html missing; run without --no-build" >&2; exit 1; }

URL="http://127.0.0.1:${PORT}${BASE}"
printf '\n\033[1;32m  Bia is being served at:  %s\033[0m\n  (Ctrl-C to stop)\n\n' "$URL"
exec node tests/e2e/static-server.mjs dist "$PORT" "$BASE"
