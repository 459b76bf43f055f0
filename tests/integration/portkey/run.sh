#!/usr/bin/env bash
# A real gateway in the middle (issue 14): Stampede -> Portkey's AI gateway (@portkey-ai/gateway from
# npm, on Node) -> the simulated gateway (`stampede gateway`), all on 127.0.0.1.
#
#   bash tests/integration/portkey/run.sh BUILD_DIR
#
# Installs the pinned packages of package.json / package-lock.json into BUILD_DIR/portkey-cache (or
# $PORTKEY_CACHE_DIR) once and reuses them; starts both gateways on free loopback ports; runs a short
# streaming scenario through Portkey; checks the run's summary.json (check.mjs): every request
# succeeded, TTFT and latency were measured, and Portkey's `x-portkey-*` response headers were captured.
#
# Skips (one line "portkey: SKIP <why>", exit 0 or $PORTKEY_SKIP_CODE, which CTest sets to 77) when
# it cannot get Portkey: no node (>= 18), no npm, the npm registry unreachable, the install failed.
# Any other problem fails (exit 1). Every process it starts is stopped on every exit path; every step
# has a timeout. $STAMPEDE_BIN overrides BUILD_DIR/stampede.
#
# package.json pins @hono/node-server 1.13.8 for the gateway too ("overrides"): with the 1.19.x it
# would otherwise get, every proxied request fails with 500 "Something went wrong" (Portkey appends
# its x-portkey-* headers to the upstream Response, whose headers are immutable: TypeError).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build="$(cd "$1" && pwd)" || exit 2
stampede="${STAMPEDE_BIN:-$build/stampede}"
cache="${PORTKEY_CACHE_DIR:-$build/portkey-cache}"
work="$build/portkey-integration"
skip_code="${PORTKEY_SKIP_CODE:-0}"
t_start=$(date +%s)

say() { printf 'portkey: %s\n' "$*"; }
skip() { say "SKIP $*"; exit "$skip_code"; }
fail() { say "FAIL $*"; exit 1; }

# ---- processes: each one started is stopped on every exit path ---------------------------------
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ $alive -eq 0 ] && break
        sleep 0.2
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    pids=()
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# wait_for SECONDS WHAT PID COMMAND...: poll COMMAND every 0.1 s until it succeeds; fail when PID
# died or the time ran out.
wait_for() {
    local deadline=$(( $(date +%s) + $1 )) what="$2" pid="$3"
    shift 3
    until "$@"; do
        kill -0 "$pid" 2>/dev/null || return 1
        [ "$(date +%s)" -lt "$deadline" ] || { say "$what: not ready after the timeout"; return 1; }
        sleep 0.1
    done
}

# ---- Portkey: node, npm and the pinned install -----------------------------------------------------
command -v node >/dev/null 2>&1 || skip "no node on PATH (Portkey's gateway runs on Node >= 18)"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || skip "node does not run"
[ "$node_major" -ge 18 ] 2>/dev/null || skip "node $(node --version) is older than 18"
[ -x "$stampede" ] || fail "no stampede binary at $stampede (build the stampede target)"

# The install is reused while package.json, the lock file and the node major version stay the same.
stamp="$(cat "$here/package.json" "$here/package-lock.json" | cksum | cut -d' ' -f1)-node$node_major"
gateway_js="$cache/node_modules/@portkey-ai/gateway/build/start-server.js"
if [ -f "$gateway_js" ] && [ "$(cat "$cache/.stamp" 2>/dev/null)" = "$stamp" ]; then
    say "reusing the install in $cache"
