#!/usr/bin/env bash
# Issue 15's acceptance test: a fleet of four agents as separate hosts, scraped live by Prometheus.
#
#   bash tests/integration/fleet/run.sh [path/to/stampede]      (default: build/release/stampede)
#
# Needs root (network namespaces), iproute2, curl, python3 and Debian's `prometheus`. Exit 0 pass,
# 1 fail, 77 skip ("SKIP: <reason>": not root, `ip netns add` refused, a tool missing).
#
# Topology (all made here, all removed on every exit path, Ctrl-C included):
#
#   ns stpf<pid>-a0 eth0 NET.10 ─┐
#   ns stpf<pid>-a1 eth0 NET.11 ─┤   ns stpf<pid>-gw: bridge br0 NET.1, `stampede gateway` on NET.1:8080
#   ns stpf<pid>-a2 eth0 NET.12 ─┼── (the veths' other ends are ports of br0)
#   ns stpf<pid>-a3 eth0 NET.13 ─┤
#   root ns: stpf<pid>r  NET.254 ┘   prometheus on 127.0.0.1:<free port>, scraping NET.1X:9464 and NET.1:8080
#
# The bridge lives inside the gateway's namespace and the root namespace is just another port, so
# nothing is forwarded or bridged in the root namespace (Docker's FORWARD policy and br_netfilter do
# not apply). NET is the first of 10.87.0 … 10.87.9, 10.188.0 … that no route or address of the root
# namespace overlaps (picked under a lock, so parallel runs take different ones).
#
# The gateway answers with one handler thread and one seeded RNG (gateway.json), so the k-th chat
# request it sees gets the k-th latency draw whoever sends it: two runs of the same number of
# requests against a freshly started gateway get the same multiset of intended latencies. Phase 1:
# one agent (ns a0) runs the whole plan (scenario.json). Phase 2: a fresh gateway, Prometheus, and
# four agents `--segment I/4` behind a `--start-at` barrier; then `stampede report merge`.
# check.py judges: counts (merged = gateway = single = plan), merged p50/p95/p99 of latency and TTFT
# against the single run's (1 % + 2 ms), Prometheus's sums, rate and histogram quantile, segments.
#
# Environment: FLEET_KEEP=1 keeps the work folder after a pass (it is always kept after a failure).
set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
stampede="${1:-$repo/build/release/stampede}"
readonly AGENTS=4
readonly PREFIX_RE='^stpf[0-9]+'

t0=$EPOCHREALTIME
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "${2:-$EPOCHREALTIME}"; }
say() { printf 'fleet: [%5ss] %s\n' "$(elapsed "$t0")" "$*"; }
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }
fail() { printf 'fleet: FAIL %s\n' "$*" >&2; exit 1; }

# ---- preconditions: skip where the test cannot run --------------------------------------------------
[ "$(id -u)" -eq 0 ] || skip "needs root to make network namespaces (run as root)"
for tool in ip curl python3 timeout flock; do
    command -v "$tool" >/dev/null 2>&1 || skip "no $tool on PATH"
