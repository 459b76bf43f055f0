#!/usr/bin/env bash
# The Debian package, end to end (issue 12; docs/packaging.md):
#   bash tests/package/run.sh [BUILD_DIR]     (default build/release; it must be built)
# builds stampede_*.deb with CPack, checks its contents and metadata (dpkg-deb -c, desktop-file-validate,
# appstreamcli validate --no-net, lintian with no errors), installs it with apt-get, runs the installed
# binary (--version, validate, a 10-second run against `stampede gateway`, the desktop app under Xvfb
# long enough for a screenshot), then purges it and checks nothing of it is left under /usr.
# Needs root or sudo (apt-get). STAMPEDE_PACKAGE_SHOTS=DIR keeps the screenshots (docs/images).
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build/release}"
src="$PWD"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "package: needs root or sudo (apt-get install)" >&2; exit 1; }
  sudo="sudo"
fi
work="$(mktemp -d /tmp/stampede-package.XXXXXX)"
fail() { echo "package: FAIL: $*" >&2; exit 1; }
step() { echo "package: $*"; }
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then $sudo apt-get purge -y -q stampede >/dev/null 2>&1 || true; fi
  [ -n "${gateway_pid:-}" ] && kill "$gateway_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
start=$SECONDS

dpkg-query -W -f='${Status}' stampede 2>/dev/null | grep -q "install ok installed" \
  && fail "a stampede package is already installed; remove it first (apt-get purge stampede)"

# 1. Build the package from the release tree.
cmake --build "$build" >/dev/null
(cd "$work" && cpack -G DEB --config "$src/$build/CPackConfig.cmake" >cpack.log 2>&1) \
  || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
deb="$(ls "$work"/stampede_*.deb)"
version="$(sed -n 's/^project(Stampede VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
[[ "$(basename "$deb")" == stampede_${version}-1_*.deb ]] || fail "package name $(basename "$deb"), want stampede_${version}-1_<arch>.deb"
step "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

# 2. Contents and control fields.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
expected=(
  /usr/bin/stampede
  /usr/share/applications/stampede.desktop
  /usr/share/mime/packages/stampede.xml
  /usr/share/icons/hicolor/scalable/apps/stampede.svg
  /usr/share/stampede/scenarios/default.json
  /usr/share/stampede/scenarios/quick.json
  /usr/share/stampede/scenarios/slo.json
  /usr/share/stampede/gateway/example.json
  /usr/share/doc/stampede/copyright
  /usr/share/doc/stampede/changelog.Debian.gz
  /usr/share/doc/stampede/README.md
  /usr/share/doc/stampede/metrics.md
  /usr/share/man/man1/stampede.1.gz
)
for size in 16 22 24 32 48 64 128 256; do expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/stampede.png"); done
for cmd in run gateway validate report compare watch; do expected+=("/usr/share/man/man1/stampede-$cmd.1.gz"); done
for path in "${expected[@]}"; do grep -qx "$path" "$work/contents" || fail "$path is not in the package"; done
metainfo="$(grep -x '/usr/share/metainfo/.*\.Stampede\.metainfo\.xml' "$work/contents")" || fail "no AppStream metainfo"
grep -v '/$' "$work/contents" | grep -v '^/usr/' && fail "files outside /usr"
depends="$(dpkg-deb -f "$deb" Depends)"
for dep in libqt6core6 libqt6widgets6 libqt6charts6 libcurl4 qt6-qpa-plugins libssl3; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
recommends="$(dpkg-deb -f "$deb" Recommends)"
[[ "$recommends" == *fonts-wqy-microhei* && "$recommends" == *gnome-keyring* ]] || fail "Recommends: $recommends"
[ "$(dpkg-deb -f "$deb" Version)" = "${version}-1" ] || fail "Version $(dpkg-deb -f "$deb" Version)"
step "contents: ${#expected[@]} expected files present; Depends: $depends"

# 3. Metadata validators and lintian.
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/stampede.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --explain "$work/root$metainfo" >"$work/appstream.log" 2>&1 \
  || { cat "$work/appstream.log" >&2; fail "appstreamcli validate --no-net"; }
