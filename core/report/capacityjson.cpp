#include "report/capacityjson.h"

#include "report/csvexport.h"
#include "report/jsonread.h"

namespace stampede::report {

using nlohmann::json;

namespace {

json optional(const std::optional<double> &value)
{
    return value ? json(*value) : json();
}

std::optional<double> optionalDouble(const json &j, const char *key)
{
    const json *at = jsonAt(j, { key });
    return at && at->is_number() ? std::optional(at->get<double>()) : std::nullopt;
}

json stepToJson(const metrics::SweepStep &step)
{
    json out = { { "step", step.step }, { "offered_rate", step.offeredRate }, { "achieved_rate", step.achievedRate },
        { "requests", step.requests }, { "errors", step.errors }, { "error_rate", step.errorRate },
        { "goodput", optional(step.goodput) }, { "latency_p50_ms", step.latencyP50 },
        { "latency_p95_ms", step.latencyP95 }, { "latency_p99_ms", step.latencyP99 }, { "ttft_p50_ms", step.ttftP50 },
        { "ttft_p95_ms", step.ttftP95 }, { "ttft_p99_ms", step.ttftP99 }, { "passed", step.passed },
        { "reason", step.reason.toStdString() } };
    if (step.vus > 0) { // a VU sweep: a closed model offers no rate
        out["vus"] = step.vus;
        out["offered_rate"] = json();
    }
    return out;
}

metrics::SweepStep stepFromJson(const json &j)
{
    metrics::SweepStep step;
    step.step = jsonValue<int>(j, { "step" }, 0);
    step.vus = jsonValue<int>(j, { "vus" }, 0);
    step.offeredRate = jsonValue<double>(j, { "offered_rate" }, 0);
    step.achievedRate = jsonValue<double>(j, { "achieved_rate" }, 0);
    step.requests = jsonValue<std::int64_t>(j, { "requests" }, 0);
    step.errors = jsonValue<std::int64_t>(j, { "errors" }, 0);
    step.errorRate = jsonValue<double>(j, { "error_rate" }, 0);
    step.goodput = optionalDouble(j, "goodput");
    step.latencyP50 = jsonValue<double>(j, { "latency_p50_ms" }, 0);
    step.latencyP95 = jsonValue<double>(j, { "latency_p95_ms" }, 0);
    step.latencyP99 = jsonValue<double>(j, { "latency_p99_ms" }, 0);
    step.ttftP50 = jsonValue<double>(j, { "ttft_p50_ms" }, 0);
    step.ttftP95 = jsonValue<double>(j, { "ttft_p95_ms" }, 0);
    step.ttftP99 = jsonValue<double>(j, { "ttft_p99_ms" }, 0);
    step.passed = jsonValue<bool>(j, { "passed" }, true);
    step.reason = jsonString(j, { "reason" });
    return step;
}

json verdictToJson(const metrics::CapacityVerdict &verdict, bool vus)
{
    json steps = json::array();
    for (const metrics::SweepStep &step : verdict.steps)
        steps.push_back(stepToJson(step));
    json frontier = json::array();
    for (const metrics::FrontierRow &row : verdict.frontier)
        frontier.push_back({ { "bound_ms", row.boundMs }, { "latency_p99_rate", optional(row.latencyP99Rate) },
            { "ttft_p99_rate", optional(row.ttftP99Rate) } });
    json out = { { "model", verdict.model.toStdString() }, { "safe_rate", optional(verdict.safeRate) },
        { "first_failing_step", verdict.firstFailingStep ? json(*verdict.firstFailingStep) : json() },
        { "reason", verdict.reason.toStdString() }, { "steps", steps }, { "frontier", frontier } };
    if (vus)
        out["safe_vus"] = verdict.safeVus ? json(*verdict.safeVus) : json();
    return out;
}

metrics::CapacityVerdict verdictFromJson(const json &j)
{
    metrics::CapacityVerdict verdict;
    verdict.model = jsonString(j, { "model" });
    verdict.safeRate = optionalDouble(j, "safe_rate");
    if (const std::optional<double> vus = optionalDouble(j, "safe_vus"))
        verdict.safeVus = int(*vus);
    if (const std::optional<double> step = optionalDouble(j, "first_failing_step"))
        verdict.firstFailingStep = int(*step);
    verdict.reason = jsonString(j, { "reason" });
    if (const json *steps = jsonAt(j, { "steps" }); steps && steps->is_array()) {
        for (const json &step : *steps)
            verdict.steps.append(stepFromJson(step));
    }
    if (const json *rows = jsonAt(j, { "frontier" }); rows && rows->is_array()) {
        for (const json &row : *rows)
            verdict.frontier.append({ jsonValue<std::int64_t>(row, { "bound_ms" }, 0),
                optionalDouble(row, "latency_p99_rate"), optionalDouble(row, "ttft_p99_rate") });
    }
    return verdict;
}

} // namespace

json capacityToJson(const metrics::Capacity &capacity)
{
    const bool vus = capacity.level == model::SweepLevel::Vus;
    json models = json::array();
    for (const metrics::CapacityVerdict &verdict : capacity.models)
        models.push_back(verdictToJson(verdict, vus));
    return { { "step_duration_s", double(capacity.stepDurationMs) / 1000.0 }, { "level", vus ? "vus" : "rate" },
        { "overall", verdictToJson(capacity.overall, vus) }, { "models", models } };
}

metrics::Capacity capacityFromJson(const json &j)
{
    metrics::Capacity capacity;
    capacity.stepDurationMs = std::int64_t(jsonValue<double>(j, { "step_duration_s" }, 0) * 1000.0 + 0.5);
    if (jsonString(j, { "level" }) == QLatin1StringView("vus"))
        capacity.level = model::SweepLevel::Vus;
    if (const json *overall = jsonAt(j, { "overall" }))
        capacity.overall = verdictFromJson(*overall);
    if (const json *models = jsonAt(j, { "models" }); models && models->is_array()) {
        for (const json &model : *models)
            capacity.models.append(verdictFromJson(model));
    }
    return capacity;
}

QByteArray capacityCsv(const metrics::Capacity &capacity)
{
    // A VU sweep has a vus column after step (and an empty offered_rate); a rate sweep's file is as it was.
    const bool vus = capacity.level == model::SweepLevel::Vus;
    QString out = QStringLiteral("model,step,") + (vus ? QStringLiteral("vus,") : QString())
        + QStringLiteral("offered_rate,achieved_rate,requests,errors,error_rate,goodput,latency_p50_ms,"
                         "latency_p95_ms,latency_p99_ms,ttft_p50_ms,ttft_p95_ms,ttft_p99_ms,passed,reason\n");
    QList<metrics::CapacityVerdict> verdicts { capacity.overall };
    verdicts << capacity.models;
    for (const metrics::CapacityVerdict &verdict : std::as_const(verdicts)) {
        for (const metrics::SweepStep &s : verdict.steps) {
            QStringList fields { csvField(verdict.model), QString::number(s.step), csvNumber(s.offeredRate),
                csvNumber(s.achievedRate), QString::number(s.requests), QString::number(s.errors),
                csvNumber(s.errorRate), s.goodput ? csvNumber(*s.goodput) : QString(), csvNumber(s.latencyP50),
                csvNumber(s.latencyP95), csvNumber(s.latencyP99), csvNumber(s.ttftP50), csvNumber(s.ttftP95),
                csvNumber(s.ttftP99), s.passed ? QStringLiteral("true") : QStringLiteral("false"), csvField(s.reason) };
            if (vus) { // vus, then an empty offered_rate
                fields[2] = QString::number(s.vus);
                fields.insert(3, QString());
            }
            out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

} // namespace stampede::report