done
prometheus="$(command -v prometheus || true)"
[ -n "$prometheus" ] || skip "no prometheus on PATH (Debian: apt-get install prometheus)"
python3 -c 'import json, ipaddress' 2>/dev/null || skip "python3 does not run"
case "$stampede" in /*) ;; *) stampede="$PWD/$stampede" ;; esac
[ -x "$stampede" ] || fail "no stampede binary at $stampede (build the stampede target or pass its path)"

id=$$
prefix="stpf$id"
ns_gw="$prefix-gw"
ns_a=()
for ((i = 0; i < AGENTS; i++)); do ns_a+=("$prefix-a$i"); done
root_if="${prefix}r" # at most 4 + 7 + 1 characters: within IFNAMSIZ
tmp="${TMPDIR:-/tmp}"
work="$tmp/stpf-$id"
lock="$tmp/stpf-fleet.lock"

# ---- cleanup: everything made here goes, on every exit path -----------------------------------------
made_ns=()
made_link=""
pids=()
passed=0
cleanup() {
    local rc=$? pid ns
    trap - ERR
    trap '' INT TERM HUP
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 30); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ $alive -eq 0 ] && break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for ns in "${made_ns[@]}"; do
        # anything still inside (only what this run started there) goes with its namespace
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    [ -z "$made_link" ] || ip link del "$made_link" 2>/dev/null || true
    if [ -d "$work" ]; then
        if { [ "$passed" -eq 1 ] && [ "${FLEET_KEEP:-0}" != 1 ]; } || [ "$rc" -eq 77 ]; then
            rm -rf "$work"
        else
            if [ "$rc" -eq 0 ]; then touch "$work/KEPT"; else touch "$work/FAILED"; fi 2>/dev/null || true
            echo "fleet: work folder kept: $work"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'fail "unexpected status $? at line $LINENO: $BASH_COMMAND"' ERR
trap 'echo "fleet: interrupted" >&2; exit 130' INT
trap 'echo "fleet: terminated" >&2; exit 143' TERM HUP

# A run is known by its pid and that process's start time (field 22 of /proc/PID/stat), which it
# writes to WORK/owner before it makes anything: another run is alive while both still match (a
# reused pid does not, nor a zombie), else whatever carries its prefix is stale.
starttime() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    local fields
    read -ra fields <<<"${stat##*) }" # after "pid (comm) ": field 3 (the state) onwards
    [ "${fields[0]}" != Z ] || return 1 # a killed run nobody reaped (a container's pid 1 may not)
    echo "${fields[19]}"
}
owner_alive() {
    [ "$1" != "$$" ] && [ -f "$tmp/stpf-$1/owner" ] && [ "$(cat "$tmp/stpf-$1/owner")" = "$(starttime "$1")" ]
}
remove_stale() {
    local ns owner link dir pid n=0
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "$PREFIX_RE-(gw|a[0-9]+)\$" || true); do
        owner="${ns#stpf}"; owner="${owner%%-*}"
        owner_alive "$owner" && continue
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
        if ip netns del "$ns" 2>/dev/null; then n=$((n + 1)); fi
    done
    for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E "${PREFIX_RE}r\$" || true); do
        owner="${link#stpf}"; owner="${owner%r}"
        owner_alive "$owner" && continue
        if ip link del "$link" 2>/dev/null; then n=$((n + 1)); fi
    done
    # Processes of the root namespace (Prometheus) a killed run left: its work folder lists them,
    # and each is stopped only while its command line still names that folder.
    for dir in "$tmp"/stpf-[0-9]*; do
        [ -d "$dir" ] || continue
        owner="${dir##*/stpf-}"
        [[ "$owner" =~ ^[0-9]+$ ]] || continue
        owner_alive "$owner" && continue
        if [ -f "$dir/pids" ]; then
            while read -r pid; do
                if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$dir/"; then
                    if kill -KILL "$pid" 2>/dev/null; then n=$((n + 1)); fi
                fi
            done <"$dir/pids"
            rm -f "$dir/pids"
        fi
        [ -e "$dir/FAILED" ] || [ -e "$dir/KEPT" ] || rm -rf "$dir" # failed or kept runs' folders stay
    done
    [ $n -eq 0 ] || say "removed $n stale namespaces, links or processes of killed earlier runs"
}

track() { pids+=("$1"); echo "$1" >>"$work/pids"; }
untrack() {
    local keep=() pid
    for pid in "${pids[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done
    pids=("${keep[@]}")
}
# stop PID: TERM, then KILL after 5 s; returns the process's status
stop() {
    local pid=$1 rc=0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || rc=$?
    untrack "$pid"
    return $rc
}
# wait_until SECONDS WHAT PID COMMAND...: poll COMMAND every 0.1 s; fail when PID died or time ran out
wait_until() {
    local seconds=$1 deadline=$(( $(date +%s) + $1 )) what="$2" pid="$3"
    shift 3
    until "$@" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || fail "$what: the process exited"
        [ "$(date +%s)" -lt "$deadline" ] || fail "$what: not ready after $seconds s"
        sleep 0.1
    done
}

