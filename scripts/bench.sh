#!/usr/bin/env bash
# Builds the release app and measures it in headless Chromium: first-load size, start-up time
# against a static page of the same text, tap-to-paint latency, timer drift, memory, what each
# screen does while idle (main-thread time, animation frames, DOM mutations over 5 s), the bytes
# of a first visit with its service worker install, and Lighthouse (mobile, simulated throttling;
# npm lighthouse with Debian's Chromium). The first visit and Lighthouse are served as a real
# host would: gzip, long-lived caching for hashed files, revalidation for index.html and sw.js.
#
#   bash scripts/bench.sh                          # full run (about ten minutes)
#   bash scripts/bench.sh --skip drift             # without the real-time drift run
#   bash scripts/bench.sh --skip lighthouse,idle   # skips: taps, beats, drift, memory, idle,
#                                                  #   first-visit, lighthouse
#   bash scripts/bench.sh --lighthouse-runs 3      # Lighthouse figures as the median of 3 runs
#
# Without building: node bench/run.mjs --dist DIR [same options] measures the build in DIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# shellcheck source=scripts/env.sh
. scripts/env.sh
unset RUSTFLAGS
trunk build --release
node bench/run.mjs "$@"
