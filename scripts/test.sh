#!/usr/bin/env bash
# Full check: setup, formatting, lints (host + wasm32), native tests, release build,
# browser tests (Playwright + Debian chromium), then the engine suite in WebKitGTK and Firefox
# (tests/engines), all against dist/ served from localhost.
# Stops at the first failing step and says which one.
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh -- --grep smoke # extra args after -- go to `playwright test`
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PW_ARGS=()
if [ "${1:-}" = "--" ]; then shift; PW_ARGS=("$@"); fi

TOTAL_START=$SECONDS
CURRENT_STEP="setup"
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '\n\033[1;31m[test] FAILED at step: %s (exit %s) after %ss\033[0m\n' "$CURRENT_STEP" "$rc" "$((SECONDS - TOTAL_START))" >&2
  fi
}
trap on_exit EXIT

step() {
  CURRENT_STEP="$1"; shift
  local t=$SECONDS
  printf '\n\033[1;34m[test] ==> %s\033[0m\n' "$CURRENT_STEP"
  "$@"
  printf '\033[1;32m[test] ok: %s (%ss)\033[0m\n' "$CURRENT_STEP" "$((SECONDS - t))"
}

step "setup" bash scripts/setup.sh
# shellcheck source=scripts/env.sh
. scripts/env.sh

if [ -n "${RUSTFLAGS:-}" ]; then
  echo "[test] note: unsetting RUSTFLAGS ('$RUSTFLAGS'); it would replace the rustflags in .cargo/config.toml" >&2
  unset RUSTFLAGS
fi

step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy (host, all targets)" cargo clippy --all-targets -- -D warnings
step "cargo clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown -- -D warnings
step "cargo test (native)" cargo test
step "trunk build --release" trunk build --release
step "size budget" bash scripts/check-size.sh
step "playwright (chromium, dist/)" playwright test "${PW_ARGS[@]}"
step "engines (WebKitGTK, Firefox; dist/)" node tests/engines/run.mjs --engine all dist

printf '\n\033[1;32m[test] all steps passed in %ss\033[0m\n' "$((SECONDS - TOTAL_START))"
