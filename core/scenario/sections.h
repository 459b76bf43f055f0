#pragma once
// Internal to the scenario room: readers for the larger sections of a scenario file.

#include "scenario/jsonfields.h"

namespace stampede::scenario::detail {

/// "load": executor-specific keys; a key of another executor is an error naming both.
void readLoad(const Json &value, LoadProfile &load, Errors &errors);
/// "thresholds": { "metric{model:x}": ["p(95)<2000", {"threshold": ..., "abortOnFail": ...}] }.
void readThresholds(const Json &value, QList<ThresholdSet> &thresholds, Errors &errors);
/// "slo" (top level, or models[i].slo): {"ttft": "<500ms", ...} (sloparse.cpp): read, written, checked.
void readSlo(const Json &value, const QString &path, model::Slo &slo, Errors &errors);
Json sloToJson(const model::Slo &slo);
void checkSlo(const model::Slo &slo, const QString &path, Errors &errors);
/// The sweep executor's keys (sweepparse.cpp): read from "load", written (null: left out), checked.
void readSweep(const ObjectReader &load, model::Sweep &sweep);
Json sweepValue(std::string_view key, const model::Sweep &sweep);
/// What one machine can drive (scenarioio.h's kMaxRatePerSecond and kMaxVus, passed by validate()).
struct SweepLimits {
    double maxRatePerSecond = 0;
    int maxVus = 0;
};
void checkSweep(const model::Sweep &sweep, const SweepLimits &limits, Errors &errors);
/// "limits" (top level, or models[i].limits) and "budget_usd" (limitsparse.cpp): read, written, checked.
void readLimits(const Json &value, const QString &path, RateLimits &limits, Errors &errors);
Json limitsToJson(const RateLimits &limits);
void checkLimits(const RateLimits &limits, const QString &path, Errors &errors);
void readBudget(const ObjectReader &root, std::optional<double> &budgetUsd);
void checkBudget(const std::optional<double> &budgetUsd, Errors &errors);
/// "server_metrics" (servermetricsparse.cpp): read, written, checked.
void readServerMetrics(const Json &value, std::optional<ServerMetricsConfig> &out, Errors &errors);
Json serverMetricsToJson(const ServerMetricsConfig &config);
void checkServerMetrics(const std::optional<ServerMetricsConfig> &config, Errors &errors);
/// "direct_target" (directtargetparse.cpp): read and written; validate.cpp checks it with target's rules.
void readDirectTarget(const Json &value, std::optional<DirectTarget> &out, Errors &errors);
Json directTargetToJson(const DirectTarget &direct);
/// An object of header name -> string value ("target.headers", "direct_target.headers") into `out`.
void readHeaders(const ObjectReader &parent, QMap<QString, QString> &out);
/// True (after reporting it) when `key` would hold an API key; used wherever such a key could be written.
bool rejectApiKey(Errors &errors, const QString &key, const QString &path);
/// target.tls, proxy, follow_redirects and limits (targetoptions.cpp): read, written, checked.
void readTargetOptions(const ObjectReader &target, Target &out);
void writeTargetOptions(const Target &target, Json &json);
/// Includes whether the PEM files exist and hold what they should, at validation time.
void checkTargetOptions(const Target &target, Errors &errors);

} // namespace stampede::scenario::detail
