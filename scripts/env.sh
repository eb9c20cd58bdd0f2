# shellcheck shell=bash
# Source this file (`. scripts/env.sh`) to get the project's tools on PATH:
#   node_modules/.bin  -> wasm-opt (npm binaryen@132), playwright
#   ~/.cargo/bin       -> cargo, trunk, wasm-bindgen, wasm-split-cli
#   scripts/wasm-split -> the wasm-bindgen wrapper Trunk calls (splits, then the real one)
# node_modules/.bin comes first so a Debian /usr/bin/wasm-opt (binaryen 108, which
# breaks the app) is never picked up by trunk.
BIA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BIA_ROOT
_bia_prepend_path() {
  PATH=":$PATH:"
  PATH="${PATH//:$1:/:}"
  PATH="${PATH#:}"
  PATH="$1:${PATH%:}"
}
_bia_prepend_path "${CARGO_HOME:-$HOME/.cargo}/bin"
_bia_prepend_path "$BIA_ROOT/node_modules/.bin"
# The wasm-bindgen Trunk finds first: splits the `#[lazy]` chunks out, then runs the real one
# (the next wasm-bindgen on PATH). See scripts/wasm-split/wasm-bindgen.
_bia_prepend_path "$BIA_ROOT/scripts/wasm-split"
unset -f _bia_prepend_path
export PATH
# Playwright must never download browsers; we use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
