#include "report/overheadjson.h"

#include "report/jsonread.h"
#include "report/summaryjson.h"
#include "report/summaryload.h"
#include "report/summarytext.h"

namespace stampede::report {

using nlohmann::json;

namespace {

std::optional<double> p(const metrics::Histogram &h, double q)
{
    return h.count() ? std::optional(h.percentile(q) / 1000.0) : std::nullopt;
}

std::optional<double> minus(const std::optional<double> &a, const std::optional<double> &b)
{
    return a && b ? std::optional(*a - *b) : std::nullopt;
}

OverheadFigures figures(const metrics::OverheadSide &side)
{
    return { p(side.duration, 50), p(side.duration, 95), p(side.ttft, 50), p(side.ttft, 95) };
}

json opt(const std::optional<double> &value)
{
    return value ? json(*value) : json(nullptr);
}

json figuresToJson(const OverheadFigures &f)
{
    return { { "latency_p50", opt(f.latencyP50) }, { "latency_p95", opt(f.latencyP95) }, { "ttft_p50", opt(f.ttftP50) },
        { "ttft_p95", opt(f.ttftP95) } };
}

json sideToJson(const metrics::OverheadSide &side, const OverheadFigures &f)
{
    json out = figuresToJson(f);
    out["requests"] = side.requests;
    out["failed"] = side.failed;
    out["histograms"] = { { "latency", histogramToJson(side.duration) }, { "ttft", histogramToJson(side.ttft) } };
    return out;
}

json significanceToJson(const Significance &s)
{
    return { { "enough", s.enough }, { "p_value", s.pValue }, { "probability_higher", s.probabilityHigher },
        { "text", s.text().toStdString() } };
}

metrics::OverheadSide sideFromJson(const json &j)
{
    metrics::OverheadSide side;
    side.requests = jsonValue<std::uint64_t>(j, { "requests" }, 0);
    side.failed = jsonValue<std::uint64_t>(j, { "failed" }, 0);
    if (const json *h = jsonAt(j, { "histograms", "latency" }); h && h->is_object())
        side.duration = histogramFromJson(*h);
    if (const json *h = jsonAt(j, { "histograms", "ttft" }); h && h->is_object())
        side.ttft = histogramFromJson(*h);
    return side;
}

} // namespace

QString overheadMs(const std::optional<double> &ms)
{
    if (!ms)
        return QStringLiteral("-");
    const double rounded = std::abs(*ms) < 10 ? std::round(*ms * 10) / 10 : std::round(*ms);
    const QString digits = QString::number(std::abs(rounded), 'f', std::abs(*ms) < 10 ? 1 : 0);
    return (rounded > 0          ? QStringLiteral("+")
                   : rounded < 0 ? QStringLiteral("\u2212")
                                 : QString())
        + digits + QStringLiteral(" ms");
}

QList<OverheadRow> overheadRows(const metrics::Overhead &overhead)
{
    QList<OverheadRow> rows;
    for (const metrics::OverheadGroup &g : overhead.groups) {
        OverheadRow row;
        row.model = g.model;
        row.gatewayRequests = g.gateway.requests;
        row.gatewayFailed = g.gateway.failed;
        row.directRequests = g.direct.requests;
        row.directFailed = g.direct.failed;
        row.gateway = figures(g.gateway);
        row.direct = figures(g.direct);
        row.overhead = { minus(row.gateway.latencyP50, row.direct.latencyP50),
            minus(row.gateway.latencyP95, row.direct.latencyP95), minus(row.gateway.ttftP50, row.direct.ttftP50),
            minus(row.gateway.ttftP95, row.direct.ttftP95) };
        row.latency = mannWhitney(g.direct.duration, g.gateway.duration);
        row.ttft = mannWhitney(g.direct.ttft, g.gateway.ttft);
        rows.append(row);
    }
    return rows;
}

json overheadToJson(const metrics::Overhead &overhead)
{
    json groups = json::array();
    const QList<OverheadRow> rows = overheadRows(overhead);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const OverheadRow &row = rows[i];
        const metrics::OverheadGroup &g = overhead.groups[i];
        groups.push_back({ { "model", row.model.toStdString() }, { "gateway", sideToJson(g.gateway, row.gateway) },
            { "direct", sideToJson(g.direct, row.direct) }, { "overhead_ms", figuresToJson(row.overhead) },
            { "significance",
                { { "latency", significanceToJson(row.latency) }, { "ttft", significanceToJson(row.ttft) } } } });
    }
    return { { "direct_base_url", overhead.directBaseUrl.toStdString() }, { "pairing", "alternate" },
        { "groups", groups } };
}

metrics::Overhead overheadFromJson(const json &j)
{
    metrics::Overhead out;
    out.directBaseUrl = jsonString(j, { "direct_base_url" });
    if (const json *groups = jsonAt(j, { "groups" }); groups && groups->is_array()) {
        for (const json &g : *groups) {
            if (!g.is_object())
                continue;
            metrics::OverheadGroup group;
            group.model = jsonString(g, { "model" });
            if (const json *side = jsonAt(g, { "gateway" }); side && side->is_object())
                group.gateway = sideFromJson(*side);
            if (const json *side = jsonAt(g, { "direct" }); side && side->is_object())
                group.direct = sideFromJson(*side);
            out.groups.append(group);
        }
    }
    return out;
}

QString overheadText(const metrics::Overhead &overhead)
{
    const QList<OverheadRow> rows = overheadRows(overhead);
    if (rows.isEmpty())
        return {};
    QList<QStringList> table { { QStringLiteral("model"), QStringLiteral("requests gw/direct"),
        QStringLiteral("latency p50"), QStringLiteral("latency p95"), QStringLiteral("TTFT p50"),
        QStringLiteral("TTFT p95"), QStringLiteral("latency difference") } };
    const auto add = [&table](const OverheadRow &row, const QString &name) {
        table.append({ name, QStringLiteral("%1/%2").arg(row.gatewayRequests).arg(row.directRequests),
            overheadMs(row.overhead.latencyP50), overheadMs(row.overhead.latencyP95), overheadMs(row.overhead.ttftP50),
            overheadMs(row.overhead.ttftP95), row.latency.text() });
    };
    for (qsizetype i = 1; i < rows.size(); ++i)
        add(rows[i], rows[i].model);
    if (rows.size() != 2) // one model: its row is the whole run's
        add(rows[0], QStringLiteral("mixed (all models)"));
    return QStringLiteral("\n  Gateway overhead (gateway \u2212 direct, requests alternated with %1):\n")
               .arg(overhead.directBaseUrl)
        + formatTable(table);
}

} // namespace stampede::report
