#include "chart/chartmodel.h"

#include "model/metricnames.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stampede::chart {

using namespace Qt::StringLiterals;
namespace names = model::names;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double percentileOf(const metrics::SecondLatency &l, int percentile)
{
    // Widened as the exports write them (SecondLatency::widen), so 21.6 stays 21.6.
    switch (percentile) {
    case 50:
        return metrics::SecondLatency::widen(l.p50);
    case 90:
        return metrics::SecondLatency::widen(l.p90);
    case 95:
        return metrics::SecondLatency::widen(l.p95);
    default:
        return metrics::SecondLatency::widen(l.p99);
    }
}

// A second without a success has no latency: a gap, not a zero.
double latencyOr(const metrics::SecondLatency &l, int percentile)
{
    return l.count ? percentileOf(l, percentile) : kNaN;
}

} // namespace

ChartModel::ChartModel(const QStringList &models, const scenario::Plan &plan)
    : m_models(models)
    , m_plan(plan)
{
    for (int g = 0; g <= models.size(); ++g) {
        const QString name = g ? models[g - 1] : u"all models"_s;
        const Rgb color = g ? palette::model(g - 1) : palette::kAllModels;
        GroupSeries s;
        for (std::size_t i = 0; i < kPercentiles.size(); ++i) {
            const int q = kPercentiles[i];
            s.latency[i] = make(key(names::httpReqDuration, u"p(%1)"_s.arg(q), g), u"p%1"_s.arg(q), u"ms"_s,
                palette::percentile(q), Reduce::MinMax);
        }
        s.ttft = make(key(names::ttft, u"p(95)"_s, g), name, u"ms"_s, color, Reduce::MinMax);
        s.requests = make(
            key(names::iterations, u"rate"_s, g), g ? name : u"achieved req/s"_s, u"req/s"_s, color, Reduce::Mean);
        s.tokens = make(key(names::completionTokens, u"rate"_s, g), g ? name : u"output tokens/s"_s, u"tok/s"_s, color,
            Reduce::Mean);
        if (g == 0) { // the throughput chart's legend, when the chart is narrow
            s.requests.shortLabel = u"req/s"_s;
            s.tokens.shortLabel = u"tokens/s"_s;
        }
        m_groups.append(s);
    }
    m_failures = make(key(names::httpReqFailed, u"count"_s, 0), u"failed"_s, u"req/s"_s, palette::kFail, Reduce::Mean);
    m_failures.dashed = true;
    m_goodput = make(key(names::goodput, u"rate"_s, 0), u"goodput"_s, u"req/s"_s, palette::kGoodput, Reduce::Mean);
    m_vus = make(u"vus"_s, u"VUs"_s, u"VUs"_s, palette::kVus, Reduce::MinMax);
    m_inFlight = make(u"in_flight"_s, u"in flight"_s, u"requests"_s, palette::kInFlight, Reduce::MinMax);
    m_dropped
        = make(key(names::droppedIterations, u"rate"_s, 0), u"dropped/s"_s, u"/s"_s, palette::kFail, Reduce::Mean);
    m_planned = make(u"planned"_s, plan.openModel ? u"planned req/s"_s : u"planned VUs"_s,
        plan.openModel ? u"req/s"_s : u"VUs"_s, palette::kPlanned, Reduce::Mean);
    m_planned.dashed = true;
    m_planned.shortLabel = u"planned"_s;
}

ChartModel ChartModel::fromHistory(
    const QStringList &models, const scenario::Plan &plan, const QList<metrics::SecondPoint> &history)
{
    ChartModel model(models, plan);
    model.append(history);
    return model;
}

Series ChartModel::make(const QString &key, const QString &label, const QString &unit, Rgb color, Reduce reduce) const
{
    Series s;
    s.key = key;
    s.label = label;
    s.unit = unit;
    s.color = color;
    s.buffer = SeriesBuffer(reduce);
    return s;
}

QString ChartModel::key(QLatin1StringView metric, const QString &aggregation, int group) const
{
    QString k = metric;
    if (!aggregation.isEmpty())
        k += u':' + aggregation;
    if (group > 0)
        k += u"{model:"_s + m_models.value(group - 1) + u'}';
    return k;
}

