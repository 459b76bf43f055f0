// "limits" (top level and models[i].limits) and "budget_usd": read, written and checked here, so the
// client-side quota and spend settings of a scenario file live in one place (docs/metrics.md,
// "Quotas and spend").

#include "scenario/scenarioio.h"
#include "scenario/sections.h"

namespace stampede::scenario::detail {

namespace {

/// More requests per minute than one machine can send (kMaxRatePerSecond) is not a cap.
constexpr double kMaxRpm = kMaxRatePerSecond * 60;
/// A billion tokens a minute is far above any gateway's quota: a larger number is a typo.
constexpr double kMaxTpm = 1e9;
/// A million dollars for one load test is a typo, not a budget.
constexpr double kMaxBudgetUsd = 1e6;

QString num(double value)
{
    return QString::number(value, 'g', 15);
}

void readCap(const ObjectReader &reader, std::string_view key, std::optional<double> &out)
{
    const Json *value = reader.find(key);
    if (!value)
        return;
    double number = 0;
    if (readNumber(*value, reader.pathOf(key), reader.errors(), number))
        out = number;
}

/// `value` > 0 and <= `max`, written so that NaN fails; `unit` names what the number counts.
void checkPositiveAtMost(
    const std::optional<double> &value, double max, const QString &path, const QString &unit, Errors &errors)
{
    if (!value)
        return;
    if (!(*value > 0))
        errors.append({ path, QStringLiteral("must be > 0, got %1 (leave the key out for no cap)").arg(num(*value)) });
    else if (*value > max)
        errors.append({ path,
            QStringLiteral("%1 %2 is more than any real cap (at most %3); check the number")
                .arg(num(*value), unit, num(max)) });
}

} // namespace

void readLimits(const Json &value, const QString &path, RateLimits &limits, Errors &errors)
{
    const ObjectReader reader(value, path, errors);
    if (!reader.isObject())
        return;
    reader.rejectUnknownKeys({ "rpm", "tpm" });
    limits = {};
    readCap(reader, "rpm", limits.rpm);
    readCap(reader, "tpm", limits.tpm);
}

Json limitsToJson(const RateLimits &limits)
{
    Json json = Json::object();
    if (limits.rpm)
        json["rpm"] = numberToJson(*limits.rpm);
    if (limits.tpm)
        json["tpm"] = numberToJson(*limits.tpm);
    return json;
}

void checkLimits(const RateLimits &limits, const QString &path, Errors &errors)
{
    checkPositiveAtMost(
        limits.rpm, kMaxRpm, memberPath(path, QStringLiteral("rpm")), QStringLiteral("requests/minute"), errors);
    checkPositiveAtMost(
        limits.tpm, kMaxTpm, memberPath(path, QStringLiteral("tpm")), QStringLiteral("tokens/minute"), errors);
}

void readBudget(const ObjectReader &root, std::optional<double> &budgetUsd)
{
    readCap(root, "budget_usd", budgetUsd);
}

void checkBudget(const std::optional<double> &budgetUsd, Errors &errors)
{
    checkPositiveAtMost(budgetUsd, kMaxBudgetUsd, QStringLiteral("budget_usd"), QStringLiteral("USD"), errors);
}

} // namespace stampede::scenario::detail