else
    command -v npm >/dev/null 2>&1 || skip "no npm on PATH (needed once to install @portkey-ai/gateway)"
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    # Asks the registry for the pinned package itself (some mirrors do not answer `npm ping`).
    pinned=$(node -p 'require(process.argv[1]).dependencies["@portkey-ai/gateway"]' "$here/package.json")
    timeout 30 npm view --fetch-retries=0 --fetch-timeout=20000 "@portkey-ai/gateway@$pinned" version \
        >/dev/null 2>&1 \
        || skip "npm registry $(npm config get registry 2>/dev/null) unreachable (npm view @portkey-ai/gateway failed)"
    say "installing @portkey-ai/gateway $pinned into $cache (npm ci)"
    mkdir -p "$cache" || fail "cannot create $cache"
    rm -rf "$cache/.stamp" "$cache/node_modules"
    cp "$here/package.json" "$here/package-lock.json" "$cache/"
    # --ignore-scripts: the gateway's only script is patch-package, with no patches in the package.
    (cd "$cache" && exec timeout 300 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
        >"$cache/npm-ci.log" 2>&1 &
    pids+=($!)
    wait "${pids[-1]}"
    rc=$?
    unset 'pids[-1]'
    if [ $rc -ne 0 ]; then
        tail -n 5 "$cache/npm-ci.log" | sed 's/^/  npm: /'
        skip "npm ci of @portkey-ai/gateway failed (log: $cache/npm-ci.log)"
    fi
    [ -f "$gateway_js" ] || skip "npm ci did not install $gateway_js"
    echo "$stamp" >"$cache/.stamp"
    say "installed in $(( $(date +%s) - t_start )) s"
fi

rm -rf "$work"
mkdir -p "$work" || fail "cannot create $work"

# ---- the simulated gateway, on a free port it picks itself ------------------------------------------
"$stampede" gateway --host 127.0.0.1 --port 0 --config "$here/gateway.json" >"$work/gateway.log" 2>&1 &
pids+=($!)
gateway_url() { sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*/v1\).*|\1|p' "$work/gateway.log" | head -n 1; }
has_gateway_url() { [ -n "$(gateway_url)" ]; }
wait_for 20 "the simulated gateway" "${pids[-1]}" has_gateway_url \
    || { cat "$work/gateway.log"; fail "the simulated gateway did not start"; }
upstream="$(gateway_url)"

# ---- Portkey, on 127.0.0.1 only and a free port -----------------------------------------------------
# start-server.js takes --port=N and listens on every interface; loopback.cjs makes it bind
# 127.0.0.1 and writes the port it got (with --port=0) to $PORTKEY_PORT_FILE.
PORTKEY_PORT_FILE="$work/portkey.port" node --require "$here/loopback.cjs" "$gateway_js" --port=0 --headless \
    >"$work/portkey.log" 2>&1 &
pids+=($!)
wait_for 30 "Portkey" "${pids[-1]}" test -s "$work/portkey.port" \
    || { cat "$work/portkey.log"; fail "Portkey's gateway did not start"; }
portkey="http://127.0.0.1:$(cat "$work/portkey.port")/v1"
say "simulated gateway $upstream, Portkey $portkey"

# ---- the scenario: written in this one place -----------------------------------------------------
# write_scenario FILE PORTKEY_URL UPSTREAM_URL. Portkey routes by request headers: provider openai,
# custom host = the simulated gateway (127.0.0.1 is on its default TRUSTED_CUSTOM_HOSTS). A paired
# run: direct_target is the simulated gateway itself (UPSTREAM_URL), so every other request skips
# Portkey and the summary's "overhead" is Portkey's (checkOverhead in check.mjs).
write_scenario() {
    cat >"$1" <<EOF
{
  "version": 1,
  "name": "Portkey in the middle (tests/integration/portkey)",
  "target": { "base_url": "$2", "timeout": "20s", "connect_timeout": "5s",
              "headers": { "x-portkey-provider": "openai", "x-portkey-custom-host": "$3" } },
  "models": [ { "model": "gpt-4.1", "weight": 1, "max_tokens": 100, "stream": true },
              { "model": "claude-sonnet-4-5", "weight": 1, "max_tokens": 100, "stream": true },
              { "model": "gemini-2.5-flash", "weight": 1, "max_tokens": 100, "stream": true } ],
  "prompts": { "system": "You are a helpful assistant.", "user": ["Explain quantum computing in simple terms."] },
  "load": { "executor": "constant-arrival-rate", "rate": 10, "time_unit": "1s", "duration": "12s",
            "max_in_flight": 200, "graceful_stop": "10s" },
  "retry": { "max_retries": 0 },
  "preflight": true,
  "seed": 1,
  "direct_target": { "base_url": "$3" }
}
EOF
}
write_scenario "$work/scenario.json" "$portkey" "$upstream"

# ---- the run and the checks ---------------------------------------------------------------------
say "running stampede through Portkey (12 s, 10 req/s, streaming, 3 models)"
# Started in the background and waited for, so that a signal stops the script (and the run) at once.
STAMPEDE_API_KEY=sk-stampede-portkey-test timeout 120 "$stampede" run "$work/scenario.json" --out "$work/run" \
    --quiet >"$work/run.log" 2>&1 &
pids+=($!)
wait "${pids[-1]}"
rc=$?
unset 'pids[-1]'
cat "$work/run.log"
fail_with_logs() { say "Portkey's log (tail):"; tail -n 30 "$work/portkey.log"; fail "$@"; }
[ $rc -eq 0 ] || fail_with_logs "stampede run exited $rc"
timeout 30 node "$here/check.mjs" "$work/run/summary.json" \
    || fail_with_logs "the summary checks failed ($work/run/summary.json)"
say "PASS in $(( $(date +%s) - t_start )) s (run folder $work/run)"
