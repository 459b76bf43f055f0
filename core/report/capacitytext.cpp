// The sweep's capacity table of the text summary (`stampede run`, `stampede report`).
#include "report/summarytext.h"

namespace stampede::report {

namespace {

QString rate(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 1) : QStringLiteral("-");
}

QString verdictLine(const metrics::CapacityVerdict &verdict, bool vus)
{
    const QString knee = verdict.firstFailingStep
        ? QStringLiteral("first failing step %1: %2").arg(*verdict.firstFailingStep).arg(verdict.reason)
        : verdict.reason;
    if (vus) // the safe rate of a VU sweep: what its safe VUs achieved
        return QStringLiteral("  %1: safe at %2 VUs (achieved %3 req/s); %4\n")
            .arg(verdict.model, verdict.safeVus ? QString::number(*verdict.safeVus) : QStringLiteral("-"),
                rate(verdict.safeRate), knee);
    return QStringLiteral("  %1: safe rate %2 req/s; %3\n").arg(verdict.model, rate(verdict.safeRate), knee);
}

} // namespace

QString capacityText(const metrics::Capacity &capacity)
{
    if (capacity.isEmpty())
        return {};
    QString out = QStringLiteral("\n  Capacity (sweep, steps of %1 s; per step: the requests scheduled in it):\n")
                      .arg(double(capacity.stepDurationMs) / 1000.0);
    const bool vus = capacity.level == model::SweepLevel::Vus;
    QList<QStringList> rows { { QStringLiteral("step"), vus ? QStringLiteral("VUs") : QStringLiteral("offered/s"),
        QStringLiteral("achieved/s"), QStringLiteral("requests"), QStringLiteral("errors"), QStringLiteral("p50 ms"),
        QStringLiteral("p95 ms"), QStringLiteral("p99 ms"), QStringLiteral("TTFT p95"), QStringLiteral("goodput/s"),
        QStringLiteral("verdict") } };
    for (const metrics::SweepStep &s : capacity.overall.steps)
        rows << QStringList { QString::number(s.step),
            vus ? QString::number(s.vus) : QString::number(s.offeredRate, 'f', 1),
            QString::number(s.achievedRate, 'f', 1), QString::number(s.requests), QString::number(s.errors),
            QString::number(s.latencyP50, 'f', 0), QString::number(s.latencyP95, 'f', 0),
            QString::number(s.latencyP99, 'f', 0), QString::number(s.ttftP95, 'f', 0), rate(s.goodput),
            s.passed ? QStringLiteral("ok") : QString(QStringLiteral("FAIL: ") + s.reason) };
    out += formatTable(rows);
    out += verdictLine(capacity.overall, vus);
    for (const metrics::CapacityVerdict &verdict : capacity.models)
        out += verdictLine(verdict, vus);
    QList<QStringList> frontier { { QStringLiteral("p99 under"), QStringLiteral("latency: req/s"),
        QStringLiteral("TTFT: req/s") } };
    for (const metrics::FrontierRow &row : capacity.overall.frontier)
        frontier << QStringList { QString::number(row.boundMs) + QStringLiteral(" ms"), rate(row.latencyP99Rate),
            rate(row.ttftP99Rate) };
    out += QStringLiteral(
        "  Throughput frontier (highest achieved rate of a step whose p99 stayed under the bound):\n");
    out += formatTable(frontier);
    return out;
}

} // namespace stampede::report
