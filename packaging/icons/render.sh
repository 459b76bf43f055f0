#!/usr/bin/env bash
# Render the Stampede app icon into the freedesktop hicolor theme layout.
#
# The generated PNGs under hicolor/ are committed to the repository.
# Run this script only after changing stampede.svg, then commit the results.
#
# Usage: packaging/icons/render.sh   (from anywhere)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/stampede.svg"
out="$here/hicolor"
sizes=(16 22 24 32 48 64 128 256)

if ! command -v rsvg-convert >/dev/null 2>&1; then
    echo "rsvg-convert not found; installing librsvg2-bin" >&2
    apt-get install -y -q librsvg2-bin || {
        apt-get update -q && apt-get install -y -q librsvg2-bin
    }
fi

for n in "${sizes[@]}"; do
    dir="$out/${n}x${n}/apps"
    mkdir -p "$dir"
    rsvg-convert --width "$n" --height "$n" --format png \
        --output "$dir/stampede.png" "$src"
    echo "rendered $dir/stampede.png"
done

mkdir -p "$out/scalable/apps"
cp "$src" "$out/scalable/apps/stampede.svg"
echo "copied $out/scalable/apps/stampede.svg"
