#include "metrics/sweeptracker.h"

#include "metrics/groupaccumulator.h"
#include "metrics/threshold.h"

#include <algorithm>
#include <cmath>

namespace stampede::metrics {

using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t nsPerMs = 1'000'000;

QString num(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

/// At most two decimals, no trailing zeros: "20", "20.25", and a model's share "6.01" (not "6.00824").
QString shortNum(double value)
{
    return QString::number(std::round(value * 100) / 100, 'g', 6);
}

/// The SLO metric's figures and its words in a reason.
const LatencyStats &trendOf(const GroupStats &stats, model::SloMetric metric)
{
    switch (metric) {
    case model::SloMetric::Ttft:
        return stats.ttft;
    case model::SloMetric::Tpot:
        return stats.tpot;
    case model::SloMetric::HttpReqDuration:
        break;
    }
    return stats.latency;
}

QString wordOf(model::SloMetric metric)
{
    switch (metric) {
    case model::SloMetric::Ttft:
        return u"TTFT"_s;
    case model::SloMetric::Tpot:
        return u"TPOT"_s;
    case model::SloMetric::HttpReqDuration:
        break;
    }
    return u"latency"_s;
}

} // namespace

struct SweepTracker::Step {
    std::vector<std::unique_ptr<GroupAccumulator>> groups; ///< allocated on first use, dropped once judged
    std::int64_t scheduled = 0;
    std::int64_t finished = 0; ///< outcomes back, cancelled ones included
    std::int64_t dropped = 0; ///< arrivals the in-flight cap dropped while the step ran
    QList<CheckResult> checks; ///< over every model: checks are not per model
    bool judged = false;
    QList<SweepStep> results; ///< per group, once judged
};

SweepTracker::SweepTracker(const model::Sweep &sweep, const QStringList &models,
    const QList<std::optional<model::Slo>> &groupSlos, const QList<Threshold> &thresholds, const QStringList &checks,
    std::int64_t settleMs)
    : m_sweep(sweep)
    , m_levels(sweep.levels())
    , m_models(models)
    , m_slos(groupSlos)
    , m_thresholds(thresholds)
    , m_settleMs(settleMs)
{
    for (qsizetype i = 0; i < m_levels.size(); ++i) {
        auto step = std::make_unique<Step>();
        step->groups.resize(std::size_t(models.size()) + 1);
        for (const QString &name : checks)
            step->checks.append(CheckResult { name, 0, 0 });
        m_steps.push_back(std::move(step));
    }
}

SweepTracker::~SweepTracker() = default;

void SweepTracker::scheduled(std::int64_t scheduledNs, std::int64_t count)
{
    if (m_steps.empty())
        return;
    m_steps[std::size_t(m_sweep.stepAt(scheduledNs / nsPerMs))]->scheduled += count;
}

void SweepTracker::add(
    int group, const RequestOutcome &outcome, const OutcomeSamples &samples, const QString &error, bool metSlo)
{
    if (m_steps.empty())
        return;
    const std::int64_t at = outcome.scheduledNs >= 0 ? outcome.scheduledNs : outcome.endNs;
    Step &step = *m_steps[std::size_t(m_sweep.stepAt(at / nsPerMs))];
    if (step.judged)
        return; // later than settleMs after its step: left out of a verdict already given
    ++step.finished;
    const auto count = [&](int g) {
        auto &acc = step.groups[std::size_t(g)];
        if (!acc)
            acc = std::make_unique<GroupAccumulator>(g == 0 ? u"all"_s : m_models[g - 1], m_slos.value(g));
        acc->add(outcome, samples, error, 0.0, metSlo);
    };
    count(0);
    if (group > 0 && std::size_t(group) < step.groups.size())
        count(group);
    countChecks(step.checks, outcome);
}

void SweepTracker::dropped(std::int64_t nowNs, std::int64_t count)
{
    if (!m_steps.empty())
        m_steps[std::size_t(m_sweep.stepAt(nowNs / nsPerMs))]->dropped += count;
}

void SweepTracker::stopIssuing(std::int64_t nowNs)
{
    if (!m_stopNs)
        m_stopNs = nowNs;
}

double SweepTracker::coveredSeconds(std::size_t index, std::int64_t nowNs) const
{
    const double full = double(m_sweep.stepDurationMs) / 1000.0;
    // A rate step covers the time its scheduled requests took at the offered rate; a VU step the
    // time since it began (its VUs ran all along).
    const double seconds = m_sweep.isVus()
        ? double(nowNs / nsPerMs - std::int64_t(index) * m_sweep.stepDurationMs) / 1000.0
        : double(m_steps[index]->scheduled) / m_levels[qsizetype(index)];
    return std::clamp(seconds, 0.001, full);
}

double SweepTracker::stepSeconds(std::size_t index, std::int64_t endNs) const
{
    const std::int64_t stepEndMs = std::int64_t(index + 1) * m_sweep.stepDurationMs;
    if (endNs / nsPerMs >= stepEndMs)
        return double(m_sweep.stepDurationMs) / 1000.0;
    return coveredSeconds(index, endNs); // cut by the run's end
}

void SweepTracker::advance(std::int64_t nowNs)
{
    const std::int64_t nowMs = nowNs / nsPerMs;
    while (m_nextToJudge < m_steps.size()) {
        const Step &step = *m_steps[m_nextToJudge];
        const std::int64_t endMs = std::int64_t(m_nextToJudge + 1) * m_sweep.stepDurationMs;
        if (nowMs < endMs || (step.finished < step.scheduled && nowMs < endMs + m_settleMs))
            break;
        judgeStep(m_nextToJudge, double(m_sweep.stepDurationMs) / 1000.0);
        ++m_nextToJudge;
    }
}

SweepStep SweepTracker::figures(std::size_t index, int group, double seconds) const
{
    const Step &step = *m_steps[index];
    SweepStep out;
    out.step = int(index) + 1;
    out.judged = false;
    const GroupAccumulator *acc = step.groups[std::size_t(group)].get();
    const GroupAccumulator *all = step.groups[0].get();
    const GroupStats stats = acc ? acc->stats(seconds) : GroupStats {};
    const double rate = m_levels[qsizetype(index)];
    if (m_sweep.isVus()) {
        out.vus = int(rate); // a closed model offers no rate; its VUs serve every model
    } else if (group == 0) {
        out.offeredRate = rate;
    } else if (all) {
        // A model is offered its share of the step's requests (the scenario's weights, as drawn).
        const GroupStats allStats = all->stats(seconds);
        const double total = double(allStats.requests + allStats.cancelled);
        out.offeredRate = total > 0 ? rate * double(stats.requests + stats.cancelled) / total : 0.0;
    }
    out.achievedRate = double(stats.successes) / seconds;
    out.requests = stats.requests;
    out.errors = stats.failures;
    out.errorRate = stats.errorRate();
    if (stats.hasSlo())
        out.goodput = double(stats.sloMet) / seconds;
    out.latencyP50 = stats.latency.p50;
    out.latencyP95 = stats.latency.p95;
    out.latencyP99 = stats.latency.p99;
    out.ttftP50 = stats.ttft.p50;
    out.ttftP95 = stats.ttft.p95;
    out.ttftP99 = stats.ttft.p99;
    return out;
}

QString SweepTracker::failureOf(std::size_t index, int group, const SweepStep &f, double seconds) const
{
    const model::SweepStop &stop = m_sweep.stopWhen;
    if (f.requests > 0 && stop.errorRate < 1 && f.errorRate > stop.errorRate)
        return u"error rate "_s + num(f.errorRate * 100) + u" % > "_s + shortNum(stop.errorRate * 100) + u" %"_s;
    // Not for a VU sweep: a closed model has no offered rate to fall below.
    if (stop.achievedBelow > 0 && !m_sweep.isVus() && f.offeredRate > 0
        && f.achievedRate < f.offeredRate * (1 - stop.achievedBelow))
        return u"achieved "_s + num(f.achievedRate) + u" req/s < "_s + shortNum((1 - stop.achievedBelow) * 100)
            + u" % of offered "_s + shortNum(f.offeredRate);
    const GroupAccumulator *acc = m_steps[index]->groups[std::size_t(group)].get();
    if (!acc)
        return {};
    const GroupStats stats = acc->stats(seconds);
    if (stop.slo && stats.slo) {
        const QString aggregation = u"p("_s + shortNum(stop.sloPercentile) + u')';
        for (model::SloMetric metric : model::allSloMetrics()) {
            const std::optional<std::int64_t> bound = stats.slo->bound(metric);
            const LatencyStats &trend = trendOf(stats, metric);
            const double value = trend.value(aggregation);
            if (bound && trend.count > 0 && value >= double(*bound))
                return u"p"_s + shortNum(stop.sloPercentile) + u' ' + wordOf(metric) + u' ' + num(value, 0)
                    + u" ms \u2265 SLO "_s + QString::number(*bound) + u" ms"_s;
        }
    }
    if (!stop.thresholds)
        return {};
    for (const Threshold &t : m_thresholds) {
        if (t.group != group)
            continue;
        const std::optional<double> value
            = metricValue(stats, t.parsed, m_steps[index]->dropped, m_steps[index]->checks, seconds);
        if (value && !t.parsed.test(*value))
            return u"threshold "_s + t.metricKey + u' ' + t.expression + u" failed (value "_s + num(*value, 2) + u')';
    }
    return {};
}

void SweepTracker::judgeStep(std::size_t index, double seconds)
{
    Step &step = *m_steps[index];
    step.results.clear();
    QString modelFailure;
    for (int g = 0; g < int(step.groups.size()); ++g) {
        SweepStep result = figures(index, g, seconds);
        result.judged = true;
        result.reason = failureOf(index, g, result, seconds);
        result.passed = result.reason.isEmpty();
        if (g > 0 && !result.passed && modelFailure.isEmpty())
            modelFailure = m_models[g - 1] + u": "_s + result.reason;
        step.results.append(result);
    }
    // Overall, everything must hold: a model's failure fails the step for every model together.
    if (step.results[0].passed && !modelFailure.isEmpty()) {
        step.results[0].passed = false;
        step.results[0].reason = modelFailure;
    }
    step.judged = true;
    step.groups.clear();
    step.groups.resize(std::size_t(m_models.size()) + 1);
}

QList<SweepStep> SweepTracker::liveSteps(std::int64_t nowNs) const
{
    QList<SweepStep> out;
    const std::size_t running = std::size_t(m_sweep.stepAt(nowNs / nsPerMs));
    for (std::size_t i = 0; i < m_steps.size() && i <= running; ++i) {
        const Step &step = *m_steps[i];
        if (step.judged)
            out.append(step.results[0]);
        else if (step.groups[0])
            out.append(figures(i, 0, coveredSeconds(i, nowNs)));
    }
    return out;
}

std::optional<SweepStep> SweepTracker::knee() const
{
    for (std::size_t i = 0; i < m_nextToJudge; ++i) {
        if (!m_steps[i]->results[0].passed)
            return m_steps[i]->results[0];
    }
    return std::nullopt;
}

Capacity SweepTracker::finish(std::int64_t measuredEndNs)
{
    // A step is cut when arrivals stopped before its end (the stop's time, else the window's end).
    const std::int64_t endNs = m_stopNs.value_or(measuredEndNs);
    for (; m_nextToJudge < m_steps.size(); ++m_nextToJudge) {
        const Step &step = *m_steps[m_nextToJudge];
        const bool cut = endNs / nsPerMs < std::int64_t(m_nextToJudge + 1) * m_sweep.stepDurationMs;
        if ((!step.groups[0] && step.scheduled == 0) || (cut && knee() && m_sweep.stopAtKnee))
            break; // never started, or cut short by the stop at the knee
        judgeStep(m_nextToJudge, stepSeconds(m_nextToJudge, endNs));
    }
    Capacity capacity;
    capacity.stepDurationMs = m_sweep.stepDurationMs;
    capacity.level = m_sweep.level;
    for (int g = 0; g <= m_models.size(); ++g) {
        QList<SweepStep> steps;
        for (std::size_t i = 0; i < m_nextToJudge; ++i)
            steps.append(m_steps[i]->results[g]);
        CapacityVerdict verdict = verdictOf(g == 0 ? u"all"_s : m_models[g - 1], steps);
        if (g == 0)
            capacity.overall = verdict;
        else
            capacity.models.append(verdict);
    }
    return capacity;
}

} // namespace stampede::metrics
