#include "report/csvexport.h"

#include "report/capacityjson.h"

#include "metrics/trendmetrics.h"
#include "model/savefile.h"
#include "report/journal.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace stampede::report {

namespace {

const QStringList kStatColumns { QStringLiteral("count"), QStringLiteral("mean"), QStringLiteral("min"),
    QStringLiteral("p50"), QStringLiteral("p90"), QStringLiteral("p95"), QStringLiteral("p99"), QStringLiteral("max") };

// Column prefixes of the nine trends in summary.csv, the same words as the summary JSON.
const QStringList kTrendPrefixes { QStringLiteral("latency_ms"), QStringLiteral("latency_with_errors_ms"),
    QStringLiteral("scheduled_latency_ms"), QStringLiteral("queue_ms"), QStringLiteral("ttfb_ms"),
    QStringLiteral("ttft_ms"), QStringLiteral("tpot_ms"), QStringLiteral("itl_ms"),
    QStringLiteral("output_speed_tps") };

QString integer(std::int64_t value)
{
    return QString::number(value);
}

QString rate(double value)
{
    return QString::number(value, 'f', 6);
}

void addStatHeaders(QStringList &header, const QString &prefix)
{
    for (const QString &column : kStatColumns)
        header << prefix + QLatin1Char('_') + column;
}

/// count ... max; empty cells when nothing was measured (a 0 would read as "0 ms").
void addStats(QStringList &row, const metrics::LatencyStats &st)
{
    row << QString::number(st.count);
    if (st.count == 0) {
        for (int i = 1; i < kStatColumns.size(); ++i)
            row << QString();
        return;
    }
    for (double v : { st.mean, st.min, st.p50, st.p90, st.p95, st.p99, st.max })
        row << csvNumber(v);
}

/// "http_429:3;timeout:1": keys never hold ':' or ';'.
QString counts(const QMap<QString, std::int64_t> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts << it.key() + QLatin1Char(':') + QString::number(it.value());
    return parts.join(QLatin1Char(';'));
}

void appendRow(QString &out, const QStringList &cells)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        out += csvField(cells[i]);
    }
    out += QStringLiteral("\r\n");
}

/// With `slo` (the run declares one): slo_met, goodput_rps, slo_attainment; empty for a group not judged.
/// With `limits` (a cap applied): the limit_wait_ms statistics; empty for a group no cap applied to.
QStringList summaryRow(const metrics::GroupStats &g, double windowS, const QString &end, bool slo, bool limits)
{
    QStringList row { g.model, csvNumber(g.meanInFlight), csvNumber(windowS), integer(g.requests), integer(g.successes),
        integer(g.failures), rate(g.errorRate()), counts(g.errors), integer(g.cancelled), integer(g.attempts),
        counts(g.retried), integer(g.truncated), csvNumber(g.rps), csvNumber(g.outputTokensPerSec),
        integer(g.promptTokens), integer(g.completionTokens), integer(g.cacheReadTokens),
        integer(g.cacheCreationTokens), integer(g.reasoningTokens), integer(g.toolCalls), integer(g.toolCallsInvalid),
        integer(g.estimatedTokenRequests), QString::number(g.costUsd, 'f', 6), integer(g.failedTokens),
        QString::number(g.failedCostUsd, 'f', 6) };
    for (metrics::Trend trend : metrics::allTrends())
        addStats(row, metrics::trendStats(g, trend));
    if (slo && g.hasSlo())
        row << integer(g.sloMet) << csvNumber(g.goodput) << rate(g.sloAttainment);
    else if (slo)
        row << QString() << QString() << QString();
    if (limits)
        addStats(row, g.limitWait);
    row << end;
    return row;
}

QString ms(std::int64_t ns)
{
    return ns < 0 ? QString() : csvNumber(double(ns) / 1e6);
}

QString span(std::int64_t fromNs, std::int64_t toNs)
{
    return fromNs < 0 || toNs < 0 ? QString() : csvNumber(double(toNs - fromNs) / 1e6);
}

QString checkNames(const QStringList &checks, std::uint32_t bits)
{
    QStringList names;
    for (qsizetype i = 0; i < checks.size() && i < 32; ++i)
        if (bits & (std::uint32_t(1) << i))
            names << checks[i];
    return names.join(QLatin1Char(';'));
}

