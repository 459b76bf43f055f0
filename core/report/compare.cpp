#include "report/compare.h"

#include "report/sanitize.h"

#include <QRegularExpression>

#include <cmath>

namespace stampede::report {

namespace {

const QString kAll = QStringLiteral("all");

/// Figures of one group, in compareMetrics() order.
QList<std::optional<double>> figures(const metrics::GroupStats &g)
{
    auto latency = [](const metrics::LatencyStats &s, double v) -> std::optional<double> {
        return s.count ? std::optional<double>(v) : std::nullopt;
    };
    QList<std::optional<double>> out;
    out << double(g.requests) << g.rps << latency(g.latency, g.latency.p50) << latency(g.latency, g.latency.p95)
        << latency(g.latency, g.latency.p99) << latency(g.ttft, g.ttft.p50) << latency(g.ttft, g.ttft.p95)
        << latency(g.tpot, g.tpot.mean) << (g.requests ? std::optional<double>(g.errorRate() * 100) : std::nullopt)
        << (g.requests ? std::optional<double>(g.costUsd / double(g.requests) * 1000) : std::nullopt)
        << g.outputTokensPerSec;
    const auto slo = [&g](double v) { return g.hasSlo() && g.requests ? std::optional<double>(v) : std::nullopt; };
    out << slo(g.goodput) << slo(g.sloAttainment * 100);
    return out;
}

const metrics::GroupStats *group(const metrics::RunSummary &summary, const QString &model)
{
    if (model == kAll)
        return &summary.overall;
    for (const metrics::GroupStats &g : summary.models) {
        if (g.model == model)
            return &g;
    }
    return nullptr;
}

const metrics::Histogram *latencyHistogram(const metrics::RunSummary &summary, const QString &model)
{
    const QString key = model == kAll ? QStringLiteral("http_req_duration")
                                      : QStringLiteral("http_req_duration{model:%1}").arg(model);
    const auto it = summary.histograms.constFind(key);
    return it == summary.histograms.constEnd() ? nullptr : &it.value();
}

int metricIndex(const QString &key)
{
    const QList<CompareMetric> &metrics = compareMetrics();
    for (int i = 0; i < metrics.size(); ++i) {
        if (metrics[i].key == key)
            return i;
    }
    return -1;
}

QString runLetter(int index)
{
    return index < 26 ? QString(QChar(u'A' + index)) : QStringLiteral("R%1").arg(index + 1);
}

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

/// "+1.5", "-0.3", "+0.0" (never "-0.0": under the shown precision a difference has no sign).
QString signedNumber(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0)
        rounded = 0;
    return (rounded >= 0 ? QStringLiteral("+") : QString()) + number(rounded, decimals);
}

} // namespace

const QList<CompareMetric> &compareMetrics()
{
    static const QList<CompareMetric> metrics {
        { QStringLiteral("requests"), QStringLiteral("requests"), Better::Higher, 0 },
        { QStringLiteral("rps"), QStringLiteral("req/s"), Better::Higher, 2 },
        { QStringLiteral("latency_p50_ms"), QStringLiteral("p50 latency (ms)"), Better::Lower, 1 },
        { QStringLiteral("latency_p95_ms"), QStringLiteral("p95 latency (ms)"), Better::Lower, 1 },
        { QStringLiteral("latency_p99_ms"), QStringLiteral("p99 latency (ms)"), Better::Lower, 1 },
        { QStringLiteral("ttft_p50_ms"), QStringLiteral("TTFT p50 (ms)"), Better::Lower, 1 },
        { QStringLiteral("ttft_p95_ms"), QStringLiteral("TTFT p95 (ms)"), Better::Lower, 1 },
        { QStringLiteral("tpot_mean_ms"), QStringLiteral("TPOT mean (ms)"), Better::Lower, 2 },
        { QStringLiteral("error_pct"), QStringLiteral("error %"), Better::Lower, 2 },
        { QStringLiteral("cost_per_1k_usd"), QStringLiteral("$ per 1k requests"), Better::Lower, 4 },
        { QStringLiteral("output_tokens_per_s"), QStringLiteral("output tokens/s"), Better::Higher, 1 },
        { QStringLiteral("goodput_rps"), QStringLiteral("goodput (req/s)"), Better::Higher, 2 },
        { QStringLiteral("slo_met_pct"), QStringLiteral("SLO met %"), Better::Higher, 1 },
    };
    return metrics;
}

