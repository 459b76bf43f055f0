#include "metrics/aggregator.h"

#include "metrics/groupaccumulator.h"
#include "metrics/secondwindows.h"
#include "metrics/slojudge.h"
#include "metrics/sweeptracker.h"
#include "metrics/threshold.h"

#include <algorithm>

namespace stampede::metrics {

using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t nsPerSecond = 1'000'000'000;
constexpr std::int64_t nsPerMs = 1'000'000;

/// A configured threshold, parsed once. group < 0: never evaluated (invalid, or unknown model).
struct ThresholdSlot {
    AggregatorConfig::Threshold config;
    model::Threshold parsed;
    int group = -1;
};

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

struct Aggregator::Impl {
    explicit Impl(AggregatorConfig cfg);
    int groupOf(const RequestOutcome &outcome) const;
    /// The SLO a group's requests are judged by (group 0: an outcome of an unknown model).
    model::Slo sloOf(int group) const;
    /// Per group: whether it is judged (GroupStats::slo set). "all" is when any model is.
    std::vector<bool> judgedGroups() const;
    void setupThresholds();
    void setupSweep();
    /// `withSeries`: the gateway's per-second series too (the summary's, not a snapshot's).
    GroupStats groupStats(int group, double windowSeconds, bool withSeries = false) const;
    QList<GroupStats> allGroupStats(double windowSeconds, bool withSeries = false) const;
    ThresholdResult evaluate(const ThresholdSlot &slot, const GroupStats *group, double windowSeconds) const;
    QList<ThresholdResult> evaluateAll(const QList<GroupStats> &groupStats, double windowSeconds) const;

