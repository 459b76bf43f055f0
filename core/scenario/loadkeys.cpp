#include "scenario/loadkeys.h"

#include <QStringList>

namespace stampede::scenario::detail {

namespace {

constexpr unsigned kConstantVus = executorBit(ExecutorKind::ConstantVus);
constexpr unsigned kRampingVus = executorBit(ExecutorKind::RampingVus);
constexpr unsigned kConstantRate = executorBit(ExecutorKind::ConstantArrivalRate);
constexpr unsigned kRampingRate = executorBit(ExecutorKind::RampingArrivalRate);
constexpr unsigned kAll = kConstantVus | kRampingVus | kConstantRate | kRampingRate;

} // namespace

const QList<LoadKey> &loadKeys()
{
    static const QList<LoadKey> keys = {
        { "executor", kAll },
        { "vus", kConstantVus },
        { "start_vus", kRampingVus },
        { "rate", kConstantRate },
        { "start_rate", kRampingRate },
        { "time_unit", kConstantRate | kRampingRate },
        { "duration", kConstantVus | kConstantRate },
        { "stages", kRampingVus | kRampingRate },
        { "max_in_flight", kConstantRate | kRampingRate },
        { "arrival", kConstantRate | kRampingRate },
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
    for (ExecutorKind kind : { ExecutorKind::ConstantVus, ExecutorKind::RampingVus, ExecutorKind::ConstantArrivalRate,
             ExecutorKind::RampingArrivalRate }) {
        if (mask & executorBit(kind))
            names.append(toString(kind));
    }
    if (names.size() <= 1)
        return names.join(QString());
    const QString last = names.takeLast();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

} // namespace stampede::scenario::detail
