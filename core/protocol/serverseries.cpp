#include "protocol/serverseries.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stampede::protocol {

namespace {

/// The samples of `family` a selector's matchers pick, by sample name.
double sumOf(const PromScrape &scrape, const PromSelector &selector, const QString &sampleName, int *matched)
{
    double sum = 0;
    for (const PromSample &sample : scrape.samples) {
        if (sample.name == sampleName && selector.matches(sample.labels)) {
            sum += sample.value;
            ++*matched;
        }
    }
    return sum;
}

QString noMatch(const PromSelector &selector)
{
    return QStringLiteral("no sample matches %1").arg(selector.toString());
}

/// The family a selector's name belongs to and its TYPE: "x_total" may be OpenMetrics' counter "x".
std::pair<QString, PromType> familyOf(const PromScrape &scrape, const QString &name)
{
    if (scrape.types.contains(name))
        return { name, scrape.typeOf(name) };
    if (name.endsWith(QLatin1String("_total"))) {
        const QString family = name.chopped(6);
        if (scrape.typeOf(family) == PromType::Counter)
            return { family, PromType::Counter };
    }
    return { name, PromType::Untyped };
}

/// An `le` bound: a number, "+Inf" or "Inf".
std::optional<double> readValue(const QString &text)
{
    if (text.compare(QLatin1String("+Inf"), Qt::CaseInsensitive) == 0
        || text.compare(QLatin1String("Inf"), Qt::CaseInsensitive) == 0)
        return std::numeric_limits<double>::infinity();
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

PromSeriesTracker::PromSeriesTracker(PromSelector selector)
    : m_selector(std::move(selector))
{
}

ServerReading PromSeriesTracker::add(double tS, const PromScrape &scrape)
{
    const auto [family, type] = familyOf(scrape, m_selector.name);
    if (type == PromType::Histogram)
        return addHistogram(tS, scrape, family);
    if (type == PromType::Summary)
        return addSummary(scrape, family);
    int matched = 0;
    double sum = sumOf(scrape, m_selector, m_selector.name, &matched);
    if (type == PromType::Counter && matched == 0 && family == m_selector.name)
        sum = sumOf(scrape, m_selector, m_selector.name + QLatin1String("_total"), &matched);
    if (matched == 0)
        return { {}, noMatch(m_selector) };
    if (type == PromType::Counter)
        return addCounter(tS, sum);
    return { { { QStringLiteral("gauge"), sum } }, {} };
}

ServerReading PromSeriesTracker::addCounter(double tS, double sum)
{
    ServerReading reading;
    // A counter that fell was reset (the server restarted): the delta is unknown, so no point.
    if (m_lastT && tS > *m_lastT && sum >= m_lastCounter)
        reading.points.append({ QStringLiteral("counter_rate"), (sum - m_lastCounter) / (tS - *m_lastT) });
    m_lastT = tS;
    m_lastCounter = sum;
    return reading;
}

ServerReading PromSeriesTracker::addHistogram(double tS, const PromScrape &scrape, const QString &family)
{
    const QString bucketName = family + QLatin1String("_bucket");
    QMap<double, double> buckets;
    for (const PromSample &sample : scrape.samples) {
        if (sample.name != bucketName || !m_selector.matches(sample.labels))
            continue;
        const std::optional<QString> le = sample.label(QStringLiteral("le"));
        const std::optional<double> bound = le ? readValue(*le) : std::nullopt;
        if (bound)
            buckets[*bound] += sample.value;
    }
    if (buckets.isEmpty())
        return { {}, noMatch(m_selector) };
    if (!std::isinf(buckets.lastKey()))
        return { {}, QStringLiteral("histogram %1 has no le=\"+Inf\" bucket").arg(family) };
    ServerReading reading;
    const bool reset = buckets.last() < m_lastBuckets.value(std::numeric_limits<double>::infinity(), 0);
    if (m_lastT && !reset) {
        QList<PromBucket> delta;
        for (auto it = buckets.cbegin(); it != buckets.cend(); ++it)
            delta.append({ it.key(), it.value() - m_lastBuckets.value(it.key(), 0) });
        // No observation between the two scrapes: nothing to say, and no error either.
        if (delta.last().count > 0) {
            reading.points.append({ QStringLiteral("histogram_p50"), histogramQuantile(0.5, delta) });
            reading.points.append({ QStringLiteral("histogram_p95"), histogramQuantile(0.95, delta) });
        }
    }
    m_lastT = tS;
    m_lastBuckets = buckets;
    return reading;
}

ServerReading PromSeriesTracker::addSummary(const PromScrape &scrape, const QString &family) const
{
    std::optional<double> p50, p95;
    for (const PromSample &sample : scrape.samples) {
        if (sample.name != family || !m_selector.matches(sample.labels))
            continue;
        const double q = sample.label(QStringLiteral("quantile")).value_or(QString()).toDouble();
        std::optional<double> &slot = q == 0.5 ? p50 : p95;
        if ((q == 0.5 || q == 0.95) && !std::isnan(sample.value))
            slot = std::max(slot.value_or(sample.value), sample.value);
    }
    if (!p50 && !p95)
        return { {}, QStringLiteral("summary %1 has no quantile=\"0.5\" or \"0.95\" line").arg(family) };
    ServerReading reading;
    if (p50)
        reading.points.append({ QStringLiteral("summary_p50"), *p50 });
    if (p95)
        reading.points.append({ QStringLiteral("summary_p95"), *p95 });
    return reading;
}

QList<ServerReading> readJsonFields(const QByteArray &document, const QStringList &paths)
{
    QList<ServerReading> readings(paths.size());
    const nlohmann::json json = nlohmann::json::parse(document.constBegin(), document.constEnd(), nullptr, false);
    if (!json.is_object()) {
        for (ServerReading &reading : readings)
            reading.error = QStringLiteral("the response is not a JSON object");
        return readings;
    }
    for (qsizetype i = 0; i < paths.size(); ++i) {
        const nlohmann::json *node = &json;
        for (const QString &step : paths[i].split(QLatin1Char('.'))) {
            bool isIndex = false;
            const qsizetype index = step.toLongLong(&isIndex);
            const std::string key = step.toStdString();
            if (node->is_object() && node->contains(key))
                node = &(*node)[key];
            else if (node->is_array() && isIndex && index >= 0 && size_t(index) < node->size())
                node = &(*node)[size_t(index)];
            else {
                node = nullptr;
                break;
            }
        }
        if (!node)
            readings[i].error = QStringLiteral("field %1 is missing").arg(paths[i]);
        else if (!node->is_number())
            readings[i].error = QStringLiteral("field %1 is not a number").arg(paths[i]);
        else
            readings[i].points.append({ QStringLiteral("gauge"), node->get<double>() });
    }
    return readings;
}

} // namespace stampede::protocol
