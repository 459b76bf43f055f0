#include "metrics/failuregroups.h"

#include <algorithm>

namespace stampede::metrics {

QString FailureGroups::foldMessage(const QString &message)
{
    QString out;
    out.reserve(std::min<qsizetype>(message.size(), 160));
    bool inDigits = false;
    for (QChar c : message) {
        if (out.size() >= 160)
            break;
        if (c.isDigit()) {
            if (!inDigits)
                out += QLatin1Char('#');
            inDigits = true;
            continue;
        }
        inDigits = false;
        out += c;
    }
    return out.trimmed();
}

void FailureGroups::add(const RequestOutcome &outcome, const QString &model)
{
    if (!outcome.failed()) // successes, and the run's own cancellations
        return;
    ++m_total;
    const QString errorKey = metrics::errorKey(outcome.errorClass, outcome.httpStatus);
    QString folded = foldMessage(outcome.errorMessage);
    QString key = errorKey + QLatin1Char('\n') + folded;
    auto it = m_index.constFind(key);
    if (it == m_index.cend() && m_groups.size() >= kMaxGroups) {
        folded = QStringLiteral("(other messages)");
        key = errorKey + QLatin1Char('\n') + folded;
        it = m_index.constFind(key);
    }
    const std::int64_t atMs = std::max<std::int64_t>(0, outcome.endNs) / 1000000;
    if (it == m_index.cend()) {
        FailureGroup group;
        group.errorKey = errorKey;
        group.httpStatus = outcome.httpStatus;
        group.message = folded;
        group.firstSeenMs = atMs;
        m_index.insert(key, int(m_groups.size()));
        m_groups.append(group);
        it = m_index.constFind(key);
    }
    FailureGroup &group = m_groups[*it];
    ++group.count;
    group.lastSeenMs = std::max(group.lastSeenMs, atMs);
    group.firstSeenMs = std::min(group.firstSeenMs, atMs);
    group.example = outcome.errorMessage;
    group.exampleRequestId = outcome.requestId;
    group.lastModel = model;
    m_dirty = true;
}

QList<FailureGroup> FailureGroups::groups() const
{
    if (m_dirty) {
        m_sorted = m_groups;
        std::stable_sort(m_sorted.begin(), m_sorted.end(),
            [](const FailureGroup &a, const FailureGroup &b) { return a.count > b.count; });
        m_dirty = false;
    }
    return m_sorted;
}

} // namespace stampede::metrics
