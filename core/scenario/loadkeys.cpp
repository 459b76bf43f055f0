#include "scenario/loadkeys.h"

#include <QStringList>

namespace stampede::scenario::detail {

namespace {

constexpr unsigned kConstantVus = executorBit(ExecutorKind::ConstantVus);
constexpr unsigned kRampingVus = executorBit(ExecutorKind::RampingVus);
constexpr unsigned kConstantRate = executorBit(ExecutorKind::ConstantArrivalRate);
constexpr unsigned kRampingRate = executorBit(ExecutorKind::RampingArrivalRate);
constexpr unsigned kSweep = executorBit(ExecutorKind::Sweep);
constexpr unsigned kAll = kConstantVus | kRampingVus | kConstantRate | kRampingRate | kSweep;

} // namespace

const QList<LoadKey> &loadKeys()
{
    static const QList<LoadKey> keys = {
        { "executor", kAll },
        { "vus", kConstantVus },
        { "start_vus", kRampingVus | kSweep },
        { "rate", kConstantRate },
        { "start_rate", kRampingRate | kSweep },
        { "time_unit", kConstantRate | kRampingRate },
        { "duration", kConstantVus | kConstantRate },
        { "stages", kRampingVus | kRampingRate },
        { "factor", kSweep },
        { "increment", kSweep },
        { "step_duration", kSweep },
        { "max_steps", kSweep },
        { "max_rate", kSweep },
        { "max_vus", kSweep },
        { "stop_when", kSweep },
        { "stop_at_knee", kSweep },
        { "max_in_flight", kConstantRate | kRampingRate | kSweep },
        { "arrival", kConstantRate | kRampingRate | kSweep },
        { "think_time", kConstantVus | kRampingVus },
        { "graceful_stop", kAll },
    };
    return keys;
}

const LoadKey *findLoadKey(std::string_view name)
{
    for (const LoadKey &key : loadKeys()) {
        if (key.name == name)
            return &key;
    }
    return nullptr;
}

QString executorNames(unsigned mask)
{
    QStringList names;
    for (ExecutorKind kind : kAllExecutors) {
        if (mask & executorBit(kind))
            names.append(toString(kind));
    }
    if (names.size() <= 1)
        return names.join(QString());
    const QString last = names.takeLast();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

} // namespace stampede::scenario::detail
