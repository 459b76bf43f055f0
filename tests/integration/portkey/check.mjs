// The checks of tests/integration/portkey/run.sh on a run's summary.json (docs/metrics.md).
//   node check.mjs RUN_DIR/summary.json
// Each check takes the summary, prints what it found and returns the problems it saw (strings);
// exit 0 when there are none. A new check (e.g. the `overhead` of a paired run with
// `direct_target`) is one more function in `checks`.
import { readFileSync } from 'node:fs';

const expectedModels = ['gpt-4.1', 'claude-sonnet-4-5', 'gemini-2.5-flash'];
// The scenario plans 120 (10/s for 12 s), alternated with the direct target: 60 through Portkey.
const minRequests = 40; // tolerant of a loaded machine

const groups = (summary) => [summary.overall, ...(summary.models ?? [])].filter(Boolean);
const groupName = (group) => group.model || 'overall';
const ms = (stats, key) => (typeof stats?.[key] === 'number' ? stats[key].toFixed(1) : '-');

// Every request answered and streamed, in every model.
function checkRequests(summary) {
    const problems = [];
    const overall = summary.overall ?? {};
    console.log(`requests ${overall.requests}, successes ${overall.successes}, dropped ${summary.dropped_iterations}`);
    if (!(overall.requests >= minRequests))
        problems.push(`overall: ${overall.requests} requests, expected at least ${minRequests}`);
    for (const group of groups(summary)) {
        if (group.successes !== group.requests || Object.keys(group.errors ?? {}).length)
            problems.push(`${groupName(group)}: ${group.successes} of ${group.requests} succeeded, ` +
                          `errors ${JSON.stringify(group.errors)}`);
    }
    const seen = (summary.models ?? []).map((m) => m.model);
    for (const model of expectedModels) {
        if (!seen.includes(model))
            problems.push(`no results for model ${model} (got ${seen.join(', ')})`);
    }
    return problems;
}

// TTFT and latency measured through Portkey: every success streamed its first token.
function checkTiming(summary) {
    const problems = [];
    for (const group of groups(summary)) {
        const ttft = group.ttft_ms, latency = group.latency_ms;
        console.log(`${groupName(group)}: TTFT p50 ${ms(ttft, 'p50')} p95 ${ms(ttft, 'p95')} ms, ` +
                    `latency p50 ${ms(latency, 'p50')} p95 ${ms(latency, 'p95')} ms`);
        if (!(ttft?.count > 0) || ttft.count !== group.successes)
            problems.push(`${groupName(group)}: TTFT of ${ttft?.count ?? 0} of ${group.successes} successes`);
        if (!(latency?.count > 0) || !(latency.p50 > 0))
            problems.push(`${groupName(group)}: no latency`);
        if (ttft?.p50 > latency?.p50)
            problems.push(`${groupName(group)}: TTFT p50 ${ttft.p50} ms after latency p50 ${latency.p50} ms`);
    }
    return problems;
}

// Portkey's own response headers (x-portkey-*, captured by the default capture_headers) in every group.
function checkPortkeyHeaders(summary) {
    const problems = [];
    for (const group of groups(summary)) {
        const portkey = Object.entries(group.headers ?? {}).filter(([name]) => name.startsWith('x-portkey-'));
        if (!portkey.length) {
            const names = Object.keys(group.headers ?? {}).join(', ') || 'none';
            problems.push(`${groupName(group)}: no x-portkey-* header captured (headers: ${names})`);
            continue;
        }
        if (group === summary.overall) {
            for (const [name, stats] of portkey) {
                const shown = stats.values ? JSON.stringify(stats.values)
                                           : `${stats.count} numeric, last ${stats.last}`;
                console.log(`  ${name}: ${shown}`);
            }
        }
    }
    // Routed as the scenario asked: provider openai, to the custom host.
    const provider = summary.overall?.headers?.['x-portkey-provider']?.values ?? {};
    if (!provider.openai)
        problems.push(`x-portkey-provider: ${JSON.stringify(provider)}, expected "openai"`);
    return problems;
}

// The paired run's overhead (direct_target = the simulated gateway behind Portkey): both sides ran
// without failures, about as many requests each, and Portkey measurably adds time.
function checkOverhead(summary) {
    const problems = [];
    const overhead = summary.overhead;
    if (!overhead?.groups?.length)
        return ['no "overhead" in the summary (a paired run has one)'];
    for (const group of overhead.groups) {
        const o = group.overhead_ms ?? {};
        const f = (v) => (typeof v === 'number' ? `${v >= 0 ? '+' : ''}${v.toFixed(1)} ms` : '-');
        console.log(`overhead ${group.model}: latency p50 ${f(o.latency_p50)} p95 ${f(o.latency_p95)}, ` +
                    `TTFT p50 ${f(o.ttft_p50)} p95 ${f(o.ttft_p95)} (${group.gateway?.requests} via Portkey, ` +
                    `${group.direct?.requests} direct; ${group.significance?.latency?.text})`);
        if (group.gateway?.failed || group.direct?.failed)
            problems.push(`${group.model}: ${group.gateway?.failed} failed via Portkey, ${group.direct?.failed} direct`);
        if (Math.abs((group.gateway?.requests ?? 0) - (group.direct?.requests ?? 0)) > 4)
            problems.push(`${group.model}: ${group.gateway?.requests} via Portkey vs ${group.direct?.requests} direct`);
    }
    const all = overhead.groups[0];
    if (all.model !== 'all' || overhead.groups.length !== expectedModels.length + 1)
        problems.push(`groups: ${overhead.groups.map((g) => g.model).join(', ')}`);
    if (!(all.direct?.requests >= minRequests))
        problems.push(`all: ${all.direct?.requests} direct requests, expected at least ${minRequests}`);
    if (!(all.overhead_ms?.ttft_p50 > 0) || !(all.significance?.ttft?.p_value < 0.05))
        problems.push(`all: Portkey's TTFT overhead ${all.overhead_ms?.ttft_p50} ms, ${all.significance?.ttft?.text}`);
    if (summary.overall?.requests !== all.gateway?.requests)
        problems.push(`overall counts ${summary.overall?.requests} requests, the Portkey side ${all.gateway?.requests}`);
    return problems;
}

const checks = [checkRequests, checkTiming, checkPortkeyHeaders, checkOverhead];

const file = process.argv[2];
let summary;
try {
    summary = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
    console.error(`check: cannot read ${file}: ${error.message}`);
    process.exit(1);
}
const problems = checks.flatMap((check) => check(summary).map((problem) => `${check.name}: ${problem}`));
for (const problem of problems)
    console.error(`check FAILED ${problem}`);
process.exit(problems.length ? 1 : 0);