for page in "$work"/root/usr/share/man/man1/*.1.gz; do
  warnings="$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null || true)"
  [ -z "$warnings" ] || fail "man $(basename "$page"): $warnings"
done
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
if grep -q '^E: ' "$work/lintian.log"; then cat "$work/lintian.log" >&2; fail "lintian reported errors"; fi
step "desktop-file-validate, appstreamcli, man --warnings: clean; lintian: $(grep -c '^W: ' "$work/lintian.log" || true) warnings, no errors"

# 4. Install it, and use the installed binary as a user would.
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "apt-get install"; }
installed=1
[ "$(command -v stampede)" = /usr/bin/stampede ] || fail "stampede on PATH is $(command -v stampede)"
# A double-click on NAME.stampede.json opens Stampede: dpkg's triggers registered the type
# (shared-mime-info) and the desktop entry as its handler (desktop-file-utils).
if command -v update-mime-database >/dev/null; then
  grep -q ':application/x-stampede-scenario:\*\.stampede\.json' /usr/share/mime/globs2 \
    || fail "the scenario MIME type is not registered (globs2)"
fi
grep -qx 'application/x-stampede-scenario=stampede.desktop;\?' /usr/share/applications/mimeinfo.cache \
  || fail "stampede.desktop is not the handler of scenario files (mimeinfo.cache)"
home="$work/home"; mkdir -p "$home" "$work/cwd"
user_env=(env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_DATA_DIRS=/usr/local/share:/usr/share)
"${user_env[@]}" stampede --version >"$work/version.txt"
head -1 "$work/version.txt" | grep -qx "stampede $version" || fail "--version: $(head -1 "$work/version.txt")"
for line in "Qt: 6." "Transports: libcurl" "License: Apache-2.0" "Settings: $home/.config/" \
  "Run folders: $home/.local/share/" "Examples: /usr/share/stampede/scenarios" "Documentation: /usr/share/doc/stampede"; do
  grep -qF -- "$line" "$work/version.txt" || { cat "$work/version.txt" >&2; fail "--version lacks \"$line\""; }
done
"${user_env[@]}" stampede validate /usr/share/stampede/scenarios/default.json >/dev/null || fail "validate default.json"

"${user_env[@]}" stampede gateway --port 0 --config /usr/share/stampede/gateway/example.json >"$work/gateway.log" 2>&1 &
gateway_pid=$!
url=""
for _ in $(seq 100); do
  url="$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/gateway.log")"
  [ -n "$url" ] && break; sleep 0.1
done
[ -n "$url" ] || { cat "$work/gateway.log" >&2; fail "stampede gateway did not start"; }
sed -e 's/"duration": "20s"/"duration": "10s"/' /usr/share/stampede/scenarios/quick.json >"$work/ten-seconds.json"
grep -q '"duration": "10s"' "$work/ten-seconds.json" || fail "could not make a 10-second scenario from quick.json"
(cd "$work/cwd" && "${user_env[@]}" stampede run "$work/ten-seconds.json" --base-url "$url" \
  --quiet >"$work/run.log" 2>&1) || { cat "$work/run.log" >&2; fail "stampede run exited $?"; }
kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=""
summary="$(ls "$home"/.local/share/Stampede/stampede/runs/*/summary.json 2>/dev/null | head -1)"
[ -n "$summary" ] || fail "no run folder under \$XDG_DATA_HOME/Stampede/stampede/runs"
requests=$(wc -l <"$(dirname "$summary")/requests.jsonl")
[ "$requests" -ge 150 ] || fail "a 10-second run at 20 req/s made $requests requests"
[ -z "$(ls -A "$work/cwd")" ] || fail "stampede run wrote into the working directory: $(ls -A "$work/cwd")"
step "installed: --version, validate, a 10-second run ($requests requests) against stampede gateway; nothing written to the working directory"

# 5. The installed desktop app under Xvfb: the window and the About box.
shots="${STAMPEDE_PACKAGE_SHOTS:-$work/shots}"; mkdir -p "$shots"
(cd "$work/cwd" && "${user_env[@]}" STAMPEDE_SCREENSHOT_DIR="$shots" STAMPEDE_SCREENSHOT_DELAY=3 \
  timeout 120 xvfb-run -a -s "-screen 0 1280x720x24" stampede /usr/share/stampede/scenarios/quick.json \
  >"$work/gui.log" 2>&1) || { cat "$work/gui.log" >&2; fail "the installed desktop app"; }
for png in editor.png dashboard.png about.png; do
  [ -s "$shots/$png" ] || { cat "$work/gui.log" >&2; fail "no $png from the installed desktop app"; }
done
[ -z "$(ls -A "$work/cwd")" ] || fail "the desktop app wrote into the working directory: $(ls -A "$work/cwd")"
step "desktop app: editor, dashboard and About screenshots taken at 1280x720"
if [ -n "${STAMPEDE_PACKAGE_SHOTS:-}" ]; then
  # The menu entry as a launcher shows it: the installed 48-px icon and the entry's Name and Comment.
  name="$(sed -n 's/^Name=//p' /usr/share/applications/stampede.desktop)"
  comment="$(sed -n 's/^Comment=//p' /usr/share/applications/stampede.desktop)"
  cat >"$work/menu.html" <<EOF
<!doctype html><meta charset="utf-8"><body style="margin:0;font:14px 'DejaVu Sans',sans-serif;background:#f3f3f5">
<div style="display:flex;align-items:center;gap:12px;padding:12px 16px;width:520px;background:#fff;border-bottom:1px solid #ddd">
<img src="file:///usr/share/icons/hicolor/48x48/apps/stampede.png" width="48" height="48">
<div><div style="font-weight:bold">$name</div><div style="color:#555">$comment</div></div></div></body>
EOF
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=552,72 \
    --screenshot="$shots/menu-entry-48.png" "file://$work/menu.html" >/dev/null 2>&1 || fail "chromium menu entry"
fi

# 6. Purge: nothing of the package is left under /usr.
$sudo apt-get purge -y -q stampede >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "apt-get purge"; }
installed=0
left=()
while read -r path; do
  [ -e "$path" ] && [ ! -d "$path" ] && left+=("$path")
done < <(grep -v '/$' "$work/contents")
for dir in /usr/share/stampede /usr/share/doc/stampede; do [ -e "$dir" ] && left+=("$dir"); done
[ "${#left[@]}" -eq 0 ] || fail "left after purge: ${left[*]}"
step "purged: nothing left under /usr; $((SECONDS - start)) s in all"