void ChartModel::append(const QList<metrics::SecondPoint> &seconds)
{
    for (const metrics::SecondPoint &point : seconds) {
        if (point.second <= m_lastSecond)
            continue;
        appendSecond(point);
        m_lastSecond = point.second;
    }
}

void ChartModel::appendSecond(const metrics::SecondPoint &point)
{
    const double x = xOf(point.second);
    const QMap<QString, std::int64_t> &errors
        = point.groups.isEmpty() ? QMap<QString, std::int64_t>() : point.groups.constFirst().errors;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        const QString errorKey = it.key();
        const bool known
            = std::any_of(m_errors.cbegin(), m_errors.cend(), [&](const Series &s) { return s.label == errorKey; });
        if (it.value() > 0 && !known)
            addErrorClass(errorKey); // before this second: aligned with the seconds so far
    }
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        static const metrics::SecondPoint::Group none;
        const metrics::SecondPoint::Group &group = g < point.groups.size() ? point.groups[g] : none;
        GroupSeries &s = m_groups[g];
        for (std::size_t i = 0; i < kPercentiles.size(); ++i)
            s.latency[i].buffer.append(x, latencyOr(group.latency, kPercentiles[i]));
        s.ttft.buffer.append(x, latencyOr(group.ttft, 95));
        s.requests.buffer.append(x, double(group.requests));
        s.tokens.buffer.append(x, double(group.completionTokens));
    }
    for (Series &s : m_errors)
        s.buffer.append(x, double(errors.value(s.label)));
    m_failures.buffer.append(x, point.groups.isEmpty() ? 0.0 : double(point.groups.constFirst().failures));
    if (!point.groups.isEmpty() && point.groups.constFirst().sloMet >= 0) // judged by an SLO
        m_goodput.buffer.append(x, double(point.groups.constFirst().sloMet));
    m_vus.buffer.append(x, point.vus);
    m_inFlight.buffer.append(x, point.inFlight);
    m_dropped.buffer.append(x, double(point.dropped));
    m_planned.buffer.append(x, point.plannedTarget);
}

void ChartModel::addErrorClass(const QString &errorKey)
{
    Series s = make(u"errors:"_s + errorKey, errorKey, u"errors/s"_s, palette::errorClass(errorKey), Reduce::Mean);
    s.buffer = SeriesBuffer::zerosLike(m_failures.buffer);
    m_errors.append(s);
}

const Series &ChartModel::latency(int group, int percentileIndex) const
{
    return m_groups.at(group).latency.at(std::size_t(percentileIndex));
}

const Series &ChartModel::ttft(int group) const
{
    return m_groups.at(group).ttft;
}
const Series &ChartModel::requests(int group) const
{
    return m_groups.at(group).requests;
}
const Series &ChartModel::tokens(int group) const
{
    return m_groups.at(group).tokens;
}
const Series &ChartModel::failures() const
{
    return m_failures;
}
const Series &ChartModel::goodput() const
{
    return m_goodput;
}
const Series &ChartModel::vus() const
{
    return m_vus;
}
const Series &ChartModel::inFlight() const
{
    return m_inFlight;
}
const Series &ChartModel::dropped() const
{
    return m_dropped;
}
const Series &ChartModel::planned() const
{
    return m_planned;
}

QList<QPointF> ChartModel::plannedPoints() const
{
    if (m_plan.steps.isEmpty())
        return m_planned.points();
    QList<QPointF> points;
    points.reserve(m_plan.steps.size());
    for (const scenario::PlanStep &step : m_plan.steps)
        points.append(QPointF(double(step.timeMs) / 1000.0, step.target));
    return points;
}

const Series *ChartModel::find(const QString &key) const
{
    QList<const Series *> all { &m_failures, &m_goodput, &m_vus, &m_inFlight, &m_dropped, &m_planned };
    for (const GroupSeries &g : m_groups) {
        for (const Series &s : g.latency)
            all.append(&s);
        all.append({ &g.ttft, &g.requests, &g.tokens });
    }
    for (const Series &s : m_errors)
        all.append(&s);
    for (const Series *s : all) {
        if (s->key == key)
            return s;
    }
    return nullptr;
}

scenario::Plan ChartModel::planAsRun(scenario::Plan plan, const QList<metrics::LoadChange> &changes)
{
    for (const metrics::LoadChange &change : changes)
        plan = scenario::withTargetFrom(plan, change.atMs, change.target);
    return plan;
}

} // namespace stampede::chart
