#!/usr/bin/env bash
# The C++ sources follow .clang-format (clang-format 14, Debian 12's).
#   bash tests/format.sh         check: lists every file that differs, exits 1 if any does
#   bash tests/format.sh --fix   rewrites them in place
# Checks the files git tracks under app/ core/ ui/ tests/ (not build trees, not fuzz corpora).
set -euo pipefail
cd "$(dirname "$0")/.."
fmt="${CLANG_FORMAT:-clang-format}"
command -v "$fmt" >/dev/null || { echo "format: $fmt not found (apt-get install clang-format)" >&2; exit 2; }
mapfile -t files < <(git ls-files -- 'app/*.cpp' 'app/*.h' 'core/*.cpp' 'core/*.h' 'ui/*.cpp' 'ui/*.h' \
  'tests/*.cpp' 'tests/*.h' 'tests/*.c')
if [ "${1:-}" = "--fix" ]; then
  "$fmt" -i "${files[@]}"
  echo "format: ${#files[@]} files formatted"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  "$fmt" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ "${#bad[@]}" -gt 0 ]; then
  printf 'format: %s\n' "${bad[@]}"
  echo "format: ${#bad[@]} of ${#files[@]} files differ from .clang-format; run: bash tests/format.sh --fix" >&2
  exit 1
fi
echo "format: ${#files[@]} files follow .clang-format"
