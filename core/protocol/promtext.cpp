#include "protocol/promtext.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stampede::protocol {

namespace {

/// A cursor over one line; every read skips nothing unless asked to.
struct Cursor {
    QByteArrayView line;
    qsizetype pos = 0;

    bool atEnd() const { return pos >= line.size(); }
    char peek() const { return atEnd() ? '\0' : line[pos]; }
    void skipSpaces()
    {
        while (!atEnd() && (line[pos] == ' ' || line[pos] == '\t'))
            ++pos;
    }
    QString name(bool allowColon = true)
    {
        const qsizetype start = pos;
        if (atEnd() || !model::isPromNameStart(line[pos]) || (!allowColon && line[pos] == ':'))
            return {};
        while (!atEnd() && model::isPromNameChar(line[pos]) && (allowColon || line[pos] != ':'))
            ++pos;
        return QString::fromUtf8(line.sliced(start, pos - start));
    }
    QByteArrayView token()
    {
        const qsizetype start = pos;
        while (!atEnd() && line[pos] != ' ' && line[pos] != '\t')
            ++pos;
        return line.sliced(start, pos - start);
    }
};

/// `{a="b",c="d",}` into `labels`; the cursor is on '{'.
bool readLabels(Cursor &c, PromLabels &labels, QString &error)
{
    ++c.pos;
    for (;;) {
        c.skipSpaces();
        if (c.peek() == '}') {
            ++c.pos;
            return true;
        }
        const QString label = c.name(false);
        if (label.isEmpty()) {
            error = QStringLiteral("expected a label name");
            return false;
        }
        c.skipSpaces();
        if (c.peek() != '=') {
            error = QStringLiteral("expected '=' after label %1").arg(label);
            return false;
        }
        ++c.pos;
        c.skipSpaces();
        QString value;
        if (!model::readPromQuoted(c.line, c.pos, value, error))
            return false;
        labels.append({ label, value });
        c.skipSpaces();
        if (c.peek() == ',')
            ++c.pos;
        else if (c.peek() != '}') {
            error = QStringLiteral("expected ',' or '}' after a label value");
            return false;
        }
    }
}

/// A Go ParseFloat-style value: decimal, exponent, +Inf/-Inf/Inf/NaN in any case.
std::optional<double> readValue(QByteArrayView token)
{
    const QByteArray lower = token.toByteArray().toLower();
    if (lower == "+inf" || lower == "inf")
        return std::numeric_limits<double>::infinity();
    if (lower == "-inf")
        return -std::numeric_limits<double>::infinity();
    if (lower == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    const double value = lower.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

std::optional<PromType> typeFromName(QByteArrayView name)
{
    if (name == "counter")
        return PromType::Counter;
    if (name == "gauge")
        return PromType::Gauge;
    if (name == "histogram")
        return PromType::Histogram;
    if (name == "summary")
        return PromType::Summary;
    if (name == "untyped")
        return PromType::Untyped;
    return std::nullopt;
}

/// `# TYPE name type`; other comments (HELP included) say nothing the series need.
bool readComment(Cursor &c, PromScrape &scrape, QString &error)
{
    ++c.pos;
    c.skipSpaces();
    if (c.token() != "TYPE")
        return true;
    c.skipSpaces();
    const QString family = c.name();
    c.skipSpaces();
    const QByteArrayView type = c.token();
    const std::optional<PromType> known = typeFromName(type);
    if (family.isEmpty() || !known) {
        error = QStringLiteral("malformed TYPE line");
        return false;
    }
    scrape.types.insert(family, *known);
    return true;
}

bool readSample(Cursor &c, PromSample &sample, QString &error)
{
    sample.name = c.name();
    if (sample.name.isEmpty()) {
        error = QStringLiteral("expected a metric name");
        return false;
    }
    c.skipSpaces();
    if (c.peek() == '{' && !readLabels(c, sample.labels, error))
        return false;
    c.skipSpaces();
    const std::optional<double> value = readValue(c.token());
    if (!value) {
        error = QStringLiteral("expected a number after %1").arg(sample.name);
        return false;
    }
    sample.value = *value;
    c.skipSpaces();
    if (c.atEnd())
        return true;
    bool ok = false;
    const qint64 timestamp = c.token().toByteArray().toLongLong(&ok);
    c.skipSpaces();
    if (!ok || !c.atEnd()) {
        error = QStringLiteral("expected an integer timestamp in ms, or the end of the line");
        return false;
    }
    sample.timestampMs = timestamp;
    return true;
}

} // namespace

std::optional<QString> PromSample::label(const QString &name) const
{
    for (const auto &[key, value] : labels) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

PromScrape parsePromText(QByteArrayView text, qsizetype maxSamples)
{
    PromScrape scrape;
    qsizetype lineNumber = 0;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        QByteArrayView line = text.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        Cursor c { line };
        c.skipSpaces();
        if (c.atEnd())
            continue;
        QString error;
        PromSample sample;
        const bool ok = c.peek() == '#' ? readComment(c, scrape, error) : readSample(c, sample, error);
        if (ok && !sample.name.isEmpty()) {
            if (scrape.samples.size() >= maxSamples) {
                ++scrape.problemCount;
                scrape.problems << QStringLiteral("line %1: more than %2 samples; the rest is not read")
                                       .arg(lineNumber)
                                       .arg(maxSamples);
                break;
            }
            scrape.samples.append(std::move(sample));
        }
        if (!ok && ++scrape.problemCount <= PromScrape::kMaxProblems)
            scrape.problems << QStringLiteral("line %1: %2").arg(lineNumber).arg(error);
    }
    return scrape;
}

double histogramQuantile(double q, QList<PromBucket> buckets)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    std::sort(buckets.begin(), buckets.end(),
        [](const PromBucket &a, const PromBucket &b) { return a.upperBound < b.upperBound; });
    if (buckets.size() < 2 || !std::isinf(buckets.last().upperBound))
        return nan;
    for (qsizetype i = 1; i < buckets.size(); ++i) // scrapes are not atomic: keep the counts cumulative
        buckets[i].count = std::max(buckets[i].count, buckets[i - 1].count);
    const double observations = buckets.last().count;
    if (!(observations > 0))
        return nan;
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();
    double rank = q * observations;
    qsizetype b = 0;
    while (b < buckets.size() - 1 && buckets[b].count < rank)
        ++b;
    if (b == buckets.size() - 1)
        return buckets[b - 1].upperBound;
    if (b == 0 && buckets[0].upperBound <= 0)
        return buckets[0].upperBound;
    double bucketStart = 0;
    double count = buckets[b].count;
    if (b > 0) {
        bucketStart = buckets[b - 1].upperBound;
        count -= buckets[b - 1].count;
        rank -= buckets[b - 1].count;
    }
    return bucketStart + (buckets[b].upperBound - bucketStart) * (rank / count);
}

} // namespace stampede::protocol
