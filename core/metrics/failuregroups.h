#pragma once
// Failures grouped by class and message, so that 100,000 failures are a few rows with counts
// (Locust #2704). Messages are grouped with digits folded ("after 1503 ms" ~ "after 1498 ms");
// the latest raw message of each group is kept as its example. Bounded: past kMaxGroups, new
// kinds fold into one "other" row per error class.

#include "metrics/requestoutcome.h"

#include <QHash>
#include <QList>
#include <QString>

namespace stampede::metrics {

struct FailureGroup {
    QString errorKey; ///< "http_429", "timeout", ...
    int httpStatus = 0;
    QString message; ///< the grouping text (digits folded)
    QString example; ///< the latest raw message (already redacted by the engine)
    QString lastModel;
    std::int64_t count = 0;
    std::int64_t firstSeenMs = 0; ///< run time of the first and latest failure of this group
    std::int64_t lastSeenMs = 0;
    QString exampleRequestId
        = {}; ///< the gateway's request id of that example (x-request-id, ...), to find it in its logs
};

class FailureGroups
{
public:
    static constexpr int kMaxGroups = 500;

    void add(const RequestOutcome &outcome, const QString &model);
    /// Most frequent first; cheap when nothing changed since the last call (implicitly shared).
    QList<FailureGroup> groups() const;
    std::int64_t total() const { return m_total; }

    /// "connection timed out after 1503 ms" -> "connection timed out after # ms", at most 160 chars.
    static QString foldMessage(const QString &message);

private:
    QHash<QString, int> m_index; ///< key -> position in m_groups
    QList<FailureGroup> m_groups;
    std::int64_t m_total = 0;
    mutable QList<FailureGroup> m_sorted;
    mutable bool m_dirty = false;
};

} // namespace stampede::metrics