    AggregatorConfig config;
    std::vector<GroupAccumulator> groups; ///< 0: every model, i + 1: model i
    std::vector<GatewayTracker> gateway; ///< same index as groups
    SecondWindows windows;
    QList<CheckResult> checks;
    std::vector<ThresholdSlot> thresholds;
    QList<SecondPoint> history; ///< every closed second, for finish()
    qsizetype reportedSeconds = 0; ///< history entries already handed out by snapshot()
    QStringList warnings;
    FailureGroups failures;
    int peakInFlight = 0;
    int vus = 0;
    int maxVus = 0;
    int inFlight = 0;
    std::int64_t droppedTotal = 0;
    std::int64_t redirects = 0;
    double plannedTarget = 0;
    std::unique_ptr<SweepTracker> sweep; ///< a sweep run's steps; null otherwise
    std::unique_ptr<OverheadTracker> overhead; ///< a paired run's two sides; null otherwise
};

Aggregator::Impl::Impl(AggregatorConfig cfg)
    : config(std::move(cfg))
    , windows(int(config.models.size()) + 1, judgedGroups())
{
    const std::vector<bool> judged = judgedGroups();
    groups.reserve(std::size_t(config.models.size()) + 1);
    gateway.resize(std::size_t(config.models.size()) + 1);
    groups.emplace_back(u"all"_s, judged[0] ? std::optional(config.slo) : std::nullopt);
    for (qsizetype i = 0; i < config.models.size(); ++i)
        groups.emplace_back(
            config.models[i], judged[std::size_t(i) + 1] ? std::optional(sloOf(int(i) + 1)) : std::nullopt);
    for (const QString &name : std::as_const(config.checks))
        checks.append(CheckResult { name, 0, 0 });
    setupThresholds();
    setupSweep();
    if (!config.directBaseUrl.isEmpty())
        overhead = std::make_unique<OverheadTracker>(config.models);
}

void Aggregator::Impl::setupSweep()
{
    if (!config.sweep)
        return;
    QList<std::optional<model::Slo>> slos;
    for (std::size_t g = 0; g < groups.size(); ++g)
        slos.append(groups[g].stats(1.0).slo);
    QList<SweepTracker::Threshold> sweepThresholds;
    for (const ThresholdSlot &slot : thresholds) {
        if (slot.group >= 0)
            sweepThresholds.append({ slot.config.metricKey, slot.config.expression, slot.parsed, slot.group });
    }
    sweep = std::make_unique<SweepTracker>(
        *config.sweep, config.models, slos, sweepThresholds, config.checks, config.sweepSettleMs);
}

void Aggregator::Impl::setupThresholds()
{
    for (const AggregatorConfig::Threshold &t : std::as_const(config.thresholds)) {
        ThresholdSlot slot { t, {}, -1 };
        QString error;
        if (const auto parsed = model::parseThreshold(t.metricKey, t.expression, &error)) {
            slot.parsed = *parsed;
            const qsizetype model = parsed->key.model.isEmpty() ? -1 : config.models.indexOf(parsed->key.model);
            slot.group = int(model) + 1;
            if (!parsed->key.model.isEmpty() && model < 0) {
                slot.group = -1;
                error = u"model \""_s + parsed->key.model + u"\" is not enabled"_s;
            } else if (model::needsSlo(parsed->key.metric) && !judgedGroups()[std::size_t(slot.group)]) {
                slot.group = -1;
                error = u"no slo is declared"_s + (model < 0 ? QString() : u" for model "_s + parsed->key.model);
            }
        }
        if (slot.group < 0)
            warnings.append(u"threshold "_s + t.metricKey + u' ' + t.expression + u" is never evaluated: "_s + error);
        thresholds.push_back(std::move(slot));
    }
}

model::Slo Aggregator::Impl::sloOf(int group) const
{
    return group > 0 ? config.modelSlos.value(group - 1, config.slo) : config.slo;
}

std::vector<bool> Aggregator::Impl::judgedGroups() const
{
    std::vector<bool> judged(std::size_t(config.models.size()) + 1, false);
    judged[0] = !config.slo.isEmpty();
    for (qsizetype i = 0; i < config.models.size(); ++i) {
        judged[std::size_t(i) + 1] = !sloOf(int(i) + 1).isEmpty();
        judged[0] = judged[0] || judged[std::size_t(i) + 1];
    }
    return judged;
}

int Aggregator::Impl::groupOf(const RequestOutcome &outcome) const
{
    // An index the scenario does not know still counts in the "all" row.
    return outcome.modelIndex >= 0 && outcome.modelIndex < config.models.size() ? outcome.modelIndex + 1 : 0;
}

GroupStats Aggregator::Impl::groupStats(int group, double windowSeconds, bool withSeries) const
{
    GroupStats stats = groups[std::size_t(group)].stats(windowSeconds);
    stats.headers = gateway[std::size_t(group)].headers(withSeries);
    stats.rateLimits = gateway[std::size_t(group)].rateLimits(withSeries);
    return stats;
}

QList<GroupStats> Aggregator::Impl::allGroupStats(double windowSeconds, bool withSeries) const
{
    QList<GroupStats> all;
    all.reserve(qsizetype(groups.size()));
    for (std::size_t g = 0; g < groups.size(); ++g)
        all.append(groupStats(int(g), windowSeconds, withSeries));
    return all;
}

ThresholdResult Aggregator::Impl::evaluate(
    const ThresholdSlot &slot, const GroupStats *group, double windowSeconds) const
{
    ThresholdResult result;
    result.metric = slot.config.metricKey;
    result.expression = slot.config.expression;
    result.abortOnFail = slot.config.abortOnFail;
    if (!group)
        return result;
    const std::optional<double> value = metricValue(*group, slot.parsed, droppedTotal, checks, windowSeconds);
    if (!value)
        return result;
    result.evaluated = true;
    result.value = *value;
    result.passed = slot.parsed.test(*value);
    return result;
}

QList<ThresholdResult> Aggregator::Impl::evaluateAll(const QList<GroupStats> &groupStats, double windowSeconds) const
{
    QList<ThresholdResult> results;
    results.reserve(qsizetype(thresholds.size()));
    for (const ThresholdSlot &slot : thresholds) {
        const GroupStats *group = slot.group >= 0 ? &groupStats[slot.group] : nullptr;
        results.append(evaluate(slot, group, windowSeconds));
    }
    return results;
}

Aggregator::Aggregator(AggregatorConfig config)
    : d(std::make_unique<Impl>(std::move(config)))
{
}

Aggregator::~Aggregator() = default;

void Aggregator::add(const RequestOutcome &outcome)
{
    const int group = d->groupOf(outcome);
    const OutcomeSamples samples = OutcomeSamples::of(outcome);
    if (d->overhead) {
        d->overhead->add(outcome, samples, group);
        if (outcome.direct)
            return; // the direct target's requests are the comparison, not the gateway's figures
    } else if (outcome.direct) {
        return; // not a paired run: nothing to compare it with (a journal edited by hand)
    }
    const QString error = outcome.succeeded() ? QString() : errorKey(outcome.errorClass, outcome.httpStatus);
    double cost = 0;
    if (group > 0 && outcome.modelIndex < d->config.prices.size())
        cost = d->config.prices[outcome.modelIndex].cost(
            outcome.promptTokens, outcome.completionTokens, outcome.cacheReadTokens, outcome.cacheCreationTokens);

    const bool metSlo = meetsSlo(outcome, samples, d->sloOf(group));

    d->groups[0].add(outcome, samples, error, cost, metSlo);
    d->gateway[0].add(outcome);
    d->redirects += outcome.redirects;
    if (group > 0) {
        d->groups[std::size_t(group)].add(outcome, samples, error, cost, metSlo);
        d->gateway[std::size_t(group)].add(outcome);
    }
    d->windows.add(outcome, group, samples, error, cost, metSlo);
    if (d->sweep)
        d->sweep->add(group, outcome, samples, error, metSlo);
    if (outcome.failed())
        d->failures.add(outcome, d->config.models.value(outcome.modelIndex));
    countChecks(d->checks, outcome);
    // integrity (issue 14): judged against the model the request asked for
    if (group > 0) {
        const QString &requested = d->config.models[outcome.modelIndex];
        d->groups[0].addIntegrity(outcome, requested);
        d->groups[std::size_t(group)].addIntegrity(outcome, requested);
    }
}

void Aggregator::scheduled(std::int64_t scheduledNs, std::int64_t count)
{
    if (d->sweep)
        d->sweep->scheduled(scheduledNs, count);
}

void Aggregator::stopIssuing(std::int64_t nowNs)
{
    if (d->sweep)
        d->sweep->stopIssuing(nowNs);
}

std::optional<SweepStep> Aggregator::sweepKnee() const
{
    return d->sweep ? d->sweep->knee() : std::nullopt;
}

void Aggregator::setGauges(std::int64_t nowNs, int vus, int inFlight, std::int64_t droppedTotal, double plannedTarget)
{
    d->vus = vus;
    d->maxVus = std::max(d->maxVus, vus);
    d->inFlight = inFlight;
    d->peakInFlight = std::max(d->peakInFlight, inFlight);
    if (d->sweep && droppedTotal > d->droppedTotal)
        d->sweep->dropped(nowNs, droppedTotal - d->droppedTotal);
    d->droppedTotal = droppedTotal;
    d->plannedTarget = plannedTarget;
    d->windows.setGauges(nowNs, vus, inFlight, droppedTotal, plannedTarget);
}

Snapshot Aggregator::snapshot(std::int64_t nowNs, std::int64_t plannedMs)
{
    // Second S closes once now >= (S + 1) s + closeDelay.
    const std::int64_t closeDelayNs = d->config.closeDelayMs * nsPerMs;
    d->windows.closeThrough(floorDiv(nowNs - closeDelayNs, nsPerSecond) - 1, d->history);

    Snapshot s;
    s.elapsedMs = nowNs / nsPerMs;
    s.plannedMs = plannedMs;
    s.vus = d->vus;
    s.inFlight = d->inFlight;
    s.dropped = d->droppedTotal;
    s.plannedTarget = d->plannedTarget;
    s.failures = d->failures.groups();
    s.openModel = d->config.openModel;
    const double windowSeconds = double(nowNs) / double(nsPerSecond);
    const QList<GroupStats> groups = d->allGroupStats(windowSeconds);
    s.overall = groups.first();
    s.models = groups.mid(1);
    s.newSeconds = d->history.mid(d->reportedSeconds);
    d->reportedSeconds = d->history.size();
    s.thresholds = d->evaluateAll(groups, windowSeconds);
    s.checks = d->checks;
    if (d->overhead)
        s.overhead = d->overhead->live();
    if (d->sweep) {
        d->sweep->advance(nowNs);
        s.sweepSteps = d->sweep->liveSteps(nowNs);
    }
    return s;
}

std::optional<ThresholdResult> Aggregator::abortingThreshold(std::int64_t nowNs) const
{
    const double windowSeconds = double(nowNs) / double(nsPerSecond);
    std::vector<std::optional<GroupStats>> built(d->groups.size()); // only the groups asked for
    for (const ThresholdSlot &slot : d->thresholds) {
        if (!slot.config.abortOnFail || slot.group < 0 || nowNs < slot.config.delayAbortEvalMs * nsPerMs)
            continue;
        std::optional<GroupStats> &group = built[std::size_t(slot.group)];
        if (!group)
            group = d->groupStats(slot.group, windowSeconds);
        ThresholdResult result = d->evaluate(slot, &*group, windowSeconds);
        if (result.evaluated && !result.passed)
            return result;
    }
    return std::nullopt;
}

RunSummary Aggregator::finish(std::int64_t durationNs)
{
    const std::int64_t lastInWindow = floorDiv(durationNs + nsPerSecond - 1, nsPerSecond) - 1;
    d->windows.closeThrough(std::max(lastInWindow, d->windows.lastOpenSecond()), d->history);
    d->reportedSeconds = d->history.size();

    RunSummary r;
    r.durationMs = durationNs / nsPerMs;
    r.openModel = d->config.openModel;
    r.maxVus = d->maxVus;
    r.dropped = d->droppedTotal;
    r.redirectsFollowed = d->redirects;
    r.failures = d->failures.groups();
    r.peakInFlight = d->peakInFlight;
    const double windowSeconds = double(durationNs) / double(nsPerSecond);
    const QList<GroupStats> groups = d->allGroupStats(windowSeconds, true);
    r.overall = groups.first();
    r.models = groups.mid(1);
    r.thresholds = d->evaluateAll(groups, windowSeconds);
    r.checks = d->checks;
    r.history = d->history;
    r.warnings = d->warnings;
    if (d->sweep)
        r.capacity = d->sweep->finish(durationNs);
    if (d->overhead)
        r.overhead = d->overhead->result(d->config.directBaseUrl);
    if (r.overall.estimatedTokenRequests > 0)
        r.warnings.append(u"token counts of "_s + QString::number(r.overall.estimatedTokenRequests)
            + u" requests were estimated from the text (no usage from the server)"_s);
    for (std::size_t g = 0; g < d->groups.size(); ++g) {
        const QString suffix = g == 0 ? QString() : u"{model:"_s + d->config.models[qsizetype(g) - 1] + u'}';
        for (Trend trend : allTrends())
            r.histograms.insert(trendName(trend) + suffix, d->groups[g].histogram(trend));
    }
    return r;
}

int Aggregator::allocatedWindows() const
{
    return d->windows.allocatedWindows();
}

} // namespace stampede::metrics
