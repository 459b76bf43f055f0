#pragma once
// Tolerant readers for the report room's JSON files (run folders, summaries): a missing key or a
// value of the wrong type gives the default, never an exception, so a damaged file still loads.

#include <QString>

#include <initializer_list>
#include <nlohmann/json.hpp>

namespace stampede::report {

/// The value at `path` (object keys), or nullptr.
inline const nlohmann::json *jsonAt(const nlohmann::json &j, std::initializer_list<const char *> path)
{
    const nlohmann::json *at = &j;
    for (const char *key : path) {
        if (!at->is_object())
            return nullptr;
        const auto it = at->find(key);
        if (it == at->end())
            return nullptr;
        at = &*it;
    }
    return at;
}

template <typename T> T jsonValue(const nlohmann::json &j, std::initializer_list<const char *> path, T fallback)
{
    const nlohmann::json *at = jsonAt(j, path);
    if (!at)
        return fallback;
    if constexpr (std::is_same_v<T, bool>) {
        return at->is_boolean() ? at->get<bool>() : fallback;
    } else {
        return at->is_number() ? at->get<T>() : fallback;
    }
}

inline QString jsonString(const nlohmann::json &j, std::initializer_list<const char *> path)
{
    const nlohmann::json *at = jsonAt(j, path);
    return at && at->is_string() ? QString::fromStdString(at->get<std::string>()) : QString();
}

} // namespace stampede::report
