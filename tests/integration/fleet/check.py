#!/usr/bin/env python3
"""Reads what tests/integration/fleet/run.sh collected and judges it (stdlib only).

  check.py value FILE            a Prometheus /api/v1/query answer: its one value, or "none"
  check.py targets FILE JOB      a /api/v1/targets answer: "<up> <total> <health per target>" of JOB
  check.py gwcount FILE          stampede_gateway_requests_total summed over models, from /metrics text
  check.py verify WORK           every assertion and the final table; exit 0 pass, 1 fail

WORK holds: single/ (one agent, the whole plan), a0..a3/ (the fleet), merged/ (report merge),
gw-single.metrics and gw-fleet.metrics (the gateway's /metrics at the end of each phase),
prom-*.json (Prometheus query answers), params.json (what run.sh planned and measured).
"""
import json
import math
import re
import sys

# Percentile agreement between the merged fleet and the single agent: the histogram's stated error
# (core/metrics/histogram.h: "within 0.4 % of a recorded value") plus an allowance for what differs
# between the two runs' clients and network (scheduling on a shared 2-core machine).
REL_TOL = 0.01
ABS_TOL_MS = 2.0
RATE_TOL = 0.10  # Prometheus sum(rate(...[10s])) at mid-run against the merged run's req/s
BUCKET_TOL = 0.25  # the agents' Prometheus histogram edges are at most 25 % apart (core/fleet/promfamilies.h)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def prom_value(path):
    """The single value of an instant query (a sum), or None when the result is empty."""
    doc = load(path)
    if doc.get("status") != "success":
        raise SystemExit(f"{path}: Prometheus said {doc.get('status')}: {doc.get('error')}")
    result = doc["data"]["result"]
    if doc["data"]["resultType"] == "scalar":
        return float(result[1])
    if not result:
        return None
    if len(result) != 1:
        raise SystemExit(f"{path}: expected one series, got {len(result)}")
    return float(result[0]["value"][1])


def fmt(v):
    return "none" if v is None else (str(int(v)) if v == int(v) else f"{v:.6g}")


def targets(path, job):
    doc = load(path)
    active = [t for t in doc["data"]["activeTargets"] if t["labels"].get("job") == job]
    up = sum(1 for t in active if t["health"] == "up")
    health = ",".join(f"{t['labels'].get('agent', t['labels'].get('instance'))}={t['health']}"
                      for t in sorted(active, key=lambda t: t["labels"].get("instance", "")))
    return up, len(active), health


def gateway_count(path):
    total = 0.0
    pattern = re.compile(r"^stampede_gateway_requests_total(\{[^}]*\})?\s+(\S+)")
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = pattern.match(line)
            if m:
                total += float(m.group(2))
    return int(total)


