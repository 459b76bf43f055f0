#!/usr/bin/env python3
"""Helpers for tests/bench/compare.sh (standard library only).

  compare.py run --results R --table T --row ROW --kind KIND --log LOG [--artifact F]
                 [--timeout S] [--server-pid PID] [--expect-transport NAME] -- COMMAND...
      Runs one client, waits for it with wait4() (its own CPU time and peak RSS), samples its
      thread count from /proc every 50 ms, kills it after --timeout, parses its output by KIND
      (wrk, hey, h2load, locust, stampede) and appends one JSON line to R.
  compare.py skip --results R --table T --row ROW --reason TEXT      a cell that could not run
  compare.py server --results R --stats F      adds stampserver's own times to the last line of R
  compare.py scenario --out F --url U (--vus N | --rate N) --duration D [--stream] [--h2c]
  compare.py table --results R --kind ceiling|stream|honesty --table T [--ratio-to ROW]
  compare.py median < LINES        per-column medians of lines of seconds, printed in ms
  compare.py ok --results R        exit 0 if at least one Stampede run succeeded
"""
import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time

# ---------------------------------------------------------------------------------------------
# run: one measured client process


def proc_threads(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_ticks(parent):
    """CPU ticks of a server process and its direct children (nginx master + workers)."""
    if not parent:
        return None
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
        if entry == str(parent) or fields[1] == str(parent):
            total += int(fields[11]) + int(fields[12])
    return total


def parse_wrk(text, _):
    def ms(label):
        m = re.search(r"^\s*" + re.escape(label) + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not m:
            return None
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    reqs = re.search(r"(\d+) requests in", text)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    failures = (int(bad.group(1)) if bad else 0) + (sum(map(int, sock.groups())) if sock else 0)
    if not rps or not reqs:
        return None
    return {"rps": float(rps.group(1)), "requests": int(reqs.group(1)), "failures": failures,
            "p50_ms": ms("50%"), "p99_ms": ms("99%")}


def parse_hey(text, _):
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rps:
        return None
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
    errors = 0
    err_block = text.split("Error distribution:", 1)
    if len(err_block) == 2:
        errors = sum(int(n) for n in re.findall(r"^\s*\[(\d+)\]", err_block[1], re.M))

    def pct(p):
        m = re.search(r"^\s*" + str(p) + r"%\s+in\s+([\d.]+)\s+secs", text, re.M)
        return float(m.group(1)) * 1000 if m else None

    ok = codes.get(200, 0)
    return {"rps": float(rps.group(1)), "requests": sum(codes.values()) + errors,
            "failures": sum(codes.values()) - ok + errors, "p50_ms": pct(50), "p99_ms": pct(99)}


def parse_h2load(text, _):
    fin = re.search(r"finished in ([\d.]+)s, ([\d.]+) req/s", text)
    reqs = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, "
                     r"(\d+) errored, (\d+) timeout", text)
    if not fin or not reqs:
        return None
    return {"rps": float(fin.group(2)), "requests": int(reqs.group(3)),
            "failures": int(reqs.group(5)) + int(reqs.group(6)) + int(reqs.group(7))}


def parse_locust(_, artifact):
    try:
        with open(artifact + "_stats.csv") as f:
            rows = [r for r in csv.DictReader(f) if r.get("Name") == "Aggregated"]
    except OSError:
        return None
    if not rows:
        return None
    r = rows[0]
    num = lambda k: float(r[k]) if r.get(k) not in (None, "", "N/A") else None
    return {"rps": num("Requests/s"), "requests": int(num("Request Count") or 0),
            "failures": int(num("Failure Count") or 0), "p50_ms": num("50%"), "p99_ms": num("99%")}


def parse_stampede(_, artifact):
    try:
        with open(artifact) as f:
            d = json.load(f)
    except (OSError, ValueError):
        return None
    o = d["overall"]
    get = lambda key, p: (o.get(key) or {}).get(p)
    return {"rps": o.get("rps"), "requests": o.get("requests"), "failures": o.get("failures"),
            "p50_ms": get("latency_ms", "p50"), "p99_ms": get("latency_ms", "p99"),
            "ttft_p50": get("ttft_ms", "p50"), "ttft_p99": get("ttft_ms", "p99"),
            "itl_p50": get("itl_ms", "p50"), "itl_p99": get("itl_ms", "p99"),
            "sched_p99": get("scheduled_latency_ms", "p99"), "errors": o.get("errors"),
            "peak_in_flight": d.get("peak_in_flight"), "duration_s": d.get("duration_s"),
            "transport": d.get("transport") or (d.get("target") or {}).get("transport"),
            "warnings": d.get("warnings") or []}


PARSERS = {"wrk": parse_wrk, "hey": parse_hey, "h2load": parse_h2load, "locust": parse_locust,
           "stampede": parse_stampede}


def append(path, record):
    with open(path, "a") as f:
        f.write(json.dumps(record) + "\n")


def tail(path, lines=4):
    try:
        with open(path, errors="replace") as f:
            text = [l.rstrip() for l in f if l.strip()]
        return " / ".join(text[-lines:])[-400:]
    except OSError:
        return ""


def cmd_run(a):
    rec = {"table": a.table, "row": a.row, "ok": False}
    start = time.monotonic()
    ticks0 = tree_ticks(a.server_pid)
    try:
        with open(a.log, "wb") as log:
            proc = subprocess.Popen(a.command, stdout=log, stderr=subprocess.STDOUT)
    except OSError as e:
        rec["error"] = str(e)
        append(a.results, rec)
        return 0
    peak, killed, kill_at = 0, False, None
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, proc_threads(proc.pid))
            now = time.monotonic()
            if not killed and now - start > a.timeout:
                proc.terminate()
                killed, kill_at = True, now + 5
            elif killed and now > kill_at:
                proc.kill()
            time.sleep(0.05)
    except KeyboardInterrupt:
        proc.kill()
        proc.wait()
        raise
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    ticks1 = tree_ticks(a.server_pid)
    rec.update({"rc": proc.returncode, "killed": killed, "wall_s": round(wall, 3),
                "cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss, "threads": peak})
    if ticks0 is not None and ticks1 is not None:
        rec["server_cpu_pct"] = 100.0 * (ticks1 - ticks0) / os.sysconf("SC_CLK_TCK") / wall
    with open(a.log, errors="replace") as f:
        text = f.read()
    metrics = PARSERS[a.kind](text, a.artifact)
    if metrics and metrics.get("requests"):
        rec.update(metrics)
        good = metrics["requests"] - (metrics.get("failures") or 0)
        ran = str(metrics.get("transport") or "").split(" ")[0]
        if a.expect_transport and ran != a.expect_transport:
            why = "; ".join(metrics.get("warnings") or []) or "no warning"
            rec["error"] = f"ran on the {ran or '?'} transport, not {a.expect_transport} ({why})"
        elif 2 * good >= metrics["requests"]:  # req/s and CPU count successful responses only
            rec["ok"] = True
            rec["rps"] = metrics["rps"] * good / metrics["requests"]
            rec["cpu_per_req_ms"] = 1000.0 * rec["cpu_s"] / good
        else:
            why = metrics.get("errors") or tail(a.log)
            rec["error"] = f"{metrics['requests'] - good} of {metrics['requests']} requests failed: {why}"
    else:
        rec["error"] = f"exit {proc.returncode}{' (killed at timeout)' if killed else ''}: {tail(a.log)}"
    append(a.results, rec)
    return 0


def cmd_skip(a):
    append(a.results, {"table": a.table, "row": a.row, "ok": False, "error": a.reason})
    return 0


def cmd_server(a):
    with open(a.results) as f:
        lines = f.read().splitlines()
    rec = json.loads(lines[-1])
    try:
        with open(a.stats) as f:
            s = json.load(f)
        rec.update({"server_p50": s["p50_ms"], "server_p99": s["p99_ms"], "server_count": s["count"]})
    except (OSError, ValueError, KeyError) as e:
        rec["ok"] = False
        rec["error"] = f"no server stats: {e}"
    lines[-1] = json.dumps(rec)
    with open(a.results, "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


def cmd_scenario(a):
    if a.vus:
        load = {"executor": "constant-vus", "vus": a.vus, "duration": a.duration, "graceful_stop": "30s"}
    else:
        load = {"executor": "constant-arrival-rate", "rate": a.rate, "time_unit": "1s", "duration": a.duration,
                "max_in_flight": 10000, "graceful_stop": "30s"}
    doc = {
        "version": 1,
        "name": "Peer benchmark (compare.sh)",
        "target": {"base_url": a.url, "timeout": "60s", "connect_timeout": "30s",
                   "http2": "h2c" if a.h2c else "http1"},
        "models": [{"model": "bench", "weight": 1, "max_tokens": 20, "stream": a.stream}],
        "prompts": {"system": "", "user": ["ping"]},
        "load": load,
        "retry": {"max_retries": 0},
        "checks": ["status_200"],
        "preflight": False,
        "seed": 1,
    }
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=1)
    return 0


# ---------------------------------------------------------------------------------------------
# table: Markdown, one row per client, each cell the median of its runs with (min–max)


def fmt_num(v, digits):
    if digits == "int":
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}"


def cell(values, digits):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt_num(med, digits)
    return f"{fmt_num(med, digits)} ({fmt_num(min(values), digits)}–{fmt_num(max(values), digits)})"


def load_rows(path, table):
    rows = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r["table"] == table:
                rows.setdefault(r["row"], []).append(r)
    return rows


def print_table(header, body):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for row in body:
        print("| " + " | ".join(row) + " |")


def notes(rows):
    out = []
    for name, runs in rows.items():
        for i, r in enumerate(runs):
            if not r["ok"]:
                out.append(f"- {name.replace('|', ', ')}, run {i + 1}: {r.get('error', 'failed')}")
            elif r.get("failures"):
                extra = f" ({r['errors']})" if r.get("errors") else ""
                out.append(f"- {name.replace('|', ', ')}, run {i + 1}: {r['failures']} failed requests{extra}")
    if out:
        print()
        print("\n".join(out))


def ok_runs(runs):
    return [r for r in runs if r["ok"]]


def table_ceiling(rows, ratio_to):
    base = [r["rps"] for r in ok_runs(rows.get(ratio_to, []))]
    base_med = statistics.median(base) if base else None
    header = ["client", "req/s", f"× {ratio_to}", "client CPU per request (ms)", "client threads (peak)",
              "server CPU %"]
    body = []
    for name, runs in rows.items():
        good = ok_runs(runs)
        col = lambda key: [r.get(key) for r in good]
        rps = col("rps")
        ratio = f"{statistics.median(rps) / base_med:.2f}" if rps and base_med else "n/a"
        body.append([name, cell(rps, "int"), ratio, cell(col("cpu_per_req_ms"), 3), cell(col("threads"), "int"),
                     cell(col("server_cpu_pct"), "int")])
    print_table(header, body)
    notes(rows)


def table_stream(rows, ttft, end):
    header = ["transport", "streams in flight", "streams/s", "TTFT error p50 (ms)", "TTFT error p99 (ms)",
              "ITL p50 (ms)", "ITL p99 (ms)", "end error p50 (ms)", "end error p99 (ms)",
              "client CPU per stream (ms)", "peak RSS (MB)", "peak threads", "server CPU %"]
    body = []
    for name, runs in rows.items():
        good = ok_runs(runs)
        col = lambda key, minus=0.0: [r[key] - minus if r.get(key) is not None else None for r in good]
        body.append(name.split("|", 1) + [
            cell(col("rps"), "int"), cell(col("ttft_p50", ttft), 1), cell(col("ttft_p99", ttft), 1),
            cell(col("itl_p50"), 1), cell(col("itl_p99"), 1), cell(col("p50_ms", end), 1),
            cell(col("p99_ms", end), 1), cell(col("cpu_per_req_ms"), 3),
            cell([r["maxrss_kb"] / 1024 for r in good], "int"), cell(col("threads"), "int"),
            cell(col("server_cpu_pct"), "int")])
    print_table(header, body)
    notes(rows)


def table_honesty(rows):
    header = ["client", "req/s", "client p50 (ms)", "client p99 (ms)", "server p50 (ms)", "server p99 (ms)",
              "client − server p50 (ms)", "client − server p99 (ms)", "p99 from schedule (ms)",
              "client CPU per request (ms)"]
    body = []
    for name, runs in rows.items():
        good = [r for r in ok_runs(runs) if r.get("server_p50") is not None]
        col = lambda key: [r.get(key) for r in good]
        diff = lambda p: [r[f"p{p}_ms"] - r[f"server_p{p}"] if r.get(f"p{p}_ms") is not None else None
                          for r in good]
        body.append([name, cell(col("rps"), "int"), cell(col("p50_ms"), 2), cell(col("p99_ms"), 2),
                     cell(col("server_p50"), 3), cell(col("server_p99"), 3), cell(diff(50), 2), cell(diff(99), 2),
                     cell(col("sched_p99"), 2), cell(col("cpu_per_req_ms"), 3)])
    print_table(header, body)
    notes(rows)


def cmd_table(a):
    rows = load_rows(a.results, a.table) if os.path.exists(a.results) else {}
    if a.kind == "ceiling":
        table_ceiling(rows, a.ratio_to)
    elif a.kind == "stream":
        table_stream(rows, a.ttft, a.end)
    else:
        table_honesty(rows)
    return 0


def cmd_median(a):
    """Median of each whitespace-separated column of stdin, in ms (input in seconds)."""
    rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
    if not rows:
        return 1
    print(" ".join(f"{statistics.median(col) * 1000:,.1f}" for col in zip(*rows)))
    return 0


def cmd_ok(a):
    """Exit 0 if at least one stampede run produced a summary."""
    if not os.path.exists(a.results):
        return 1
    with open(a.results) as f:
        runs = [json.loads(l) for l in f]
    return 0 if any(r["ok"] and r["row"].startswith("stampede") for r in runs) else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    for opt in ("--results", "--table", "--row", "--log"):
        r.add_argument(opt, required=True)
    r.add_argument("--kind", required=True, choices=sorted(PARSERS))
    r.add_argument("--artifact", default="")
    r.add_argument("--timeout", type=float, default=60)
    r.add_argument("--server-pid", type=int, default=0)
    r.add_argument("--expect-transport", default="", help="stampede: fail the cell if another transport ran")
    r.add_argument("command", nargs=argparse.REMAINDER)
    s = sub.add_parser("skip")
    for opt in ("--results", "--table", "--row", "--reason"):
        s.add_argument(opt, required=True)
    v = sub.add_parser("server")
    v.add_argument("--results", required=True)
    v.add_argument("--stats", required=True)
    c = sub.add_parser("scenario")
    c.add_argument("--out", required=True)
    c.add_argument("--url", required=True)
    c.add_argument("--vus", type=int, default=0)
    c.add_argument("--rate", type=int, default=0)
    c.add_argument("--duration", required=True)
    c.add_argument("--stream", action="store_true")
    c.add_argument("--h2c", action="store_true")
    t = sub.add_parser("table")
    t.add_argument("--results", required=True)
    t.add_argument("--table", required=True)
    t.add_argument("--kind", required=True, choices=["ceiling", "stream", "honesty"])
    t.add_argument("--ratio-to", default="hey")
    t.add_argument("--ttft", type=float, default=150)
    t.add_argument("--end", type=float, default=1100)
    sub.add_parser("median")
    k = sub.add_parser("ok")
    k.add_argument("--results", required=True)
    a = p.parse_args()
    if a.cmd == "run" and a.command[:1] == ["--"]:
        a.command = a.command[1:]
    return {"run": cmd_run, "skip": cmd_skip, "server": cmd_server, "scenario": cmd_scenario, "table": cmd_table,
            "median": cmd_median, "ok": cmd_ok}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
