#!/usr/bin/env bash
# Install (only) what is missing to build and test Bia. Idempotent: a second run
# only checks versions and takes a few seconds.
#
#   bash scripts/setup.sh
#   . scripts/env.sh        # afterwards, to get trunk / wasm-opt / playwright on PATH
#
# Installs: rustup target wasm32-unknown-unknown, rustfmt + clippy, trunk (TRUNK_VERSION),
# wasm-bindgen-cli (= the wasm-bindgen version in Cargo.lock), wasm-split-cli, npm devDependencies
# (incl. binaryen's wasm-opt and @playwright/test), Debian chromium, and the crates
# (`cargo fetch`, so trunk's offline cargo build works).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
. scripts/env.sh

TRUNK_VERSION="0.21.14"
SETUP_START=$SECONDS

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- prerequisites that we cannot install offline ------------------------------
command -v rustup >/dev/null || die "rustup not found (install it from https://rustup.rs, then re-run)"
command -v cargo >/dev/null || die "cargo not found on PATH"
command -v node >/dev/null || die "node not found (Node >= 20 is required)"
command -v npm >/dev/null || die "npm not found"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node >= 20 required, found $(node --version)"

# --- Rust target and components ---------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rust target wasm32-unknown-unknown: present"
else
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
for comp in rustfmt clippy; do
  if grep -q "^$comp" <<<"$installed_components"; then
    log "rust component $comp: present"
  else
    log "adding rust component $comp"
    rustup component add "$comp"
  fi
done

# --- crates (creates Cargo.lock if missing; trunk builds with cargo --offline) -------
log "cargo fetch"
cargo fetch --quiet || die "cargo fetch failed (is crates.io reachable?)"

# --- wasm-bindgen-cli: must equal the wasm-bindgen crate in Cargo.lock exactly -------
wb_version="$(awk '
  /^\[\[package\]\]/ { inpkg = 0 }
  /^name = "wasm-bindgen"$/ { inpkg = 1; next }
  inpkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$wb_version" ] || die "could not find the wasm-bindgen package in Cargo.lock"
trunk_wb="$(sed -n 's/^[[:space:]]*wasm_bindgen[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' Trunk.toml)"
if [ -n "$trunk_wb" ] && [ "$trunk_wb" != "$wb_version" ]; then
  die "Trunk.toml [tools] wasm_bindgen = \"$trunk_wb\" but Cargo.lock has wasm-bindgen $wb_version; make them equal"
fi
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" = "$wb_version" ]; then
  log "wasm-bindgen-cli $wb_version: present"
else
  log "installing wasm-bindgen-cli $wb_version (found: ${have_wb:-none}); this compiles for a few minutes"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# --- wasm-split-cli: cuts the #[lazy] chunks out (scripts/wasm-split/wasm-bindgen) ---------
# The crate is wasm_split_cli_support (the crates.io crate named wasm-split-cli is another tool).
WASM_SPLIT_VERSION="0.2.4"
have_split="$(cargo install --list | sed -n 's/^wasm_split_cli_support v\([^:]*\):$/\1/p')"
if [ "$have_split" = "$WASM_SPLIT_VERSION" ] && command -v wasm-split-cli >/dev/null; then
  log "wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION): present"
else
  log "installing wasm_split_cli_support $WASM_SPLIT_VERSION (found: ${have_split:-none}); this compiles for a few minutes"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force
fi

# --- trunk ---------------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_trunk" = "$TRUNK_VERSION" ]; then
  log "trunk $TRUNK_VERSION: present"
else
  log "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}); this compiles for several minutes"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

# --- npm devDependencies (wasm-opt from binaryen, playwright, axe) ---------------------
npm_stamp="node_modules/.bia-setup-stamp"
npm_hash="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ -d node_modules ] && [ -f "$npm_stamp" ] && [ "$(cat "$npm_stamp")" = "$npm_hash" ] \
   && [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ]; then
  log "node_modules: up to date"
else
  if [ -f package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund
  else
    log "npm install (no package-lock.json yet)"
    npm install --no-audit --no-fund
  fi
  # package-lock.json may just have been created: hash again.
  cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1 >"$npm_stamp"
fi

# wasm-opt: trunk uses the first one on PATH and compares its version with Trunk.toml.
want_opt="$(sed -n 's/^[[:space:]]*wasm_opt[[:space:]]*=[[:space:]]*"version_\(.*\)".*/\1/p' Trunk.toml)"
opt_path="$(command -v wasm-opt || true)"
[ "$opt_path" = "$PWD/node_modules/.bin/wasm-opt" ] \
  || die "wasm-opt on PATH is '${opt_path:-none}', expected $PWD/node_modules/.bin/wasm-opt"
have_opt="$(wasm-opt --version | awk '{print $3}')"
if [ -n "$want_opt" ] && [ "$have_opt" != "$want_opt" ]; then
  die "wasm-opt is version $have_opt but Trunk.toml wants version_$want_opt (npm binaryen version in package.json)"
fi
log "wasm-opt $have_opt: $opt_path"

# --- chromium for the browser tests ------------------------------------------------
if [ -x "$CHROMIUM_PATH" ]; then
  log "chromium: $CHROMIUM_PATH present"
elif [ "$CHROMIUM_PATH" = /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  log "installing Debian chromium"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
else
  die "chromium not found at $CHROMIUM_PATH"
fi

# --- WebKitGTK and Firefox for the engine suite (tests/engines) ----------------------
# Debian's packages only: WebKitWebDriver drives MiniBrowser under Xvfb; Firefox ESR is driven
# over WebDriver BiDi by puppeteer-core (never a downloaded browser).
engine_packages=()
command -v WebKitWebDriver >/dev/null || engine_packages+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || engine_packages+=(xvfb)
[ -x /usr/bin/firefox-esr ] || engine_packages+=(firefox-esr)
if [ "${#engine_packages[@]}" -eq 0 ]; then
  log "WebKitWebDriver, Xvfb and firefox-esr present"
elif command -v apt-get >/dev/null; then
  log "installing Debian ${engine_packages[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${engine_packages[@]}"
else
  die "missing ${engine_packages[*]} and no apt-get to install them"
fi

log "done in $((SECONDS - SETUP_START))s"
