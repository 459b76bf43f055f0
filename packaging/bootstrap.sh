#!/usr/bin/env bash
# Stampede on a fresh Debian 12 machine, in one command:
#   bash packaging/bootstrap.sh run    install dependencies, build, start Stampede on the simulated gateway
#   bash packaging/bootstrap.sh test   install dependencies, check the formatting, build, run the whole
#                                      test suite (and the peer benchmark's 30-second smoke run, before
#                                      it; after it the Debian package built, installed, run and purged,
#                                      the ASan/UBSan build's run of the same tests, the GUI tests in a
#                                      Debug build, the engine tests under ThreadSanitizer, and the
#                                      fuzzers, 40 s each)
#   bash packaging/bootstrap.sh deps   only install dependencies
# Runs apt-get as root, or through sudo. Nothing is downloaded at build time.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
shift || true

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
  qt6-svg-dev qt6-l10n-tools qtkeychain-qt6-dev nlohmann-json3-dev
  qt6-qpa-plugins fonts-dejavu-core fonts-wqy-microhei
  libcurl4-openssl-dev nghttp2-server openssl prometheus-cpp-dev
  clang libclang-rt-14-dev clang-format gdb
  xvfb xauth chromium
  scdoc man-db dpkg-dev lintian appstream desktop-file-utils shared-mime-info
)
# Only for `test`: HdrHistogram's own log reader checks the exported interval log (tst_hdrlog);
# Debian's Prometheus server scrapes a fleet of agents (tests/integration/fleet) and its promtool
# checks the shipped scrape config and dashboard queries (tests/package/k8s.sh), beside kubectl's
# dry run of the Kubernetes manifests (Debian's kubernetes-client where no kubectl is installed).
TEST_PACKAGES=(default-jre-headless libhdrhistogram-java prometheus curl python3 iproute2)
command -v kubectl >/dev/null 2>&1 || TEST_PACKAGES+=(kubernetes-client)

install_deps() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "bootstrap: run as root or install sudo to install packages" >&2; exit 1; fi
  fi
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # openjdk's postinst links its man page into man1, which slim images leave out.
    $sudo mkdir -p /usr/share/man/man1
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

build() {
  local preset="$1"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
}

export TZ="${TZ:-UTC}"
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  export XDG_RUNTIME_DIR="/tmp/stampede-runtime-$(id -u)"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi

case "$mode" in
  deps) install_deps ;;
  run)
    install_deps
    build release
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$#" -eq 0 ] && build/release/stampede --gui-available; then
      exec build/release/stampede            # the desktop app, on the simulated gateway
    fi
    echo "bootstrap: running the default scenario headless (stampede run; the desktop app needs a display)" >&2
    exec build/release/stampede run "$@"
    ;;
  test)
    install_deps
    # Not fatal: without them tst_hdrlog skips HdrHistogram's own reader and says so.
    install_deps "${TEST_PACKAGES[@]}" \
      || echo "bootstrap: could not install ${TEST_PACKAGES[*]}: tst_hdrlog will skip HdrHistogram's reader" >&2
    # The sources follow .clang-format (fails fast; `bash tests/format.sh --fix` applies it).
    bash tests/format.sh
    build release
    # The peer benchmark in its 30-second smoke mode (figures, not pass/fail: it fails only when
    # Stampede itself cannot run); the full one is `bash tests/bench/compare.sh`.
    STAMPEDE_BIN="$PWD/build/release/stampede" bash tests/bench/compare.sh --smoke
    ctest --preset release "$@"
    # The Debian package end to end: build, lint, install, run, purge (tests/package/run.sh).
    bash tests/package/run.sh build/release
    # The Kubernetes manifests (kubectl's client dry run), the Prometheus scrape config and the
    # Grafana dashboard's queries (tests/package/k8s.sh; docs/scale-out.md).
    bash tests/package/k8s.sh
    # ASan + UBSan + LSan: a headless Debug -O1 build (Q_ASSERT live) of the core, integration,
    # CLI and hostile-server tests; any sanitizer report fails the run (docs/reliability.md).
    bash tests/sanitize/run.sh asan
    # The asserting debug build (Q_ASSERT live) of the GUI tests, which the ASan build leaves out.
    bash tests/sanitize/run.sh debug
    # ThreadSanitizer on the engine tests, with the happens-before bridge for Qt's uninstrumented
    # event queue and a canary proving planted races are still reported (docs/reliability.md).
    bash tests/sanitize/run.sh tsan
    # libFuzzer on the seven parsers (scenario, SSE, chat chunk, threshold, stream events, JSONL
    # dataset line, simulated gateway's request reader): 40 s each from the committed corpus, two at
    # a time on CI's 2 cores, so 4 rounds x 40 s = 160 s (docs/reliability.md).
    bash tests/fuzz/run.sh 40
    ;;
  *) echo "usage: bash packaging/bootstrap.sh [run|test|deps]" >&2; exit 2 ;;
esac
