#include "scenario/segment.h"

#include "scenario/scenarioio.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QtEndian>

namespace stampede::scenario {

std::optional<Segment> parseSegment(const QString &text, QString *error)
{
    static const QRegularExpression form(QStringLiteral("^\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*$"));
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch()) {
        *error = QStringLiteral("\"%1\" is not a segment; write I/N, the I-th of N shares counted from 0 (0/4 .. 3/4)")
                     .arg(text);
        return std::nullopt;
    }
    const qint64 index = match.captured(1).toLongLong();
    const qint64 count = match.captured(2).toLongLong();
    if (count < 1 || count > kMaxSegments) {
        *error = QStringLiteral("segment %1: N must be 1 to %2").arg(text.trimmed()).arg(kMaxSegments);
        return std::nullopt;
    }
    if (index >= count) {
        *error = QStringLiteral("segment %1: I counts from 0, so it must be below N (0 to %2)")
                     .arg(text.trimmed())
                     .arg(count - 1);
        return std::nullopt;
    }
    return Segment { int(index), int(count) };
}

std::optional<Segment> segmentFromEnvironment(QString *error)
{
    const QString count = qEnvironmentVariable("STAMPEDE_SEGMENTS").trimmed();
    if (count.isEmpty())
        return Segment {};
    const QString index = qEnvironmentVariable("JOB_COMPLETION_INDEX").trimmed();
    if (index.isEmpty()) {
        *error = QStringLiteral("STAMPEDE_SEGMENTS is %1 but JOB_COMPLETION_INDEX is not set: run as a Kubernetes "
                                "Indexed Job, or pass --segment I/N")
                     .arg(count);
        return std::nullopt;
    }
    QString why;
    const auto segment = parseSegment(index + QLatin1Char('/') + count, &why);
    if (!segment)
        *error = QStringLiteral("JOB_COMPLETION_INDEX=%1, STAMPEDE_SEGMENTS=%2: %3").arg(index, count, why);
    return segment;
}

namespace {

void divide(RateLimits &limits, int count)
{
    if (limits.rpm)
        *limits.rpm /= count;
    if (limits.tpm)
        *limits.tpm /= count;
}

} // namespace

Scenario scenarioForSegment(const Scenario &whole, const Segment &segment)
{
    if (segment.isWhole())
        return whole;
    Scenario part = whole;
    divide(part.limits, segment.count);
    for (ModelSpec &model : part.models)
        divide(model.limits, segment.count);
    if (part.budgetUsd)
        *part.budgetUsd /= segment.count;
    return part;
}

quint64 sharedSeed(const Scenario &scenario)
{
    const QByteArray digest = QCryptographicHash::hash(toJson(scenario), QCryptographicHash::Sha256);
    return qFromBigEndian<quint64>(digest.constData());
}

} // namespace stampede::scenario
