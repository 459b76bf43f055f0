#pragma once
// What a captured response header says in numbers (docs/metrics.md, "Gateway headers"): the
// transports keep the headers a scenario's capture_headers selects (RequestOutcome::headers); this
// turns each into readings the aggregator keeps statistics of (metrics/headerstats.h).

#include "metrics/requestoutcome.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace stampede::metrics {

/// A text value (cache status, ...) is kept to this many bytes.
inline constexpr int kMaxHeaderTextBytes = 64;

/// One reading of one header: a number (a series of its own, named `name`), or a short text (its
/// values are counted).
struct HeaderReading {
    QByteArray name; ///< lowercase; Server-Timing entries are "server-timing.<entry>"
    double number = 0;
    bool isNumber = false;
    QByteArray text; ///< !isNumber: the value, at most kMaxHeaderTextBytes
};

/// Appends what `header` says:
///   - a plain number ("59", "0.25", "1e3") as is;
///   - a Go-style duration, as OpenAI sends in x-ratelimit-reset-* ("1s", "6m0s", "20ms"), in seconds;
///   - Server-Timing: each entry's `dur` (ms) as "server-timing.<entry>" (at most 8 entries);
///   - anything else as text.
void readHeader(const CapturedHeader &header, std::vector<HeaderReading> &out);

/// A Go-style duration ("6m0s", "20ms", "1.5s", "2h", "3us") in seconds; false when `text` is not one.
bool parseGoDuration(QByteArrayView text, double *seconds);

} // namespace stampede::metrics