QStringList requestRow(const metrics::RequestOutcome &o, const QString &model, const QStringList &checks)
{
    double itlSum = 0;
    for (std::uint32_t gap : o.itlUs)
        itlSum += gap;
    const auto flag = [](bool b) { return b ? QStringLiteral("1") : QStringLiteral("0"); };
    return { QString::number(o.modelIndex), model, ms(o.scheduledNs), ms(o.dispatchedNs), ms(o.sentNs),
        ms(o.firstByteNs), ms(o.firstTokenNs), ms(o.lastTokenNs), ms(o.endNs), span(o.sentNs, o.endNs),
        span(o.sentNs, o.firstTokenNs), o.httpStatus ? QString::number(o.httpStatus) : QString(),
        metrics::errorKey(o.errorClass, o.httpStatus), o.errorMessage, metrics::finishReasonName(o.finishReason),
        QString::number(o.attempts), o.retryReasons.join(QLatin1Char(';')), integer(o.promptTokens),
        integer(o.completionTokens), integer(o.cacheReadTokens), integer(o.cacheCreationTokens),
        integer(o.reasoningTokens), integer(o.toolCalls), integer(o.toolCallsInvalid), flag(o.tokensEstimated),
        o.modelReturned, integer(o.bytesReceived), flag(o.http2), flag(o.streamed),
        checkNames(checks, o.checksEvaluated & o.checksPassed), checkNames(checks, o.checksEvaluated & ~o.checksPassed),
        QString::number(o.itlUs.size()),
        o.itlUs.empty() ? QString() : csvNumber(itlSum / double(o.itlUs.size()) / 1000.0) };
}

} // namespace

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvNumber(double value)
{
    return QString::number(value, 'f', 3);
}

QByteArray summaryCsv(const metrics::RunSummary &summary)
{
    QStringList header { QStringLiteral("model"), QStringLiteral("mean_in_flight"), QStringLiteral("window_s"),
        QStringLiteral("requests"), QStringLiteral("successes"), QStringLiteral("failures"),
        QStringLiteral("error_rate"), QStringLiteral("errors"), QStringLiteral("cancelled"), QStringLiteral("attempts"),
        QStringLiteral("retried"), QStringLiteral("truncated"), QStringLiteral("rps"),
        QStringLiteral("output_tokens_per_s"), QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens"),
        QStringLiteral("cache_read_tokens"), QStringLiteral("cache_creation_tokens"),
        QStringLiteral("reasoning_tokens"), QStringLiteral("tool_calls"), QStringLiteral("tool_calls_invalid"),
        QStringLiteral("estimated_token_requests"), QStringLiteral("cost_usd"), QStringLiteral("failed_answer_tokens"),
        QStringLiteral("failed_answer_cost_usd") };
    for (const QString &prefix : kTrendPrefixes)
        addStatHeaders(header, prefix);
    const bool slo = summary.overall.hasSlo(); // the SLO columns only where one was declared
    if (slo)
        header << QStringLiteral("slo_met") << QStringLiteral("goodput_rps") << QStringLiteral("slo_attainment");
    const bool limits = summary.overall.hasLimitWait(); // likewise the caps' wait
    if (limits)
        addStatHeaders(header, QStringLiteral("limit_wait_ms"));
    header << QStringLiteral("end"); // summary.json's "end": "in_progress" marks an export of a run still going
    const QString end = model::toString(summary.end);
    QString out;
    appendRow(out, header);
    const double windowS = double(summary.durationMs) / 1000.0;
    for (const auto &group : summary.models)
        appendRow(out, summaryRow(group, windowS, end, slo, limits));
    appendRow(out, summaryRow(summary.overall, windowS, end, slo, limits));
    return out.toUtf8();
}

QByteArray historyCsv(const metrics::RunSummary &summary)
{
    QStringList header { QStringLiteral("second"), QStringLiteral("model"), QStringLiteral("vus"),
        QStringLiteral("in_flight"), QStringLiteral("planned"), QStringLiteral("dropped"), QStringLiteral("requests"),
        QStringLiteral("successes"), QStringLiteral("failures"), QStringLiteral("error_rate"), QStringLiteral("rps"),
        QStringLiteral("errors"), QStringLiteral("cancelled") };
    for (const char *prefix : { "latency_ms", "ttft_ms", "tpot_ms", "queue_ms" })
        addStatHeaders(header, QLatin1StringView(prefix));
    header << QStringLiteral("prompt_tokens") << QStringLiteral("completion_tokens")
           << QStringLiteral("output_tokens_per_s") << QStringLiteral("cost_usd");
    const bool slo = summary.overall.hasSlo();
    if (slo)
        header << QStringLiteral("slo_met") << QStringLiteral("goodput_rps");
    QStringList names { QStringLiteral("all") };
    for (const auto &group : summary.models)
        names << group.model;
    QString out;
    appendRow(out, header);
    for (const metrics::SecondPoint &p : summary.history) {
        for (qsizetype g = 0; g < p.groups.size(); ++g) {
            const auto &group = p.groups[g];
            QStringList row { integer(p.second), names.value(g), QString::number(p.vus), QString::number(p.inFlight),
                csvNumber(p.plannedTarget), integer(p.dropped), integer(group.requests), integer(group.successes),
                integer(group.failures), rate(group.requests ? double(group.failures) / double(group.requests) : 0.0),
                csvNumber(double(group.requests)), counts(group.errors), QString::number(group.cancelled) };
            for (const metrics::SecondLatency *st : { &group.latency, &group.ttft, &group.tpot, &group.queue })
                addStats(row, *st);
            row << integer(group.promptTokens) << integer(group.completionTokens)
                << csvNumber(double(group.completionTokens)) << QString::number(group.costUsd, 'f', 6);
            if (slo && group.sloMet >= 0)
                row << integer(group.sloMet) << csvNumber(double(group.sloMet));
            else if (slo)
                row << QString() << QString();
            appendRow(out, row);
        }
    }
    return out.toUtf8();
}