def journal_ms(folder):
    """Every successful request's latency and TTFT in ms (end - sent, first token - sent), each sorted."""
    lat, ttft = [], []
    with open(f"{folder}/requests.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("status") == 200 and "end" in r and "sent" in r:
                lat.append((r["end"] - r["sent"]) / 1e6)
                if "ftok" in r:
                    ttft.append((r["ftok"] - r["sent"]) / 1e6)
    return sorted(lat), sorted(ttft)


def rank_diffs(a, b):
    """b - a rank by rank (same length): median and largest absolute difference, in ms."""
    if len(a) != len(b) or not a:
        return None
    d = sorted(abs(y - x) for x, y in zip(a, b))
    return d[len(d) // 2], d[-1]


def duration_s(text):
    m = re.fullmatch(r"\s*([0-9.]+)\s*(ms|s|m|h)\s*", str(text))
    if not m:
        raise SystemExit(f"cannot read the duration {text!r}")
    return float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def verify(work):
    params = load(f"{work}/params.json")
    agents = params["agents"]
    single = load(f"{work}/single/summary.json")
    merged = load(f"{work}/merged/summary.json")
    scen = load(f"{work}/scenario.json")["load"]
    planned = round(scen["rate"] / duration_s(scen.get("time_unit", "1s")) * duration_s(scen["duration"]))

    failures = []
    rows = []  # (figure, single, fleet, difference, allowed, verdict)

    def judge(ok, text):
        print(f"fleet: {'ok  ' if ok else 'FAIL'} {text}")
        if not ok:
            failures.append(text)
        return ok

    so, mo = single["overall"], merged["overall"]
    gw_single = gateway_count(f"{work}/gw-single.metrics")
    gw_fleet = gateway_count(f"{work}/gw-fleet.metrics")
    prom_requests = prom_value(f"{work}/prom-requests-end.json")
    prom_gateway = prom_value(f"{work}/prom-gateway-end.json")
    agent_requests = []
    for i in range(agents):
        agent_requests.append(load(f"{work}/a{i}/summary.json")["overall"]["requests"])

    # 1. counts
    judge(mo["requests"] == gw_fleet == so["requests"] == gw_single == planned,
          f"1. requests: merged {mo['requests']} = gateway {gw_fleet} (fleet phase) = single {so['requests']} "
          f"= gateway {gw_single} (single phase) = planned {planned} (rate x duration); "
          f"per agent {'+'.join(map(str, agent_requests))}")
    judge(so["successes"] == so["requests"] and mo["successes"] == mo["requests"],
          f"1b. every request succeeded: single {so['successes']}/{so['requests']}, "
          f"merged {mo['successes']}/{mo['requests']} (else the latency multisets differ)")
    rows.append(("requests", so["requests"], mo["requests"], mo["requests"] - so["requests"], "0",
                 "ok" if mo["requests"] == so["requests"] else "FAIL"))
    rows.append(("gateway requests", gw_single, gw_fleet, gw_fleet - gw_single, "0",
                 "ok" if gw_fleet == gw_single == mo["requests"] else "FAIL"))

    # 2. percentiles: merged fleet against one agent running the whole plan
    for metric in ("latency_ms", "ttft_ms"):
        for q in ("p50", "p95", "p99"):
            s, m = float(so[metric][q]), float(mo[metric][q])
            allowed = REL_TOL * s + ABS_TOL_MS
            diff = m - s
            ok = abs(diff) <= allowed
            judge(ok, f"2. {metric} {q}: merged {m:.2f} vs single {s:.2f}: diff {diff:+.2f} ms "
                      f"({100 * diff / s:+.2f} %), allowed +/-{allowed:.2f} ms (1 % + 2 ms)")
            rows.append((f"{metric} {q}", f"{s:.2f}", f"{m:.2f}", f"{diff:+.2f} ({100 * diff / s:+.2f}%)",
                         f"{allowed:.2f}", "ok" if ok else "FAIL"))

    # What lies under the percentiles: the two runs' journals, rank by rank. With the gateway's one
    # seeded stream the intended latencies are the same multiset, so what differs is the clients'
    # and the network's noise (informational; the percentiles above are what is judged).
    sl, st = journal_ms(f"{work}/single")
    ml, mt = journal_ms(f"{work}/merged")
    for name, a, b in (("latency", sl, ml), ("ttft", st, mt)):
        r = rank_diffs(a, b)
        print(f"fleet: info sorted per-request {name}, merged vs single, rank by rank: "
              + ("counts differ" if r is None else f"median |diff| {r[0]:.3f} ms, largest {r[1]:.3f} ms"))

    # 3. Prometheus
    ok = prom_requests is not None and int(prom_requests) == mo["requests"]
    judge(ok, f"3a. Prometheus sum(stampede_requests_total) at the end = {fmt(prom_requests)} vs merged {mo['requests']}")
    rows.append(("prom sum(requests)", "", fmt(prom_requests), "", "exact", "ok" if ok else "FAIL"))
    ok = prom_gateway is not None and int(prom_gateway) == gw_fleet
    judge(ok, f"3b. Prometheus sum(stampede_gateway_requests_total) = {fmt(prom_gateway)} vs the gateway's /metrics {gw_fleet}")
    finished = prom_value(f"{work}/prom-finished-end.json")
    judge(finished == agents, f"3c. agents whose last scraped stampede_run_finished is 1: {fmt(finished)} of {agents} "
                              f"(the lingering endpoint's final scrape)")
    rate = prom_value(f"{work}/prom-rate-mid.json")
    rps = float(mo["rps"])
    ok = rate is not None and abs(rate - rps) <= RATE_TOL * rps
    judge(ok, f"3d. Prometheus sum(rate(stampede_requests_total[10s])) at t+{params['mid_offset_s']} s = "
              f"{rate if rate is None else f'{rate:.2f}'} req/s vs merged {rps:.2f} req/s "
              f"({'n/a' if rate is None else f'{100 * (rate - rps) / rps:+.1f} %'}; allowed +/-10 %)")
    rows.append(("req/s (prom mid-run)", f"{float(so['rps']):.2f}", f"{rps:.2f}",
                 "n/a" if rate is None else f"prom {rate:.2f} ({100 * (rate - rps) / rps:+.1f}%)", "10%",
                 "ok" if ok else "FAIL"))
    p95 = prom_value(f"{work}/prom-p95-end.json")
    mp95 = float(mo["latency_ms"]["p95"])
    p95ms = None if p95 is None or math.isnan(p95) else 1000 * p95
    ok = p95ms is not None and abs(p95ms - mp95) <= BUCKET_TOL * mp95
    judge(ok, f"3e. Prometheus histogram_quantile(0.95, sum by (le) (stampede_http_req_duration_seconds_bucket)) "
              f"= {'none' if p95ms is None else f'{p95ms:.2f}'} ms vs merged p95 {mp95:.2f} ms "
              f"({'n/a' if p95ms is None else f'{100 * (p95ms - mp95) / mp95:+.1f} %'}; "
              f"allowed +/-25 %, the bucket edges' spacing)")
    rows.append(("p95 ms (prom histogram)", "", f"{mp95:.2f}",
                 "n/a" if p95ms is None else f"prom {p95ms:.2f} ({100 * (p95ms - mp95) / mp95:+.1f}%)", "25%",
                 "ok" if ok else "FAIL"))

    # 3f. stampede watch, from the agents and through Prometheus's /federate: the fleet's totals
    # exact, its p95 from the added buckets within their spacing.
    for source in ("agents", "prom"):
        w = load(f"{work}/watch-{source}.json")
        ok = w.get("requests") == mo["requests"] and w.get("agents") == agents and w.get("failures") == mo["failures"]
        judge(ok, f"3f. stampede watch ({source}): {w.get('agents')} agents, {w.get('requests')} requests, "
                  f"{w.get('failures')} failed vs merged {mo['requests']} requests, {mo['failures']} failed")
        wp95 = float(w.get("latency_ms", {}).get("p95") or 0)
        ok2 = abs(wp95 - mp95) <= BUCKET_TOL * mp95
        judge(ok2, f"3g. stampede watch ({source}) p95 {wp95:.2f} ms vs merged {mp95:.2f} ms "
                   f"({100 * (wp95 - mp95) / mp95:+.1f} %; allowed +/-25 %)")
        rows.append((f"watch ({source})", "", f"{mo['requests']} req, p95 {mp95:.2f}",
                     f"{w.get('requests')} req, p95 {wp95:.2f} ({100 * (wp95 - mp95) / mp95:+.1f}%)",
                     "exact; 25%", "ok" if ok and ok2 else "FAIL"))

    # 4. segments
    for i in range(agents):
        seg = load(f"{work}/a{i}/run.json").get("segment")
        judge(seg == {"index": i, "count": agents}, f"4. a{i}/run.json segment {json.dumps(seg, sort_keys=True)}")
    mseg = load(f"{work}/merged/run.json").get("segment")
    warnings = merged.get("warnings") or []
    judge(not warnings, f"4b. merged run: segment {json.dumps(mseg, sort_keys=True)}, "
                        f"status {merged.get('end')}, warnings {warnings}")

    # the table
    print()
    header = ("figure", "single", "fleet(merged)", "difference", "allowed", "")
    table = [tuple(str(c) for c in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(r[c]) for r in table) for c in range(len(header))]
    for n, r in enumerate(table):
        print("  " + "  ".join(r[c].ljust(widths[c]) for c in range(len(header))).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))
    t = params["timings"]
    print(f"\n  timings: setup {t['setup']:.1f} s, single phase {t['single']:.1f} s, fleet phase {t['fleet']:.1f} s, "
          f"merge {t['merge']:.1f} s; agents' targets at t+3 s: {params['targets_seen']}")
    print(f"  per agent requests: {agent_requests}; network {params['net']}.0/24")
    return 1 if failures else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "value" and len(argv) == 3:
        print(fmt(prom_value(argv[2])))
        return 0
    if len(argv) == 4 and argv[1] == "targets":
        up, total, health = targets(argv[2], argv[3])
        print(up, total, health)
        return 0
    if len(argv) == 3 and argv[1] == "gwcount":
        print(gateway_count(argv[2]))
        return 0
    if len(argv) == 3 and argv[1] == "verify":
        return verify(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
