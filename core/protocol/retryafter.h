#pragma once

#include <QByteArray>
#include <QDateTime>
#include <optional>

namespace stampede::protocol {

/// Parses a Retry-After header value: delta-seconds ("2", "1.5") or an HTTP-date
/// ("Wed, 21 Oct 2015 07:28:00 GMT"), relative to `now`. Returns the delay in ms (>= 0).
std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now);

} // namespace stampede::protocol