QString Significance::text() const
{
    if (!enough)
        return QStringLiteral("too few requests to tell (fewer than %1 on a side)").arg(kMinSamples);
    const QString p = pValue < 0.001 ? QStringLiteral("p < 0.001") : QStringLiteral("p = %1").arg(number(pValue, 3));
    if (!significant())
        return QStringLiteral("within the noise (%1)").arg(p);
    return QStringLiteral("%1 (%2, P(slower) = %3)")
        .arg(probabilityHigher > 0.5 ? QStringLiteral("slower") : QStringLiteral("faster"), p,
            number(probabilityHigher, 2));
}

Significance mannWhitney(const metrics::Histogram &a, const metrics::Histogram &b)
{
    Significance s;
    const double na = double(a.count()), nb = double(b.count());
    s.enough = a.count() >= Significance::kMinSamples && b.count() >= Significance::kMinSamples;
    if (a.count() == 0 || b.count() == 0)
        return s;
    // Walk both sparse bucket lists in value order; a bucket's values share one mid-rank.
    const auto ba = a.nonZeroBuckets(), bb = b.nonZeroBuckets();
    qsizetype i = 0, j = 0;
    double below = 0, rankSumA = 0, tieTerm = 0;
    while (i < ba.size() || j < bb.size()) {
        const int index = std::min(i < ba.size() ? ba[i].first : INT_MAX, j < bb.size() ? bb[j].first : INT_MAX);
        const double ca = (i < ba.size() && ba[i].first == index) ? double(ba[i++].second) : 0;
        const double cb = (j < bb.size() && bb[j].first == index) ? double(bb[j++].second) : 0;
        const double t = ca + cb;
        rankSumA += ca * (below + (t + 1) / 2);
        tieTerm += t * t * t - t;
        below += t;
    }
    const double n = na + nb;
    const double uA = rankSumA - na * (na + 1) / 2; // pairs where a's value is higher (+ half ties)
    s.probabilityHigher = 1 - uA / (na * nb);
    const double mean = na * nb / 2;
    const double variance = na * nb / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
    if (variance <= 0) { // every value in one bucket on both sides: no difference to see
        s.pValue = 1;
        return s;
    }
    s.z = (uA - mean) / std::sqrt(variance);
    s.pValue = std::erfc(std::abs(s.z) / std::sqrt(2.0));
    return s;
}

Comparison compareRuns(const QList<ComparedRun> &runs)
{
    Comparison c;
    c.runs = runs;
    QStringList models { kAll };
    for (const ComparedRun &run : runs) {
        for (const metrics::GroupStats &g : run.record.summary.models) {
            if (!models.contains(g.model))
                models << g.model;
        }
    }
    const int metricCount = int(compareMetrics().size());
    for (const QString &model : models) {
        CompareGroup g;
        g.model = model;
        g.values.resize(metricCount);
        for (auto &row : g.values)
            row.resize(runs.size());
        for (int r = 0; r < runs.size(); ++r) {
            if (const metrics::GroupStats *stats = group(runs[r].record.summary, model)) {
                const auto values = figures(*stats);
                for (int m = 0; m < metricCount; ++m)
                    g.values[m][r] = values[m];
            }
        }
        g.latency.resize(runs.size());
        const metrics::Histogram *base = runs.isEmpty() ? nullptr : latencyHistogram(runs[0].record.summary, model);
        for (int r = 1; r < runs.size() && base; ++r) {
            if (const metrics::Histogram *other = latencyHistogram(runs[r].record.summary, model))
                g.latency[r] = mannWhitney(*base, *other);
        }
        c.groups << g;
    }
    return c;
}

QString Change::text() const
{
    return signedNumber(percent, 1) + QStringLiteral(" %");
}

bool CompareGroup::measured(int metric) const
{
    const QList<std::optional<double>> row = values.value(metric);
    return std::any_of(row.cbegin(), row.cend(), [](const std::optional<double> &v) { return v.has_value(); });
}

std::optional<Change> changeOf(double baseline, double value, Better better)
{
    if (baseline == 0 || !std::isfinite(baseline) || !std::isfinite(value))
        return std::nullopt;
    Change c;
    c.percent = (value - baseline) / baseline * 100;
    c.better = better == Better::Lower ? c.percent < 0 : c.percent > 0;
    return c;
}

std::optional<Change> change(const CompareGroup &group, int metric, int run)
{
    const std::optional<double> base = group.values.value(metric).value(0), now = group.values.value(metric).value(run);
    if (!base || !now)
        return std::nullopt;
    return changeOf(*base, *now, compareMetrics()[metric].better);
}

