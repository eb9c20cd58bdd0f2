#!/usr/bin/env bash
# Builds the release app and measures it in headless Chromium: first-load size, start-up time
# against a static page of the same text, tap-to-paint latency, timer drift, memory.
#
#   bash scripts/bench.sh                  # full run (about six minutes)
#   bash scripts/bench.sh --skip drift     # without the real-time drift run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# shellcheck source=scripts/env.sh
. scripts/env.sh
unset RUSTFLAGS
trunk build --release
node bench/run.mjs "$@"
