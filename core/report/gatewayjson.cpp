#include "report/gatewayjson.h"

#include "report/jsonread.h"

namespace stampede::report {

using nlohmann::json;

void gatewayToJson(const metrics::GroupStats &group, json &out)
{
    if (!group.headers.isEmpty()) {
        json headers = json::object();
        for (const metrics::HeaderSummary &h : group.headers) {
            json entry = json::object();
            entry["count"] = h.count;
            if (h.isNumeric()) {
                entry["mean"] = h.mean;
                entry["p50"] = h.p50;
                entry["p95"] = h.p95;
                entry["max"] = h.max;
                entry["last"] = h.last;
            }
            if (!h.values.isEmpty()) {
                json values = json::object();
                for (auto it = h.values.cbegin(); it != h.values.cend(); ++it)
                    values[it.key().toStdString()] = it.value();
                entry["values"] = values;
            }
            if (!h.series.isEmpty()) {
                json series = json::array();
                for (const metrics::HeaderSummary::Point &p : h.series)
                    series.push_back(json::array({ p.second, p.mean }));
                entry["series"] = series;
            }
            headers[h.name.toStdString()] = entry;
        }
        out["headers"] = headers;
    }
    const metrics::RateLimitSummary &r = group.rateLimits;
    if (!r.any())
        return;
    json limits
        = { { "responses_429", r.responses429 }, { "requests_429", r.requests429 }, { "retried_429", r.retried429 },
              { "retry_after_asked_s", r.retryAfterAskedS }, { "retry_wait_s", r.retryWaitS } };
    if (r.first429S >= 0) {
        limits["first_429_s"] = r.first429S;
        limits["offered_rps_at_first_429"] = r.offeredRpsAtFirst429;
        limits["token_rate_at_first_429"] = r.tokenRateAtFirst429;
    }
    if (!r.series.isEmpty()) {
        json series = json::array();
        for (const metrics::RateLimitSummary::Point &p : r.series)
            series.push_back(json::array({ p.second, p.offered, p.responses429 }));
        limits["series"] = series; // [second, requests scheduled, 429s]
    }
    out["rate_limits"] = limits;
}

void gatewayFromJson(const json &j, metrics::GroupStats &group)
{
    if (const json *headers = jsonAt(j, { "headers" }); headers && headers->is_object()) {
        for (auto it = headers->begin(); it != headers->end(); ++it) {
            if (!it->is_object())
                continue;
            metrics::HeaderSummary h;
            h.name = QString::fromStdString(it.key());
            h.count = jsonValue<std::int64_t>(*it, { "count" }, 0);
            h.mean = jsonValue<double>(*it, { "mean" }, 0);
            h.p50 = jsonValue<double>(*it, { "p50" }, 0);
            h.p95 = jsonValue<double>(*it, { "p95" }, 0);
            h.max = jsonValue<double>(*it, { "max" }, 0);
            h.last = jsonValue<double>(*it, { "last" }, 0);
            if (const json *values = jsonAt(*it, { "values" }); values && values->is_object()) {
                for (auto v = values->begin(); v != values->end(); ++v) {
                    if (v->is_number_integer())
                        h.values.insert(QString::fromStdString(v.key()), v->get<std::int64_t>());
                }
            }
            if (const json *series = jsonAt(*it, { "series" }); series && series->is_array()) {
                for (const json &p : *series) {
                    if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number())
                        h.series.append({ p[0].get<std::int64_t>(), p[1].get<double>() });
                }
            }
            group.headers.append(std::move(h));
        }
    }
    const json *limits = jsonAt(j, { "rate_limits" });
    if (!limits || !limits->is_object())
        return;
    metrics::RateLimitSummary &r = group.rateLimits;
    r.responses429 = jsonValue<std::int64_t>(*limits, { "responses_429" }, 0);
    r.requests429 = jsonValue<std::int64_t>(*limits, { "requests_429" }, 0);
    r.retried429 = jsonValue<std::int64_t>(*limits, { "retried_429" }, 0);
    r.retryAfterAskedS = jsonValue<double>(*limits, { "retry_after_asked_s" }, 0);
    r.retryWaitS = jsonValue<double>(*limits, { "retry_wait_s" }, 0);
    r.first429S = jsonValue<double>(*limits, { "first_429_s" }, -1);
    r.offeredRpsAtFirst429 = jsonValue<double>(*limits, { "offered_rps_at_first_429" }, 0);
    r.tokenRateAtFirst429 = jsonValue<double>(*limits, { "token_rate_at_first_429" }, 0);
    if (const json *series = jsonAt(*limits, { "series" }); series && series->is_array()) {
        for (const json &p : *series) {
            if (p.is_array() && p.size() == 3 && p[0].is_number() && p[1].is_number() && p[2].is_number())
                r.series.append({ p[0].get<std::int64_t>(), p[1].get<std::int32_t>(), p[2].get<std::int32_t>() });
        }
    }
}

} // namespace stampede::report
