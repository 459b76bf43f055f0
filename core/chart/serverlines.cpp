#include "chart/serverlines.h"

namespace stampede::chart {

namespace {

QString kindSuffix(const QString &kind)
{
    if (kind == QLatin1String("counter_rate"))
        return QStringLiteral(" (rate/s)");
    if (kind.endsWith(QLatin1String("_p50")))
        return QStringLiteral(" (p50)");
    if (kind.endsWith(QLatin1String("_p95")))
        return QStringLiteral(" (p95)");
    return {};
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace

QString serverKindExplanation(const QString &kind)
{
    if (kind == QLatin1String("gauge"))
        return QStringLiteral("the value at each scrape (summed over the matching label sets)");
    if (kind == QLatin1String("counter_rate"))
        return QStringLiteral("the counter's growth per second between two scrapes (none after a reset)");
    if (kind == QLatin1String("histogram_p50") || kind == QLatin1String("histogram_p95"))
        return QStringLiteral("the %1 of the histogram's observations between two scrapes (bucket deltas, "
                              "linear interpolation)")
            .arg(kind.right(3));
    if (kind == QLatin1String("summary_p50") || kind == QLatin1String("summary_p95"))
        return QStringLiteral("the summary's own %1 line at each scrape").arg(kind.right(3));
    return kind;
}

QList<ServerLine> serverLines(const metrics::ServerMetrics &metrics)
{
    QList<ServerLine> lines;
    for (qsizetype i = 0; i < metrics.series.size(); ++i) {
        const metrics::ServerSeries &s = metrics.series[i];
        ServerLine line;
        line.key = s.name + QLatin1Char('|') + s.kind;
        line.label = s.name + kindSuffix(s.kind);
        line.explanation = s.kind + QStringLiteral(": ") + serverKindExplanation(s.kind);
        line.color = palette::model(int(i));
        line.points.reserve(s.samples.size());
        for (const auto &[t, value] : s.samples)
            line.points.append(QPointF(t, value));
        lines.append(line);
    }
    return lines;
}

QString serverCaption(const metrics::ServerMetrics &metrics)
{
    QString text = QStringLiteral("%1 (%2) every %3 s: %4 scrape(s), %5 error(s)")
                       .arg(metrics.url, metrics.format, number(metrics.intervalS))
                       .arg(metrics.scrapes)
                       .arg(metrics.errors);
    if (!metrics.lastError.isEmpty())
        text += QStringLiteral("; last error: ") + metrics.lastError;
    return text;
}

} // namespace stampede::chart