# ---- network ------------------------------------------------------------------------------------------
exec {lockfd}>"$lock"
flock -w 60 "$lockfd" || fail "another run holds $lock for over 60 s"
remove_stale
rm -rf "$work" # a folder of this pid's name is a dead run's (remove_stale kept it only if it had failed)
mkdir -p "$work"
starttime $$ >"$work/owner"
: >"$work/pids"

# The first candidate /24 that no route or address of the root namespace overlaps.
net="$(ip -4 -o route show table all 2>/dev/null | awk '{print $1}' >"$work/routes"; \
       ip -4 -o addr show | awk '{print $4}' >>"$work/routes"; \
       python3 - "$work/routes" <<'EOF'
import ipaddress, sys
used = []
for word in open(sys.argv[1]).read().split():
    if word in ("default", "broadcast", "local", "unreachable", "blackhole", "prohibit", "throw", "multicast"):
        continue
    try:
        net = ipaddress.ip_network(word, strict=False)
    except ValueError:
        continue
    if net.prefixlen > 0 and not net.is_loopback and not net.is_link_local:
        used.append(net)
for cand in [f"10.87.{i}" for i in range(10)] + [f"10.188.{i}" for i in range(10)] + [f"172.31.{i}" for i in range(200, 210)]:
    c = ipaddress.ip_network(cand + ".0/24")
    if not any(c.overlaps(u) for u in used):
        print(cand)
        break
EOF
)"
[ -n "$net" ] || skip "every candidate /24 (10.87.0-9, 10.188.0-9, 172.31.200-209) clashes with a route here"
gw_ip="$net.1"

ip netns add "$ns_gw" 2>"$work/netns.err" || skip "ip netns add fails here: $(head -n 1 "$work/netns.err")"
made_ns+=("$ns_gw")
for ns in "${ns_a[@]}"; do
    ip netns add "$ns" || fail "ip netns add $ns"
    made_ns+=("$ns")
done
for ns in "${made_ns[@]}"; do ip -n "$ns" link set lo up; done
ip -n "$ns_gw" link add br0 type bridge stp_state 0 forward_delay 0
ip -n "$ns_gw" addr add "$gw_ip/24" dev br0
ip -n "$ns_gw" link set br0 up
for ((i = 0; i < AGENTS; i++)); do
    ip -n "$ns_gw" link add "a$i" type veth peer name eth0 netns "${ns_a[i]}"
    ip -n "$ns_gw" link set "a$i" master br0 up
    ip -n "${ns_a[i]}" addr add "$net.1$i/24" dev eth0
    ip -n "${ns_a[i]}" link set eth0 up
done
ip link add "$root_if" type veth peer name host netns "$ns_gw"
made_link="$root_if"
ip addr add "$net.254/24" dev "$root_if"
ip link set "$root_if" up
ip -n "$ns_gw" link set host master br0 up
flock -u "$lockfd"
say "network: namespaces ${made_ns[*]}, bridge br0 $gw_ip/24 in $ns_gw, root side $root_if $net.254"

cp "$here/gateway.json" "$here/scenario.json" "$work/"
sed "s/@NET@/$net/g" "$here/prometheus.yml.in" >"$work/prometheus.yml"
"$stampede" validate "$work/scenario.json" >"$work/validate.log" 2>&1 || { cat "$work/validate.log"; fail "scenario.json is not valid"; }
base_url="http://$gw_ip:8080/v1"

gw_pid=""
start_gateway() { # $1: log name
    ip netns exec "$ns_gw" "$stampede" gateway --host "$gw_ip" --port 8080 --config "$work/gateway.json" \
        >"$work/gateway-$1.log" 2>&1 &
    gw_pid=$!
    track "$gw_pid"
    # reached from the root namespace over the bridge: the path Prometheus scrapes
    wait_until 15 "the gateway at $base_url (log: $work/gateway-$1.log)" "$gw_pid" \
        curl -sf --max-time 1 -o /dev/null "$base_url/models"
}
# stop_gateway NAME: saves its /metrics (read inside its namespace) to WORK/gw-NAME.metrics, stops it
stop_gateway() {
    ip netns exec "$ns_gw" curl -sf --max-time 5 "http://$gw_ip:8080/metrics" >"$work/gw-$1.metrics" \
        || fail "cannot read the gateway's /metrics"
    stop "$gw_pid" || true
}
t_setup=$EPOCHREALTIME