DeltaCell deltaCell(const CompareGroup &group, int metric, int run)
{
    const std::optional<double> base = group.values.value(metric).value(0), now = group.values.value(metric).value(run);
    if (!base || !now)
        return {};
    const CompareMetric &figure = compareMetrics()[metric];
    DeltaCell cell { signedNumber(*now - *base, figure.decimals) };
    const auto toneOf = [](bool better) { return better ? DeltaCell::Tone::Better : DeltaCell::Tone::Worse; };
    if (const std::optional<Change> c = change(group, metric, run)) {
        cell.text += QStringLiteral(" (%1)").arg(c->text());
        cell.tone = c->none() ? DeltaCell::Tone::None : toneOf(c->better);
    } else if (cell.text.mid(1).toDouble() != 0) { // from 0: any shown difference counts
        cell.tone = toneOf((*now < *base) == (figure.better == Better::Lower));
    }
    return cell;
}

QString DeltaCell::words() const
{
    return tone == Tone::Better ? QStringLiteral("better") : tone == Tone::Worse ? QStringLiteral("worse") : QString();
}

std::optional<RegressionBudget> parseRegressionBudget(const QString &text, QString *error)
{
    static const QRegularExpression latency(QStringLiteral(
        R"(^\s*(?:(http_req_duration|latency|ttft|tpot)\s*:\s*)?(p\((50|95|99)\)|med|avg)\s*\+\s*(\d+(?:\.\d+)?)\s*(%|ms|s)\s*$)"));
    static const QRegularExpression other(QStringLiteral(
        R"(^\s*(error_rate|rps|cost_per_1k|output_tokens_per_s|goodput|slo_attainment)\s*([+-])\s*(\d+(?:\.\d+)?)\s*(%)\s*$)"));
    RegressionBudget b;
    b.text = text.trimmed();
    if (const auto m = latency.match(text); m.hasMatch()) {
        const QString metric = m.captured(1).isEmpty() ? QStringLiteral("latency") : m.captured(1);
        const QString stat = m.captured(2);
        const QString prefix = metric == QLatin1String("ttft") ? QStringLiteral("ttft")
            : metric == QLatin1String("tpot")                  ? QStringLiteral("tpot")
                                                               : QStringLiteral("latency");
        if (prefix == QLatin1String("tpot") && stat != QLatin1String("avg")) {
            if (error)
                *error = QStringLiteral("\"%1\": TPOT is compared by its mean: use tpot:avg+N%").arg(b.text);
            return std::nullopt;
        }
        if (prefix == QLatin1String("ttft") && (stat == QLatin1String("avg") || stat == QLatin1String("p(99)"))) {
            if (error)
                *error = QStringLiteral("\"%1\": TTFT is compared at p(50) (med) and p(95)").arg(b.text);
            return std::nullopt;
        }
        const QString suffix = stat == QLatin1String("med") ? QStringLiteral("p50")
            : stat == QLatin1String("avg")                  ? QStringLiteral("mean")
                                                            : QStringLiteral("p") + m.captured(3);
        b.metricKey = prefix + QLatin1Char('_') + suffix + QStringLiteral("_ms");
        if (b.metricKey == QLatin1String("latency_mean_ms")) {
            if (error)
                *error = QStringLiteral("\"%1\": latency is compared at p(50), p(95) and p(99)").arg(b.text);
            return std::nullopt;
        }
        b.metricLabel = (prefix == QLatin1String("latency") ? QString() : prefix + QLatin1Char(' ')) + stat;
        b.limit = m.captured(4).toDouble();
        const QString unit = m.captured(5);
        b.unit = unit == QLatin1String("%") ? RegressionBudget::Unit::Percent : RegressionBudget::Unit::Milliseconds;
        if (unit == QLatin1String("s"))
            b.limit *= 1000;
        return b;
    }
    if (const auto m = other.match(text); m.hasMatch()) {
        const QString name = m.captured(1);
        const bool plus = m.captured(2) == QLatin1String("+");
        const bool higherIsBetter = name == QLatin1String("rps") || name == QLatin1String("output_tokens_per_s")
            || name == QLatin1String("goodput") || name == QLatin1String("slo_attainment");
        if (plus == higherIsBetter) {
            if (error)
                *error = QStringLiteral("\"%1\": a budget states how much worse is allowed: %2%3N%")
                             .arg(b.text, name, higherIsBetter ? QStringLiteral("-") : QStringLiteral("+"));
            return std::nullopt;
        }
        b.metricKey = name == QLatin1String("error_rate") ? QStringLiteral("error_pct")
            : name == QLatin1String("cost_per_1k")        ? QStringLiteral("cost_per_1k_usd")
            : name == QLatin1String("goodput")            ? QStringLiteral("goodput_rps")
            : name == QLatin1String("slo_attainment")     ? QStringLiteral("slo_met_pct")
                                                          : name;
        b.metricLabel = name;
        b.limit = m.captured(3).toDouble();
        const bool share = name == QLatin1String("error_rate") || name == QLatin1String("slo_attainment");
        b.unit = share ? RegressionBudget::Unit::Points : RegressionBudget::Unit::Percent;
        return b;
    }
    if (error)
        *error = QStringLiteral("\"%1\" is not a regression budget; use e.g. \"p(95)+10%\", \"p(99)+200ms\", "
                                "\"ttft:p(95)+15%\", \"tpot:avg+10%\", \"error_rate+1%\" (percentage points), "
                                "\"rps-5%\", \"output_tokens_per_s-5%\", \"cost_per_1k+20%\", \"goodput-5%\" or "
                                "\"slo_attainment-2%\" (percentage points)")
                     .arg(text);
    return std::nullopt;
}

