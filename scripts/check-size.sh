#!/usr/bin/env bash
# Fails when the files loaded before the home screen is interactive (index.html, the wasm, its
# JS glue, the stylesheets, the icon) grow past the budget in bench/budget.txt, in gzip bytes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
budget=$(grep -v '^#' bench/budget.txt | head -n 1)
total=0
for f in dist/index.html dist/*.wasm dist/*.js dist/*.css dist/icons/icon.svg; do
  # sw.js, and the #[lazy] chunks (fetched when their screen opens), are not in the first load.
  case "$(basename "$f")" in sw.js | split_*.wasm | chunk_*.wasm) continue ;; esac
  size=$(gzip -9c "$f" | wc -c)
  printf '  %-48s %8d B gzip\n' "${f#dist/}" "$size"
  total=$((total + size))
done
printf 'first load: %d B gzip (budget %d B)\n' "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "first load is over its budget by $((total - budget)) B: trim it, or raise bench/budget.txt with a reason in the commit" >&2
  exit 1
fi