# ---- phase 1: one agent runs the whole plan -----------------------------------------------------------
start_gateway single
for ((i = 0; i < AGENTS; i++)); do
    ip netns exec "${ns_a[i]}" curl -sf --max-time 2 -o /dev/null "$base_url/models" \
        || fail "agent namespace ${ns_a[i]} cannot reach $base_url/models"
done
say "gateway up (fresh, seed $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$work/gateway.json")); all $AGENTS agent namespaces reach $base_url/models"
say "phase 1: one agent (${ns_a[0]}) runs the whole plan"
ip netns exec "${ns_a[0]}" timeout 60 "$stampede" run "$work/scenario.json" --no-preflight --quiet \
    --base-url "$base_url" --out "$work/single" >"$work/single.log" 2>&1 &
pid=$!
track "$pid"
rc=0; wait "$pid" || rc=$?
untrack "$pid"
[ $rc -eq 0 ] || { tail -n 20 "$work/single.log"; fail "the single agent exited with $rc"; }
stop_gateway single
say "phase 1 done: $(python3 -c 'import json,sys; o=json.load(open(sys.argv[1]))["overall"]; print(f"""{o["requests"]} requests, {o["rps"]:.2f} req/s, p95 {o["latency_ms"]["p95"]:.1f} ms""")' "$work/single/summary.json"); gateway answered $(python3 "$here/check.py" gwcount "$work/gw-single.metrics")"
t_single=$EPOCHREALTIME

# ---- phase 2: Prometheus and four agents --------------------------------------------------------------
start_gateway fleet
prom_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
prom="http://127.0.0.1:$prom_port"
"$prometheus" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus-data/" \
    --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
track "$prom_pid"
wait_until 30 "Prometheus on $prom (log: $work/prometheus.log)" "$prom_pid" curl -sf --max-time 1 "$prom/-/ready"
say "phase 2: fresh gateway; Prometheus ready on $prom (scrape every 1 s)"

# Two watchers of the fleet (stampede watch: the desktop app's Attach to Fleet without a display),
# started before the agents: one polling the agents themselves, one reading Prometheus's /federate.
# Each ends by itself once every agent says its run has ended, and writes the fleet's figures.
agent_urls=()
for ((i = 0; i < AGENTS; i++)); do agent_urls+=("$net.1$i:9464"); done
timeout 90 "$stampede" watch "${agent_urls[@]}" --interval 500 --quiet --json "$work/watch-agents.json" \
    >"$work/watch-agents.log" 2>&1 &
watch_agents_pid=$!
track "$watch_agents_pid"
timeout 90 "$stampede" watch --prometheus "$prom" --interval 500 --quiet --json "$work/watch-prom.json" \
    >"$work/watch-prom.log" 2>&1 &
watch_prom_pid=$!
track "$watch_prom_pid"

start_epoch=$(( $(date +%s) + 4 ))
start_at="$(date -u -d "@$start_epoch" +%Y-%m-%dT%H:%M:%SZ)"
agent_pids=()
for ((i = 0; i < AGENTS; i++)); do
    ip netns exec "${ns_a[i]}" timeout 70 "$stampede" run "$work/scenario.json" --segment "$i/$AGENTS" \
        --no-preflight --quiet --base-url "$base_url" --metrics-port 9464 --metrics-address 0.0.0.0 \
        --metrics-linger 4 --start-at "$start_at" --out "$work/a$i" >"$work/a$i.log" 2>&1 &
    agent_pids+=($!)
    track "$!"
done
say "started $AGENTS agents (--segment I/$AGENTS, --start-at $start_at)"

# Live: every agent's endpoint scraped by Prometheus during the run.
pause=$(( start_epoch + 3 - $(date +%s) ))
[ "$pause" -le 0 ] || sleep "$pause"
curl -sf --max-time 5 "$prom/api/v1/targets" >"$work/prom-targets-live.json" || fail "GET $prom/api/v1/targets"
read -r up total health < <(python3 "$here/check.py" targets "$work/prom-targets-live.json" stampede-agents)
read -r gup _ _ < <(python3 "$here/check.py" targets "$work/prom-targets-live.json" stampede-gateway)
live_requests="$(curl -sfG --max-time 5 "$prom/api/v1/query" --data-urlencode 'query=sum(stampede_requests_total)' \
    | tee "$work/prom-requests-live.json" >/dev/null; python3 "$here/check.py" value "$work/prom-requests-live.json")"
say "live at t+3 s: Prometheus has $up of $total agent targets up ($health), gateway up $gup; sum(stampede_requests_total) = $live_requests"
if [ "$up" -ne "$AGENTS" ] || [ "$total" -ne "$AGENTS" ]; then
    fail "Prometheus does not see all $AGENTS agents up during the run"
fi
targets_seen="$up/$total up"

for ((i = 0; i < AGENTS; i++)); do
    rc=0; wait "${agent_pids[i]}" || rc=$?
    untrack "${agent_pids[i]}"
    [ $rc -eq 0 ] || { tail -n 20 "$work/a$i.log"; fail "agent $i exited with $rc"; }
done
say "all $AGENTS agents exited 0 (each lingered 4 s for the final scrape)"
for w in agents prom; do
    pid_var="watch_${w}_pid"
    rc=0; wait "${!pid_var}" || rc=$?
    untrack "${!pid_var}"
    [ $rc -eq 0 ] || { tail -n 20 "$work/watch-$w.log"; fail "stampede watch ($w) exited with $rc"; }
done
say "both watchers saw every agent finish: $(head -c 200 "$work/watch-agents.log" | tr '\n' ' ')"

# Prometheus: the final counts (last samples: the agents are gone and their series are stale now),
# the rate in the middle of the run, and the p95 from the final cumulative buckets.
query() { # FILE QUERY [TIME]
    local args=(--data-urlencode "query=$2")
    [ -z "${3:-}" ] || args+=(--data-urlencode "time=$3")
    curl -sfG --max-time 10 "$prom/api/v1/query" "${args[@]}" >"$work/$1" || fail "Prometheus query $2"
}
mid_offset=12
query prom-requests-end.json 'sum(last_over_time(stampede_requests_total[2m]))'
query prom-finished-end.json 'count(last_over_time(stampede_run_finished[2m]) == 1)'
query prom-rate-mid.json 'sum(rate(stampede_requests_total[10s]))' "$((start_epoch + mid_offset))"
query prom-p95-end.json 'histogram_quantile(0.95, sum by (le) (last_over_time(stampede_http_req_duration_seconds_bucket[2m])))'
query prom-gateway-end.json 'sum(stampede_gateway_requests_total)'
stop_gateway fleet
stop "$prom_pid" || true
say "phase 2 done: Prometheus sum(stampede_requests_total) = $(python3 "$here/check.py" value "$work/prom-requests-end.json"), gateway answered $(python3 "$here/check.py" gwcount "$work/gw-fleet.metrics")"
t_fleet=$EPOCHREALTIME

agent_dirs=()
for ((i = 0; i < AGENTS; i++)); do agent_dirs+=("$work/a$i"); done
"$stampede" report merge "${agent_dirs[@]}" \
    --out "$work/merged" --quiet >"$work/merge.log" 2>&1 || { cat "$work/merge.log"; fail "stampede report merge"; }
say "merged the $AGENTS run folders into $work/merged"
t_merge=$EPOCHREALTIME

python3 - "$work/params.json" <<EOF
import json, sys
json.dump({"agents": $AGENTS, "net": "$net", "mid_offset_s": $mid_offset, "start_at": "$start_at",
           "targets_seen": "$targets_seen",
           "timings": {"setup": $t_setup - $t0, "single": $t_single - $t_setup, "fleet": $t_fleet - $t_single,
                       "merge": $t_merge - $t_fleet}}, open(sys.argv[1], "w"), indent=1)
EOF
rc=0
python3 "$here/check.py" verify "$work" || rc=$?
say "total $(elapsed "$t0") s"
[ $rc -eq 0 ] || fail "see above"
passed=1
say "PASS"