QStringList budgetBreaches(const Comparison &comparison, const QList<RegressionBudget> &budgets)
{
    QStringList out;
    for (const RegressionBudget &budget : budgets) {
        const int m = metricIndex(budget.metricKey);
        if (m < 0)
            continue;
        const CompareMetric &metric = compareMetrics()[m];
        for (const CompareGroup &g : comparison.groups) {
            for (int r = 1; r < comparison.runs.size(); ++r) {
                const std::optional<double> base = g.values[m][0], now = g.values[m][r];
                if (!base || !now)
                    continue;
                const double worse = metric.better == Better::Lower ? *now - *base : *base - *now;
                bool breached = false;
                switch (budget.unit) {
                case RegressionBudget::Unit::Percent:
                    breached = *base > 0 ? worse / *base * 100 > budget.limit : worse > 0 && budget.limit <= 0;
                    break;
                case RegressionBudget::Unit::Milliseconds:
                case RegressionBudget::Unit::Points:
                    breached = worse > budget.limit;
                    break;
                }
                if (!breached)
                    continue;
                const QString pct = *base > 0
                    ? QStringLiteral(" (%1%2 %)")
                          .arg(*now >= *base ? QStringLiteral("+") : QString(), number((*now - *base) / *base * 100, 1))
                    : QString();
                out << QStringLiteral("run %1, %2: %3 %4 vs %5%6, budget %7")
                           .arg(runLetter(r), g.model == kAll ? QStringLiteral("all models") : g.model,
                               budget.metricLabel, number(*now, metric.decimals), number(*base, metric.decimals), pct,
                               budget.text);
            }
        }
    }
    return out;
}

QString comparisonText(const Comparison &c)
{
    QString out;
    out += QStringLiteral("Comparing %1 runs; A is the baseline\n").arg(c.runs.size());
    for (int r = 0; r < c.runs.size(); ++r) {
        const RunRecord &rec = c.runs[r].record;
        out += QStringLiteral("  %1  %2  %3  %4  %5, %6 requests\n")
                   .arg(runLetter(r), c.runs[r].label,
                       rec.summary.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                       rec.meta.builtinGateway ? QStringLiteral("built-in gateway") : displayUrl(rec.meta.baseUrl),
                       rec.summary.verdict().words())
                   .arg(rec.summary.overall.requests);
    }
    const QList<CompareMetric> &metrics = compareMetrics();
    const int labelWidth = 20, valueWidth = 11, deltaWidth = 27;
    for (const CompareGroup &g : c.groups) {
        out += QStringLiteral("\n%1\n").arg(g.model == kAll ? QStringLiteral("all models") : g.model);
        QString header = QStringLiteral("  %1").arg(QString(), -labelWidth);
        for (int r = 0; r < c.runs.size(); ++r)
            header += QStringLiteral("%1").arg(runLetter(r), valueWidth);
        for (int r = 1; r < c.runs.size(); ++r)
            header += QStringLiteral("%1").arg(QStringLiteral("%1 vs A").arg(runLetter(r)), deltaWidth);
        out += header + QLatin1Char('\n');
        for (int m = 0; m < metrics.size(); ++m) {
            if (!g.measured(m))
                continue;
            QString line = QStringLiteral("  %1").arg(metrics[m].label, -labelWidth);
            for (int r = 0; r < c.runs.size(); ++r) {
                const auto v = g.values[m][r];
                line += QStringLiteral("%1").arg(v ? number(*v, metrics[m].decimals) : QStringLiteral("-"), valueWidth);
            }
            for (int r = 1; r < c.runs.size(); ++r) {
                const DeltaCell cell = deltaCell(g, m, r);
                QString delta = cell.text.isEmpty() ? QStringLiteral("-") : cell.text;
                if (cell.tone != DeltaCell::Tone::None)
                    delta += QLatin1Char(' ') + cell.words();
                line += QStringLiteral("%1").arg(delta, deltaWidth);
            }
            out += line + QLatin1Char('\n');
        }
        for (int r = 1; r < c.runs.size(); ++r) {
            if (g.values[3][0] && g.values[3][r])
                out += QStringLiteral("  latency %1 vs A: %2, by Mann-Whitney U on the latency histograms\n")
                           .arg(runLetter(r), g.latency[r].text());
        }
    }
    return out;
}

