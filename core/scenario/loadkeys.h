#pragma once
// Internal to the scenario room: which "load" keys each executor reads. The parser rejects keys of
// other executors with this table and the writer emits keys in this order, so they cannot drift.

#include "scenario/scenario.h"

#include <QList>
#include <string_view>

namespace stampede::scenario::detail {

struct LoadKey {
    std::string_view name;
    unsigned executors; ///< bit mask of executorBit()
};

constexpr unsigned executorBit(ExecutorKind kind)
{
    return 1u << static_cast<unsigned>(kind);
}

/// Every load key, in the order the writer emits them.
const QList<LoadKey> &loadKeys();
/// The load key named `name`, or nullptr.
const LoadKey *findLoadKey(std::string_view name);
/// "constant-vus or ramping-vus": the executors in `mask`, for messages.
QString executorNames(unsigned mask);

} // namespace stampede::scenario::detail