QByteArray failuresCsv(const metrics::RunSummary &summary)
{
    QString out;
    appendRow(out,
        { QStringLiteral("error"), QStringLiteral("status"), QStringLiteral("model"), QStringLiteral("count"),
            QStringLiteral("first_seen_s"), QStringLiteral("last_seen_s"), QStringLiteral("message"),
            QStringLiteral("example") });
    for (const metrics::FailureGroup &f : summary.failures)
        appendRow(out,
            { f.errorKey, f.httpStatus ? QString::number(f.httpStatus) : QString(), f.lastModel, integer(f.count),
                csvNumber(double(f.firstSeenMs) / 1000.0), csvNumber(double(f.lastSeenMs) / 1000.0), f.message,
                f.example });
    return out.toUtf8();
}

QString writeRequestsCsv(const QString &journalPath, const QString &csvPath, const QStringList &checks)
{
    QFile in(journalPath);
    if (!in.open(QIODevice::ReadOnly))
        return journalPath + QStringLiteral(": ") + in.errorString();
    QSaveFile out(csvPath);
    if (!out.open(QIODevice::WriteOnly))
        return csvPath + QStringLiteral(": ") + out.errorString();
    QString chunk;
    appendRow(chunk,
        { QStringLiteral("model_index"), QStringLiteral("model"), QStringLiteral("scheduled_ms"),
            QStringLiteral("dispatched_ms"), QStringLiteral("sent_ms"), QStringLiteral("first_byte_ms"),
            QStringLiteral("first_token_ms"), QStringLiteral("last_token_ms"), QStringLiteral("end_ms"),
            QStringLiteral("latency_ms"), QStringLiteral("ttft_ms"), QStringLiteral("status"), QStringLiteral("error"),
            QStringLiteral("message"), QStringLiteral("finish_reason"), QStringLiteral("attempts"),
            QStringLiteral("retry_reasons"), QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens"),
            QStringLiteral("cache_read_tokens"), QStringLiteral("cache_creation_tokens"),
            QStringLiteral("reasoning_tokens"), QStringLiteral("tool_calls"), QStringLiteral("tool_calls_invalid"),
            QStringLiteral("tokens_estimated"), QStringLiteral("model_returned"), QStringLiteral("bytes_received"),
            QStringLiteral("http2"), QStringLiteral("streamed"), QStringLiteral("checks_passed"),
            QStringLiteral("checks_failed"), QStringLiteral("itl_count"), QStringLiteral("itl_mean_ms") });
    while (!in.atEnd()) {
        const QByteArray line = in.readLine().trimmed();
        QString model;
        if (const auto outcome = outcomeFromJsonLine(line, &model))
            appendRow(chunk, requestRow(*outcome, model, checks));
        if (chunk.size() > (1 << 20) || in.atEnd()) {
            const QByteArray bytes = chunk.toUtf8();
            if (out.write(bytes) != bytes.size())
                return csvPath + QStringLiteral(": ") + out.errorString();
            chunk.clear();
        }
    }
    if (!chunk.isEmpty())
        out.write(chunk.toUtf8());
    return out.commit() ? QString() : csvPath + QStringLiteral(": ") + out.errorString();
}

QString writeCsvFiles(
    const metrics::RunSummary &summary, const QString &dir, const QString &journalPath, const QStringList &checks)
{
    if (!QDir().mkpath(dir))
        return dir + QStringLiteral(": cannot create the folder");
    const QDir d(dir);
    for (const auto &[name, bytes] : { std::pair { "summary.csv", summaryCsv(summary) },
             std::pair { "history.csv", historyCsv(summary) }, std::pair { "failures.csv", failuresCsv(summary) } }) {
        if (QString error = model::writeFileAtomically(d.filePath(QLatin1StringView(name)), bytes); !error.isEmpty())
            return error;
    }
    if (!summary.capacity.isEmpty()) {
        if (QString error
            = model::writeFileAtomically(d.filePath(QStringLiteral("capacity.csv")), capacityCsv(summary.capacity));
            !error.isEmpty())
            return error;
    }
    if (journalPath.isEmpty())
        return {};
    return writeRequestsCsv(journalPath, d.filePath(QStringLiteral("requests.csv")), checks);
}

} // namespace stampede::report