nlohmann::json comparisonJson(const Comparison &c, const QStringList &breaches)
{
    nlohmann::json runs = nlohmann::json::array();
    for (int r = 0; r < c.runs.size(); ++r) {
        const RunRecord &rec = c.runs[r].record;
        runs.push_back({ { "id", runLetter(r).toStdString() }, { "label", c.runs[r].label.toStdString() },
            { "source", c.runs[r].source.toStdString() },
            { "started_at", rec.summary.startedAt.toUTC().toString(Qt::ISODate).toStdString() },
            { "target",
                (rec.meta.builtinGateway ? QStringLiteral("builtin") : displayUrl(rec.meta.baseUrl)).toStdString() },
            { "verdict", rec.summary.verdict().words().toStdString() } });
    }
    nlohmann::json groups = nlohmann::json::array();
    const QList<CompareMetric> &metrics = compareMetrics();
    for (const CompareGroup &g : c.groups) {
        nlohmann::json values = nlohmann::json::object();
        for (int m = 0; m < metrics.size(); ++m) {
            nlohmann::json row = nlohmann::json::array();
            for (const auto &v : g.values[m])
                row.push_back(v ? nlohmann::json(*v) : nlohmann::json());
            values[metrics[m].key.toStdString()] = row;
        }
        nlohmann::json versus = nlohmann::json::array();
        for (int r = 1; r < c.runs.size(); ++r) {
            nlohmann::json deltas = nlohmann::json::object();
            for (int m = 0; m < metrics.size(); ++m) {
                const auto base = g.values[m][0], now = g.values[m][r];
                if (!base || !now)
                    continue;
                deltas[metrics[m].key.toStdString()] = { { "delta", *now - *base },
                    { "delta_pct", *base != 0 ? nlohmann::json((*now - *base) / *base * 100) : nlohmann::json() } };
            }
            const Significance &s = g.latency[r];
            versus.push_back({ { "run", runLetter(r).toStdString() }, { "deltas", deltas },
                { "latency_significance",
                    { { "test", "mann-whitney-u" }, { "enough_samples", s.enough }, { "p_value", s.pValue },
                        { "z", s.z }, { "probability_slower", s.probabilityHigher }, { "significant", s.significant() },
                        { "text", s.text().toStdString() } } } });
        }
        groups.push_back({ { "model", g.model.toStdString() }, { "values", values }, { "versus_baseline", versus } });
    }
    nlohmann::json breachList = nlohmann::json::array();
    for (const QString &b : breaches)
        breachList.push_back(b.toStdString());
    return { { "baseline", "A" }, { "runs", runs }, { "groups", groups }, { "budget_breaches", breachList } };
}

QList<QPair<double, double>> latencyCdf(const metrics::Histogram &histogram)
{
    QList<QPair<double, double>> points;
    if (histogram.count() == 0)
        return points;
    double seen = 0;
    const double total = double(histogram.count());
    for (const auto &[index, count] : histogram.nonZeroBuckets()) {
        seen += double(count);
        const double upper = double(std::min<std::uint64_t>(metrics::Histogram::bucketUpperBound(index) - 1,
                                 std::max(histogram.max(), std::uint64_t(1))))
            / 1000.0;
        points.append({ upper, seen / total });
    }
    return points;
}

} // namespace stampede::report
