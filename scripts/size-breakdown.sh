#!/usr/bin/env bash
# Where the bytes of the shipped wasm go: by crate (leptos, tachys, reactive_graph, serde_json,
# core::fmt, ...) and by module of Bia (bia::ui::history, bia::core::progress, ...), the 40 items
# that keep the most code alive, and whether float formatting is linked and what pulls it in.
# Prints the tables and writes the full data to bench-results/size-breakdown.json.
#
#   bash scripts/size-breakdown.sh
#   BIA_SIZE_TARGET_DIR=/some/dir bash scripts/size-breakdown.sh    # another cargo target dir
#
# It builds the wasm as the release build does (the same profile, the rustflags of
# .cargo/config.toml, `--bin bia`, then wasm-bindgen --target web and wasm-opt -Oz as Trunk runs
# them) with two changes that touch names, not code: the name section is kept
# (CARGO_PROFILE_RELEASE_STRIP=none, wasm-opt -g) and symbols use the v0 mangling, whose names
# carry their generic arguments, so a tachys function made for a view of bia::ui::history says
# so. The same wasm-bindgen output through wasm-opt -Oz without -g is the shipped-equivalent file;
# its size is printed, and dist/'s if there is a Trunk build, to check that they agree. They do not
# quite: wasm-bindgen names its closure exports after the Rust symbols, which v0 makes longer, and
# wasm-opt merges a few functions differently. Measured at 1ce418c: 731,156 B here against
# 731,337 B for the plain release build (-0.02 %; exports +795 B, code -967 B).
# wasm-bindgen is the one Trunk would run, the first on PATH after scripts/env.sh: when that is
# a wrapper that splits `#[lazy]` chunks out first, the breakdown is of the main module (what
# the first load fetches) and the chunks are listed with their sizes.
# The build has its own target dir (target/size-breakdown unless BIA_SIZE_TARGET_DIR is set), so
# it never disturbs Trunk's, and cargo runs at nice 19. The first run installs twiggy and builds
# every crate (about 15 minutes on 2 cores); after that it rebuilds Bia only (a few minutes).
# The grouping rules are printed at the top of the output (scripts/size-breakdown.mjs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
. scripts/env.sh

