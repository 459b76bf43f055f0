#include "report/servermetricsjson.h"

#include "report/jsonread.h"

namespace stampede::report {

using nlohmann::json;

json serverMetricsToJson(const metrics::ServerMetrics &metrics)
{
    json series = json::array();
    for (const metrics::ServerSeries &s : metrics.series) {
        json samples = json::array();
        for (const auto &[t, value] : s.samples)
            samples.push_back(json::array({ t, value }));
        series.push_back({ { "name", s.name.toStdString() }, { "kind", s.kind.toStdString() }, { "samples", samples },
            { "dropped", s.dropped } });
    }
    return { { "url", metrics.url.toStdString() }, { "format", metrics.format.toStdString() },
        { "interval_s", metrics.intervalS }, { "scrapes", metrics.scrapes }, { "errors", metrics.errors },
        { "last_error", metrics.lastError.toStdString() }, { "series", series } };
}

metrics::ServerMetrics serverMetricsFromJson(const json &j)
{
    metrics::ServerMetrics out;
    out.url = jsonString(j, { "url" });
    out.format = jsonString(j, { "format" });
    out.intervalS = jsonValue<double>(j, { "interval_s" }, 0);
    out.scrapes = jsonValue<std::int64_t>(j, { "scrapes" }, 0);
    out.errors = jsonValue<std::int64_t>(j, { "errors" }, 0);
    out.lastError = jsonString(j, { "last_error" });
    const json *list = jsonAt(j, { "series" });
    if (!list || !list->is_array())
        return out;
    for (const json &item : *list) {
        metrics::ServerSeries series { jsonString(item, { "name" }), jsonString(item, { "kind" }), {},
            jsonValue<std::int64_t>(item, { "dropped" }, 0) };
        if (const json *samples = jsonAt(item, { "samples" }); samples && samples->is_array()) {
            for (const json &p : *samples) {
                if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number()
                    && series.samples.size() < metrics::ServerSeries::kMaxSamples)
                    series.samples.append({ p[0].get<double>(), p[1].get<double>() });
            }
        }
        out.series.append(series);
    }
    return out;
}

} // namespace stampede::report