START=$SECONDS
TWIGGY_VERSION="0.8.0"
log() { printf '\033[1;34m[size]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[size] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

target_dir="${BIA_SIZE_TARGET_DIR:-$PWD/target/size-breakdown}"
out_json="bench-results/size-breakdown.json"

# --- tools ----------------------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found on PATH"
command -v node >/dev/null || die "node not found on PATH"
command -v gzip >/dev/null || die "gzip not found on PATH"
wb_version="$(awk '
  /^\[\[package\]\]/ { inpkg = 0 }
  /^name = "wasm-bindgen"$/ { inpkg = 1; next }
  inpkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$wb_version" ] || die "could not find the wasm-bindgen package in Cargo.lock"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
[ "$have_wb" = "$wb_version" ] \
  || die "wasm-bindgen CLI is '${have_wb:-missing}', Cargo.lock has $wb_version: run bash scripts/setup.sh"
wasm_opt="$PWD/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || die "$wasm_opt not found: run bash scripts/setup.sh"
want_opt="$(sed -n 's/^[[:space:]]*wasm_opt[[:space:]]*=[[:space:]]*"version_\(.*\)".*/\1/p' Trunk.toml)"
have_opt="$("$wasm_opt" --version | awk '{print $3}')"
[ -z "$want_opt" ] || [ "$have_opt" = "$want_opt" ] \
  || die "wasm-opt is version $have_opt but Trunk.toml wants version_$want_opt: run bash scripts/setup.sh"
if ! command -v twiggy >/dev/null; then
  log "installing twiggy $TWIGGY_VERSION (cargo install, a few minutes)"
  nice -n 19 cargo install --locked twiggy --version "$TWIGGY_VERSION" \
    || die "cargo install twiggy failed (is crates.io reachable?)"
fi
twiggy_bin="$(command -v twiggy)"

# --- build: the release wasm, names kept ----------------------------------------------------
# RUSTFLAGS would replace the rustflags of .cargo/config.toml; the target-specific variable is
# added to them instead. --offline as Trunk (Trunk.toml: offline = true); --locked so this never
# rewrites Cargo.lock.
log "cargo build --release (target dir $target_dir, nice 19)"
build_start=$SECONDS
env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS \
  CARGO_TARGET_DIR="$target_dir" \
  CARGO_PROFILE_RELEASE_STRIP=none \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Csymbol-mangling-version=v0" \
  nice -n 19 cargo build --release --target wasm32-unknown-unknown --bin bia --offline --locked \
  || die "cargo build failed (the code must build; --offline needs the crates fetched: bash scripts/setup.sh)"
build_secs=$((SECONDS - build_start))
cargo_wasm="$target_dir/wasm32-unknown-unknown/release/bia.wasm"
[ -f "$cargo_wasm" ] || die "cargo built no $cargo_wasm"

# --- wasm-bindgen and wasm-opt, as Trunk runs them --------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/bia-size.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The wasm-bindgen Trunk would run: the first on PATH after scripts/env.sh. If that is a wrapper
# that splits out `#[lazy]` chunks first (scripts/wasm-split), it takes an out-dir ending in
# /release as a release build and optimises the chunks; the analysis below is of the main module.
bindgen="$work/bindgen/release"
log "wasm-bindgen --target=web ($(command -v wasm-bindgen))"
wasm-bindgen --target=web --out-dir="$bindgen" --out-name=bia --no-typescript "$cargo_wasm" \
  || die "wasm-bindgen failed"
[ -f "$bindgen/bia_bg.wasm" ] || die "wasm-bindgen wrote no $bindgen/bia_bg.wasm"
log "wasm-opt -Oz -g (names kept, for the analysis) and wasm-opt -Oz (the shipped-equivalent file)"
nice -n 19 "$wasm_opt" --output="$work/named.wasm" -Oz -g "$bindgen/bia_bg.wasm" || die "wasm-opt -Oz -g failed"
nice -n 19 "$wasm_opt" --output="$work/shipped.wasm" -Oz "$bindgen/bia_bg.wasm" || die "wasm-opt -Oz failed"
shipped_gzip="$(gzip -9c "$work/shipped.wasm" | wc -c)"
# Lazily loaded chunks, if the wrapper made any: name, raw bytes, gzip -9 bytes.
chunk_args=()
shopt -s nullglob
chunks=("$bindgen"/wasm-split/out/*.wasm)
shopt -u nullglob
if [ "${#chunks[@]}" -gt 0 ]; then
  for c in "${chunks[@]}"; do
    printf '%s\t%s\t%s\n' "$(basename "$c")" "$(wc -c <"$c")" "$(gzip -9c "$c" | wc -c)"
  done >"$work/chunks.tsv"
  chunk_args=(--chunks "$work/chunks.tsv")
fi

# Kept for looking further by hand (twiggy top/paths/dominators on it).
keep="$target_dir/size-breakdown"
mkdir -p "$keep"
cp "$work/named.wasm" "$keep/bia_bg.named.wasm"

# The last Trunk build, if there is one, only read: its size should match the shipped-equivalent.
dist_args=()
dist_wasm="$(ls -t dist/bia-*_bg.wasm 2>/dev/null | head -n 1 || true)"
[ -n "$dist_wasm" ] && dist_args=(--dist-wasm "$dist_wasm" --dist-gzip "$(gzip -9c "$dist_wasm" | wc -c)")

head_rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty=""
[ -n "$(GIT_OPTIONAL_LOCKS=0 git status --porcelain --untracked-files=no -- src assets Cargo.toml Cargo.lock 2>/dev/null)" ] \
  && dirty=" plus uncommitted changes"

echo "Bia wasm size breakdown: git $head_rev$dirty, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "twiggy $("$twiggy_bin" --version | awk '{print $2}'), wasm-bindgen $have_wb, wasm-opt $have_opt; rustc $(rustc --version | awk '{print $2}')"
echo
node scripts/size-breakdown.mjs \
  --named "$work/named.wasm" --shipped "$work/shipped.wasm" --shipped-gzip "$shipped_gzip" \
  --pre "$bindgen/bia_bg.wasm" \
  --twiggy "$twiggy_bin" --src src --out "$out_json" \
  --note "analysed wasm kept at $keep/bia_bg.named.wasm (for twiggy by hand)" \
  "${dist_args[@]}" "${chunk_args[@]}" \
  || die "the analysis (scripts/size-breakdown.mjs) failed"
echo "done in $((SECONDS - START)) s (cargo build $build_secs s)"
